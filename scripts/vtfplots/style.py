"""Look of every figure: colour-blind-safe colours (Okabe & Ito), fixed pixel sizes, a title
naming what and for which scenario, and a source line naming the run."""
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402
from matplotlib.ticker import FixedLocator, FormatStrFormatter  # noqa: E402

from .errors import OutputError  # noqa: E402

DPI = 100
# Projected slides are 16:9; 1280 x 720 px is their common size, so one pixel here is one on screen.
WIDTH_PX, HEIGHT_PX = 1280, 720
# The smallest text that reads projected and printed (body text size, 14 px at 1280 x 720).
MIN_TEXT_PX = 14
MIN_TEXT_PT = MIN_TEXT_PX * 72 / DPI
# Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
BLACK, ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILION, PURPLE = (
    "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
NO_FUND = "#6b6b6b"  # grey: the baseline
FUND = BLUE  # the fund compared with it
CATEGORICAL = [BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, BLACK, YELLOW]
LINESTYLES = ["-", "--", "-.", ":"]
SAMPLED = "#b0b0b0"

SMALL = 10.5  # points: 14.6 px, just above MIN_TEXT_PX
plt.rcParams.update({
    "font.size": 11.5, "axes.titlesize": 13, "axes.labelsize": 11.5, "legend.fontsize": SMALL,
    "xtick.labelsize": SMALL, "ytick.labelsize": SMALL, "legend.title_fontsize": SMALL,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
    "grid.color": "#e3e3e3", "grid.linewidth": 0.8, "svg.fonttype": "none",
    "figure.facecolor": "white", "savefig.facecolor": "white",
})


def scenario_styles(names):
    """{name: (colour, dash)} for the named scenarios. Crossed names such as 'declining/strict'
    get their colour from the first part and their dash pattern from the rest, so that each
    factor reads at a glance; other names take colours in turn, then dash patterns."""
    parts = [n.split("/", 1) for n in names]
    if len(names) > 1 and all(len(p) == 2 for p in parts):
        firsts = list(dict.fromkeys(p[0] for p in parts))
        rests = list(dict.fromkeys(p[1] for p in parts))
        if len(firsts) <= len(CATEGORICAL) and len(rests) <= len(LINESTYLES):
            return {n: (CATEGORICAL[firsts.index(p[0])], LINESTYLES[rests.index(p[1])])
                    for n, p in zip(names, parts)}
    return {n: (CATEGORICAL[k % len(CATEGORICAL)],
                LINESTYLES[(k // len(CATEGORICAL)) % len(LINESTYLES)])
            for k, n in enumerate(names)}


def year_axis(ax, first, last, ticks_to=None):
    """Calendar years on the x axis from `first` to `last`: ticks on the multiples of 5 (of 2
    for short runs) up to `ticks_to` (default `last`), and on the first year."""
    end = int(ticks_to if ticks_to is not None else last)
    lo = int(np.ceil(first))
    step = 5 if end - lo >= 12 else (2 if end - lo >= 5 else 1)
    ticks = [y for y in range(lo, end + 1) if y % step == 0]
    if not ticks or ticks[0] - lo >= 2:
        ticks.insert(0, lo)
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FormatStrFormatter("%d"))
    ax.set_xlim(first, last)


def fund_colours(n):
    """n colours ordered from small to large fund (viridis is colour-blind safe and prints in
    grey as a ramp)."""
    cmap = plt.get_cmap("viridis")
    return [cmap(0.15 + 0.7 * k / max(n - 1, 1)) for k in range(n)]


def new_figure(**kwargs):
    """Every figure is one slide: WIDTH_PX x HEIGHT_PX at DPI."""
    # 0.01 px more: 510 / 100 * 100 is 509.99..., which matplotlib would cut to 509 pixels
    return plt.figure(figsize=((WIDTH_PX + 0.01) / DPI, (HEIGHT_PX + 0.01) / DPI), dpi=DPI,
                      layout="constrained", **kwargs)


def too_small_texts(fig):
    """The visible, non-empty texts of a figure smaller than MIN_TEXT_PX: (text, px) pairs."""
    from matplotlib.text import Text

    small = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() * DPI / 72 < MIN_TEXT_PX:
            small.append((t.get_text(), t.get_fontsize() * DPI / 72))
    return small


def decorate(fig, results, title, subtitle):
    """Title (what), subtitle (which scenario, policy, study) and the source line (which run),
    at fixed pixel offsets; the axes are laid out in the space between."""
    height = fig.get_figheight() * DPI
    lines = subtitle.count("\n") + 1
    header = 40 + 21 * lines
    footer = 26
    fig.text(12 / fig.get_figwidth() / DPI, 1 - 12 / height, title, ha="left", va="top",
             fontsize=15, fontweight="bold")
    fig.text(12 / fig.get_figwidth() / DPI, 1 - 38 / height, subtitle, ha="left", va="top",
             fontsize=SMALL, color="#333333", linespacing=1.35)
    fig.text(12 / fig.get_figwidth() / DPI, 8 / height, results.source_line(), ha="left",
             va="bottom", fontsize=SMALL, color="#555555")
    # rect is (left, bottom, width, height) in figure coordinates
    fig.get_layout_engine().set(rect=(0, footer / height, 1, 1 - (header + footer) / height))


def png_bytes(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def save(fig, path, fmt):
    try:
        fig.savefig(path, format=fmt, dpi=DPI)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None


def close(fig):
    plt.close(fig)
