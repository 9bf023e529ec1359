"""End-to-end cases: validate, info (a file, --parameters, --states), compare (table, csv, json) and every command's --help.
Registered in e2e_support.CASES when e2e.py imports this module."""
import csv
import io
import json
import re

from e2e_support import (EXIT_OK, OUTCOMES, PROVENANCE, case, check, listing)


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


@case("command/info_states")
def info_states(ctx):
    code, out, _ = ctx.run("info", "--states")
    check(code == EXIT_OK, f"exit code {code}")
    rows = [line for line in out.splitlines() if re.match(r"^[A-Z]{3}\s{2,}\S", line)]
    check(len(rows) == 35, f"{len(rows)} States listed, expected 35")
    for code_, name in [("AGO", "Angola"), ("TUR", "Turkey"), ("PSE", "State of Palestine"),
                        ("COD", "Democratic Republic of the Congo")]:
        check(any(re.match(rf"^{code_}\s+{name}\s", r) for r in rows),
              f"no row for {code_} {name}")
    oman = next(r for r in rows if r.startswith("OMN"))
    check(re.search(r"\bhigh\b", oman) and " A " in oman and "completed" in oman,
          f"Oman's row: {oman!r}")
    turkey = next(r for r in rows if r.startswith("TUR"))
    check("Türkiye" in turkey, f"Turkey's aliases: {turkey!r}")
    check('the default study\'s first scenario, "declining/lenient"' in out,
          "the calibration's scenario is named")
    check(listing(ctx.dir) == [], "info --states wrote files")


@case("command/validate_state_aliases")
def validate_state_aliases(ctx):
    path = ctx.dir / "aliases.toml"
    path.write_text('[states."Türkiye"]\nldc = true\n[states.DRC]\nldc = false\n'
                    '[states.Palestine]\naccess = false\n[states."state of palestine"]\n'
                    'confirmed_share = 0.5\n[states.tur]\naccess = true\n')
    code, out, err = ctx.run("validate", path)
    check(code == EXIT_OK, f"exit code {code}: {err}")
    check(f"{path}: OK" in out, "validate should say OK")


def file_comparison(path):
    import h5py
    with h5py.File(path, "r") as f:
        scen = [x.decode() for x in f["scenario"][...]]
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


HELP_COMMANDS = ["run", "validate", "info", "compare", "upgrade"]


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
