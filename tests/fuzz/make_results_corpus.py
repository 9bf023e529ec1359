#!/usr/bin/python3
"""Writes the seed corpus of the results-file fuzz target (fuzz_results.cpp) into results_corpus/:
edit scripts for the damage issue 14 found (names longer or shorter than the statistics, a
per-State dataset wider than /state, a version attribute of another type, datasets deleted,
values that are not numbers), and random scripts. The object indices follow the harness's list:
"/", then every object of the base file in name order, depth first.

  /usr/bin/python3 tests/fuzz/make_results_corpus.py BASE.h5   # a run of results_base.toml
"""
import os
import random
import sys

import h5py

here = os.path.dirname(os.path.abspath(__file__))


def objects(base):
    out = ["/"]

    def walk(g, prefix):
        for name in sorted(g.keys()):
            path = f"{prefix}/{name}"
            out.append(path)
            if isinstance(g[name], h5py.Group):
                walk(g[name], path)
    with h5py.File(base, "r") as f:
        walk(f, "")
    return out


def main():
    names = objects(sys.argv[1])
    index = {p: i for i, p in enumerate(names)}
    if len(names) > 65536:
        sys.exit(f"{len(names)} objects: a target is two bytes, at most 65536")

    def at(path):  # two bytes, high first (Script::pick_wide)
        i = index[path]
        return [i >> 8, i & 0xFF]
    first_by_state = next(p for p in names if p.startswith("/outcomes_by_state/"))
    seeds = {
        # op 0 delete, 1 replace dataset (rank, dims..., kind 0 real 1 int 2 text, [size, char]),
        # 2 attribute (name index, ints count, int, real flag, text length, kind), 4 poison
        "policy_deleted": [0, *at("/policy")],
        "policy_names_longer": [1, *at("/policy"), 1, 8, 2, 12, 3],
        "scenario_names_shorter": [1, *at("/scenario"), 1, 2, 2, 5, 1],
        "state_names_fewer": [1, *at("/state"), 1, 3, 2, 4, 2],
        "by_state_wider": [1, *at(first_by_state), 3, 8, 8, 8, 0],
        "version_a_string": [2, *at("/"), 0, 0, 0, 0, 9, 2],
        "version_a_real": [2, *at("/"), 0, 0, 0, 1, 0, 1],
        "comparison_mean_deleted": [0, *at("/comparison/completed_by_2030/mean")],
        "outcomes_not_numbers": [4, *at("/outcomes/completed_by_2030"), 0],
        "inputs_deleted": [0, *at("/inputs")],
        "findings_deleted": [0, *at("/findings")],
        "replication_scalar": [1, *at("/replication"), 0, 1],
        "units_an_integer": [2, *at("/outcomes/completed_by_2030"), 5, 2, 7, 0, 0, 0],
    }
    rng = random.Random(20261203)
    for k in range(24):
        seeds[f"random_{k:02d}"] = [rng.randrange(256) for _ in range(rng.randrange(4, 40))]
    out = os.path.join(here, "results_corpus")
    os.makedirs(out, exist_ok=True)
    for name, script in seeds.items():
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(bytes(b % 256 for b in script))
    print(f"{len(seeds)} seeds in {out} ({len(names)} objects in the base file)")


if __name__ == "__main__":
    main()
