#!/usr/bin/python3
"""End-to-end tests of the real vtfsim executable on real files (INTERFACE.md).

One CTest test per case (tests/e2e/CMakeLists.txt registers them from `--list`):

    e2e.py --list
    e2e.py --vtfsim build/vtfsim --source . --work build/tests/e2e/work CASE

Cases, one module per theme, each registering its cases in e2e_support.CASES when imported:
- run/... (cases_run.py): `vtfsim run scenarios/quick.toml` and the results file it writes.
- command/... (cases_commands.py): validate, info, compare and every command's --help.
- bad/... (cases_bad.py): every bad input of INTERFACE.md, with tests/e2e/bad/*.toml.
- interrupt/... (cases_interrupt.py): SIGINT and SIGTERM part-way.
- the analysis features (analysis.py): Latin hypercube, sensitivity, --target-ci, size-fund.
- pairs/... (cases_pairs.py): compare --baseline, --robustness, two files; /pairs, /robustness.
- run/variant..., run/rule_variants... (cases_variants.py): sizes and rule variants in the findings.
- run/contributions... (cases_data.py): the data behind each result, /contributions.
- command/gap..., run/funding_gap (cases_gap.py): `vtfsim gap` and /funding_gap.
- run/findings... (cases_findings.py): the findings computed once, /findings.
- run/decision... (cases_decision.py): /findings/decision against /outcomes and /comparison.
- run/inputs..., command/discover, bad/discover (cases_discovery.py): /inputs and vtfsim discover.
- demand/... (cases_demand.py): the fund's demand outcomes and `compare --demand`.
- format/... and compare --by-state (cases_format.py): results format version 2, upgrade.
- interrupt/kill_trial, bad/output_is_an_input_..., bad/concurrent_writers_... (cases_checkpoint.py):
  checkpoints within their interval after SIGKILL, outputs that are inputs or written twice refused.
- bad/..., run/utf8... (cases_hostile.py): hostile and damaged input: TOML the library mishandles,
  option values, results files whose arrays do not match their coordinates.

Runs with Debian's /usr/bin/python3 (h5py, xarray, h5netcdf); only the results-file cases import
them. Case names avoid '[', ']' and ';' (CTest would split them).
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Imported for the cases they register, in the order --list prints them.
import cases_run  # noqa: E402,F401
import cases_commands  # noqa: E402,F401
import cases_bad  # noqa: E402,F401
import cases_variants  # noqa: E402,F401
import cases_interrupt  # noqa: E402,F401
import analysis  # noqa: E402,F401
import cases_data  # noqa: E402,F401
import cases_pairs  # noqa: E402,F401
import cases_gap  # noqa: E402,F401
import cases_findings  # noqa: E402,F401
import cases_decision  # noqa: E402,F401
import cases_demand  # noqa: E402,F401
import cases_format  # noqa: E402,F401
import cases_hostile  # noqa: E402,F401
import cases_discovery  # noqa: E402,F401
import cases_checkpoint  # noqa: E402,F401
from e2e_support import CASES, QUICK_FIXTURE, Context, Failure, check  # noqa: E402


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
