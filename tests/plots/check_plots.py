#!/usr/bin/python3
"""End-to-end tests of scripts/plots.py and scripts/report.py on results files made by the
real vtfsim executable. One subcommand per CTest test (tests/plots/CMakeLists.txt):

  prepare      run vtfsim on tiny.toml; make the derived files the other checks use (a copy of
               the Latin hypercube study with a /discovery whose box was found)
  figures      every figure as PNG: exists, expected pixel size, not blank; SVG on request; the
               scenario discovery figures from /discovery (a box) and from the finding (none)
  sensitivity  the sensitivity figure from a copy of the file with a /sensitivity group
  report       the HTML report: every figure embedded, the numbers of `vtfsim compare`
  browser      the report in headless chromium: a screenshot that is not blank, a PDF
  bad-inputs   every expected error: its message, its exit code, no traceback

Exit code 0 when every check passes, 1 otherwise (each failure printed)."""
import argparse
import base64
import html.parser
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402
import numpy as np  # noqa: E402

FIGURES = ["decision", "dose_response", "completions", "extensions", "by_state", "fan", "money",
           "robustness", "tradeoffs", "funding_gap"]
# The trade-offs figure's axes, in the words its SVG shows (one line of each axis label).
TRADEOFF_WORDS = ["at the end of 2030", "at the end of 2035", "money disbursed",
                  "money left idle", "States left behind:", "↑ better", "neither", "no fund",
                  "Left behind: every State"]
SENSITIVITY_UNCERTAINTIES = ["donors.envelope_trend", "donors.additionality",
                             "extensions.grant_probability", "extensions.regime"]

from plots_support import (  # noqa: E402
    SLIDE, ReportParser, check, expect_error, failures, fresh_dir, image_checks, plots,
    png_checks, report, run, tiny, with_sensitivity)
from check_prim import (  # noqa: E402
    PRIM, has_prim, prim_bad_inputs, prim_figures, prim_prepare, prim_report, with_discovery)


def prepare(args):
    shutil.rmtree(args.dir, ignore_errors=True)
    os.makedirs(args.dir)
    r = run([args.vtfsim, "run", args.scenario, "-o", tiny(args), "--quiet"])
    check(r.returncode == 0, f"vtfsim run {args.scenario} exits 0 ({r.stderr.strip()[-300:]})")
    lhs = os.path.join(os.path.dirname(args.scenario), "tiny_lhs.toml")
    r = run([args.vtfsim, "run", lhs, "-o", with_sensitivity(args), "--quiet"])
    check(r.returncode == 0, f"vtfsim run {lhs} exits 0 ({r.stderr.strip()[-300:]})")
    with h5py.File(with_sensitivity(args), "r") as f:
        check("sensitivity" in f and f["scenarios/sampled"][...].sum() == 12,
              "the Latin hypercube study has /sensitivity and 12 sampled scenarios")
    prim_prepare(args)


# --- figures -----------------------------------------------------------------------------------
def drawn_figures(path):
    """FIGURES, without the decision figure for a file written before /findings/decision (the
    vtfsim of a branch without it; plots.py then says it skipped the figure)."""
    with h5py.File(path, "r") as f:
        return FIGURES if "findings/decision" in f else FIGURES[1:]


