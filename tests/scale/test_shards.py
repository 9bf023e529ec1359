#!/usr/bin/python3
"""Shards and merge, end to end: shards (N = 1, 3, 7) merged give the file a single run writes,
bit for bit; bad shard specs and every kind of mismatched or broken shard set are refused with a
clear message and exit code 2, nothing written and the shards left as they were.

    test_shards.py VTFSIM SOURCE_DIR
"""
import glob
import os
import random
import sys

import h5py

from scale_support import (Runner, check, different_results, exit_with, expect_error, main,
                           same_results)

REPS = "42"  # small, uneven splits: 42 = 14 x 3 = 6 x 7


def shards(runner, n, extra=(), prefix="s", only=None):
    """Runs shards 1..n of n (or only those in `only`) and returns their files."""
    files = []
    for k in range(1, n + 1):
        name = f"{prefix}{k}of{n}.h5"
        if only is None or k in only:
            runner.run(["run", *extra, "-r", REPS, "--shard", f"{k}/{n}", "-o", name, "-q"])
        files.append(name)
    return files


def test_merged_shards_equal_a_single_run(workdir, vtfsim, source):
    """Shards 1, 3 and 7 of the default study, merged, equal a single run bit for bit."""
    r = Runner(vtfsim, workdir)
    r.run(["run", "-r", REPS, "-o", "single.h5", "-q"])
    for n in (1, 3, 7):
        files = shards(r, n)
        with h5py.File(r.path(files[-1]), "r") as f:
            check(f.attrs["shard"] == n and f.attrs["shards"] == n, "shard attributes")
            check(f.attrs["replications"] == int(REPS), "a shard records the study's total")
            check("merge_state" in f, "a shard carries its merge state")
        order = files[:]
        random.Random(n).shuffle(order)  # merge does not depend on the order of its arguments
        p = r.run(["merge", *order, "-o", f"merged{n}.h5"])
        check("merged" in p.stderr and "Fund vs no fund" in p.stdout, "merge reports and prints")
        same_results(r.path("single.h5"), r.path(f"merged{n}.h5"))
        with h5py.File(r.path(f"merged{n}.h5"), "r") as f:
            check("shard" not in f.attrs and "merge_state" not in f, "the merged file is a run's")
        for name in files:
            check(os.path.exists(r.path(name)), "merge keeps the shard files")
    # The merged file reads like any results file.
    r.run(["compare", "merged7.h5"])
    r.run(["info", "merged7.h5"])


def test_merged_shards_with_a_seed_of_their_own(workdir, vtfsim, source):
    """A --seed also draws the default study's Latin hypercube: shards run with it merge into
    the file a single run with it writes (design, /sensitivity and all); another seed gives
    other results."""
    r = Runner(vtfsim, workdir)
    r.run(["run", "-r", REPS, "--seed", "99", "-o", "single.h5", "-q"])
    r.run(["merge", *shards(r, 2, extra=["--seed", "99"]), "-o", "merged.h5", "-q"])
    same_results(r.path("single.h5"), r.path("merged.h5"))
    with h5py.File(r.path("single.h5"), "r") as f:
        sampled = int(f["scenarios/sampled"][...].sum())
    with h5py.File(r.path("merged.h5"), "r") as f:
        check(sampled > 0 and "sensitivity" in f and f["scenarios/sampled"][...].sum() == sampled,
              "the merged file has the sampled scenarios and their sensitivity analysis")
    quick = os.path.join(source, "scenarios", "quick.toml")
    r.run(["run", quick, "-r", REPS, "-o", "default_seed.h5", "-q"])
    r.run(["run", quick, "-r", REPS, "--seed", "7", "-o", "other_seed.h5", "-q"])
    different_results(r.path("default_seed.h5"), r.path("other_seed.h5"))


