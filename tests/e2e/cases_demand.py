"""End-to-end cases: the fund's demand (MODEL.md 7, v1.2) in the results file and
`vtfsim compare --demand`: the counters agree in every replication, the view's numbers are those
computed here from the outcome arrays, the size above which extra money mostly sits idle is found
(or said not found) as docs/model.md defines it, and every bad input is one message, exit 2.
Registered in e2e_support.CASES when e2e.py imports this module."""
import csv
import io
import json
import shutil

from e2e_support import EXIT_BAD_INPUT, EXIT_OK, case, check, expect_error

DEMAND = ["vtf_calls", "vtf_calls_short", "vtf_eligible_state_years", "vtf_applications",
          "vtf_grants_made", "vtf_requested_usd", "vtf_refused_usd", "vtf_spent_usd",
          "intl_crowded_out_usd"]
MONEY = ["vtf_granted_usd", "vtf_received_usd", "vtf_admin_usd", "vtf_idle_usd",
         "vtf_disbursed_usd", "vtf_returned_usd"]


def read_file(path):
    import h5py
    import numpy as np
    with h5py.File(path, "r") as f:
        out = {k: f["outcomes"][k][...].astype(float) for k in DEMAND + MONEY}
        out["gain"] = f["comparison/completed_by_horizon/mean"][...]
        out["cost"] = f["comparison/cost_per_additional_completion_usd"][...]
        out["scenario"] = list(f["scenario"].asstr()[...])
        out["policy"] = list(f["policy"].asstr()[...])
        out["size"] = f["policies/vtf_annual_usd"][...]
        out["crowded_by_state"] = f["outcomes_by_state/intl_crowded_out_usd"][...]
        t = f["trajectories"]
        out["series"] = {k: t[k][...] for k in t if k.startswith("vtf_") and k.endswith(
            ("_by_year", "_by_year_usd"))}
        out["crowded_by_year"] = t["intl_crowded_out_usd"][...]
    out["np"] = np
    return out


@case("demand/invariants", fixture="requires")
def invariants(ctx):
    d = read_file(ctx.quick_h5)
    np = d["np"]
    tol = 1e-6 * max(1.0, float(d["vtf_requested_usd"].max()))
    check(np.all(d["vtf_applications"] >= d["vtf_grants_made"]), "applications >= grants made")
    check(np.all(d["vtf_eligible_state_years"] >= d["vtf_applications"]), "eligible >= applied")
    check(np.all(d["vtf_refused_usd"] + d["vtf_granted_usd"] <= d["vtf_requested_usd"] + tol),
          "refused + granted <= requested")
    check(np.all(d["vtf_spent_usd"] <= d["vtf_disbursed_usd"] - d["vtf_returned_usd"] + tol),
          "spent <= disbursed - returned")
    check(np.all(d["vtf_calls_short"] <= d["vtf_calls"]), "calls short <= calls")
    check(np.all((d["vtf_refused_usd"] > 0) == (d["vtf_calls_short"] > 0)),
          "money refused exactly in replications with a call short of money")
    for k in DEMAND:
        check(np.all(d[k][:, 0, :] == 0), f"{k} is 0 for no_fund")
    check(np.all(d["vtf_refused_usd"][:, 1:, :].mean(axis=-1) > 0), "the funds refuse money")
    check(np.all(d["intl_crowded_out_usd"][:, 1:, :].mean(axis=-1) > 0),
          "additionality 0.8 crowds out bilateral aid")
    # Per State and per year, the same money.
    by_state = d["crowded_by_state"].sum(axis=-1)
    check(np.allclose(by_state, d["intl_crowded_out_usd"], rtol=1e-9, atol=1e-3),
          "per-State aid crowded out sums to the total")
    by_year = d["crowded_by_year"].sum(axis=(-1, -2))
    check(np.allclose(by_year, d["intl_crowded_out_usd"].mean(axis=-1), rtol=1e-9, atol=1e-3),
          "the yearly aid crowded out sums to the mean total")
    pairs = {"vtf_requested_by_year_usd": "vtf_requested_usd",
             "vtf_refused_by_year_usd": "vtf_refused_usd",
             "vtf_applications_by_year": "vtf_applications",
             "vtf_grants_made_by_year": "vtf_grants_made",
             "vtf_eligible_by_year": "vtf_eligible_state_years",
             "vtf_calls_short_by_year": "vtf_calls_short"}
    for series, outcome in pairs.items():
        check(series in d["series"], f"/trajectories/{series} is missing")
        check(np.allclose(d["series"][series].sum(axis=-1), d[outcome].mean(axis=-1),
                          rtol=1e-9, atol=1e-6), f"{series} summed over years != {outcome}")


