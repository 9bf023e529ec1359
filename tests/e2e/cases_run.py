"""End-to-end cases: `vtfsim run` and the results file it writes, opened with h5py and xarray
(engine="h5netcdf"): named dimensions, shapes, units, provenance, and /comparison recomputed
from /outcomes.
Registered in e2e_support.CASES when e2e.py imports this module."""
import calendar
import re
import time
import tomllib

from e2e_support import (
    EXIT_OK, OUTCOMES, OUTCOMES_BY_STATE, PROVENANCE, QUICK_FIXTURE, T_975, case, check, listing)


@case(QUICK_FIXTURE, fixture="setup")
def run_quick(ctx):
    out_path = ctx.dir / "quick.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", out_path)
    check(code == EXIT_OK, f"exit code {code}")
    check(out_path.is_file(), "no results file")
    check(listing(ctx.dir) == ["quick.h5"], f"unexpected files: {listing(ctx.dir)}")
    # The table of INTERFACE.md: every fund policy, three of its four outcomes and the cost column
    # ("States left behind" only repeated minus the completions: docs/architecture.md,
    # deviations).
    check("Fund vs no fund" in out and "over 100 replications" in out, f"no table: {out!r}")
    for header in ["completed by 2030", "completed by horizon", "extension requests",
                   "cost per extra completion"]:
        check(header in out, f"the table has no column {header!r}")
    check("left behind" not in out.split("In plain words")[0], "no column of States left behind")
    rows = [line for line in out.splitlines() if line.startswith("annual_usd=")]
    check([r.split()[0] for r in rows] == ["annual_usd=5M", "annual_usd=20M"],
          f"expected one row per fund policy: {rows}")
    number = r"[+-]\d+\.\d+ \[[+-]\d+\.\d+, [+-]\d+\.\d+\]"
    for r in rows:
        check(len(re.findall(number, r)) == 3, f"expected 3 'mean [low, high]' cells: {r!r}")
    check("wrote " in err and str(out_path) in err, "stderr should say which file was written")


@case("run/default_output_path")
def run_default_output(ctx):
    # No -o: output/<study name>.h5 relative to the working directory, created if missing.
    code, out, err = ctx.run("run", ctx.quick_toml, "-r", "3", "--quiet")
    check(code == EXIT_OK, f"exit code {code}")
    check(listing(ctx.dir) == ["output", "output/quick.h5"], f"files: {listing(ctx.dir)}")
    check(err == "", f"--quiet should keep stderr empty: {err!r}")
    check("over 3 replications" in out, "the table should say 3 replications")


@case("run/force_replaces_existing_file")
def run_force(ctx):
    target = ctx.dir / "quick.h5"
    target.write_text("an older file")
    code, _, _ = ctx.run("run", ctx.quick_toml, "-r", "2", "-o", target, "--force", "--quiet")
    check(code == EXIT_OK, f"exit code {code}")
    check(target.read_bytes()[:8] == b"\x89HDF\r\n\x1a\n", "the file was not replaced by HDF5")
    check(listing(ctx.dir) == ["quick.h5"], f"files: {listing(ctx.dir)}")


def open_group(path, group=None):
    import xarray as xr
    ds = xr.open_dataset(path, engine="h5netcdf", group=group)
    phony = [d for d in ds.dims if str(d).startswith("phony_dim")]
    check(not phony, f"group {group or '/'} has unnamed (phony) dimensions {phony}")
    return ds


def expect_units(ds, group):
    for name, var in list(ds.data_vars.items()) + list(ds.coords.items()):
        if var.dtype.kind in "fiu":
            check("units" in var.attrs, f"{group}/{name} has no units attribute")


