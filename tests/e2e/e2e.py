#!/usr/bin/python3
"""End-to-end tests of the real vtfsim executable on real files (INTERFACE.md).

One CTest test per case (tests/e2e/CMakeLists.txt registers them from `--list`):

    e2e.py --list
    e2e.py --vtfsim build/vtfsim --source . --work build/tests/e2e/work CASE

Cases:
- run/...: `vtfsim run scenarios/quick.toml` and the results file it writes, opened with h5py and
  xarray (engine="h5netcdf"): named dimensions, shapes, units, provenance, and /comparison
  recomputed from /outcomes.
- command/...: validate, info, compare (table, csv, json) and every command's --help.
- bad/...: every bad input of INTERFACE.md: exit code 2 (1 for an unwritable output), one message
  naming the file, the line and the key (and the closest valid key for a typo), nothing written.
  The scenario files are tests/e2e/bad/*.toml; each says in its header what the message must say.
- interrupt/...: SIGINT and SIGTERM part-way: exit code 75, no file under the final name and no
  .partial left; the finished work saved in the checkpoint with the command to resume (resuming
  itself is tested in tests/scale).

Runs with Debian's /usr/bin/python3 (h5py, xarray, h5netcdf); only the results-file cases import
them. Case names avoid '[', ']' and ';' (CTest would split them).
"""
import argparse
import calendar
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
BAD_DIR = HERE / "bad"

# The shared results file: written by the fixture case run/quick, read by the cases that need it.
QUICK_FIXTURE = "run/quick"

# MODEL.md section 7: the outcomes every results file holds, by name.
OUTCOMES = [
    "completed_by_2030", "completed_by_2035", "completed_by_horizon", "completed_on_time",
    "extension_requests", "extension_years_granted", "breach_state_years", "reopenings",
    "left_behind", "last_completion_year", "area_released_km2", "area_remaining_km2",
    "vtf_received_usd", "vtf_admin_usd", "vtf_granted_usd", "vtf_disbursed_usd",
    "vtf_returned_usd", "vtf_idle_usd", "intl_support_usd",
]
OUTCOMES_BY_STATE = [
    "completion_year", "extension_requests", "vtf_received_usd", "area_released_km2",
    "breach_months",
]
# INTERFACE.md "The results file": the root attributes of every results file.
PROVENANCE = [
    "vtfsim_version", "git_commit", "created_utc", "command_line", "seed", "replications",
    "scenario_toml", "model_spec_version",
]
# Two-sided 95% Student t critical value t(0.975; df): 1.984 in printed tables; to full
# precision by the series of Abramowitz and Stegun 26.7.3 (odd df) in 50-digit arithmetic.
T_975 = {99: 1.9842169515864175}

# Exit codes of INTERFACE.md and the project's guide.
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 75


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Context:
    def __init__(self, vtfsim, source, work, case):
        self.vtfsim = str(Path(vtfsim).resolve())
        self.source = Path(source).resolve()
        self.work_root = Path(work).resolve()
        # A fresh, empty directory per case, so that "nothing was written" can be checked.
        self.dir = self.work_root / case.replace("/", "_")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.quick_toml = self.source / "scenarios" / "quick.toml"

    @property
    def quick_h5(self):
        return self.work_root / QUICK_FIXTURE.replace("/", "_") / "quick.h5"

    def run(self, *args, cwd=None, timeout=300):
        """Runs vtfsim; returns (exit code, stdout, stderr)."""
        cmd = [self.vtfsim, *map(str, args)]
        p = subprocess.run(cmd, cwd=cwd or self.dir, capture_output=True, text=True,
                           timeout=timeout)
        print(f"$ {' '.join(cmd)}\n  -> exit {p.returncode}")
        if p.stderr:
            print("  stderr: " + p.stderr.strip().replace("\n", "\n          ")[:3000])
        return p.returncode, p.stdout, p.stderr


def listing(directory):
    return sorted(str(p.relative_to(directory)) for p in Path(directory).rglob("*"))


