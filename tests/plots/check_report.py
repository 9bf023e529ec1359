#!/usr/bin/python3
"""The report as diplomats read it, on three results files made once by the real vtfsim (the
default study at 20 replications, rule variants at one size (tiny_rules.toml), and a grid of
sizes x allocation rules (tiny.toml)). One subcommand per CTest test:

  prepare  run vtfsim on the three studies
  pages    each report: the first page states /findings/first_page in the order of its topics
           and the options' numbers are /findings/decision's; no sentence compares by size
           policies that differ in more than size; no HDF5 path in a caption, no file:// text
  print    headless chromium: the first page is not blank and prints alone on one A4 page; the
           default study prints on at most 12 pages; no file:// in the PDF

Exit code 0 when every check passes, 1 otherwise (each failure printed)."""
import argparse
import html
import os
import re
import shutil
import sys
import tempfile

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_plots as cp  # noqa: E402  (the checks, the runner, chromium, the page parser)

check = cp.check
HERE = os.path.dirname(os.path.abspath(__file__))
STUDIES = {"default": (None, ["-r", "20"]), "rules": ("tiny_rules.toml", []),
           "grid": ("tiny.toml", [])}
MOST_PAGES = 12
# Words that compare one fund size with another: meaningful only within one family of sizes.
SIZE_WORDS = ("% of the gain of", "a year brings", "returns diminish", "diminishing returns")


def h5(args, name):
    return os.path.join(args.dir, f"{name}.h5")


def page(args, name):
    return os.path.join(args.dir, name, "report.html")


def prepare(args):
    shutil.rmtree(args.dir, ignore_errors=True)
    os.makedirs(args.dir)
    for name, (toml, extra) in STUDIES.items():
        study = [os.path.join(HERE, toml)] if toml else []
        r = cp.run([args.vtfsim, "run", *study, *extra, "-o", h5(args, name), "--quiet"])
        check(r.returncode == 0, f"vtfsim run {toml or 'the default study'} exits 0 "
              f"({r.stderr.strip()[-300:]})")
        os.makedirs(os.path.join(args.dir, name))
        r = cp.report(args, h5(args, name), "-o", page(args, name))
        check(r.returncode == 0, f"report.py on {name} exits 0 ({r.stderr.strip()[-300:]})")


