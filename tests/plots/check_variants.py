#!/usr/bin/python3
"""The report and figures of a study with Terms of Reference variants (tiny_variants.toml: two
fund sizes and lottery_10M, paired with annual_usd=10M), on the file the real vtfsim writes
(which must hold /findings/sizes and /findings/rule_variants): the figures against fund size draw
only the sizes, the labels are "$10M a year" or policy names, the summary names the variant, and
the variants section shows the numbers of /pairs (those `vtfsim compare --baseline` prints); and
on a copy without those findings (an older file): no variants section. Exit code 0 when every check
passes, 1 otherwise."""
import argparse
import html
import os
import re
import shutil
import sys

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_plots as cp  # noqa: E402  (the checks, the runner and the report parser)

check = cp.check
VARIANT = "lottery_10M"


def baseline_rows(args, path, scenario):
    """{policy: [cells]} of `vtfsim compare FILE --baseline annual_usd=10M --scenario S`."""
    r = cp.run([args.vtfsim, "compare", path, "--baseline", "annual_usd=10M",
                "--scenario", scenario])
    check(r.returncode == 0, "vtfsim compare --baseline exits 0")
    rows = {}
    for line in r.stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) >= 3 and cells[0] in (VARIANT, "annual_usd=2M"):
            rows[cells[0]] = cells[1:]
    return rows


def figures_of_sizes(args, path, out):
    """The figures against fund size and per fund name the sizes and never the variant."""
    r = cp.plots(args, path, "-o", out, "--svg")
    check(r.returncode == 0, f"plots.py exits 0 ({r.stderr.strip()[-300:]})")
    for name in ("dose_response", "completions", "extensions", "fan", "money"):
        svg = open(os.path.join(out, f"{name}.svg"), encoding="utf-8").read()
        check(VARIANT not in svg, f"{name}: the variant {VARIANT} is not drawn as a fund size")
        check("vtf_allocation" not in svg and "allocation=" not in svg,
              f"{name}: no raw parameter string in labels")
    for name in ("completions", "fan"):
        svg = open(os.path.join(out, f"{name}.svg"), encoding="utf-8").read()
        check("$10M a year" in svg and "$2M a year" in svg,
              f"{name}: the sizes are labelled '$2M a year', '$10M a year'")
    svg = open(os.path.join(out, "money.svg"), encoding="utf-8").read()
    check("annual target" in svg and "$10M" in svg and "$2M" in svg,
          "money: the sizes are labelled '$2M', '$10M' on an axis of annual targets")
    cp.png_checks(os.path.join(out, "completions.png"), "completions of 2 sizes", cp.SLIDE)
    return r


