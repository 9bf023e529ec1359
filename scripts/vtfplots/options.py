"""The fund policies as the Working Group reads them: options in the order drawn (by family,
sizes smallest first), each with a short label in words. They come from /findings/decision
(docs/results-format.md); files written before it existed get the same shape from /findings/sizes
(the default rules' sizes) and the policy names, so no figure prints a raw parameter string."""
from dataclasses import dataclass

from .results import size_words

DEFAULT_FAMILY = "default rules"


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


@dataclass
class Option:
    policy: int  # index in /policy
    label: str  # short words for a legend or a tick
    family: str
    size_usd: float
    in_size_family: bool


def decision(results):
    """The /findings/decision group, or None in files written before it existed."""
    return results.group("findings/decision") if results.has("findings/decision") else None


def short_label(family, in_size_family, size_usd, name):
    """'$10M a year' for a size of the default rules, '$2M a year, allocation: lottery' for a
    size of another family, the study's policy name for a policy outside any family."""
    if not in_size_family:
        return name
    if family == DEFAULT_FAMILY:
        return size_words(size_usd)
    return f"{size_words(size_usd)}, {family}"


def options(results):
    if "_options" in results.__dict__:
        return results._options
    g = decision(results)
    if g is not None:
        names = [_text(n) for n in g["option"].values]
        out = [Option(results.policies.index(n), "", _text(f), float(u), bool(k))
               for n, f, u, k in zip(names, g["family"].values, g["size_usd_per_year"].values,
                                     g["in_size_family"].values)]
    else:
        out = _older_file_options(results)
    for o in out:
        o.label = short_label(o.family, o.in_size_family, o.size_usd, results.policies[o.policy])
    # sizes shared within one family would give two options one label: name them instead
    for o in out:
        if sum(q.label == o.label for q in out) > 1:
            o.label = results.policies[o.policy]
    results._options = out
    return out


def _older_file_options(results):
    """Options of a file without /findings/decision: the sizes (/findings/sizes) grouped by the
    values of the other levers that differ between them (a grid of sizes x rules), then the
    other fund policies by name."""
    design = results.group("policies")
    levers = results.varying_levers()
    grouped = {}
    for p in results.sizes():
        key = ", ".join(f"{c.removeprefix('vtf_').replace('_', ' ')}: {_text(design[c].values[p])}"
                        for c in levers if c != "parameters_set")
        grouped.setdefault(key, []).append(p)
    out = []
    for key, members in grouped.items():
        family = DEFAULT_FAMILY if len(grouped) == 1 or not key else key
        out += [Option(p, "", family, results.fund_usd[p], len(members) > 1) for p in members]
    out += [Option(p, "", results.policies[p], results.fund_usd[p], False)
            for p in results.fund_policies() if p not in results.sizes()]
    return out


def families(results):
    """[(family, [options of that family, smallest first])] in the order drawn."""
    grouped = {}
    for o in options(results):
        grouped.setdefault(o.family, []).append(o)
    return list(grouped.items())


def label(results, p):
    if p == 0:
        return "no fund"
    for o in options(results):
        if o.policy == p:
            return o.label
    return results.policies[p]
