"""Extension requests and extension-years avoided by a fund, against fund size."""
from . import effect_lines, style

NAME = "extensions"
TITLE = "Extension requests avoided with a fund"
NEEDS = ("/comparison/extension_requests", "/comparison/extension_years_granted")

available = effect_lines.available
missing = effect_lines.missing


def build(results, choice):
    fig = style.new_figure()
    left, right = fig.subplots(1, 2)
    effect_lines.draw(left, results, choice, "extension_requests", -1,
                      "requests avoided (no fund − fund)",
                      f"Article 5 extension requests avoided, {results.start}–{results.horizon}")
    effect_lines.draw(right, results, choice, "extension_years_granted", -1,
                      "extension years avoided (no fund − fund)",
                      "Years of extension avoided (granted years)")
    right.legend(loc="lower right", frameon=True, framealpha=0.9)
    style.decorate(fig, results, f"{TITLE}, by fund size",
                   effect_lines.subtitle(results, choice,
                                         "Fewer extension requests and years with the fund"))
    return fig


def caption(results, choice):
    return ("Article 5 extension requests, and years of extension granted, that a fund avoids "
            f"over {results.start}–{results.horizon}, against the fund's annual target: the mean "
            "paired difference no fund minus fund (positive = fewer with the fund) and its 95% "
            "confidence interval.")
