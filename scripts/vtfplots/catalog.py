"""The standard figures, in the order the report shows them. The figure modules (and with them
matplotlib) are imported only when a figure is drawn, so that bad input is reported at once."""
import importlib

NAMES = ["decision", "dose_response", "completions", "extensions", "by_state", "fan", "money",
         "robustness", "tradeoffs", "funding_gap", "sensitivity", "prim_tradeoff", "prim_box",
         "variants"]
MODULES = {"decision": "fig_decision", "dose_response": "fig_dose_response",
           "completions": "fig_completions", "extensions": "fig_extensions",
           "by_state": "fig_states", "fan": "fig_fan", "money": "fig_money",
           "robustness": "fig_robustness", "tradeoffs": "fig_tradeoffs",
           "funding_gap": "fig_gap",
           "sensitivity": "fig_sensitivity", "prim_tradeoff": "fig_prim_tradeoff",
           "prim_box": "fig_prim_box", "variants": "fig_variants"}


def by_name(name):
    return importlib.import_module(f"{__package__}.{MODULES[name]}")


def available(module, results):
    """Whether the file has what the figure needs: a module with available() says (e.g. the
    sensitivity, PRIM and variants figures); the others can be drawn from any results file."""
    check = getattr(module, "available", None)
    return check(results) if check else True