def figures(args):
    out = fresh_dir(args, "figures")
    expected = drawn_figures(tiny(args))
    check(has_prim(tiny(args)), "tiny.h5 has /findings/where_it_fails with a peeling trajectory")
    expected += PRIM if has_prim(tiny(args)) else []
    r = plots(args, tiny(args), "-o", out)
    check(r.returncode == 0, f"plots.py exits 0 ({r.stderr.strip()[-500:]})")
    check("sensitivity: skipped" in r.stdout, "the sensitivity figure is skipped, and says so, "
          "when the file has no /sensitivity")
    for name in expected:
        png_checks(os.path.join(out, f"{name}.png"), name, SLIDE)
        check(os.path.join(out, f"{name}.png") in r.stdout, f"{name}: its path is printed")
    check(sorted(os.listdir(out)) == sorted(f"{n}.png" for n in expected),
          "only the PNG files are written without --svg")

    one = fresh_dir(args, "one_figure")
    r = plots(args, tiny(args), "-o", one, "--figure", "fan", "--svg", "--state", "PER",
              "--scenario", "declining/strict", "--policy", "lottery,annual_usd=40M")
    check(r.returncode == 0, f"plots.py --figure fan --svg exits 0 ({r.stderr.strip()[-300:]})")
    check(sorted(os.listdir(one)) == ["fan.png", "fan.svg"], "--figure draws that figure only, "
          "and --svg adds an SVG")
    svg = os.path.join(one, "fan.svg")
    if os.path.isfile(svg):
        root = ET.parse(svg).getroot()
        check(root.tag.endswith("svg"), "the SVG parses as SVG")
        text = open(svg, encoding="utf-8").read()
        for words in ("Peru", "declining/strict", "Source: vtfsim", "seed 7", "km²"):
            check(words in text, f"the SVG names {words!r} (title, scenario, source line, units)")
    png_checks(os.path.join(one, "fan.png"), "fan for Peru", SLIDE)

    # The trade-offs figure: every axis named, the better direction marked, no fund among the
    # lines, and what its left-behind axis counts said.
    r = plots(args, tiny(args), "-o", one, "--figure", "tradeoffs", "--svg")
    check(r.returncode == 0, f"plots.py --figure tradeoffs exits 0 ({r.stderr.strip()[-300:]})")
    svg = os.path.join(one, "tradeoffs.svg")
    if check(os.path.isfile(svg), "tradeoffs.svg written"):
        text = open(svg, encoding="utf-8").read()
        for words in TRADEOFF_WORDS:
            check(words in text, f"the trade-offs figure names {words!r}")

    r = plots(args, "--list")
    check(r.returncode == 0 and all(n in r.stdout for n in FIGURES + ["sensitivity"] + PRIM),
          "plots.py --list names every figure")
    prim_figures(args)


def sensitivity(args):
    out = fresh_dir(args, "sensitivity")
    r = plots(args, with_sensitivity(args), "-o", out, "--figure", "sensitivity", "--svg")
    check(r.returncode == 0, f"plots.py --figure sensitivity exits 0 ({r.stderr.strip()[-500:]})")
    png_checks(os.path.join(out, "sensitivity.png"), "sensitivity", SLIDE)
    svg = os.path.join(out, "sensitivity.svg")
    if check(os.path.isfile(svg), "sensitivity.svg written"):
        text = open(svg, encoding="utf-8").read()
        for u in SENSITIVITY_UNCERTAINTIES + ["rank regression", "completed by horizon",
                                              "extension requests"]:
            check(u in text, f"the sensitivity figure names {u!r}")
    r = plots(args, with_sensitivity(args), "-o", out, "--figure", "sensitivity",
              "--outcome", "extension_requests")
    check(r.returncode == 0, "--outcome chooses one sensitivity outcome")
    # The sampled scenarios (thin grey lines) in the figures against fund size.
    lines = fresh_dir(args, "sampled")
    r = plots(args, with_sensitivity(args), "-o", lines, "--svg", "--figure", "dose_response")
    check(r.returncode == 0, "dose_response with sampled scenarios exits 0")
    svg = os.path.join(lines, "dose_response.svg")
    if os.path.isfile(svg):
        check("2 sampled scenarios" in open(svg, encoding="utf-8").read(),
              "the sampled scenarios are drawn and named as such in the legend")
    png_checks(os.path.join(lines, "dose_response.png"), "dose_response with sampled scenarios",
               SLIDE)


# --- report ------------------------------------------------------------------------------------
def compare_table(args, path):
    """{(scenario, policy): {column title: cell}} parsed from the table `vtfsim compare FILE`
    prints."""
    r = run([args.vtfsim, "compare", path])
    check(r.returncode == 0, "vtfsim compare exits 0")
    rows, scenario, head = {}, None, []
    for line in r.stdout.splitlines():
        if line.startswith("Scenario "):
            scenario = line[len("Scenario "):].strip()
        elif line.startswith("policy "):
            head = re.split(r"\s{2,}", line.strip())[1:]
        elif scenario and line:
            cells = re.split(r"\s{2,}", line.strip())
            if len(cells) >= 3:
                rows[(scenario, cells[0])] = dict(zip(head, cells[1:]))
    return rows


def signed(x):  # questions/number_text.cpp's signed_number: no sign on what rounds to zero
    a = abs(x)
    decimals = 0 if a >= 100 else 1 if a >= 10 else 2
    return f"{0:.{decimals}f}" if a < 0.5 * 10 ** -decimals else f"{x:+.{decimals}f}"


