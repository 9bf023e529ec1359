"""The checks of the scenario discovery (PRIM) figures, prim_tradeoff and prim_box, drawn from
/discovery when the file has it, else from /findings/where_it_fails: a copy of the Latin
hypercube study with a /discovery whose box is found (the discover question is about another
fund than the run's own finding: score,annual_usd=40M), the finding of tiny.h5 without a box, the
report, and files without either group. Called by check_plots.py's subcommands."""
import base64
import io
import os
import re
import shutil
import xml.etree.ElementTree as ET

import h5py
import matplotlib.image as mpimg

from plots_support import (
    SLIDE, ReportParser, check, expect_error, fresh_dir, image_checks, plots, png_checks,
    report, run, tiny, with_sensitivity)

PRIM = ["prim_tradeoff", "prim_box"]
DISCOVER_POLICY = "score,annual_usd=10M"


def with_discovery(args):
    """A copy of the Latin hypercube study with /discovery written by `vtfsim discover`."""
    return os.path.join(args.dir, "tiny_discovery.h5")


def prim_prepare(args):
    shutil.copyfile(with_sensitivity(args), with_discovery(args))  # discover writes into it
    r = run([args.vtfsim, "discover", with_discovery(args), "--policy", DISCOVER_POLICY,
             "--where", "VALUE < 1", "--quiet"])
    check(r.returncode == 0, f"vtfsim discover --policy {DISCOVER_POLICY} exits 0 "
          f"({r.stderr.strip()[-300:]})")
    with h5py.File(with_discovery(args), "r") as f:
        g = f.get("discovery")
        check(g is not None and g.attrs.get("box_found") == 1 and "restriction" in g and
              "step" in g, "the copy has a /discovery whose box was found, with its "
              "restrictions and peeling trajectory")


def has_prim(path):
    """Whether the PRIM figures can be drawn: /discovery, else the finding, with its steps."""
    with h5py.File(path, "r") as f:
        g = "discovery" if "discovery" in f else "findings/where_it_fails"
        return f"{g}/step" in f


def svg_text(path):
    """The words of an SVG written with svg.fonttype none, lines of a text joined by spaces."""
    if not os.path.isfile(path):
        return ""
    root = ET.parse(path).getroot()
    return " ".join(" ".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))


def p_words(p):
    return f"p = {p:.0e}" if p < 1e-3 else f"p = {p:.2g}"


def prim_figures(args):
    """The PRIM figures: from /discovery (the question asked last, its box found) with the box's
    restrictions, and from the run's finding of tiny.h5 (no box), which says so in words."""
    out = fresh_dir(args, "prim")
    r = plots(args, with_discovery(args), "-o", out, "--svg", *sum((["--figure", n]
                                                                    for n in PRIM), []))
    check(r.returncode == 0, f"plots.py --figure prim_tradeoff --figure prim_box exits 0 on a "
          f"file with /discovery ({r.stderr.strip()[-300:]})")
    for name in PRIM:
        png_checks(os.path.join(out, f"{name}.png"), f"{name} from /discovery", SLIDE)
    with h5py.File(with_discovery(args), "r") as f:
        g = f["discovery"]
        labels = list(g["box_label"].asstr()[...])
        p_values = list(g["box_p_value"][...])
        restricts = list(zip(g["box_restricts_low"][...], g["box_restricts_high"][...]))
        share = f"{g.attrs['cases']} of {g.attrs['futures']} futures"
        coverage, density = (f"{100 * g.attrs[k]:.0f}%" for k in ("coverage", "density"))
    # The discover question's fund ($10M a year), not the finding's ($40M a year).
    question = re.compile(r"When does \$10M a year[^?]* add no State by 2030\?")
    text = svg_text(os.path.join(out, "prim_tradeoff.svg"))
    check(question.search(text) and "$40M" not in text, "the PRIM trade-off figure asks the "
          "question last asked (vtfsim discover), not the run's finding")
    for words in ("The question last asked of this file", share, "chosen box",
                  f"coverage {coverage}, density {density}", "all futures", "coverage:",
                  "density:", "inputs the box restricts", "held-out half", "training half"):
        check(words in text, f"the PRIM trade-off figure from /discovery names {words!r}")
    text = svg_text(os.path.join(out, "prim_box.svg"))
    check(question.search(text) and "$40M" not in text, "the PRIM box figure asks the "
          "question last asked (vtfsim discover), not the run's finding")
    for words in ["The question last asked of this file", "p-value",
                  "the input's range over all futures"] + [p_words(p) for p in p_values]:
        check(words in text, f"the PRIM box figure names {words!r}")
    for lab, (low, high) in zip(labels, restricts):
        head = " ".join(lab.split()[:3])
        check(head in text, f"the PRIM box figure has a row for {lab!r}")
    wanted = {"at least": any(lo and not hi for lo, hi in restricts),
              "at most": any(hi and not lo for lo, hi in restricts),
              "between": any(lo and hi for lo, hi in restricts)}
    for words, present in wanted.items():
        if present:
            check(words in text, f"the PRIM box figure prints a limit as {words!r}")

    # tiny.h5: the run's own finding, in which no box was found (no restriction axis).
    with h5py.File(tiny(args), "r") as f:
        g = f["findings/where_it_fails"]
        no_box = g["box_found"][()] == 0 and "restriction" not in g
    check(no_box, "tiny.h5's finding has no box (the 'no box' case is checked on it)")
    none = fresh_dir(args, "prim_none")
    r = plots(args, tiny(args), "-o", none, "--svg", "--figure", "prim_box", "--figure",
              "prim_tradeoff")
    check(r.returncode == 0, f"the PRIM figures of a finding without a box exit 0 "
          f"({r.stderr.strip()[-300:]})")
    text = svg_text(os.path.join(none, "prim_box.svg"))
    for words in ("No box of conditions found", "No simple set of conditions singles out",
                  "The run's own question on the chosen fund"):
        check(words in text, f"the PRIM box figure without a box says {words!r}")
    check("p = " not in text and "p-value" not in text,
          "the PRIM box figure without a box draws no restriction")
    text = svg_text(os.path.join(none, "prim_tradeoff.svg"))
    check("No box chosen" in text and "chosen box:" not in text,
          "the PRIM trade-off figure without a box marks none and says so")