@case("run/results_file_layout", fixture="requires")
def results_file_layout(ctx):
    import h5py
    import numpy as np

    path = ctx.quick_h5
    study = tomllib.loads(ctx.quick_toml.read_text())
    R = study["study"]["replications"]
    S = len(study["scenario"])
    fund_sizes = study["levers"]["vtf"]["annual_usd"]
    P = 1 + len(fund_sizes)
    E = 35

    with h5py.File(path, "r") as f:
        a = f.attrs
        for name in PROVENANCE:
            check(name in a, f"root attribute {name} is missing")
        text = lambda name: a[name].decode() if isinstance(a[name], bytes) else str(a[name])
        check(int(a["seed"]) == study["study"]["seed"], "seed")
        check(int(a["replications"]) == R, "replications")
        check(text("scenario_toml") == ctx.quick_toml.read_text(),
              "scenario_toml is not the scenario file's full text")
        check(re.fullmatch(r"\d+\.\d+", text("model_spec_version")), "model_spec_version")
        check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text("created_utc")), "created_utc")
        created = calendar.timegm(time.strptime(text("created_utc"), "%Y-%m-%dT%H:%M:%SZ"))
        check(abs(created - time.time()) < 86400, "created_utc is not the time of the run")
        check(text("git_commit") != "", "git_commit is empty")
        check("run" in text("command_line") and "quick.toml" in text("command_line"),
              "command_line")
        _, version, _ = ctx.run("--version")
        check(text("vtfsim_version") in version, f"vtfsim_version vs --version {version!r}")
        check("shard" not in a and "shards" not in a, "a single run is not a shard")
        first, last = int(text("start_date")[:4]), int(text("horizon_date")[:4])
        Y = last - first + 1

        check(list(f["year"][...]) == list(range(first, last + 1)), "/year")
        check(list(f["replication"][...]) == list(range(R)), "/replication")
        policies = [p.decode() for p in f["policy"][...]]
        check(policies == ["no_fund"] + [f"annual_usd={x / 1e6:g}M" for x in fund_sizes],
              f"/policy {policies}")
        check(list(f["policies/vtf_annual_usd"][...]) == [0.0] + fund_sizes,
              "/policies/vtf_annual_usd")
        check(list(f["scenarios/donors_envelope_trend"][...]) ==
              [study["scenario"][0]["donors"]["envelope_trend"]], "/scenarios")
        # Format version 2: the scenario coordinate holds the names (no /scenario_name).
        scenario_names = [x.decode() for x in f["scenario"][...]]
        check(scenario_names == [s["name"] for s in study["scenario"]],
              f"/scenario {scenario_names}")
        check(int(a["results_format_version"]) == 2 and "scenario_name" not in f,
              "results format version 2, without /scenario_name")
        check(len(f["state"]) == E and len(f["state_iso3"]) == E, "35 States")
        check(all(re.fullmatch(rb"[A-Z]{3}", x) for x in f["state_iso3"][...]), "ISO3 codes")
        comparison_outcomes = sorted(k for k in f["comparison"] if isinstance(f["comparison"][k],
                                                                              h5py.Group))

    shapes = {"scenario": S, "policy": P, "replication": R, "state": E, "year": Y, "quantile": 3}
    root = open_group(path)
    check(dict(root.sizes) == shapes, f"root dimensions {dict(root.sizes)} != {shapes}")
    expect_units(root, "")

    def expect_group(group, names, dims):
        ds = open_group(path, group)
        expect_units(ds, group)
        if "scenario" in ds.dims:
            check(list(ds["scenario"].values) == scenario_names,
                  f"{group}: scenario coordinate {list(ds['scenario'].values)}")
            ds.sel(scenario=scenario_names[-1])  # select a scenario by name
        for name in names:
            check(name in ds, f"{group}/{name} is missing")
        for name, var in ds.data_vars.items():
            want = next((d for d in dims if len(d) == var.ndim), None)
            check(want is not None and var.dims == want, f"{group}/{name} has dims {var.dims}")
            check(var.shape == tuple(shapes[d] for d in want), f"{group}/{name} {var.shape}")
        return ds

    expect_group("outcomes", OUTCOMES, [("scenario", "policy", "replication")])
    expect_group("outcomes_by_state", OUTCOMES_BY_STATE,
                 [("scenario", "policy", "replication", "state")])
    traj = expect_group("trajectories", ["area_remaining_km2", "vtf_received_by_year_usd",
                                         "vtf_balance_usd"],
                        [("scenario", "policy", "state", "year", "quantile"),
                         ("scenario", "policy", "state", "year"),
                         ("scenario", "policy", "year")])
    # The fund's yearly flows add up to its totals over the run.
    outcomes = open_group(path, "outcomes")
    for flow in ["received", "admin", "granted", "disbursed", "returned"]:
        by_year = traj[f"vtf_{flow}_by_year_usd"].sum("year").values
        total = outcomes[f"vtf_{flow}_usd"].mean("replication").values
        check(np.allclose(by_year, total, rtol=1e-9, atol=1e-6),
              f"vtf_{flow}_by_year_usd summed over years {by_year} != /outcomes {total}")
    check(list(traj["quantile"].values) == [0.05, 0.5, 0.95], "quantiles")
    expect_group("scenarios", ["donors_envelope_trend"], [("scenario",)])
    expect_group("policies", ["vtf_annual_usd"], [("policy",)])
    expect_group("calibration", [], [("scenario", "state"), ("state",)])
    expect_group("comparison", [], [("scenario", "policy")])
    check(comparison_outcomes == sorted(OUTCOMES),
          f"/comparison groups {comparison_outcomes}")
    for o in comparison_outcomes:
        ds = expect_group(f"comparison/{o}",
                          ["mean", "stderr", "ci_low", "ci_high", "p_better"],
                          [("scenario", "policy")])
        check(np.isnan(ds["mean"].values[:, 0]).all(), f"{o}: the baseline's own row is not NaN")