def whole_range(lo, hi):  # number_text.cpp's whole_range, of signed_whole
    low, high = (f"{round(v):+d}" if round(v) else "0" for v in (lo, hi))
    return low if low == high else f"{low} to {high}"


def money(usd):
    return ("no gain" if usd is None else f"${usd / 1e9:.2f}B" if usd >= 1e9 else
            f"${usd / 1e6:.1f}M" if usd >= 1e6 else f"${usd / 1e3:.0f}k")


def check_report(args, path, report_path, expect_sensitivity):
    html_text = open(report_path, encoding="utf-8").read()
    p = ReportParser()
    p.feed(html_text)
    for name in drawn_figures(path) + (["sensitivity"] if expect_sensitivity else []):
        src = p.figures.get(f"fig-{name}", "")
        if check(src.startswith("data:image/png;base64,"),
                 f"report: figure {name} embedded as PNG"):
            data = base64.b64decode(src.split(",", 1)[1])
            check(data[:8] == b"\x89PNG\r\n\x1a\n", f"report: figure {name} decodes to a PNG")
            image_checks(mpimg.imread(io.BytesIO(data), format="png"), f"report: figure {name}",
                         SLIDE)
    if not expect_sensitivity:
        check("fig-sensitivity-missing" in p.ids and
              "did not include a sensitivity analysis" in html_text,
              "report: says the file has no sensitivity analysis")
    # The one file it links to is the CSV of its full tables, written beside it.
    beside = os.path.basename(os.path.splitext(report_path)[0]) + "_tables.csv"
    external = [u for u in p.urls if not u.startswith(("data:", "#")) and u != beside]
    check(not external, f"report: refers to no external resource ({external[:3]})")
    csv_path = os.path.join(os.path.dirname(report_path), beside)
    if check(f"href='{beside}'" in html_text and os.path.isfile(csv_path),
             f"report: links {beside}, written beside it"):
        with h5py.File(path, "r") as f:
            expected_rows = len(f["scenario"]) * (len(f["policy"]) - 1)
        with open(csv_path, encoding="utf-8") as f:
            check(len(f.read().splitlines()) == 1 + expected_rows,
                  f"{beside}: a row per scenario and fund policy ({expected_rows})")
    check(not re.search(r"<script|<link|@import|url\(", html_text, re.I),
          "report: no script, stylesheet link or CSS url()")

    # The numbers `vtfsim compare` prints, cell by cell, in the report's full tables (every
    # column the two share; the report has no "left behind" column).
    expected = compare_table(args, path)
    titles = re.findall(r"<th class='num'>([^<]*)</th>",
                        html_text.split("id='comparison'", 1)[-1].split("</thead>", 1)[0])
    titles = [html.unescape(x) for x in titles]
    check("Δ left behind" not in titles, "report: no 'left behind' column")
    got = {(r["attrs"].get("data-scenario"), r["attrs"].get("data-policy")):
           dict(zip(titles, r["cells"][1:])) for r in p.rows if "data-policy" in r["attrs"]}
    check(len(expected) > 0, f"vtfsim compare printed {len(expected)} rows")
    for key, cells in expected.items():
        shared = {k: v for k, v in cells.items() if k in titles}
        check(len(shared) >= 3 and {k: got.get(key, {}).get(k) for k in shared} == shared,
              f"report: row {key} shows {shared} (report: {got.get(key)})")

    # The options' table: the numbers of /findings/decision for its scenario.
    summary = html_text.split("id='summary'", 1)[-1].split("</section>", 1)[0]
    with h5py.File(path, "r") as f:
        d = f["findings/decision"]
        s = list(d["scenario"].asstr()[...]).index(d.attrs["scenario"])
        for o, option in enumerate(d["option"].asstr()[...]):
            row = next((r["cells"] for r in p.rows if r["attrs"].get("data-option") == option),
                       None)
            want = [f"{signed(d['mean'][s, o, y])} [{signed(d['ci_low'][s, o, y])}, "
                    f"{signed(d['ci_high'][s, o, y])}]" for y in range(len(d["year"]))]
            check(row is not None and row[1:1 + len(want)] == want,
                  f"report: option {option} shows /findings/decision's {want} ({row})")

    # The per-State table against `vtfsim compare --by-state`.
    js = json.loads(run([args.vtfsim, "compare", path, "--by-state", "--format", "json",
                         "--scenario", "stable/lenient",
                         "--policy", "lottery,annual_usd=10M"]).stdout)
    states = {r["attrs"]["data-state"]: r["cells"] for r in p.rows if "data-state" in r["attrs"]}
    check(len(states) == 35, f"report: per-State table has 35 States ({len(states)})")
    for s in js:
        cells = states.get(s["state"], [""] * 7)
        year = lambda y: "after 2045" if y is None else f"{y:.0f}"  # noqa: E731
        check(cells[3] == f"{year(s['median_completion_year_no_fund'])} → "
              f"{year(s['median_completion_year_fund'])}",
              f"report: {s['state']} median completion as compare --by-state ({cells[3]})")
        check(cells[4] == f"{100 * s['p_complete_by_2030_no_fund']:.0f}% → "
              f"{100 * s['p_complete_by_2030_fund']:.0f}%",
              f"report: {s['state']} done by 2030 as compare --by-state ({cells[4]})")
        check(cells[6] == money(s["mean_vtf_received_usd"]),
              f"report: {s['state']} fund money as compare --by-state ({cells[6]})")
    # The data behind the effect: the share of weak-data States, recomputed from the file.
    with h5py.File(path, "r") as f:
        s = list(f["scenario"].asstr()[...]).index("stable/lenient")
        p = list(f["policy"].asstr()[...]).index("lottery,annual_usd=10M")
        parts = f["contributions/completed_by_horizon"][s, p, :]
        meanings = f["calibration/status"].attrs["flag_meanings"].split()
        weak = [q == "C" or meanings[c] in ("clipped_low", "clipped_high", "regional_median",
                                            "imputed_national")
                for q, c in zip(f["state_data_quality"].asstr()[...], f["calibration/status"][s])]
    share = f"{100 * parts[weak].sum() / parts.sum():.0f}% of the {parts.sum():+.2f} completions"
    check(re.search(re.escape(share) + r" by \d+ \([^)]*\) comes from States with weak data",
                    summary) is not None, f"report summary says {share!r} rest on weak data")
    for words in ("What was simulated", "<dt>seed</dt><dd>7</dd>", "id='scenario-toml'",
                  "Plotting test study", "Landmine Monitor", "Provenance",
                  "results_format_version"):
        check(words in html_text, f"report mentions {words!r}")


