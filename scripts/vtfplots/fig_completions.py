"""How many States are complete at the end of 2030, 2035 and the horizon, without a fund and
with each fund size: the file's exact counts (/outcomes/completed_by_*), the same numbers as the
summary. Years in between are not drawn: a State can complete and re-open, so neither its first
nor its last completion year gives the count at a year end."""
import numpy as np
from matplotlib.ticker import MaxNLocator

from . import options, style

NAME = "completions"
TITLE = "States complete at the end of the year"
NEEDS = ("/outcomes/completed_by_2030", "/outcomes/completed_by_2035",
         "/outcomes/completed_by_horizon")


def status_outcomes(results):
    """(year, outcome name) of the file's 'complete at 31 December' counts, in year order."""
    out = []
    for year, name in ((2030, "completed_by_2030"), (2035, "completed_by_2035"),
                       (results.horizon, "completed_by_horizon")):
        if results.start <= year <= results.horizon and name in results.group("outcomes"):
            if not any(y == year for y, _ in out):
                out.append((year, name))
    return out


def build(results, choice):
    s = choice.scenario
    family, members = options.families(results)[0]
    arms = [0] + [o.policy for o in members]
    colours = [style.NO_FUND] + style.fund_colours(len(arms) - 1)
    outcomes = results.group("outcomes")
    years = status_outcomes(results)
    fig = style.new_figure()
    ax = fig.subplots()
    width = 0.8 / len(arms)
    n_states = len(results.states)
    top = 0.0
    for g, (year, name) in enumerate(years):
        counts = outcomes[name].isel(scenario=s).values.astype(float)  # [policy, replication]
        for k, (p, colour) in enumerate(zip(arms, colours)):
            x = g + (k - (len(arms) - 1) / 2) * width
            lo, mid, hi = np.quantile(counts[p], [0.1, 0.5, 0.9], method="inverted_cdf")
            ax.bar(x, hi - lo + 0.2, bottom=lo - 0.1, width=width * 0.85, color=colour,
                   alpha=0.35, linewidth=0)
            ax.plot([x - width * 0.42, x + width * 0.42], [mid, mid], color=colour, linewidth=3)
            ax.text(x, hi + 0.3, f"{mid:.0f}", ha="center", va="bottom", fontsize=style.SMALL)
            top = max(top, hi)
    ax.set_xticks(range(len(years)), [f"end of {y}" for y, _ in years])
    ax.set_ylim(0, min(n_states, top + 4))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(f"States complete (of {n_states})")
    ax.grid(axis="x", visible=False)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=c, alpha=0.6, label=results.fund_label(p))
                       for p, c in zip(arms, colours)],
              loc="upper left", frameon=True, framealpha=0.9, ncol=min(len(arms), 3),
              title=None if family == options.DEFAULT_FAMILY else family)
    style.decorate(
        fig, results, f"{TITLE}, scenario {results.scenarios[s]}",
        f"Line and number: median over {results.replications} futures; bar: 10% to 90% of "
        f"futures  ·  {results.study_title()}")
    return fig


def caption(results, choice):
    return (f"How many of the {len(results.states)} States Parties are complete at the end of "
            f"2030, 2035 and {results.horizon} in scenario {results.scenarios[choice.scenario]}, "
            "without a fund and with each fund size of "
            f"{options.families(results)[0][0]}. The line and number give the median over "
            "the simulated futures, the bar the range of 80% of them (10% to 90%). A State that "
            "completed and re-opened by then is not counted, so these are the numbers the "
            "summary states; years in between are not drawn because only these year ends are "
            "counted in the results.")
