"""The funding gap (/funding_gap): what completing each State's remaining area would cost
beyond the money it can expect before its deadline, at the start, and how the total gap
evolves without a fund."""
import numpy as np
from matplotlib.ticker import FuncFormatter

from . import style

NAME = "funding_gap"
TITLE = "The funding gap"
NEEDS = ("/funding_gap/gap_usd", "/funding_gap/baseline_total_gap_usd")
MOST = 14  # the States with the largest gaps: more rows do not read projected


def available(results):
    return results.has("funding_gap/gap_usd")


def missing(results):
    return f"{results.file_name} has no /funding_gap"


def _money(millions):
    return f"${millions / 1e3:.1f}B" if millions >= 1e3 else f"${millions:.0f}M"


def _estimates(g):
    names = [e.decode() if isinstance(e, bytes) else str(e) for e in g["area_estimate"].values]
    return names.index("low"), names.index("best"), names.index("high")


def build(results, choice):
    s = choice.scenario
    g = results.group("funding_gap")
    lo, best, hi = _estimates(g)
    gap = g["gap_usd"].values[s] / 1e6  # [state, estimate]
    eligible = g["eligible"].values[s].astype(bool)
    order = [i for i in np.argsort(-gap[:, best], kind="stable") if gap[i, hi] > 0][:MOST]
    fig = style.new_figure()
    states, years = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
    y = np.arange(len(order))
    colours = [style.FUND if eligible[i] else style.NO_FUND for i in order]
    # gaps run from thousands to billions of dollars: a log scale, with the low end floored
    floor = max(float(np.min(gap[order, best][gap[order, best] > 0], initial=1.0)) / 10, 0.01)
    mid = np.maximum(gap[order, best], floor)
    low = np.maximum(gap[order, lo], floor)
    states.barh(y, mid - floor, 0.7, left=floor, color=colours)
    states.errorbar(mid, y, xerr=[mid - low, np.maximum(gap[order, hi], mid) - mid],
                    fmt="none", ecolor="#333333", elinewidth=1.2, capsize=3)
    for yi, v in zip(y, gap[order, best]):
        states.text(floor * 1.1, yi, _money(v), va="center", ha="left", fontsize=style.SMALL,
                    color="white")
    states.set_xscale("log")
    states.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,g}"))
    states.set_yticks(y, [results.states[i] for i in order])
    states.set_ylim(len(order) - 0.5, -0.5)
    states.set_xlabel("million USD, log scale (bar: best estimate; whiskers: low to high)")
    states.set_title(f"Largest gaps at the start, {results.start}", loc="left")
    states.grid(axis="y", visible=False)
    from matplotlib.patches import Patch

    states.legend(handles=[Patch(color=style.FUND, label="eligible for the fund"),
                           Patch(color=style.NO_FUND, label="not eligible")],
                  loc="lower right", frameon=True, framealpha=0.9)

    calendar = g["year"].values.astype(int)
    total = g["baseline_total_gap_usd"].values[s] / 1e9
    years.plot(calendar, total, color=style.BLACK, linewidth=2.4, label="all States")
    if "baseline_eligible_gap_usd" in g:
        years.plot(calendar, g["baseline_eligible_gap_usd"].values[s] / 1e9, color=style.FUND,
                   linewidth=2.4, label="States eligible for the fund")
    style.year_axis(years, calendar[0], calendar[-1])
    years.set_ylim(bottom=0)
    years.set_xlabel("end of calendar year")
    years.set_ylabel("billion USD")
    years.set_title("Total gap year by year, without a fund", loc="left")
    years.legend(loc="center right", frameon=True, framealpha=0.9)
    style.decorate(
        fig, results, f"{TITLE}, scenario {results.scenarios[s]}",
        f"Gap: cost to complete the remaining area less the money expected before the deadline"
        f"  ·  {results.study_title()}")
    return fig


def caption(results, choice):
    s = choice.scenario
    g = results.group("funding_gap")
    _, best, _ = _estimates(g)
    total = float(g["total_gap_usd"].values[s, best])
    return (f"The funding gap in scenario {results.scenarios[s]}: for each State, what completing "
            "its remaining area would cost at its calibrated costs beyond the money it can "
            f"expect before its Article 5 deadline (best estimate, ${total / 1e9:.2f} billion over "
            "all States at the start; the whiskers use the low and high estimates of the area). "
            "Blue: States eligible for the fund. Right: the total gap at the end of each year "
            "without a fund, for all States and for those eligible.")
