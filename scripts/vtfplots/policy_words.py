"""The words for the policies a study ran: the fund sizes, then the Terms of Reference variants
by name with the rules they change (from /findings/sizes and /policies/parameters_set, which
vtfsim writes; never the cross-product of the levers' values)."""
from . import findings
from .results import size_words


def _value(design, dotted, p):
    column = dotted.replace(".", "_")
    if column not in design:
        return None
    v = design[column].values[p]
    v = v.decode() if isinstance(v, bytes) else v
    return f"{v:,.0f}" if isinstance(v, float) and abs(v) >= 1000 else f"{v}"


def variant_words(results, p, parameters):
    """'ldc_required_10M (vtf.eligibility.ldc = required, at $10M a year)'."""
    design = results.group("policies")
    changed = []
    for name in (parameters or {}).get(p, []):
        if name == "vtf.annual_usd":
            continue
        value = _value(design, name, p)
        changed.append(name if value is None else f"{name} = {value}")
    at = f"at {size_words(results.fund_usd[p])}"
    return f"{results.policies[p]} ({', '.join(changed + [at])})"


def sizes_words(results, funds):
    """'2, 5, 10, 20 or 50 million US dollars a year'."""
    values = [f"{usd / 1e6:g}" for usd in sorted(set(results.fund_usd[funds]))]
    listed = values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]
    return listed + " million US dollars a year"


def simulated(results, funds):
    """The funds of 'What was simulated': the sizes, then the variants named."""
    text = sizes_words(results, funds)
    if len(funds) > len(set(results.fund_usd[funds])):  # sizes sharing a target (older files)
        text += f" ({len(funds)} fund policies, listed under Assumptions and data)"
    others = [p for p in results.fund_policies() if p not in funds]
    if not others:
        return text
    parameters = findings.parameters_set(results)
    named = "; ".join(variant_words(results, p, parameters) for p in others)
    kind = "Terms of Reference variant" + ("s" if len(others) != 1 else "")
    return f"{text}, and with {len(others)} {kind}: {named}"
