"""End-to-end cases: `vtfsim gap` (the funding gap at the start, MODEL.md section 7) in its three
formats and its bad inputs, and /funding_gap in a run's results file: shapes, units, totals that
are the sums of their rows, and the same start values as the command prints.
Registered in e2e_support.CASES when e2e.py imports this module."""
import csv
import io
import json
import math
import re

from e2e_support import (BAD_DIR, EXIT_BAD_INPUT, EXIT_OK, case, check, expect_error, listing)

ESTIMATES = ["low", "best", "high"]


def close(a, b, rel=1e-9):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-6)


@case("command/gap_table")
def gap_table(ctx):
    code, out, _ = ctx.run("gap")
    check(code == EXIT_OK, f"exit code {code}")
    check('Funding gap at the start (2026-01-01), scenario "declining/lenient"' in out,
          f"no heading: {out[:300]!r}")
    check('rules of policy "annual_usd=2M"' in out, "the policy whose rules apply is named")
    rows = [line for line in out.splitlines() if re.match(r"^\S.*\s(yes|no: .*)$", line)]
    check(len(rows) == 35, f"{len(rows)} State rows, expected 35")
    for name, expect in [("Croatia", "high income"), ("Argentina", "no access"),
                         ("Oman", "completed"), ("Chad", "yes")]:
        row = next(r for r in rows if r.startswith(name))
        check(row.endswith(expect) or expect in row, f"{name}: {row!r}")
    burkina = next(r for r in rows if r.startswith("Burkina Faso"))
    check("(in breach)" in burkina and "C, regional_median" in burkina, f"{burkina!r}")
    argentina = next(r for r in rows if r.startswith("Argentina"))
    check("(no range)" in argentina, f"a State without a bracket says so: {argentina!r}")
    check(re.search(r"^All 35 States: cost to complete \$[\d.]+B \[", out, re.M), "no total")
    check(re.search(r"^The \d+ States that meet the eligibility rules: ", out, re.M),
          "no eligible total")
    check(listing(ctx.dir) == [], "gap wrote files")


def gap_json(ctx, *args):
    code, out, _ = ctx.run("gap", *args, "--format", "json")
    check(code == EXIT_OK, f"exit code {code}")
    return json.loads(out)


@case("command/gap_csv_json")
def gap_csv_json(ctx):
    j = gap_json(ctx, ctx.quick_toml)
    code, out, _ = ctx.run("gap", ctx.quick_toml, "--format", "csv")
    check(code == EXIT_OK, f"exit code {code}")
    rows = list(csv.DictReader(io.StringIO(out)))
    check(len(rows) == 35 and len(j["states"]) == 35, f"{len(rows)} csv rows")
    check(j["scenario"] == "declining" and j["eligibility_policy"] == "annual_usd=5M", f"{j}")
    for r, s in zip(rows, j["states"]):
        check(r["iso3"] == s["iso3"], "csv and json in the same order")
        for e in ESTIMATES:
            cost, gap = float(r[f"cost_to_complete_usd_{e}"]), float(r[f"gap_usd_{e}"])
            check(close(gap, s[f"gap_usd_{e}"]) and close(cost, s[f"cost_to_complete_usd_{e}"]),
                  f"{r['iso3']}: csv and json differ")
            check(close(gap, max(0.0, cost - float(r["expected_usd"]))), f"{r['iso3']} {e} gap")
        check(close(float(r["expected_usd"]),
                    float(r["usable_usd_per_year"]) * float(r["years_to_deadline"])),
              f"{r['iso3']}: expected = usable x years")
        rules = ["obligation_outstanding", "has_access", "meets_support_rule", "meets_ldc_rule",
                 "meets_income_rule"]
        check((r["eligible"] == "1") == all(r[k] == "1" for k in rules), f"{r['iso3']} eligible")
    for which, pick in [("all", lambda s: True), ("eligible", lambda s: s["eligible"])]:
        t = j["totals"][which]
        chosen = [s for s in j["states"] if pick(s)]
        check(t["states"] == len(chosen), f"{which}: {t['states']} States")
        for e in ESTIMATES:
            check(close(t["gap_usd"][e], sum(s[f"gap_usd_{e}"] for s in chosen)),
                  f"{which} gap {e} is not the sum of its rows")
            check(close(t["cost_to_complete_usd"][e],
                        sum(s[f"cost_to_complete_usd_{e}"] for s in chosen)), f"{which} cost")
        check(close(t["expected_usd"], sum(s["expected_usd"] for s in chosen)), "expected")
    for e in ESTIMATES:
        check(j["totals"]["eligible"]["gap_usd"][e] <= j["totals"]["all"]["gap_usd"][e],
              "the eligible States' gap is part of the whole")
    # Another policy's rules: LDCs only makes fewer States eligible.
    strict = ctx.dir / "ldc_required.toml"
    strict.write_text(ctx.quick_toml.read_text().replace(
        "vtf.annual_usd = [5e6, 20e6]",
        'vtf.annual_usd = [5e6]\nvtf.eligibility.ldc = ["priority", "required"]'))
    check(gap_json(ctx, strict)["eligibility_policy"] == "priority",
          "by default, the rules of the first fund policy with the default levers")
    j2 = gap_json(ctx, strict, "--policy", "required")
    check(j2["eligibility_policy"] == "required", "--policy chooses the rules")
    check(j2["totals"]["eligible"]["states"] < j["totals"]["eligible"]["states"],
          "LDCs only: fewer eligible States")
    strict.unlink()
    check(listing(ctx.dir) == [], "gap wrote files")


