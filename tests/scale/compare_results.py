#!/usr/bin/python3
"""Checks that two vtfsim results files hold the same results, bit for bit.

Every group, dataset and attribute must be present in both, with the same type, shape and
bytes (NaN included), except the root attributes that legitimately differ between runs of the
same study (docs/results-format.md): created_utc and command_line, plus any given with --ignore.
With --only-paths, only those groups or datasets (and all they hold) are compared, the root and
its attributes not: a stored reference keeps only what it checks (tests/regression/).
Exit status 0 if they agree; 1 with the differences listed otherwise.

    compare_results.py A.h5 B.h5 [--ignore ATTR ...] [--ignore-path /merge_state ...]
                       [--only-paths /outcomes ...]
"""
import argparse
import sys

import h5py
import numpy as np

ALWAYS_DIFFERENT = {"created_utc", "command_line"}


def same_value(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind == "O":
        return [x for x in a.ravel()] == [x for x in b.ravel()]
    return a.tobytes() == b.tobytes()


def within(path, tops):
    return any(path == t or path.startswith(t.rstrip("/") + "/") for t in tops)


def objects(f, skip, only):
    found = {}

    def visit(name, obj):
        path = "/" + name
        if not within(path, skip) and (not only or within(path, only)):
            found[path] = obj

    f.visititems(visit)
    if not only or "/" in only:
        found["/"] = f
    return found


def compare(path_a, path_b, ignore, skip, only=()):
    problems = []
    with h5py.File(path_a, "r") as fa, h5py.File(path_b, "r") as fb:
        oa, ob = objects(fa, skip, only), objects(fb, skip, only)
        for p in only:
            if p != "/" and p not in oa and p not in ob:
                problems.append(f"{p}: in neither file")
        for p in sorted(set(oa) ^ set(ob)):
            problems.append(f"{p}: only in {path_a if p in oa else path_b}")
        for p in sorted(set(oa) & set(ob)):
            a, b = oa[p], ob[p]
            if isinstance(a, h5py.Dataset) != isinstance(b, h5py.Dataset):
                problems.append(f"{p}: a dataset in one file, a group in the other")
                continue
            if isinstance(a, h5py.Dataset):
                if a.dtype != b.dtype or a.shape != b.shape:
                    problems.append(f"{p}: {a.dtype}{a.shape} vs {b.dtype}{b.shape}")
                elif not same_value(a[()], b[()]):
                    problems.append(f"{p}: values differ")
            skip_attrs = (ALWAYS_DIFFERENT | ignore) if p == "/" else set()
            names_a = set(a.attrs) - skip_attrs
            names_b = set(b.attrs) - skip_attrs
            for n in sorted(names_a ^ names_b):
                problems.append(f"{p} attribute {n}: only in one file")
            for n in sorted(names_a & names_b):
                # Dimension-scale bookkeeping holds object references, which differ by address.
                if n in ("DIMENSION_LIST", "REFERENCE_LIST"):
                    continue
                if not same_value(a.attrs[n], b.attrs[n]):
                    problems.append(f"{p} attribute {n}: {a.attrs[n]!r} vs {b.attrs[n]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--ignore", nargs="*", default=[], help="more root attributes to ignore")
    parser.add_argument("--ignore-path", nargs="*", default=[], help="groups to leave out")
    parser.add_argument("--only-paths", nargs="*", default=[],
                        help="compare only these groups or datasets (not the root)")
    args = parser.parse_args()
    problems = compare(args.a, args.b, set(args.ignore), args.ignore_path, args.only_paths)
    if problems:
        print(f"{args.a} and {args.b} differ:", file=sys.stderr)
        for p in problems[:50]:
            print("  " + p, file=sys.stderr)
        if len(problems) > 50:
            print(f"  ... and {len(problems) - 50} more", file=sys.stderr)
        return 1
    print(f"{args.a} and {args.b} hold the same results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
