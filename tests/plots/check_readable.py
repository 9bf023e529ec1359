#!/usr/bin/python3
"""Every figure reads projected: for each figure drawn from the results files of tiny.toml (sizes
x allocation rules), tiny_variants.toml (sizes and a named variant) and tiny_grid.toml (two
families of sizes), the figure is 16:9, no visible text is smaller than style.MIN_TEXT_PX at the
figure's dpi, and no two tick labels of one axis overlap.

Exit code 0 when every check passes, 1 otherwise (each failure printed)."""
import argparse
import os
import re
import subprocess
import sys

STUDIES = ["tiny.toml", "tiny_variants.toml", "tiny_grid.toml"]
failures = []
HDF5_PATH = re.compile(r"(?:^|[\s(])(/[a-z][a-z0-9_]*(?:/[a-z0-9_*<>]+)*)")


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def overlapping_ticks(fig):
    """Pairs of tick labels of one axis whose drawn boxes overlap (overprinted)."""
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for axis in (ax.xaxis, ax.yaxis):
            boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in axis.get_ticklabels()
                     if t.get_visible() and t.get_text().strip()]
            for k, (a, box_a) in enumerate(boxes):
                for b, box_b in boxes[k + 1:]:
                    if box_a.overlaps(box_b):
                        found.append((a, b))
    return found


def check_figures(path, study):
    from vtfplots import catalog, style
    from vtfplots.choice import resolve
    from vtfplots.results import Results

    results = Results(path)
    choice = resolve(results)
    drawn = 0
    for name in catalog.NAMES:
        module = catalog.by_name(name)
        if not catalog.available(module, results):
            continue
        fig = module.build(results, choice)
        try:
            fig.canvas.draw()
            w, h = fig.get_size_inches()
            check(abs(w / h - 16 / 9) < 1e-3, f"{study} {name}: 16:9 ({w * fig.dpi:.0f} x "
                  f"{h * fig.dpi:.0f} px)")
            small = style.too_small_texts(fig)
            check(not small, f"{study} {name}: no text below {style.MIN_TEXT_PX} px "
                  f"{[(t[:30], round(px, 1)) for t, px in small[:4]]}")
            over = overlapping_ticks(fig)
            check(not over, f"{study} {name}: no overprinted tick labels {over[:3]}")
            words = module.caption(results, choice)
            paths = HDF5_PATH.findall(words)
            check(words and not paths, f"{study} {name}: caption in words, no HDF5 path {paths}")
            drawn += 1
        finally:
            style.close(fig)
    check(drawn >= 6, f"{study}: {drawn} figures drawn and checked")
    results.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vtfsim", required=True)
    parser.add_argument("--scripts", required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.scripts)
    os.makedirs(args.dir, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    for study in STUDIES:
        path = os.path.join(args.dir, study.replace(".toml", ".h5"))
        r = subprocess.run([args.vtfsim, "run", "-q", "-f", "-t", "2", os.path.join(here, study),
                            "-o", path], capture_output=True, text=True, timeout=120)
        check(r.returncode == 0, f"vtfsim run {study} {r.stderr.strip()[:200]}")
        if r.returncode == 0:
            check_figures(path, study)
    print(f"{len(failures)} failure(s)" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