def report_check(args):
    out = fresh_dir(args, "report")
    page = os.path.join(out, "report.html")
    r = report(args, tiny(args), "-o", page, "--policy", "lottery,annual_usd=10M")
    check(r.returncode == 0, f"report.py exits 0 ({r.stderr.strip()[-500:]})")
    if check(os.path.isfile(page), "report.html written"):
        check_report(args, tiny(args), page, False)
        prim_report(page, asked=False)
    page3 = os.path.join(out, "report_discovery.html")
    r = report(args, with_discovery(args), "-o", page3)
    check(r.returncode == 0, f"report.py on the file with /discovery exits 0 "
          f"({r.stderr.strip()[-300:]})")
    if os.path.isfile(page3):
        prim_report(page3, asked=True)
    page2 = os.path.join(out, "report_sensitivity.html")
    r = report(args, with_sensitivity(args), "-o", page2, "--policy", "lottery,annual_usd=10M")
    check(r.returncode == 0, "report.py on the file with /sensitivity exits 0")
    if os.path.isfile(page2):
        p = ReportParser()
        p.feed(open(page2, encoding="utf-8").read())
        check(p.figures.get("fig-sensitivity", "").startswith("data:image/png;base64,"),
              "report: the sensitivity figure is embedded when the file has /sensitivity")


# --- browser -----------------------------------------------------------------------------------
def chromium(args, profile, *extra, timeout=180):
    """Debian's chromium, headless, with a new empty profile and no network services."""
    exe = shutil.which("chromium")
    if not check(exe is not None, "chromium is installed (scripts/test.sh installs it)"):
        return None
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--hide-scrollbars", *extra]
    print("$ " + " ".join(cmd))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the browser we started, and its children
        proc.communicate()
        check(False, f"chromium finished within {timeout} s")
        return None
    return proc.returncode