def ratio(np, a, b):
    return a.mean() / b.mean()


@case("demand/compare_numbers", fixture="requires")
def compare_numbers(ctx):
    d = read_file(ctx.quick_h5)
    np = d["np"]
    code, out, err = ctx.run("compare", ctx.quick_h5, "--demand", "--format", "csv")
    check(code == EXIT_OK, f"exit code {code}: {err}")
    rows = list(csv.DictReader(io.StringIO(out)))
    got = {(r["scenario"], r["policy"], r["quantity"]): r for r in rows}
    seen = 0
    for s, scen in enumerate(d["scenario"]):
        for p, pol in enumerate(d["policy"]):
            if p == 0:
                check((scen, pol, "requested_per_granted") not in got, "no row for no_fund")
                continue
            x = {k: d[k][s, p, :] for k in DEMAND + MONEY}
            want = {
                "requested_per_granted": ratio(np, x["vtf_requested_usd"], x["vtf_granted_usd"]),
                "refused_share_of_requested": ratio(np, x["vtf_refused_usd"],
                                                    x["vtf_requested_usd"]),
                "calls_short_of_money_share": ratio(np, x["vtf_calls_short"], x["vtf_calls"]),
                "admin_share_of_received": ratio(np, x["vtf_admin_usd"], x["vtf_received_usd"]),
                "idle_share_of_received": ratio(np, x["vtf_idle_usd"], x["vtf_received_usd"]),
                "spent_by_states_usd": x["vtf_spent_usd"].mean(),
                "intl_crowded_out_usd": x["intl_crowded_out_usd"].mean(),
                "cost_per_extra_completion_spent_usd": x["vtf_spent_usd"].mean() / d["gain"][s, p],
                "cost_per_extra_completion_received_usd": d["cost"][s, p],
            }
            for q, v in want.items():
                r = got[(scen, pol, q)]
                check(abs(float(r["value"]) - v) <= 1e-9 * abs(v),
                      f"{scen} {pol} {q}: vtfsim {r['value']}, computed {v}")
                seen += 1
            # The ratio's 95% half-width, by the delta method.
            a, b = x["vtf_requested_usd"], x["vtf_granted_usd"]
            rr = a.mean() / b.mean()
            hw = 1.959963984540054 * np.std(a - rr * b, ddof=1) / np.sqrt(len(a)) / b.mean()
            got_hw = float(got[(scen, pol, "requested_per_granted")]["ci_half_width"])
            check(abs(got_hw - hw) <= 1e-6 * hw, f"half-width {got_hw} != {hw}")
    check(seen > 0, "no rows checked")
    code, out, _ = ctx.run("compare", ctx.quick_h5, "--demand", "--format", "json")
    check(code == EXIT_OK, f"json: exit code {code}")
    doc = json.loads(out)
    as_json = {(r["scenario"], r["policy"], r["quantity"]): r for r in doc["records"]}
    check(len(doc["records"]) == len(rows), "json: one record per csv row")
    for key, r in got.items():
        v = as_json[key]["value"]
        check((v is None and r["value"] == "") or float(r["value"]) == v, f"json {key}: {v}")
    check(len(doc["idle_thresholds"]) == len(d["scenario"]), "json: one threshold a scenario")
    code, out, _ = ctx.run("compare", ctx.quick_h5, "--demand")
    check(code == EXIT_OK, f"table: exit code {code}")
    for text in ["asked/granted", "calls short", "spent by States", "aid crowded out",
                 "annual_usd=5M", "annual_usd=20M", "within ±"]:
        check(text in out, f"the table lacks {text!r}")
    check("mostly sits idle" in out or "does not mostly sit idle" in out,
          "the idle-money sentence")