def expect_error(code, err, expected_code, *parts, out=None):
    """One clear message on stderr: a single line "vtfsim: error: ..." (or "failed:" for a runtime
    failure) holding every one of `parts`; nothing on stdout."""
    check(code == expected_code, f"exit code {code}, expected {expected_code}")
    lines = [line for line in err.splitlines() if line.strip()]
    word = "error" if expected_code == EXIT_BAD_INPUT else "failed"
    check(len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {err!r}")
    check(lines[0].startswith(f"vtfsim: {word}: "),
          f"the message should start with 'vtfsim: {word}: ': {lines[0]!r}")
    for part in parts:
        check(part in lines[0], f"the message should contain {part!r}: {lines[0]!r}")
    if out is not None:
        check(out == "", f"nothing should be printed on stdout, got {out[:500]!r}")


def expect_nothing_written(directory, before=()):
    now = listing(directory)
    check(now == sorted(before), f"files appeared in {directory}: {sorted(set(now) - set(before))}")


# ---------------------------------------------------------------------------------------------
# Cases are registered with a name and whether they create or need the shared results file.

CASES = {}


def case(name, fixture=None):
    def register(f):
        CASES[name] = (f, fixture)
        return f
    return register


# --- run/... ----------------------------------------------------------------------------------

@case(QUICK_FIXTURE, fixture="setup")
def run_quick(ctx):
    out_path = ctx.dir / "quick.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", out_path)
    check(code == EXIT_OK, f"exit code {code}")
    check(out_path.is_file(), "no results file")
    check(listing(ctx.dir) == ["quick.h5"], f"unexpected files: {listing(ctx.dir)}")
    # The table of INTERFACE.md: every fund policy, the four outcomes and the cost column.
    check("Fund vs no fund" in out and "over 100 replications" in out, f"no table: {out!r}")
    for header in ["completed by 2030", "completed by horizon", "extension requests",
                   "left behind", "cost per extra completion"]:
        check(header in out, f"the table has no column {header!r}")
    rows = [line for line in out.splitlines() if line.startswith("annual_usd=")]
    check([r.split()[0] for r in rows] == ["annual_usd=5M", "annual_usd=20M"],
          f"expected one row per fund policy: {rows}")
    number = r"[+-]\d+\.\d+ \[[+-]\d+\.\d+, [+-]\d+\.\d+\]"
    for r in rows:
        check(len(re.findall(number, r)) == 4, f"expected 4 'mean [low, high]' cells: {r!r}")
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


# --- command/... ------------------------------------------------------------------------------

@case("command/validate")
def validate_quick(ctx):
    code, out, err = ctx.run("validate", ctx.quick_toml)
    check(code == EXIT_OK, f"exit code {code}")
    check(f"{ctx.quick_toml}: OK" in out, "validate should say OK")
    check("policies   3" in out and "annual_usd=20M" in out, "validate lists the policies")
    check(listing(ctx.dir) == [], "validate wrote files")


@case("command/info", fixture="requires")
def info_quick(ctx):
    code, out, _ = ctx.run("info", ctx.quick_h5)
    check(code == EXIT_OK, f"exit code {code}")
    for name in PROVENANCE:
        check(re.search(rf"^  {name}\s", out, re.M), f"info does not show {name}")
    for dim, n in [("scenario", 1), ("policy", 3), ("replication", 100), ("state", 35),
                   ("year", 20)]:
        check(re.search(rf"^  {dim}\s+{n}$", out, re.M), f"info: dimension {dim} {n}")
    check("/outcomes/completed_by_2030" in out, "info lists the datasets")


@case("command/info_parameters")
def info_parameters(ctx):
    code, out, _ = ctx.run("info", "--parameters")
    check(code == EXIT_OK, f"exit code {code}")
    check("donors.envelope_trend" in out and "vtf.annual_usd" in out, "parameters listed")


def file_comparison(path):
    import h5py
    with h5py.File(path, "r") as f:
        scen = [x.decode() for x in f["scenario_name"][...]]
        pol = [x.decode() for x in f["policy"][...]]
        means = {o: f["comparison"][o]["mean"][...] for o in OUTCOMES}
    return scen, pol, means