def prim_report(page, asked):
    """The PRIM figures in the report: the trade-off always embedded; the box's conditions
    embedded when a box was found (/discovery of the prepared copy), else said in words (the
    finding of tiny.h5); the paragraph on where the fund fails points to the figures that show
    its finding, not to figures of another question."""
    text = open(page, encoding="utf-8").read()
    p = ReportParser()
    p.feed(text)
    name = os.path.basename(page)
    for fig in PRIM if asked else PRIM[:1]:
        src = p.figures.get(f"fig-{fig}", "")
        if check(src.startswith("data:image/png;base64,"), f"{name}: figure {fig} embedded"):
            image_checks(mpimg.imread(io.BytesIO(base64.b64decode(src.split(",", 1)[1])),
                                     format="png"), f"{name}: figure {fig}", SLIDE)
    numbers = dict(re.findall(r"id='fig-(prim_\w+?)(?:-note)?'.*?<b>Figure (\d+)\.", text,
                              re.S))
    check(set(numbers) == set(PRIM), f"{name}: both PRIM figures numbered ({numbers})")
    captions = " ".join(re.findall(r"id='fig-prim_[^']*'.*?</(?:figcaption|p)>", text, re.S))
    check(("the question last asked of this file" in captions) == asked,
          f"{name}: the PRIM captions say which question they answer")
    fails = re.search(r"<p class='note' id='where-it-fails'>(.*?)</p>", text, re.S)
    if not check(fails is not None, f"{name}: the paragraph on where the fund fails"):
        return
    if asked:
        check("Figure" not in fails.group(1), f"{name}: the paragraph on where the fund fails "
              "points to no figure when the figures answer the question last asked")
    else:
        check("fig-prim_box-note" in p.ids and "no simple set of conditions singles out" in
              captions and "fig-prim_box" not in p.figures,
              f"{name}: no box found: the box figure is a note in words, not a picture")
        check(f"Figure {numbers.get('prim_tradeoff')} shows the boxes of conditions it tried"
              in fails.group(1), f"{name}: the paragraph on where the fund fails points to the "
              f"trade-off figure ({fails.group(1)[-120:]!r})")


def prim_bad_inputs(args, out, figs):
    """Files without /discovery or the finding, and a finding without its trajectory."""
    neither = os.path.join(out, "no_discovery.h5")  # no /discovery, no where_it_fails finding
    shutil.copyfile(tiny(args), neither)
    with h5py.File(neither, "r+") as f:
        del f["findings/where_it_fails"]
    no_steps = os.path.join(out, "no_steps.h5")  # a finding without its peeling trajectory
    shutil.copyfile(tiny(args), no_steps)
    with h5py.File(no_steps, "r+") as f:
        del f["findings/where_it_fails/step"]
    for name in PRIM:
        expect_error(plots(args, neither, "-o", figs, "--figure", name), 2,
                     "no_discovery.h5 has no /discovery or /findings/where_it_fails (no scenario "
                     "discovery", f"plots.py --figure {name} without a scenario discovery")
        expect_error(plots(args, no_steps, "-o", figs, "--figure", name), 2,
                     "no_steps.h5: /findings/where_it_fails has no peeling trajectory",
                     f"plots.py --figure {name} on a finding without its trajectory")
    r = plots(args, neither, "-o", os.path.join(out, "all_prim"))
    check(r.returncode == 0 and all(f"{n}: skipped, no_discovery.h5 has no /discovery" in
                                    r.stdout for n in PRIM) and "Traceback" not in r.stderr,
          "plots.py draws the other figures and says why it skips the PRIM figures "
          f"({r.stderr.strip()[-300:]})")
    page = os.path.join(out, "no_discovery.html")
    r = report(args, neither, "-o", page)
    if check(r.returncode == 0 and "Traceback" not in r.stderr,
             f"report.py on a file without a scenario discovery exits 0 ({r.stderr[-300:]})"):
        text = open(page, encoding="utf-8").read()
        check(all(f"id='fig-{n}-missing'" in text for n in PRIM) and
              "this run has no scenario discovery" in text and "sensitivity analysis (it "
              "needs a study with sampled uncertainties).</p>" in text,
              "report: says the file has no scenario discovery, in its own words")
        os.remove(page)
        os.remove(os.path.splitext(page)[0] + "_tables.csv")