@case("run/comparison_matches_outcomes", fixture="requires")
def comparison_matches_outcomes(ctx):
    """/comparison, recomputed from the per-replication /outcomes with numpy."""
    import h5py
    import numpy as np

    checked_ci = 0
    with h5py.File(ctx.quick_h5, "r") as f:
        for o in OUTCOMES:
            values = f["outcomes"][o][...].astype(float)  # [scenario, policy, replication]
            g = f["comparison"][o]
            better = g.attrs["better"]
            better = better.decode() if isinstance(better, bytes) else better
            for s in range(values.shape[0]):
                for p in range(1, values.shape[1]):
                    d = values[s, p] - values[s, 0]
                    d = d[~np.isnan(d)]
                    n = len(d)
                    mean = d.mean()
                    # Sums are exact over values truncated to multiples of 2^-32.
                    tol = 1e-9 * abs(mean) + 2.0 ** -32
                    got = g["mean"][s, p]
                    check(abs(got - mean) <= tol, f"{o} [{s},{p}] mean {got!r} != {mean!r}")
                    se = d.std(ddof=1) / np.sqrt(n)
                    got_se = g["stderr"][s, p]
                    check(abs(got_se - se) <= 1e-9 * se + 1e-9, f"{o} stderr {got_se} != {se}")
                    if se > 0 and n - 1 in T_975:
                        half = T_975[n - 1] * got_se
                        check(abs(g["ci_low"][s, p] - (got - half)) <= 1e-9 * abs(half) + 1e-12,
                              f"{o} ci_low")
                        check(abs(g["ci_high"][s, p] - (got + half)) <= 1e-9 * abs(half) + 1e-12,
                              f"{o} ci_high")
                        checked_ci += 1
                    if better == "neither":
                        check(np.isnan(g["p_better"][s, p]), f"{o}: p_better should be NaN")
                    else:
                        good = d > 0 if better == "higher" else d < 0
                        check(g["p_better"][s, p] == good.sum() / n, f"{o} p_better")
                        bad = d < 0 if better == "higher" else d > 0
                        check(g["p_worse"][s, p] == bad.sum() / n, f"{o} p_worse")
        received = f["outcomes"]["vtf_received_usd"][...]
        done = f["outcomes"]["completed_by_horizon"][...].astype(float)
        cost = f["comparison"]["cost_per_additional_completion_usd"][...]
        for s in range(received.shape[0]):
            check(np.isnan(cost[s, 0]), "the baseline has no cost per completion")
            for p in range(1, received.shape[1]):
                gain = (done[s, p] - done[s, 0]).mean()
                want = received[s, p].mean() / gain if gain > 0 else np.nan
                check(np.isclose(cost[s, p], want, rtol=1e-9, equal_nan=True),
                      f"cost per completion {cost[s, p]} != {want}")
    check(checked_ci > 0, "no confidence interval was checked against the t table")
