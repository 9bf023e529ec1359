"""Scenario discovery (PRIM): the chosen box's conditions. One row per input the box restricts,
its range over all futures as a light bar, the box's interval on it as a dark bar with the
limits that restrict printed at its ends, and the p-value of the restriction on the held-out
futures. From the same group as fig_prim_tradeoff (prim_data: /discovery, else
/findings/where_it_fails); when no box was found the figure says so in words."""
import math
import textwrap

from . import prim_data as prim_words
from . import style

NAME = "prim_box"
TITLE = "The conditions that single out those futures"
NEEDS = ("/discovery or /findings/where_it_fails [step, restriction]",)
LIGHT, DARK = "#d9e4ef", style.BLUE
LABEL_WIDTH = 40  # characters of an input's name on one line
CLOSE, EDGE = 0.25, 0.15  # limits closer than CLOSE: one label; EDGE: text turned inwards
MIN_ROWS = 4
MIN_WIDTH = 0.012  # the narrowest dark bar drawn (a box on one value of a count)

available = prim_words.available
missing = prim_words.missing
report_missing = prim_words.report_missing


def limit(x):
    """A limit or an end of a range, three significant digits: 1.2 million, 5,490, 0.143 (the
    sentences round thousands to whole thousands; beside the range's ends that would read
    5,000 for both 5,070 and 5,490)."""
    a = abs(x)
    if a >= 1e6:
        text = f"{x / 1e6:.3g} million"
    elif a >= 1e3:
        text = f"{float(f'{x:.3g}'):,.0f}"
    else:
        text = f"{x:.3g}"
    return text.replace("-", "−")


def p_words(p):
    """'p = 2e-08', 'p = 0.06'."""
    if not math.isfinite(p):
        return "p = n/a"
    return f"p = {p:.0e}" if p < 1e-3 else f"p = {p:.2g}"


def limit_labels(r, lo, hi):
    """[(x, words, ha)] of the limits that restrict, at the dark bar's ends (lo, hi on 0..1),
    each turned to stay over the bar; one label for two ends too close to name apart."""
    if r.restricts_low and r.restricts_high:
        if limit(r.low) == limit(r.high):  # a count: "is 1"
            return [((lo + hi) / 2, f"is {limit(r.low)}", _side((lo + hi) / 2))]
        if hi - lo < CLOSE:
            mid = (lo + hi) / 2
            return [(mid, f"between {limit(r.low)} and {limit(r.high)}", _side(mid))]
        return [(lo, f"at least {limit(r.low)}", "right" if lo > EDGE else "left"),
                (hi, f"at most {limit(r.high)}", "left" if hi < 1 - EDGE else "right")]
    if r.restricts_low:
        return [(lo, f"at least {limit(r.low)}", "left" if lo < 1 - EDGE else "right")]
    if r.restricts_high:
        return [(hi, f"at most {limit(r.high)}", "right" if hi > EDGE else "left")]
    return []


def _side(x):
    return "left" if x < EDGE else "right" if x > 1 - EDGE else "center"


def shows_box(prim):
    return prim.found and bool(prim.restrictions)


