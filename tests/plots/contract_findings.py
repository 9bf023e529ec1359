"""Test fixture only: adds to a COPY of a results file the datasets questions/ writes for the
report under the contract of docs/results-format.md (/findings/sizes, /findings/rule_variants,
/policies/parameters_set), each only where the file lacks it, so that the plotting tests check
the report's use of them before (and after) the vtfsim that writes them. The numbers of
rule_variants are /pairs' at the first named scenario, as the contract says; its statement is
marked so that a test can find it in the report."""
import h5py
import numpy as np

STATEMENT = "- Terms of Reference variants (test statement): {pairs}."
OUTCOMES = ("completed_by_2030", "completed_by_2035", "completed_by_horizon",
            "extension_requests")
DOTTED = {"vtf_eligibility_ldc": "vtf.eligibility.ldc"}
TEXT = h5py.string_dtype("utf-8")


def dotted(column):
    return DOTTED.get(column, column.replace("_", ".", 1))


def _parameters_set(f):
    """Columns of /policies each policy sets away from the first grid size (policy 1)."""
    pol = f["policies"]
    cols = [c for c in pol if c not in ("policy", "name") and pol[c].ndim == 1]
    n = pol["vtf_annual_usd"].shape[0]
    out = []
    for p in range(n):
        if p == 0:
            out.append("vtf.enabled")
            continue
        names = {"vtf.annual_usd"} | {dotted(c) for c in cols
                                      if c != "vtf_annual_usd" and pol[c][p] != pol[c][1]}
        out.append(", ".join(sorted(names)))
    return out


def _write_table(f, name, axis, columns, statement):
    g = f.create_group(f"findings/{name}")
    g.attrs["statement"] = statement
    g.attrs["scenario"] = ""
    g.attrs["policy"] = ""
    g[axis] = np.arange(len(next(iter(columns.values()))), dtype=np.int64)
    g[axis].make_scale(axis)
    for k, v in columns.items():
        v = np.asarray(v)
        d = g.create_dataset(k, data=v.astype(object) if v.dtype.kind in "US" else v,
                             dtype=TEXT if v.dtype.kind in "USO" else v.dtype)
        d.dims[0].attach_scale(g[axis])


def add(path):
    """Adds what is missing; returns the names added."""
    added = []
    with h5py.File(path, "r+") as f:
        policies = list(f["policy"].asstr()[...])
        if "policies/parameters_set" not in f:
            d = f["policies"].create_dataset("parameters_set", data=_parameters_set(f),
                                             dtype=TEXT)
            d.dims[0].attach_scale(f["policies/policy"])
            added.append("policies/parameters_set")
        sets = list(f["policies/parameters_set"].asstr()[...])
        usd = f["policies/vtf_annual_usd"][...]
        if "findings/sizes" not in f:
            sizes = sorted((p for p in range(1, len(policies)) if sets[p] == "vtf.annual_usd"),
                           key=lambda p: (usd[p], p))
            _write_table(f, "sizes", "fund", {"policy": [policies[p] for p in sizes],
                                              "annual_usd": usd[sizes].astype(float)}, "")
            added.append("findings/sizes")
        if "findings/rule_variants" not in f and "pairs" in f:
            s = int(np.flatnonzero(f["scenarios/sampled"][...] == 0)[0])
            pairs = f["pairs"]
            cols = {"policy": list(pairs["pair_policy"].asstr()[...]),
                    "baseline": list(pairs["pair_baseline"].asstr()[...])}
            for o in OUTCOMES:
                for k in ("mean", "ci_low", "ci_high", "p_better"):
                    cols[f"{o}_{k}"] = pairs[f"{o}/{k}"][s, :]
            cols["vtf_received_usd_mean"] = pairs["vtf_received_usd_difference"][s, :]
            cols["best_in_scenarios"] = (pairs["completed_by_2030/mean"][...] > 0).sum(
                axis=0).astype(np.int64)
            cols["scenarios"] = np.full(len(cols["policy"]), pairs["completed_by_2030/mean"]
                                        .shape[0], dtype=np.int64)
            text = ", ".join(f"{p} vs {b}" for p, b in zip(cols["policy"], cols["baseline"]))
            _write_table(f, "rule_variants", "pair", cols, STATEMENT.format(pairs=text))
            added.append("findings/rule_variants")
    return added