def browser(args):
    out = fresh_dir(args, "browser")
    page = os.path.join(out, "report.html")
    r = report(args, tiny(args), "-o", page)
    if not check(r.returncode == 0, "report.py exits 0"):
        return
    url = "file://" + os.path.abspath(page)
    shot = os.path.join(out, "screenshot.png")
    with tempfile.TemporaryDirectory(prefix="vtfsim-chromium-") as profile:
        rc = chromium(args, profile, "--window-size=1200,1600", f"--screenshot={shot}", url)
        check(rc == 0, f"chromium --screenshot exits 0 ({rc})")
    png_checks(shot, "report screenshot", (1200, 1600))
    if os.path.isfile(shot):
        pixels = mpimg.imread(shot)[..., :3]
        colour = ((pixels.max(axis=2) - pixels.min(axis=2)) > 0.2).mean()
        check(colour > 0.001, f"the screenshot shows the first page's figure ({100 * colour:.1f}% "
              "coloured pixels)")
        dark = (pixels.mean(axis=2) < 0.3).mean()
        check(dark > 0.005, f"the screenshot shows text ({100 * dark:.2f}% dark pixels)")
    pdf = os.path.join(out, "report.pdf")
    with tempfile.TemporaryDirectory(prefix="vtfsim-chromium-") as profile:
        rc = chromium(args, profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
        check(rc == 0, f"chromium --print-to-pdf exits 0 ({rc})")
    if check(os.path.isfile(pdf), "the report prints to PDF"):
        data = open(pdf, "rb").read()
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        check(data.startswith(b"%PDF"), "the PDF is a PDF")
        check(6 <= pages <= 40, f"the PDF has a sensible number of A4 pages ({pages})")


# --- bad inputs --------------------------------------------------------------------------------
def bad_inputs(args):
    out = fresh_dir(args, "bad")
    figs = os.path.join(out, "figs")
    text = os.path.join(out, "notes.txt")
    with open(text, "w") as f:
        f.write("not a results file\n")
    plain = os.path.join(out, "plain.h5")
    with h5py.File(plain, "w") as f:
        f["x"] = np.arange(3)
    v1 = os.path.join(out, "version1.h5")
    shutil.copyfile(tiny(args), v1)
    with h5py.File(v1, "r+") as f:
        f.attrs["results_format_version"] = np.int64(1)
    partial = os.path.join(out, "no_comparison.h5")
    shutil.copyfile(tiny(args), partial)
    with h5py.File(partial, "r+") as f:
        del f["comparison"]
    lacking = os.path.join(out, "no_first_completion.h5")
    shutil.copyfile(tiny(args), lacking)
    with h5py.File(lacking, "r+") as f:
        del f["outcomes_by_state/first_completion_year"]
    older = os.path.join(out, "no_findings.h5")  # as written by a vtfsim before /findings
    shutil.copyfile(tiny(args), older)
    with h5py.File(older, "r+") as f:
        del f["findings"]
    undecided = os.path.join(out, "no_decision.h5")  # a vtfsim before /findings/decision
    shutil.copyfile(tiny(args), undecided)
    with h5py.File(undecided, "r+") as f:
        del f["findings/decision"]
    no_left_behind = os.path.join(out, "no_left_behind.h5")  # an outcome of the trade-offs
    shutil.copyfile(tiny(args), no_left_behind)
    with h5py.File(no_left_behind, "r+") as f:
        del f["outcomes/left_behind"]
    blocker = os.path.join(out, "a_file")
    open(blocker, "w").close()

    for tool in (plots, report):
        name = tool.__name__ + ".py"
        dest = figs if tool is plots else os.path.join(out, "r.html")
        expect_error(tool(args, os.path.join(out, "missing.h5"), "-o", dest), 2,
                     "missing.h5: no such file", f"{name} on a missing file")
        expect_error(tool(args, text, "-o", dest), 2,
                     "not a vtfsim results file (not an HDF5 file)", f"{name} on a text file")
        expect_error(tool(args, plain, "-o", dest), 2,
                     "not a vtfsim results file (no results_format_version attribute)",
                     f"{name} on another HDF5 file")
        expect_error(tool(args, v1, "-o", dest), 2,
                     "results format version 1; these scripts read version 2: re-run, or "
                     f"`vtfsim upgrade {v1}`", f"{name} on format version 1")
        expect_error(tool(args, partial, "-o", dest), 2, "an incomplete vtfsim results file",
                     f"{name} on a file without /comparison")
        expect_error(tool(args, lacking, "-o", dest), 2,
                     'no dataset named "first_completion_year"',
                     f"{name} on a file without a dataset a figure needs")
        expect_error(tool(args, tiny(args), "-o", dest, "--state", "Angloa"), 2,
                     'no State named "Angloa"; did you mean "Angola"?', f"{name} --state Angloa")
        expect_error(tool(args, tiny(args), "-o", dest, "--state", "Atlantis"), 2,
                     'no State named "Atlantis"', f"{name} --state Atlantis")
        expect_error(tool(args, tiny(args), "-o", dest, "--scenario", "stabel/lenient"), 2,
                     'no scenario named "stabel/lenient"; did you mean "stable/lenient"?',
                     f"{name} with an unknown scenario")
        expect_error(tool(args, tiny(args), "-o", dest, "--policy", "no_fund"), 2,
                     'no fund policy named "no_fund"', f"{name} --policy no_fund")
        expect_error(tool(args, tiny(args), "-o", dest, "--frobnicate"), 2,
                     "unrecognized arguments: --frobnicate", f"{name} with an unknown option")
        check(not os.path.exists(figs) and not os.path.exists(os.path.join(out, "r.html")),
              f"{name}: nothing written after the errors")

    expect_error(plots(args, tiny(args), "-o", os.path.join(blocker, "figs")), 1,
                 "cannot create the output directory", "plots.py into a path under a file")
    expect_error(plots(args, tiny(args)), 2, "-o DIR is required", "plots.py without -o")
    expect_error(plots(args, tiny(args), "-o", figs, "--figure", "sensitivity"), 2,
                 "no /sensitivity group", "plots.py --figure sensitivity without /sensitivity")
    expect_error(plots(args, with_sensitivity(args), "-o", figs, "--figure", "sensitivity",
                       "--outcome", "completed_by_horizn"), 2,
                 'no sensitivity outcome named "completed_by_horizn"; did you mean '
                 '"completed_by_horizon"?', "plots.py with an unknown sensitivity outcome")
    expect_error(plots(args, no_left_behind, "-o", figs, "--figure", "tradeoffs"), 2,
                 "no_left_behind.h5 has no /outcomes/left_behind (needed for the trade-offs "
                 "figure)", "plots.py --figure tradeoffs without an outcome it needs")
    r = plots(args, no_left_behind, "-o", os.path.join(out, "all"))
    check(r.returncode == 0 and "tradeoffs: skipped, no_left_behind.h5 has no "
          "/outcomes/left_behind" in r.stdout and "Traceback" not in r.stderr,
          "plots.py draws the other figures and says why it skips the trade-offs figure "
          f"without an outcome it needs ({r.stderr.strip()[-300:]})")
    prim_bad_inputs(args, out, figs)
    expect_error(plots(args, tiny(args), "-o", figs, "--figure", "pie"), 2,
                 "invalid choice: 'pie'", "plots.py --figure pie")
    expect_error(report(args, older, "-o", os.path.join(out, "r.html")), 2,
                 "the file was written by an older vtfsim", "report.py on a file without /findings")
    expect_error(report(args, undecided, "-o", os.path.join(out, "r.html")), 2,
                 "no /findings/decision", "report.py on a file without /findings/decision")
    expect_error(report(args, tiny(args), "-o", os.path.join(out, "nowhere", "r.html")), 1,
                 "does not exist", "report.py into a missing directory")
    expect_error(report(args, tiny(args), "-o", out), 1, "Is a directory",
                 "report.py onto a directory")
    expect_error(report(args, tiny(args), "-o", os.path.join(blocker, "r.html")), 1,
                 "cannot write", "report.py into a path under a file")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("check", choices=["prepare", "figures", "sensitivity", "report",
                                          "browser", "bad-inputs"])
    parser.add_argument("--vtfsim", required=True)
    parser.add_argument("--scripts", required=True, help="the project's scripts/ directory")
    parser.add_argument("--dir", required=True, help="working directory of the tests")
    parser.add_argument("--scenario", help="scenario file for prepare")
    args = parser.parse_args()
    if args.check != "prepare" and not os.path.isfile(tiny(args)):
        check(False, f"{tiny(args)} exists (made by the 'plots: results files' test)")
    else:
        {"prepare": prepare, "figures": figures, "sensitivity": sensitivity,
         "report": report_check, "browser": browser, "bad-inputs": bad_inputs}[args.check](args)
    print(f"\n{len(failures)} failure(s)" if failures else "\nall checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