def text_of(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(html_text, sid):
    return html_text.split(f"<section id='{sid}'", 1)[-1].split("</section>", 1)[0]


def read_decision(path):
    with h5py.File(path, "r") as f:
        d, p = f["findings/decision"], f["findings/first_page"]
        return {"options": list(d["option"].asstr()[...]), "labels": list(d["label"].asstr()[...]),
                "families": list(d["family"].asstr()[...]),
                "sized": [bool(x) for x in d["in_size_family"][...]],
                "policy": d.attrs["policy"], "reason": d.attrs["policy_reason"],
                "topics": list(p["topic"].asstr()[...]),
                "sentences": list(p["sentence"].asstr()[...])}


DECIMAL = re.compile(r"(?<![\w.$])[+-]?\d+\.\d+")
FROM_DECISION = ("headline", "later", "spread")  # the topics that state /findings/decision


def first_page_numbers(args, name, path, x):
    """The numbers of the first page's sentences on the decision (headline, later years,
    spread) are those `vtfsim compare --decision` prints; before that command exists, the
    headline's first is /findings/decision's mean gain by 2030 of the chosen fund, at the
    precision printed. Signs are left out: the words say "more"."""
    sentences = [s for t, s in zip(x["topics"], x["sentences"]) if t in FROM_DECISION]
    numbers = [n.lstrip("+-") for s in sentences for n in DECIMAL.findall(s)]
    r = cp.run([args.vtfsim, "compare", path, "--decision"])
    if r.returncode == 0:
        printed = {n.lstrip("+-") for n in DECIMAL.findall(r.stdout)}
        missing = [n for n in numbers if n not in printed]
        check(numbers and not missing, f"{name}: the first page's numbers {numbers[:6]} are "
              f"those vtfsim compare --decision prints (missing: {missing[:4]})")
        return
    headline = DECIMAL.findall(x["sentences"][x["topics"].index("headline")])
    with h5py.File(path, "r") as f:
        d = f["findings/decision"]
        s = list(d["scenario"].asstr()[...]).index(d.attrs["scenario"])
        mean = float(d["mean"][s, x["options"].index(x["policy"]), 0])
    if check(bool(headline), f"{name}: the headline states a number ({headline})"):
        decimals = len(headline[0].split(".")[1])
        check(abs(float(headline[0])) == round(abs(mean), decimals), f"{name}: the headline's "
              f"{headline[0]} is /findings/decision's mean gain by 2030, {mean:.3f} "
              "(vtfsim compare --decision not available yet)")


def size_comparisons(text, x):
    """The sentences that compare sizes across families (or where no family has sizes)."""
    bad = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if not any(w in sentence.lower() for w in SIZE_WORDS):
            continue
        named = [o for o, (n, label) in enumerate(zip(x["options"], x["labels"]))
                 if n in sentence or label in sentence]
        families = {x["families"][o] for o in named}
        if len(families) != 1 or not all(x["sized"][o] for o in named):
            bad.append(sentence)
    return bad


def pages_check(args):
    for name in STUDIES:
        path, report_path = h5(args, name), page(args, name)
        if not check(os.path.isfile(report_path), f"{name}: report.html written"):
            continue
        text = open(report_path, encoding="utf-8").read()
        x = read_decision(path)
        first = section(text, "first-page")
        found = re.findall(r"<p class='finding' data-topic='([^']+)'><b>[^<]*</b> ([^<]*)</p>",
                           first)
        stored = [(t, s) for t, s in zip(x["topics"], x["sentences"]) if s]
        check([(t, html.unescape(s)) for t, s in found] == stored,
              f"{name}: the first page states /findings/first_page's {len(stored)} sentences "
              "in the order of their topics")
        chosen = x["labels"][x["options"].index(x["policy"])]
        check(html.escape(chosen) in first and html.escape(x["reason"].rstrip(".")) in first,
              f"{name}: the first page names the chosen fund ({chosen}) and why")
        check("<figure id='fig-" in first, f"{name}: the first page shows a figure")
        first_page_numbers(args, name, path, x)
        words = text_of(first) + " " + text_of(section(text, "summary"))
        bad = size_comparisons(words, x)
        check(not bad, f"{name}: no sentence compares by size policies of different families "
              f"({bad[:2]})")
        if name == "rules":  # the checker itself: a sentence of the old kind is caught
            old = ("Returns diminish: score_10M brings 212% of the gain of ldc_required_10M in "
                   "completions by 2045.")
            check(size_comparisons(old, x) == [old], "the size-words check catches "
                  "'score_10M brings 212% of the gain of ldc_required_10M'")
        captions = re.findall(r"<figcaption>(.*?)</figcaption>", text, re.S)
        paths = [c for c in captions if re.search(r"(?<![\w.])/[a-z_]+/[a-z_*]+", c)]
        check(captions and not paths, f"{name}: no HDF5 path in the {len(captions)} captions "
              f"({[text_of(c)[:80] for c in paths[:1]]})")
        body = re.sub(r"src='data:[^']*'", "", text).split("<section id='provenance'")[0]
        body = re.sub(r"<section id='comparison'.*?</section>", "", body, flags=re.S)
        paths = re.findall(r".{40}(?<![\w.])/[a-z_]+(?:/[\w*]+)*", text_of(body))
        check(not paths, f"{name}: no HDF5 path in the printed text before the provenance "
              f"({paths[:2]})")
        check("file://" not in text, f"{name}: no file:// in the HTML")
        check("left behind</th>" not in text, f"{name}: no 'left behind' column")
        # The options' numbers are /findings/decision's (check_plots formats them as compare).
        p = cp.ReportParser()
        p.feed(text)
        rows = {r["attrs"]["data-option"]: r["cells"] for r in p.rows
                if "data-option" in r["attrs"]}
        check(list(rows) == x["options"], f"{name}: the options' table lists "
              f"/findings/decision's options in their order ({list(rows)})")
        with h5py.File(path, "r") as f:
            d = f["findings/decision"]
            s = list(d["scenario"].asstr()[...]).index(d.attrs["scenario"])
            for o, option in enumerate(x["options"]):
                want = [f"{cp.signed(d['mean'][s, o, y])} [{cp.signed(d['ci_low'][s, o, y])}, "
                        f"{cp.signed(d['ci_high'][s, o, y])}]" for y in range(len(d["year"]))]
                want.append(cp.whole_range(d["p10"][s, o, 0], d["p90"][s, o, 0]))
                got = rows.get(option, [])[1:len(want) + 1]
                check(got == want, f"{name}: {option} shows {want} ({got})")


def first_page_only(report_path):
    """The report cut after its first page: it must print as one page on its own."""
    text = open(report_path, encoding="utf-8").read()
    head, rest = text.split("<section id='first-page'", 1)
    alone = head + "<section id='first-page'" + rest.split("</section>", 1)[0] + \
        "</section></body></html>\n"
    path = os.path.join(os.path.dirname(report_path), "first_page_only.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(alone)
    return path


def pdf_pages(args, html_path, pdf):
    with tempfile.TemporaryDirectory(prefix="vtfsim-chromium-") as profile:
        rc = cp.chromium(args, profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                         "file://" + os.path.abspath(html_path))
    if not check(rc == 0 and os.path.isfile(pdf), f"chromium prints {html_path} to PDF"):
        return None, b""
    data = open(pdf, "rb").read()
    return len(re.findall(rb"/Type\s*/Page[^s]", data)), data


def print_check(args):
    for name in STUDIES:
        report_path = page(args, name)
        if not check(os.path.isfile(report_path), f"{name}: report.html written"):
            continue
        out = os.path.dirname(report_path)
        shot = os.path.join(out, "first_page.png")
        with tempfile.TemporaryDirectory(prefix="vtfsim-chromium-") as profile:
            cp.chromium(args, profile, "--window-size=1240,1754", f"--screenshot={shot}",
                        "file://" + os.path.abspath(report_path))
        if check(os.path.isfile(shot), f"{name}: screenshot of the first page"):
            pixels = cp.mpimg.imread(shot)[..., :3]
            drawn = (pixels.mean(axis=2) < 0.9).mean()
            check(drawn > 0.03, f"{name}: the first page is not blank ({100 * drawn:.1f}% of "
                  "pixels not white)")
        n, _ = pdf_pages(args, first_page_only(report_path), os.path.join(out, "first.pdf"))
        check(n == 1, f"{name}: the first page prints alone on one A4 page ({n})")
        n, data = pdf_pages(args, report_path, os.path.join(out, "report.pdf"))
        if n is None:
            continue
        check(2 <= n <= MOST_PAGES, f"{name}: the report prints on 2 to {MOST_PAGES} A4 pages "
              f"({n})")
        check(b"file://" not in data, f"{name}: no file:// in the PDF")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("check", choices=["prepare", "pages", "print"])
    parser.add_argument("--vtfsim", required=True)
    parser.add_argument("--scripts", required=True, help="the project's scripts/ directory")
    parser.add_argument("--dir", required=True, help="working directory of the tests")
    args = parser.parse_args()
    {"prepare": prepare, "pages": pages_check, "print": print_check}[args.check](args)
    print(f"\n{len(cp.failures)} failure(s)" if cp.failures else "\nall checks passed")
    return 1 if cp.failures else 0


if __name__ == "__main__":
    sys.exit(main())