@case("command/compare_table", fixture="requires")
def compare_table(ctx):
    code, out, _ = ctx.run("compare", ctx.quick_h5)
    check(code == EXIT_OK, f"exit code {code}")
    check("Fund vs no fund" in out and "annual_usd=20M" in out, "the table")
    code, out2, _ = ctx.run("compare", ctx.quick_h5, "--outcome", "vtf_idle_usd")
    check(code == EXIT_OK and "Δ vtf idle usd" in out2 and "Δ extension requests" not in out2,
          "--outcome selects the table's columns")


@case("command/compare_csv", fixture="requires")
def compare_csv(ctx):
    code, out, _ = ctx.run("compare", ctx.quick_h5, "--format", "csv")
    check(code == EXIT_OK, f"exit code {code}")
    rows = list(csv.DictReader(io.StringIO(out)))
    scen, pol, means = file_comparison(ctx.quick_h5)
    seen = 0
    for r in rows:
        if r["outcome"] not in means:
            continue
        s, p = scen.index(r["scenario"]), pol.index(r["policy"])
        check(p > 0, "the baseline has no row")
        check(float(r["mean_difference"]) == means[r["outcome"]][s, p],
              f"csv {r['outcome']} {r['mean_difference']} != file")
        check(int(r["replications"]) == 100, "replications column")
        seen += 1
    check(seen == len(OUTCOMES) * (len(pol) - 1) * len(scen), f"{seen} outcome rows")


@case("command/compare_json", fixture="requires")
def compare_json(ctx):
    code, out, _ = ctx.run("compare", ctx.quick_h5, "--format", "json")
    check(code == EXIT_OK, f"exit code {code}")
    doc = json.loads(out)
    scen, pol, means = file_comparison(ctx.quick_h5)
    check(doc["baseline"] == "no_fund" and doc["replications"] == 100, "json header")
    check(len(doc["rows"]) == len(scen) * (len(pol) - 1), "one row per scenario and fund policy")
    for row in doc["rows"]:
        s, p = scen.index(row["scenario"]), pol.index(row["policy"])
        check(sorted(row["outcomes"]) == sorted(OUTCOMES), "every outcome")
        for o, stats in row["outcomes"].items():
            check(stats["mean"] == means[o][s, p], f"json {o} mean {stats['mean']} != file")


HELP_COMMANDS = ["run", "validate", "info", "compare"]


@case("command/help")
def help_main(ctx):
    code, out, _ = ctx.run("--help")
    check(code == EXIT_OK, f"exit code {code}")
    for c in HELP_COMMANDS:
        check(re.search(rf"^\s+{c}\s", out, re.M), f"--help does not list {c}")
    check("Exit codes" in out, "--help documents the exit codes")
    code, out, _ = ctx.run("--version")
    check(code == EXIT_OK and out.startswith("vtfsim "), "--version")


def make_help_case(command):
    @case(f"command/help_{command}")
    def help_command(ctx):
        code, out, _ = ctx.run(command, "--help")
        check(code == EXIT_OK, f"exit code {code}")
        check(out.strip() != "" and command in out, f"{command} --help prints nothing useful")


for _c in HELP_COMMANDS:
    make_help_case(_c)


@case("command/help_every_listed_command")
def help_every_listed(ctx):
    # Commands added later (merge, ...) get their --help checked too.
    _, out, _ = ctx.run("--help")
    section = out.split("Subcommands:")[-1]
    commands = re.findall(r"^\s{2}(\w+)\s", section, re.M)
    check(set(HELP_COMMANDS) <= set(commands), f"listed commands {commands}")
    for c in commands:
        code, _, _ = ctx.run(c, "--help")
        check(code == EXIT_OK, f"{c} --help: exit code {code}")


# --- bad/... ----------------------------------------------------------------------------------

def bad_file_expectations(path):
    """The '# expect-...:' lines of a bad scenario file's header."""
    want = {"line": None, "key": None, "text": []}
    for line in path.read_text().splitlines():
        m = re.match(r"#\s*expect-(line|key|text):\s*(.*?)\s*$", line)
        if m:
            if m.group(1) == "text":
                want["text"].append(m.group(2))
            else:
                want[m.group(1)] = m.group(2)
    check(want["line"] is not None and want["text"], f"{path.name}: no expect-line/expect-text")
    return want


