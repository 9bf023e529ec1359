#!/usr/bin/python3
"""The stored-reference regression test (README.md): runs the real vtfsim on reference.toml and
compares its numbers bit for bit with reference.h5, or regenerates reference.h5.

    reference.py check  --vtfsim build/vtfsim --work DIR   # exit 0: every number is the same
    reference.py update --vtfsim build/vtfsim              # rewrite reference.h5 (see README)
    reference.py check  --vtfsim build/vtfsim --work DIR --seed 7 --expect-differences
        # the test's own test: another seed must change numbers, or the check sees nothing
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

import h5py

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "scale"))
import compare_results  # noqa: E402

STUDY = HERE / "reference.toml"
REFERENCE = HERE / "reference.h5"
# The results themselves; the rest of a results file (provenance, the scenario text, the
# calibration report, coordinates) is checked by the e2e tests, and would make the reference
# change with every commit.
STORED_PATHS = ["/outcomes", "/outcomes_by_state", "/trajectories", "/comparison", "/inputs"]


def run(vtfsim, out, seed=None):
    command = [str(vtfsim), "run", str(STUDY), "-q", "--force", "-o", str(out)]
    if seed is not None:
        command += ["--seed", str(seed)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def strip(full, stored):
    """Copies the STORED_PATHS of a results file into a new file."""
    with h5py.File(full, "r") as src, h5py.File(stored, "w") as dst:
        for path in STORED_PATHS:
            src.copy(src[path], dst, name=path)
        dst.attrs["regenerate_with"] = "tests/regression/update_reference.sh"


def check(vtfsim, work, seed, expect_differences):
    work.mkdir(parents=True, exist_ok=True)
    fresh = work / "fresh.h5"
    run(vtfsim, fresh, seed)
    problems = compare_results.compare(str(REFERENCE), str(fresh), set(), [], STORED_PATHS)
    if expect_differences:
        changed = [p for p in problems if p.endswith("values differ")]
        print(f"{len(changed)} dataset(s) differ from the reference with seed {seed}"
              + (": the check sees a change of numbers" if changed else ""))
        return 0 if changed else 1
    if problems:
        print(f"{fresh} differs from the stored reference {REFERENCE}:")
        for p in problems:
            print("  " + p)
        print("A number changed. If the change is intended, explain it in the commit and "
              "regenerate the reference in the same commit: tests/regression/update_reference.sh "
              "(tests/regression/README.md).")
        return 1
    print(f"{fresh}: every stored number is the same as in {REFERENCE}")
    return 0


def update(vtfsim):
    with tempfile.TemporaryDirectory() as tmp:
        full = pathlib.Path(tmp) / "full.h5"
        run(vtfsim, full)
        strip(full, REFERENCE)
    print(f"wrote {REFERENCE} ({REFERENCE.stat().st_size} bytes); "
          "commit it with the change that explains it")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["check", "update"])
    parser.add_argument("--vtfsim", type=pathlib.Path, required=True)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("regression-work"))
    parser.add_argument("--seed", type=int, help="run with another seed (only with check)")
    parser.add_argument("--expect-differences", action="store_true",
                        help="succeed only if some stored dataset differs")
    args = parser.parse_args()
    if args.action == "update":
        return update(args.vtfsim.resolve())
    return check(args.vtfsim.resolve(), args.work, args.seed, args.expect_differences)


if __name__ == "__main__":
    sys.exit(main())