def test_bad_shard_specs(workdir, vtfsim, source):
    """Shard specs such as 3/2 or 0/0 are refused before anything runs."""
    r = Runner(vtfsim, workdir)
    for spec in ("3/2", "0/0", "1/0", "0/3", "-1/3", "x", "2", "1/2/3", "1.5/3"):
        expect_error(r, ["run", "-r", "10", "--shard", spec, "-o", "bad.h5"], "--shard", spec)
    expect_error(r, ["run", "-r", "5", "--shard", "1/6", "-o", "bad.h5"], "leave some empty")
    check(not os.listdir(workdir), f"nothing may be written: {os.listdir(workdir)}")


def test_merge_refuses_mismatched_sets(workdir, vtfsim, source):
    """Merge refuses other studies, seeds, versions, shard counts, gaps and duplicates (shards
    of scenarios/quick.toml: what is refused does not depend on the study)."""
    r = Runner(vtfsim, workdir)
    quick = os.path.join(source, "scenarios", "quick.toml")
    a = shards(r, 3, extra=[quick])
    b = shards(r, 2, extra=[quick], prefix="n", only={2})
    seed = shards(r, 3, extra=[quick, "--seed", "99"], prefix="seed", only={3})
    other = shards(r, 3, prefix="q", only={3})  # the default study
    r.run(["run", quick, "-r", REPS, "-o", "whole.h5", "-q"])
    snapshot = {p: os.path.getmtime(p) for p in glob.glob(os.path.join(workdir, "*.h5"))}

    expect_error(r, ["merge", a[0], a[1], "-o", "m.h5"], "missing shard 3/3")
    expect_error(r, ["merge", a[0], "-o", "m.h5"], "missing shards 2/3, 3/3")
    expect_error(r, ["merge", a[0], a[1], a[1], a[2], "-o", "m.h5"], "shard 2/3 is given twice")
    expect_error(r, ["merge", a[0], a[1], b[1], "-o", "m.h5"], "same --shard K/N split")
    expect_error(r, ["merge", a[0], a[1], seed[2], "-o", "m.h5"], "seed 99 in seed3of3.h5",
                 "20251201")
    expect_error(r, ["merge", a[0], a[1], other[2], "-o", "m.h5"], "scenario text")
    expect_error(r, ["merge", a[0], a[1], "whole.h5", "-o", "m.h5"], "whole.h5",
                 "not a shard file")
    expect_error(r, ["merge", a[0], a[1], "nowhere.h5", "-o", "m.h5"], "nowhere.h5",
                 "no such file")
    expect_error(r, ["merge", "-o", "m.h5"], "shards")
    expect_error(r, ["merge", *a], "--output")

    # Another version of vtfsim (the attribute as another build would have written it).
    other = "other_version.h5"
    with open(r.path(a[2]), "rb") as src, open(r.path(other), "wb") as dst:
        dst.write(src.read())
    with h5py.File(r.path(other), "r+") as f:
        f.attrs["vtfsim_version"] = "9.9.9"
    expect_error(r, ["merge", a[0], a[1], other, "-o", "m.h5"], "vtfsim version")

    # A truncated shard: named, refused, the good shards untouched.
    broken = "truncated.h5"
    with open(r.path(a[1]), "rb") as src, open(r.path(broken), "wb") as dst:
        data = src.read()
        dst.write(data[: len(data) // 2])
    expect_error(r, ["merge", a[0], broken, a[2], "-o", "m.h5"], "truncated.h5", "unreadable")

    check(not os.path.exists(r.path("m.h5")) and not glob.glob(r.path("*.partial")),
          "a refused merge writes nothing")
    for path, mtime in snapshot.items():
        check(os.path.getmtime(path) == mtime, f"{path} was modified")

    # The output is never overwritten without --force.
    r.run(["merge", *a, "-o", "m.h5", "-q"])
    expect_error(r, ["merge", *a, "-o", "m.h5"], "already exists", "--force")
    r.run(["merge", *a, "-o", "m.h5", "-q", "--force"])
    same_results(r.path("whole.h5"), r.path("m.h5"))


if __name__ == "__main__":
    exit_with(main([test_merged_shards_equal_a_single_run,
                    test_merged_shards_with_a_seed_of_their_own, test_bad_shard_specs,
                    test_merge_refuses_mismatched_sets], sys.argv[1:]))