def expect_bad_scenario(ctx, scenario, parts):
    """validate and run (default output and -o) both refuse `scenario` and write nothing."""
    code, out, err = ctx.run("validate", scenario)
    expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)
    code, out, err = ctx.run("run", scenario)  # default output: output/<name>.h5 under ctx.dir
    expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)
    expect_nothing_written(ctx.dir)
    code, out, err = ctx.run("run", scenario, "-o", ctx.dir / "out.h5")
    expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)
    expect_nothing_written(ctx.dir)


def make_bad_file_case(path):
    @case(f"bad/{path.stem}")
    def bad_file(ctx):
        want = bad_file_expectations(path)
        parts = [f"{path}:{want['line']}:"] + want["text"]
        if want["key"]:
            parts.append(f"key '{want['key']}'")
        expect_bad_scenario(ctx, path, parts)


for _p in sorted(BAD_DIR.glob("*.toml")):
    make_bad_file_case(_p)


@case("bad/missing_scenario_file")
def missing_file(ctx):
    path = ctx.dir / "no_such_study.toml"
    expect_bad_scenario(ctx, path, [str(path), "cannot read the scenario file",
                                    "No such file or directory"])


@case("bad/scenario_file_is_a_directory")
def directory_file(ctx):
    sub = ctx.dir / "study.toml"
    sub.mkdir()
    code, out, err = ctx.run("run", sub, "-o", ctx.dir / "out.h5")
    expect_error(code, err, EXIT_BAD_INPUT, str(sub), "is a directory", out=out)
    expect_nothing_written(ctx.dir, ["study.toml"])


@case("bad/unreadable_scenario_file")
def unreadable_file(ctx):
    # Tests run as root, whom permission bits do not stop: /proc/self/mem opens but every read
    # at offset 0 fails (EIO), a real read error. As another user, a mode-000 file is tried too.
    expect_bad_scenario(ctx, "/proc/self/mem", ["/proc/self/mem", "cannot read the scenario file"])
    if os.geteuid() != 0:
        locked = ctx.work_root / "locked.toml"
        locked.write_text("[study]\n")
        locked.chmod(0)
        expect_bad_scenario(ctx, locked, [str(locked), "cannot read", "Permission denied"])


@case("bad/invalid_utf8")
def invalid_utf8(ctx):
    path = ctx.work_root / "invalid_utf8.toml"
    path.write_bytes(b"[study]\ntitle = \"caf\xe9\"\n")
    expect_bad_scenario(ctx, path, [f"{path}:2:", "TOML syntax error", "utf-8"])


@case("bad/existing_output_without_force")
def existing_output(ctx):
    target = ctx.dir / "quick.h5"
    target.write_text("results the user wants to keep")
    before = target.stat().st_mtime_ns
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_BAD_INPUT, str(target), "already exists", "--force", out=out)
    check(target.read_text() == "results the user wants to keep", "the file was changed")
    check(target.stat().st_mtime_ns == before, "the file was touched")
    expect_nothing_written(ctx.dir, ["quick.h5"])


@case("bad/output_path_is_a_directory")
def output_directory(ctx):
    (ctx.dir / "out").mkdir()
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", ctx.dir / "out")
    expect_error(code, err, EXIT_BAD_INPUT, str(ctx.dir / "out"), "is a directory", out=out)
    expect_nothing_written(ctx.dir, ["out"])


@case("bad/unwritable_output_under_a_file")
def unwritable_under_file(ctx):
    # A path under a regular file cannot be created, even by root (ENOTDIR).
    (ctx.dir / "plain").write_text("a file, not a directory")
    target = ctx.dir / "plain" / "quick.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_FAILURE, str(target), "Not a directory", out=out)
    expect_nothing_written(ctx.dir, ["plain"])


@case("bad/unwritable_output_read_only_filesystem")
def unwritable_proc(ctx):
    # /proc accepts no new files, even from root.
    target = Path("/proc") / f"vtfsim_e2e_{os.getpid()}.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_FAILURE, str(target), "cannot write", out=out)
    check(not target.exists() and not Path(f"{target}.partial").exists(), "a file appeared")


@case("bad/output_directory_missing")
def missing_output_dir(ctx):
    target = ctx.dir / "no_such_dir" / "quick.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_FAILURE, str(target), "does not exist", out=out)
    expect_nothing_written(ctx.dir)