IDLE_STUDY = """
[study]
name = "idle"
replications = 60
seed = 11
[[scenario]]
name = "declining"
[levers]
vtf.annual_usd = [{sizes}]
"""


def idle_answer(ctx, sizes):
    """Runs a small study of fund sizes; returns (text of the view, the first size whose step up
    is more than half idle or administration, computed here: None if none, 0 for no fund)."""
    stem = "idle_" + "_".join(f"{s / 1e6:g}M" for s in sizes)
    path = ctx.dir / f"{stem}.toml"
    path.write_text(IDLE_STUDY.format(sizes=", ".join(f"{s:g}" for s in sizes)))
    h5 = ctx.dir / f"{stem}.h5"
    code, _, err = ctx.run("run", path, "-o", h5, "-q")
    check(code == EXIT_OK, f"run: exit code {code}: {err}")
    d = read_file(h5)
    order = sorted(range(1, len(d["policy"])), key=lambda p: d["size"][p])
    previous, answer = None, None
    for p in order:
        rec = d["vtf_received_usd"][0, p] - (d["vtf_received_usd"][0, previous] if previous is not None else 0)
        unused = d["vtf_idle_usd"][0, p] + d["vtf_admin_usd"][0, p]
        if previous is not None:
            unused = unused - d["vtf_idle_usd"][0, previous] - d["vtf_admin_usd"][0, previous]
        if answer is None and unused.mean() / rec.mean() > 0.5:
            answer = d["size"][previous] if previous is not None else 0.0
        previous = p
    code, out, err = ctx.run("compare", h5, "--demand")
    check(code == EXIT_OK, f"compare: exit code {code}: {err}")
    return out, answer


@case("demand/idle_threshold")
def idle_threshold(ctx):
    # A fund far larger than the demand: the extra money from 10M to 300M a year sits idle.
    out, answer = idle_answer(ctx, [10e6, 300e6])
    check(answer == 10e6, f"computed answer {answer}, expected 10M")
    check("Above $10M a year, extra money mostly sits idle or pays administration" in out,
          f"the view says: {out}")
    # 5M and 20M a year put most of each step's money to work: not found, and said so.
    out, answer = idle_answer(ctx, [5e6, 20e6])
    check(answer is None, f"computed answer {answer}, expected none")
    check("Extra money does not mostly sit idle or pay administration at any size run" in out,
          f"the view says: {out}")
    # A 1M fund spends most of what it receives on its own administration (300k a year + 7%).
    out, answer = idle_answer(ctx, [1e6, 2e6])
    check(answer == 0.0, f"computed answer {answer}, expected the step from no fund")
    check("Even the smallest fund's money mostly sits idle or pays administration" in out,
          f"the view says: {out}")


@case("demand/bad_inputs", fixture="requires")
def bad_inputs(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--demand", "--by-state")
    expect_error(code, err, EXIT_BAD_INPUT, "--demand is a view of its own", out=out)
    code, out, err = ctx.run("compare", ctx.quick_h5, "--sensitivity", "--demand")
    expect_error(code, err, EXIT_BAD_INPUT, "--demand is a view of its own", out=out)
    code, out, err = ctx.run("compare", ctx.quick_h5, "--demand", "--outcome", "vtf_idle_usd")
    expect_error(code, err, EXIT_BAD_INPUT, "--outcome does not apply", out=out)
    code, out, err = ctx.run("compare", ctx.quick_h5, "--demand", "--policy", "annual_usd=7M")
    expect_error(code, err, EXIT_BAD_INPUT, 'no fund policy named "annual_usd=7M"', out=out)
    code, out, err = ctx.run("compare", ctx.quick_h5, "--demand", "--scenario", "nowhere")
    expect_error(code, err, EXIT_BAD_INPUT, 'no scenario named "nowhere"', out=out)
    # A file written before the demand outcomes existed.
    import h5py
    old = ctx.dir / "old.h5"
    shutil.copy(ctx.quick_h5, old)
    with h5py.File(old, "r+") as f:
        del f["outcomes/vtf_requested_usd"]
    code, out, err = ctx.run("compare", old, "--demand")
    expect_error(code, err, EXIT_BAD_INPUT, "no /outcomes/vtf_requested_usd",
                 "run the study again", out=out)
