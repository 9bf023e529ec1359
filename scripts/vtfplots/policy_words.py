"""The words for a Terms of Reference variant: the rules it changes (from
/policies/parameters_set, which vtfsim writes; never the cross-product of the levers' values)."""


def _value(design, dotted, p):
    column = dotted.replace(".", "_")
    if column not in design:
        return None
    v = design[column].values[p]
    v = v.decode() if isinstance(v, bytes) else v
    return f"{v:,.0f}" if isinstance(v, float) and abs(v) >= 1000 else f"{v}"


def changed_rules(results, p, parameters):
    """['vtf.eligibility.ldc = required']: the rules policy p sets, other than its size."""
    design = results.group("policies")
    changed = []
    for name in (parameters or {}).get(p, []):
        if name in ("vtf.annual_usd", "vtf.enabled"):
            continue
        value = _value(design, name, p)
        changed.append(name if value is None else f"{name} = {value}")
    return changed