@case("bad/zero_replications_option")
def zero_replications_option(ctx):
    code, out, err = ctx.run("run", ctx.quick_toml, "-r", "0", "-o", ctx.dir / "out.h5")
    check(code == EXIT_BAD_INPUT, f"exit code {code}")
    check("--replications" in err and "0" in err, f"message: {err!r}")
    expect_nothing_written(ctx.dir)


@case("bad/shard_out_of_range")
def bad_shard(ctx):
    code, out, err = ctx.run("run", ctx.quick_toml, "--shard", "3/2", "-o", ctx.dir / "out.h5")
    expect_error(code, err, EXIT_BAD_INPUT, "--shard '3/2'", "1 <= K <= N", out=out)
    expect_nothing_written(ctx.dir)


@case("bad/unknown_option")
def unknown_option(ctx):
    code, out, err = ctx.run("run", ctx.quick_toml, "--replicatons", "5")
    check(code == EXIT_BAD_INPUT, f"exit code {code}")
    check("--replicatons" in err, f"the message should name the option: {err!r}")
    expect_nothing_written(ctx.dir)


@case("bad/compare_unknown_policy", fixture="requires")
def compare_unknown_policy(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--policy", "annual_usd=5m")
    expect_error(code, err, EXIT_BAD_INPUT, 'no fund policy named "annual_usd=5m"',
                 'did you mean "annual_usd=5M"?', out=out)


@case("bad/compare_unknown_scenario", fixture="requires")
def compare_unknown_scenario(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--scenario", "declning")
    expect_error(code, err, EXIT_BAD_INPUT, 'no scenario named "declning"',
                 'did you mean "declining"?', out=out)


@case("bad/compare_unknown_outcome", fixture="requires")
def compare_unknown_outcome(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--outcome", "completed_by_2031")
    expect_error(code, err, EXIT_BAD_INPUT, "unknown outcome 'completed_by_2031'",
                 "did you mean 'completed_by_2030'?", out=out)


@case("bad/compare_unknown_format", fixture="requires")
def compare_unknown_format(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--format", "xml")
    check(code == EXIT_BAD_INPUT, f"exit code {code}")
    check("--format" in err and "xml" in err, f"message: {err!r}")


@case("bad/compare_not_an_hdf5_file")
def compare_not_hdf5(ctx):
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, ctx.quick_toml)
        expect_error(code, err, EXIT_BAD_INPUT, str(ctx.quick_toml), "HDF5", out=out)


@case("bad/compare_missing_file")
def compare_missing(ctx):
    path = ctx.dir / "missing.h5"
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, path)
        expect_error(code, err, EXIT_BAD_INPUT, str(path), out=out)
    expect_nothing_written(ctx.dir)


@case("bad/results_file_of_another_program")
def foreign_hdf5(ctx):
    import h5py
    path = ctx.dir / "other.h5"
    with h5py.File(path, "w") as f:
        f["x"] = [1, 2, 3]
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, path)
        expect_error(code, err, EXIT_BAD_INPUT, str(path), "not a vtfsim results file", out=out)


@case("bad/results_format_version_mismatch", fixture="requires")
def version_mismatch(ctx):
    import h5py
    path = ctx.dir / "future.h5"
    shutil.copy(ctx.quick_h5, path)
    with h5py.File(path, "r+") as f:
        f.attrs["results_format_version"] = 99
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, path)
        expect_error(code, err, EXIT_BAD_INPUT, str(path), "results format version 99", out=out)


# --- interrupt/... ----------------------------------------------------------------------------