def build(results, choice):
    prim = prim_words.read(results)
    fig = style.new_figure()
    question = prim_words.question(results, prim)
    if not shows_box(prim):
        return _no_box(fig, results, prim, f"{question} No box of conditions found")
    title = f"{question} The conditions of the chosen box"
    rows = prim.restrictions
    ax, right = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 0.11]})
    n = len(rows)
    for k, r in enumerate(rows):
        span = r.range_high - r.range_low
        lo = (r.low - r.range_low) / span if span > 0 else 0.0
        hi = (r.high - r.range_low) / span if span > 0 else 1.0
        lo, hi = max(0.0, min(lo, 1.0)), max(0.0, min(hi, 1.0))
        if hi - lo < MIN_WIDTH:  # one value: a visible mark centred on it
            mid = (lo + hi) / 2
            lo, hi = max(0.0, mid - MIN_WIDTH / 2), min(1.0, mid + MIN_WIDTH / 2)
        ax.barh(k, 1.0, height=0.34, left=0.0, color=LIGHT, edgecolor="#9fb3c8",
                linewidth=0.8, zorder=2)
        ax.barh(k, hi - lo, height=0.34, left=lo, color=DARK, zorder=3)
        # The input's range below its bar, the box's limits that restrict above it.
        ax.text(0.0, k + 0.24, limit(r.range_low), ha="left", va="top", fontsize=style.SMALL,
                color="#666666")
        ax.text(1.0, k + 0.24, limit(r.range_high), ha="right", va="top",
                fontsize=style.SMALL, color="#666666")
        for x, words, ha in limit_labels(r, lo, hi):
            ax.text(x, k - 0.22, words, ha=ha, va="bottom", fontsize=style.SMALL,
                    fontweight="bold", color="#111111")
        right.text(0.0, k, p_words(r.p_value), ha="left", va="center", fontsize=style.SMALL,
                   color="#222222")
    ax.set_yticks(range(n), ["\n".join(textwrap.wrap(r.label, LABEL_WIDTH)) for r in rows])
    pad = max(0, MIN_ROWS - n) / 2  # few rows: bars of the height they have with MIN_ROWS
    ax.set_ylim(n - 0.45 + pad, -0.65 - pad)
    ax.set_xlim(-0.01, 1.01)
    ax.set_xticks([])
    ax.grid(False)
    ax.tick_params(axis="y", length=0)
    for a in (ax, right):
        for side in a.spines.values():
            side.set_visible(False)
    right.set_xlim(0, 1)
    right.set_xticks([])
    right.tick_params(axis="y", length=0, labelleft=False)
    right.grid(False)
    right.set_title("p-value", loc="left", fontsize=style.SMALL, color="#333333")
    ax.set_title("light: the input's range over all futures; dark: the chosen box", loc="left",
                 fontsize=style.SMALL, color="#333333")
    v = prim.values
    style.decorate(
        fig, results, title,
        prim_words.subtitle(results, prim, explain=False) + "\n" + textwrap.fill(
            f"The box holds {prim_words.pct(v['mass'])} of all futures. p: the chance of so many "
            "such futures in the box without that condition, on the held-out half (small: it "
            "matters).", prim_words.LINE))
    return fig


def _no_box(fig, results, prim, title):
    """No box to draw: the finding in words, and how it was looked for."""
    ax = fig.subplots()
    ax.axis("off")
    v = prim.values
    lead = (f"No simple set of conditions singles out the futures in which "
            f"{prim_words.subject(results, prim)}.")
    ax.text(0.5, 0.68, textwrap.fill(lead, 70), ha="center", va="center", fontsize=15,
            fontweight="bold", color="#222222", linespacing=1.5, transform=ax.transAxes)
    why = prim_words.reason(prim)
    how = ((f"vtfsim found that {why}. " if why else "") +
           "Scenario discovery (PRIM) looked for a few conditions on the futures' inputs under "
           f"which those futures are much more common than the "
           f"{prim_words.pct(v['base_density'])} of all futures, and checked them on the half "
           "of the futures kept aside. No box passed that check, so no conditions are reported; "
           "the figure of coverage and density shows the boxes it tried.")
    ax.text(0.5, 0.4, textwrap.fill(how, 100), ha="center", va="center", fontsize=style.SMALL,
            color="#333333", linespacing=1.6, transform=ax.transAxes)
    style.decorate(fig, results, title, prim_words.subtitle(results, prim, explain=False,
                                                            verdict_line=False))
    return fig


def report_note(results):
    """The report's words in place of the figure when it would only say that no box was found
    (the figure of coverage and density still shows the boxes tried); None when it has bars."""
    prim = prim_words.read(results)
    if shows_box(prim):
        return None
    return (f"no simple set of conditions singles out the futures in which "
            f"{prim_words.subject(results, prim)}: no box of conditions on the futures' inputs "
            "passed the check on the half of the futures kept aside, so there are no conditions "
            "to show.")


def caption(results, choice):
    prim = prim_words.read(results)
    subject = prim_words.subject(results, prim)
    if not shows_box(prim):
        return (f"Scenario discovery found no simple set of conditions that singles out the "
                f"futures in which {subject}: no box of conditions on the futures' inputs passed "
                "the check on the half of the futures kept aside.")
    asked = " (the question last asked of this file with vtfsim discover)" if prim.asked else ""
    weak = ("" if prim.sharp else "; the box raises the share of those futures only a little, "
            "as they depend on many conditions at once")
    return (f"For the futures in which {subject}{asked}, each input that the chosen box of "
            "conditions restricts, with the input's range over all futures (light bar), the part "
            "of it inside the box (dark bar) and the limits that restrict, and at the right the "
            "chance (p) of so many such futures in the box without that condition on the half "
            f"of the futures kept aside{weak}.")
