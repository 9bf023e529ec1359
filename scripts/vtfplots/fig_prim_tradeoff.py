"""Scenario discovery (PRIM): how well a few conditions on the futures single out the futures in
question. Every box of the peeling trajectory by its coverage (share of those futures inside it)
and density (share of its futures that are such) on the held-out half of the futures, coloured
by the number of inputs it restricts, the training half faintly beside it, the chosen box and
the share of all futures that are such. The group it is drawn from: prim_data."""
import numpy as np
from matplotlib.lines import Line2D

from . import prim_data, style
from .prim_data import HELD_OUT, pct, question, read, subject, subtitle

NAME = "prim_tradeoff"
TITLE = "How well a few conditions single out those futures"
NEEDS = ("/discovery or /findings/where_it_fails [step]",)
available = prim_data.available  # what the catalog and the report ask of a figure module
missing = prim_data.missing
report_missing = prim_data.report_missing


def build(results, choice):
    prim = read(results)
    v, peel = prim.values, prim.peel
    fig = style.new_figure()
    ax = fig.subplots()
    base = v["base_density"]
    ax.axhline(100 * base, color="#555555", linewidth=1.2, linestyle="--", zorder=1)
    ax.text(101.5, 100 * base, f"all futures\n{pct(base)}", ha="left", va="center",
            fontsize=style.SMALL, color="#333333")
    ax.plot(100 * peel["peel_coverage_train"], 100 * peel["peel_density_train"],
            color=style.SAMPLED, linewidth=1.6, marker="o", markersize=3.5, alpha=0.7, zorder=2,
            label="the same boxes on the training half (where they were fitted)")
    x, y = 100 * peel["peel_coverage_test"], 100 * peel["peel_density_test"]
    restricted = np.nan_to_num(peel["peel_restricted"]).astype(int)
    ax.plot(x, y, color="#333333", linewidth=1.0, alpha=0.6, zorder=3)
    top = max(int(restricted.max(initial=0)), 1)
    cmap = style.plt.get_cmap("viridis", top + 1)
    dots = ax.scatter(x, y, c=restricted, cmap=cmap, vmin=-0.5, vmax=top + 0.5, s=70,
                      edgecolors="#222222", linewidths=0.6, zorder=4,
                      label=HELD_OUT)
    bar = fig.colorbar(dots, ax=ax, pad=0.01, aspect=30)
    bar.set_label("inputs the box restricts")
    step = max(1, int(np.ceil((top + 1) / 10)))
    bar.set_ticks(range(0, top + 1, step))
    bar.ax.tick_params(labelsize=style.SMALL)
    if prim.found and np.isfinite([v["coverage_test"], v["density_test"]]).all():
        ax.scatter([100 * v["coverage_test"]], [100 * v["density_test"]], marker="*", s=420,
                   color=style.VERMILION, edgecolors="#111111", linewidths=0.8, zorder=6,
                   label="the chosen box, after pasting")
    ax.set_xlim(-2, 112)
    ax.set_ylim(0, 105)
    ax.set_xticks(range(0, 101, 20), [f"{t}%" for t in range(0, 101, 20)])
    ax.set_yticks(range(0, 101, 20), [f"{t}%" for t in range(0, 101, 20)])
    ax.spines["bottom"].set_bounds(0, 100)
    ax.set_xlabel("coverage: share of those futures inside the box")
    ax.set_ylabel("density: share of the box's futures that are such")
    handles, labels = ax.get_legend_handles_labels()
    handles[labels.index(HELD_OUT)] = Line2D([], [], color="#333333", linewidth=1.0, marker="o",
                                             markersize=8, markerfacecolor="#9a9a9a",
                                             markeredgecolor="#222222")
    title = None if prim.found else ("No box chosen: none is reliably denser than all "
                                     "futures on the held-out half")
    legend = ax.legend(handles, labels, loc="best", frameon=True, framealpha=0.95,
                       edgecolor="#dddddd", title=title, alignment="left")
    if title:
        legend.get_title().set_fontweight("bold")
    style.decorate(fig, results, f"{question(results, prim)} Coverage and density of each box",
                   subtitle(results, prim))
    if prim.found and np.isfinite([v["coverage_test"], v["density_test"]]).all():
        # The legend where matplotlib puts it best, fixed there; then the chosen box's label
        # where it covers the fewest dots and lines and not the legend.
        fig.draw_without_rendering()
        corner = ax.transAxes.inverted().transform(legend.get_window_extent().p0)
        legend.remove()
        legend = ax.legend(handles, labels, loc=tuple(corner), frameon=True, framealpha=0.95,
                           edgecolor="#dddddd")
        words = (f"chosen box: coverage {pct(v['coverage'])}, density {pct(v['density'])}\n"
                 f"(held-out half: {pct(v['coverage_test'])} and {pct(v['density_test'])})")
        label_box(fig, ax, words, (100 * v["coverage_test"], 100 * v["density_test"]),
                  [legend], [(100 * peel[f"peel_coverage_{h}"], 100 * peel[f"peel_density_{h}"])
                             for h in ("train", "test")])
    return fig


def label_box(fig, ax, words, at, avoid, curves):
    """An annotation of the point `at`, at the offset (of a few tried) whose text box covers
    the fewest points of the curves (sampled along their segments) and none of `avoid`."""
    pts = []
    for cx, cy in curves:
        for k in range(len(cx) - 1):
            for t in np.linspace(0, 1, 12):
                pts.append((cx[k] + t * (cx[k + 1] - cx[k]), cy[k] + t * (cy[k + 1] - cy[k])))
        pts += list(zip(cx, cy))
    pts = ax.transData.transform(np.array(pts)) if pts else np.zeros((0, 2))
    frame = ax.get_window_extent()
    best = None
    for dx, dy in [(18, 30), (-18, 30), (18, -30), (-18, -30), (30, 0), (-30, 0), (0, 45),
                   (0, -45), (60, 50), (-60, 50), (60, -50), (-60, -50)]:
        ann = ax.annotate(words, at, xytext=(dx, dy), textcoords="offset points",
                          ha="left" if dx > 0 else "right" if dx < 0 else "center",
                          va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                          fontsize=style.SMALL, zorder=7, multialignment="left",
                          bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                                "edgecolor": "#999999", "alpha": 0.95},
                          arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.9})
        fig.draw_without_rendering()
        box = ann.get_bbox_patch().get_window_extent()
        inside = ((pts[:, 0] >= box.x0 - 4) & (pts[:, 0] <= box.x1 + 4) &
                  (pts[:, 1] >= box.y0 - 4) & (pts[:, 1] <= box.y1 + 4)).sum()
        outside = not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and
                       box.y1 <= frame.y1)
        hidden = any(box.overlaps(a.get_window_extent()) for a in avoid)
        cost = inside + 1000 * (outside or hidden)
        if best is None or cost < best[0]:
            if best is not None:
                best[1].remove()
            best = (cost, ann)
        else:
            ann.remove()
        if cost == 0:
            break
    return best[1]


def caption(results, choice):
    prim = read(results)
    asked = " (the question last asked of this file with vtfsim discover)" if prim.asked else ""
    chosen = ", and the star the box chosen" if prim.found else "; no box was chosen"
    return (f"Each dot is a box of conditions on the futures' inputs that scenario discovery "
            f"tried for the futures in which {subject(results, prim)}{asked}, placed by the share "
            "of those futures it holds (coverage, across) and the share of its own futures that "
            "are such (density, up) on the half of the futures kept aside, and coloured by the "
            "number of inputs it restricts, with the same boxes on the half they were fitted to "
            f"in grey, the share of all futures as a dashed line{chosen}.")