def variants_file(args, path):
    out = cp.fresh_dir(args, "variants_figures")
    r = figures_of_sizes(args, path, out)
    cp.png_checks(os.path.join(out, "variants.png"), "variants figure", cp.SLIDE)
    svg = open(os.path.join(out, "variants.svg"), encoding="utf-8").read()
    for words in (VARIANT, "vs $10M a year", "By the end of 2030", "By the end of 2045"):
        check(words in svg, f"variants figure names {words!r}")
    check(os.path.join(out, "variants.png") in r.stdout, "variants: its path is printed")

    page = os.path.join(cp.fresh_dir(args, "variants_report"), "report.html")
    r = cp.report(args, path, "-o", page)
    if not check(r.returncode == 0, f"report.py exits 0 ({r.stderr.strip()[-300:]})"):
        return
    text = open(page, encoding="utf-8").read()
    p = cp.ReportParser()
    p.feed(text)
    check(p.figures.get("fig-variants", "").startswith("data:image/png;base64,"),
          "report: the variants figure is embedded")
    summary = text.split("id='summary'", 1)[-1].split("</section>", 1)[0]
    with h5py.File(path, "r") as f:
        d = f["findings/decision"]
        labels = dict(zip(d["option"].asstr()[...], d["label"].asstr()[...]))
        family = dict(zip(d["option"].asstr()[...], d["family"].asstr()[...]))[VARIANT]
    sizes = f"{labels['annual_usd=2M'].removesuffix(' a year')} or {labels['annual_usd=10M']}"
    check(f"3 fund options: {sizes} under the default rules; {html.escape(family)} "
          f"({VARIANT})" in summary,
          "report: 'What was simulated' lists the sizes, then names the variant by its family")
    check("combined with" not in summary, "report: no cross-product of lever values")
    options = {r["attrs"]["data-option"]: r["cells"][0] for r in p.rows
               if "data-option" in r["attrs"]}
    check(options.get(VARIANT) == VARIANT and options.get("annual_usd=2M", "").startswith("$2"),
          f"report: the options' table names the variant by name, a size by its size ({options})")
    with h5py.File(path, "r") as f:
        statement = f["findings/rule_variants"].attrs["statement"]
        scenario = [s for s, k in zip(f["scenario"].asstr()[...], f["scenarios/sampled"][...])
                    if not k][0]
    section = text.split("id='variants'", 1)[-1].split("</section>", 1)[0]
    lines = [html.escape(x.removeprefix("- ").strip()) for x in statement.splitlines()]
    check(all(x in section for x in lines), "report: the variants section prints the finding's "
          f"sentence, every line ({len(lines)})")
    other = page + ".variant.html"
    r = cp.report(args, path, "-o", other, "--policy", VARIANT)
    check(r.returncode == 0 and f"fund {VARIANT} (policy {VARIANT})" in open(other).read(),
          f"report.py --policy {VARIANT}: the per-State table's fund named by its name "
          f"({r.stderr.strip()[-200:]})")
    expected = baseline_rows(args, path, scenario).get(VARIANT, [])
    in_section = cp.ReportParser()
    in_section.feed(section)
    row = next((r["cells"] for r in in_section.rows if r["cells"][:1] == [VARIANT]), [])
    check(len(expected) >= 2 and row[2:3] == expected[:1] and row[4:5] == expected[1:2],
          f"report: the variant's differences by 2030 and the horizon are /pairs' as "
          f"`compare --baseline` prints them ({row[2:5]} vs {expected[:2]})")


def decision_lines(args, path):
    """In the decision figure the variant is a point joined to nothing: every line of more
    than one point (the zero line aside) joins sizes of one family, at the sizes' places."""
    sys.path.insert(0, args.scripts)
    from vtfplots import fig_decision, options, style
    from vtfplots.choice import resolve
    from vtfplots.results import Results

    results = Results(path)
    if not options.decision(results):
        print("skip  decision lines: the file has no /findings/decision")
        return
    opts = options.options(results)
    xs = fig_decision.positions(results)
    variant_x = [x for o, x in zip(opts, xs) if results.policies[o.policy] == VARIANT]
    fig = fig_decision.build(results, resolve(results))
    joined = [set(line.get_xdata()) for ax in fig.axes for line in ax.get_lines()
              if len(line.get_xdata()) > 1 and any(y != 0 for y in line.get_ydata())]
    style.close(fig)
    check(len(variant_x) == 1 and joined, f"decision: {len(joined)} lines, the variant drawn")
    check(all(variant_x[0] not in x for x in joined),
          f"decision: no line runs to the variant {VARIANT}")
    results.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vtfsim", required=True)
    parser.add_argument("--scripts", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--scenario", required=True, help="tiny_variants.toml")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    written = os.path.join(args.dir, "tiny_variants.h5")
    r = cp.run([args.vtfsim, "run", args.scenario, "-o", written, "--force", "--quiet"])
    if check(r.returncode == 0, f"vtfsim run {args.scenario} exits 0 ({r.stderr[-300:]})"):
        with h5py.File(written, "r") as f:
            complete = "findings/sizes" in f and "findings/rule_variants" in f
        if check(complete, "vtfsim writes /findings/sizes and /findings/rule_variants"):
            variants_file(args, written)
            decision_lines(args, written)
        # A file without them (an older vtfsim): every fund policy is a size and there is no
        # variants section.
        older = os.path.join(args.dir, "tiny_variants_older.h5")
        shutil.copyfile(written, older)
        with h5py.File(older, "r+") as f:
            for path in ("findings/sizes", "findings/rule_variants", "policies/parameters_set"):
                if path in f:
                    del f[path]
        page = os.path.join(cp.fresh_dir(args, "variants_older"), "report.html")
        r = cp.report(args, older, "-o", page)
        check(r.returncode == 0 and "id='variants'" not in open(page).read(),
              "report without /findings/rule_variants: no variants section")
    print(f"\n{len(cp.failures)} failure(s)" if cp.failures else "\nall checks passed")
    return 1 if cp.failures else 0


if __name__ == "__main__":
    sys.exit(main())
