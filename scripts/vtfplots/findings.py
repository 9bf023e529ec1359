"""The findings vtfsim computed once and stored in the results file (/findings, written by
questions/findings.cpp at the end of `vtfsim run` and `vtfsim merge`): the report and the figures
read their numbers there instead of re-deriving them, so they state what `vtfsim run` and
`vtfsim compare` print (docs/results-format.md, "/findings")."""
import math

import numpy as np

from .errors import InputError

# The groups the report reads; a file without them was written by an older vtfsim.
NEEDED = ("findings/which_sizes", "findings/main_answer", "findings/by_state",
          "findings/data_behind")


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def require(results):
    """An InputError unless the file has the findings the report and figures read."""
    missing = [g for g in NEEDED if not results.has(g)]
    if missing:
        raise InputError(f"{results.path}: no /{missing[0]} (the findings vtfsim stores at the "
                         "end of a run): the file was written by an older vtfsim; run the study "
                         "again, or merge its shards, with this vtfsim to report on it")


def group(results, name):
    require(results)
    return results.group(f"findings/{name}")


def where_it_fails(results):
    """The sentence of /findings/where_it_fails (under which futures the chosen fund adds no
    State by 2030, from vtfsim's scenario discovery), or None when the file has none."""
    if not results.has("findings/where_it_fails"):
        return None
    return _text(results.group("findings/where_it_fails").attrs["sentence"])


def data_behind_sentence(results, s, p):
    """The sentence on the data behind the effect of policy p in scenario s, as `vtfsim run`
    prints it for its fund; None when the effect is too small to share out."""
    text = _text(group(results, "data_behind")["sentence"].values[s, p])
    return text or None


def data_behind_effect(results, s, p):
    return float(group(results, "data_behind")["effect"].values[s, p])


def state_rows(results, scenario, policy):
    """One dict per State from /findings/by_state: median first-completion year (inf when not
    within the run), shares complete by 2030 and at the horizon, fund money, without the fund
    (policy 0) and with policy `policy`."""
    g = group(results, "by_state")
    median = g["median_completion_year"].values[scenario]  # [policy, state]
    by_2030 = g["p_complete_by_2030"].values[scenario]
    at_horizon = g["p_complete_at_horizon"].values[scenario]
    received = g["vtf_received_usd"].values[scenario]

    def year(y):
        return math.inf if not np.isfinite(y) else float(y)

    return [{"state": state, "iso3": results.iso3[i], "ldc": results.ldc[i],
             "median_no_fund": year(median[0, i]), "median_fund": year(median[policy, i]),
             "p2030_no_fund": float(by_2030[0, i]), "p2030_fund": float(by_2030[policy, i]),
             "p_horizon_no_fund": float(at_horizon[0, i]),
             "p_horizon_fund": float(at_horizon[policy, i]),
             "received_usd": float(received[policy, i])}
            for i, state in enumerate(results.states)]


def order(rows):
    """Earliest median completion (no fund, then fund) first; never-completing States last,
    those with the better chance of completing first."""
    return sorted(range(len(rows)), key=lambda i: (rows[i]["median_no_fund"],
                                                   rows[i]["median_fund"],
                                                   -rows[i]["p_horizon_fund"], rows[i]["state"]))


# --- sizes and Terms of Reference variants (questions/ decides; docs/results-format.md) --------
def _columns(results, name):
    """{dataset: 1-D array} and the statement of /findings/<name>, or None if it is absent."""
    import h5py

    with h5py.File(results.path, "r") as f:
        if f"findings/{name}" not in f:
            return None
        g = f[f"findings/{name}"]
        cols = {k: (g[k].asstr()[...] if g[k].dtype.kind in "OSU" else g[k][...])
                for k in g if isinstance(g[k], h5py.Dataset) and g[k].ndim == 1}
        return cols, _text(g.attrs.get("statement", ""))


def sizes(results):
    """Indices of the policies that are fund sizes, smallest first: /findings/sizes (those that
    differ from the study's base only in the fund's annual target); in files without it, every
    fund policy."""
    found = _columns(results, "sizes")
    if found is None:
        return sorted(results.fund_policies(), key=lambda p: (results.fund_usd[p], p))
    return [results.policies.index(str(name)) for name in found[0]["policy"]]


def has_sizes(results):
    return _columns(results, "sizes") is not None


def rule_variants(results):
    """/findings/rule_variants as (rows, statement): one dict per pair with its columns
    (policy, baseline, <outcome>_mean/_ci_low/_ci_high/_p_better, vtf_received_usd_mean,
    best_in_scenarios, scenarios); None when the file has no such finding (no pairs)."""
    found = _columns(results, "rule_variants")
    if found is None:
        return None
    cols, statement = found
    n = len(cols.get("policy", []))
    rows = [{k: (str(v[i]) if v.dtype.kind in "OSU" else v[i].item()) for k, v in cols.items()}
            for i in range(n)]
    return rows, statement


def parameters_set(results):
    """{policy index: [dotted parameter names it sets away from the base]} from
    /policies/parameters_set; None in files without it."""
    import h5py

    with h5py.File(results.path, "r") as f:
        if "policies/parameters_set" not in f:
            return None
        text = f["policies/parameters_set"].asstr()[...]
    return {p: [t.strip() for t in str(s).split(",") if t.strip()] for p, s in enumerate(text)}