@case("bad/gap_unknown_scenario_or_policy")
def gap_unknown(ctx):
    code, out, err = ctx.run("gap", ctx.quick_toml, "--scenario", "booming")
    expect_error(code, err, EXIT_BAD_INPUT, 'gap: no scenario "booming"', str(ctx.quick_toml),
                 "its scenarios: declining", out=out)
    code, out, err = ctx.run("gap", "--policy", "annual_usd=7M")
    expect_error(code, err, EXIT_BAD_INPUT, 'gap: no policy "annual_usd=7M"',
                 "annual_usd=2M", out=out)
    code, out, err = ctx.run("gap", "--format", "xml")
    check(code == EXIT_BAD_INPUT, f"--format xml: exit code {code}")
    check(listing(ctx.dir) == [], "gap wrote files")


@case("bad/gap_bad_scenario_file")
def gap_bad_file(ctx):
    bad = BAD_DIR / "negative_money.toml"
    code, out, err = ctx.run("gap", bad)
    expect_error(code, err, EXIT_BAD_INPUT, f"{bad}:7:", "key 'vtf.grant_cap_usd'", out=out)
    missing = ctx.dir / "no_such_study.toml"
    code, out, err = ctx.run("gap", missing)
    expect_error(code, err, EXIT_BAD_INPUT, str(missing), "cannot read the scenario file",
                 out=out)
    check(listing(ctx.dir) == [], "gap wrote files")


@case("run/funding_gap", fixture="requires")
def funding_gap_in_file(ctx):
    import h5py
    from cases_run import open_group
    S, E, Y = 1, 35, 20
    with h5py.File(ctx.quick_h5, "r") as f:
        g = f["funding_gap"]
        check(g.attrs["eligibility_policy"] == "annual_usd=5M", "the rules' policy is recorded")
        shapes = {"area_km2": (S, E, 3), "cost_to_complete_usd": (S, E, 3), "gap_usd": (S, E, 3),
                  "years_to_complete": (S, E, 3), "usable_usd_per_year": (S, E),
                  "expected_usd": (S, E), "deadline": (S, E), "eligible": (S, E),
                  "total_gap_usd": (S, 3), "eligible_gap_usd": (S, 3), "eligible_states": (S,),
                  "baseline_remaining_km2": (S, Y, E), "baseline_gap_usd": (S, Y, E),
                  "baseline_total_gap_usd": (S, Y), "baseline_eligible_gap_usd": (S, Y)}
        for name, shape in shapes.items():
            check(g[name].shape == shape, f"/funding_gap/{name}: {g[name].shape} != {shape}")
        for name, ds in g.items():
            if name in ("scenario", "state", "year", "area_estimate", "deadline"):
                continue
            check("units" in ds.attrs, f"/funding_gap/{name} has no units")
        gap, eligible = g["gap_usd"][0], g["eligible"][0]
        for b in range(3):
            check(close(g["total_gap_usd"][0, b], gap[:, b].sum()), "total = sum of the rows")
            check(close(g["eligible_gap_usd"][0, b], gap[eligible == 1, b].sum()), "eligible")
        check(g["eligible_states"][0] == eligible.sum(), "eligible States counted")
        base = g["baseline_gap_usd"][0]
        for y in range(Y):
            check(close(g["baseline_total_gap_usd"][0, y], base[y].sum()), f"year {y} total")
            check(g["baseline_eligible_gap_usd"][0, y] <= g["baseline_total_gap_usd"][0, y],
                  "eligible part of the whole")
        # The baseline's remaining area is the no-fund trajectory's mean.
        traj = f["trajectories/area_remaining_km2_mean"][0, 0]  # [state, year]
        check((base >= 0).all() and (g["baseline_remaining_km2"][0] == traj.T).all(),
              "baseline area = /trajectories' no-fund mean")
        file_gap = g["gap_usd"][0, :, 1]
    ds = open_group(ctx.quick_h5, "funding_gap")
    check(set(ds.gap_usd.dims) == {"scenario", "state", "area_estimate"}, f"{ds.gap_usd.dims}")
    check(float(ds.gap_usd.sel(state="Chad", area_estimate="best")[0]) > 0, "xarray selects")
    # The file holds what `vtfsim gap` prints for the same scenario file.
    j = gap_json(ctx, ctx.quick_toml)
    check(all(close(a, s["gap_usd_best"]) for a, s in zip(file_gap, j["states"])),
          "the file's start values are the command's")
