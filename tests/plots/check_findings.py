#!/usr/bin/python3
"""The same numbers in all three: the findings stored in the results file (/findings), the plain
words `vtfsim compare` prints, and the HTML report of scripts/report.py, on the plotting tests'
file (made by the 'plots: results files' test).

    check_findings.py --vtfsim build/vtfsim --scripts scripts --dir WORK

Exit code 0 when every check passes, 1 otherwise (each failure printed)."""
import argparse
import html
import os
import re
import sys

import h5py

from plots_support import PYTHON, check, failures, run


def words(s):
    return " ".join(s.split())


def signed(x):  # questions/number_text.cpp's signed_number
    a = abs(x)
    return f"{x:+.{0 if a >= 100 else 1 if a >= 10 else 2}f}"


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def stored(path):
    """What the checks compare, read from /findings with h5py alone."""
    with h5py.File(path, "r") as f:
        g = f["findings"]
        scenarios = [text(x) for x in f["scenario"][...]]
        policies = [text(x) for x in f["policy"][...]]
        d = g["data_behind"]
        s, p = scenarios.index(text(d.attrs["scenario"])), policies.index(text(d.attrs["policy"]))
        sizes = g["which_sizes"]
        k = [text(x) for x in sizes["fund"][...]].index(policies[p])
        main = g["main_answer"]
        return {
            "heading": text(g.attrs["heading"]),
            "statements": [text(x) for x in g["statement"][...]],
            "scenario": scenarios[s], "policy": policies[p],
            "sentence": text(d["sentence"][s, p]), "effect": float(d["effect"][s, p]),
            "lowest": float(sizes["completed_by_horizon_lowest"][k]),
            "highest": float(sizes["completed_by_horizon_highest"][k]),
            "lowest_at": text(sizes["completed_by_horizon_lowest_scenario"][k]),
            "highest_at": text(sizes["completed_by_horizon_highest_scenario"][k]),
            "median": float(main["no_fund_completed_median"][s]),
            "p05": float(main["no_fund_completed_p05"][s]),
            "p95": float(main["no_fund_completed_p95"][s]),
            "small": float(main["smallest_fund_gain"][s]),
            "large": float(main["largest_fund_gain"][s]),
            "shape": text(main["size_shape"][s]), "left": float(main["left_with_largest"][s]),
            "horizon_gain": float(f["comparison/completed_by_horizon/mean"][s, p]),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vtfsim", required=True)
    parser.add_argument("--scripts", required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    path = os.path.join(args.dir, "tiny.h5")
    if not check(os.path.isfile(path), f"{path} exists (made by 'plots: results files')"):
        return 1
    x = stored(path)
    # The terminal: the stored sentences, as printed.
    r = run([args.vtfsim, "compare", path])
    check(r.returncode == 0, "vtfsim compare exits 0")
    terminal = words(r.stdout[r.stdout.find(x["heading"]):])
    check(terminal == words(x["heading"] + " " + "".join(x["statements"])),
          "the terminal prints the stored findings")
    # The report on the fund the plain words speak of, in their scenario (the report's default).
    page = os.path.join(args.dir, "findings_report.html")
    r = run([PYTHON, os.path.join(args.scripts, "report.py"), path, "-o", page,
             "--policy", x["policy"]])
    if not check(r.returncode == 0, f"report.py exits 0 ({r.stderr.strip()[-300:]})"):
        return 1
    summary = words(html.unescape(open(page, encoding="utf-8").read().split(
        "id='summary'", 1)[-1].split("</section>", 1)[0]))
    summary = re.sub(r"<[^>]+>", "", summary)
    # The data behind it: one sentence, one effect, in all three.
    core = x["sentence"].removeprefix("The data behind it: ")
    check(bool(core) and words(core) in summary, f"the report states the stored sentence {core!r}")
    check(words("- " + x["sentence"]) in terminal, "the terminal states the same sentence")
    effect = signed(x["effect"])
    check(effect in core and effect in summary and effect in terminal,
          f"the effect {effect} in the file, the report and the terminal")
    check(abs(x["effect"] - x["horizon_gain"]) < 1e-9,
          "the effect shared out is /comparison's mean gain")
    # The spread over the named scenarios: the terminal's range is the report's.
    lo, hi = signed(x["lowest"]), signed(x["highest"])
    line = terminal[terminal.find(f"{x['policy']}: "):][:300]
    check(f"{x['policy']}: " in terminal and f" {lo} to {hi} by " in line,
          f"the terminal says {x['policy']}: ... {lo} to {hi} by the horizon")
    # The report's summary no longer restates /findings/main_answer and /findings/which_sizes
    # (the first page states /findings/first_page; check_report.py checks it).
    print(f"\n{len(failures)} failure(s)" if failures else "\nall checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