def interrupted_run(ctx, sig, wait_after_partial, keep_existing=False, expect_saved=True):
    """Starts a long run, sends `sig` `wait_after_partial` seconds after its temporary file
    appears, and checks exit code 75, that nothing is left under the final name (nor a .partial),
    and that the finished work is saved in the checkpoint beside it with the command to resume
    (or, with expect_saved=False, that a signal before any work was finished leaves nothing)."""
    target = ctx.dir / "long.h5"
    partial = Path(f"{target}.partial")
    checkpoint = Path(f"{target}.checkpoint")
    if keep_existing:
        target.write_text("the previous results")
    # quick.toml with many replications: long enough (minutes) never to finish on its own, and
    # small blocks, so that the run stops within a fraction of a second of the signal.
    cmd = [ctx.vtfsim, "run", str(ctx.quick_toml), "-r", "1000000", "-o", str(target)]
    if keep_existing:
        cmd.append("--force")
    print("$ " + " ".join(cmd))
    p = subprocess.Popen(cmd, cwd=ctx.dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    try:
        deadline = time.monotonic() + 60
        while not partial.exists():
            check(p.poll() is None, f"the run ended early with exit code {p.returncode}")
            check(time.monotonic() < deadline, "no temporary file appeared within 60 s")
            time.sleep(0.001)
        check(not target.exists() or keep_existing, "the final file exists during the run")
        time.sleep(wait_after_partial)
        check(p.poll() is None, "the run ended before the signal")
        p.send_signal(sig)
        sent = time.monotonic()
        out, err = p.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    print(f"  -> exit {p.returncode} {took:.2f} s after the signal\n  stderr: {err.strip()[-2000:]}")
    check(p.returncode == EXIT_INTERRUPTED,
          f"exit code {p.returncode}, expected {EXIT_INTERRUPTED}")
    check(not partial.exists(), "the .partial file was left behind")
    if keep_existing:
        check(target.read_text() == "the previous results", "the existing file was changed")
    else:
        check(not target.exists(), "a file was left under the final name")
    before = ["long.h5"] if keep_existing else []
    saved = "replications are saved in" in err
    check(saved or not expect_saved, f"the finished work should be saved: {err[-500:]!r}")
    if saved:
        check(str(checkpoint.name) in err and "--resume" in err,
              "stderr should name the checkpoint and the command to resume")
        segments = list(checkpoint.glob("*.h5"))
        check(segments, f"no saved segment in {checkpoint}")
        expect_nothing_written(ctx.dir, before + ["long.h5.checkpoint"] +
                               [f"long.h5.checkpoint/{s.name}" for s in segments])
    else:
        check("interrupted before any replication was saved" in err, "stderr should say so")
        expect_nothing_written(ctx.dir, before)


@case("interrupt/sigint_part_way")
def sigint_part_way(ctx):
    interrupted_run(ctx, signal.SIGINT, 1.0)


@case("interrupt/sigterm_part_way")
def sigterm_part_way(ctx):
    interrupted_run(ctx, signal.SIGTERM, 1.0)


@case("interrupt/sigint_while_file_is_created")
def sigint_at_creation(ctx):
    # The signal lands as the results file is being laid out, usually before the first block
    # is finished (nothing to keep), else just after (kept).
    interrupted_run(ctx, signal.SIGINT, 0.0, expect_saved=False)


@case("interrupt/sigterm_keeps_existing_file_with_force")
def sigterm_force(ctx):
    interrupted_run(ctx, signal.SIGTERM, 0.5, keep_existing=True)


# ---------------------------------------------------------------------------------------------
# The analysis features' cases live in analysis.py beside this file; importing it registers them.
sys.path.insert(0, str(HERE))
import analysis  # noqa: E402,F401


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true",
                    help="print 'name<TAB>fixture' for every case (fixture: setup, requires, -)")
    ap.add_argument("--vtfsim")
    ap.add_argument("--source")
    ap.add_argument("--work")
    ap.add_argument("case", nargs="?")
    a = ap.parse_args()
    if a.list:
        for name, (_, fixture) in CASES.items():
            print(f"{name}\t{fixture or '-'}")
        return 0
    if a.case not in CASES or not (a.vtfsim and a.source and a.work):
        ap.error("give --vtfsim, --source, --work and a case name (see --list)")
    f, fixture = CASES[a.case]
    ctx = Context(a.vtfsim, a.source, a.work, a.case)
    try:
        if fixture == "requires":
            check(ctx.quick_h5.is_file(), f"{ctx.quick_h5} is missing: run {QUICK_FIXTURE} first")
        f(ctx)
    except Failure as e:
        print(f"FAILED {a.case}: {e}", file=sys.stderr)
        return 1
    print(f"passed {a.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
