"""What the checks of tests/plots share: the failure list, running a command, the scripts, the
results files made by the 'plots: results files' test, and the checks of a PNG."""
import html.parser
import os
import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")
import matplotlib.image as mpimg  # noqa: E402

PYTHON = "/usr/bin/python3"
# Every figure is one 16:9 slide (scripts/vtfplots/style.py); check_readable.py checks why.
SLIDE = (1280, 720)

failures = []
def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)
    return condition


def run(cmd, timeout=300):
    print("$ " + " ".join(cmd))
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def plots(args, *extra):
    return run([PYTHON, os.path.join(args.scripts, "plots.py"), *extra])


def report(args, *extra):
    return run([PYTHON, os.path.join(args.scripts, "report.py"), *extra])


def tiny(args):
    return os.path.join(args.dir, "tiny.h5")


def with_sensitivity(args):
    return os.path.join(args.dir, "tiny_sensitivity.h5")


def fresh_dir(args, name):
    path = os.path.join(args.dir, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


# --- pictures --------------------------------------------------------------------------------
def image_checks(pixels, name, size=None):
    """Size (width, height) and 'not blank': the grey levels vary and a fair share of the
    picture is not background."""
    h, w = pixels.shape[:2]
    if size is not None:
        check((w, h) == size, f"{name}: {w}x{h} pixels, expected {size[0]}x{size[1]}")
    grey = pixels[..., :3].mean(axis=2)
    check(grey.var() > 0.01, f"{name}: not blank (grey-level variance {grey.var():.4f})")
    check((grey < 0.95).mean() > 0.04,
          f"{name}: drawn on ({100 * (grey < 0.95).mean():.1f}% of pixels not background)")


def png_checks(path, name, size=None):
    if not check(os.path.isfile(path), f"{name}: {path} exists"):
        return
    with open(path, "rb") as f:
        check(f.read(8) == b"\x89PNG\r\n\x1a\n", f"{name}: is a PNG file")
    image_checks(mpimg.imread(path), name, size)


# --- prepare -----------------------------------------------------------------------------------


def expect_error(r, code, message, what):
    text = r.stderr.strip()
    check(r.returncode == code, f"{what}: exit code {code} (got {r.returncode})")
    check(message in text, f"{what}: message contains {message!r} (got {text!r})")
    check("Traceback" not in r.stderr + r.stdout, f"{what}: no traceback")
    check(len(text.splitlines()) == 1, f"{what}: one line of message")


class ReportParser(html.parser.HTMLParser):
    """Collects figures (id -> image src), table rows (data-* attributes -> cell texts) and
    every URL the page refers to."""

    def __init__(self):
        super().__init__()
        self.figures, self.rows, self.urls, self.ids = {}, [], [], set()
        self._figure = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("src", "href", "data", "action", "poster"):
            if key in a:
                self.urls.append(a[key])
        if tag == "figure":
            self._figure = a.get("id")
        if tag == "img" and self._figure:
            self.figures[self._figure] = a.get("src", "")
        if tag == "tr":
            self._row = {"attrs": {k: v for k, v in a.items() if k.startswith("data-")},
                         "cells": []}
        if tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure = None
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row["cells"].append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
