"""Fan chart of the remaining contaminated area of one State, no fund against a fund, and the
chance that the State has completed by each year."""
import numpy as np

from . import style

NAME = "fan"
TITLE = "Remaining contaminated area"
NEEDS = ("/trajectories/area_remaining_km2", "/outcomes_by_state/first_completion_year")


def build(results, choice):
    s, p, i = choice.scenario, choice.policy, choice.state
    area = results.variable("trajectories", "area_remaining_km2", "the fan chart")
    q = area.isel(scenario=s, state=i)  # [policy, year, quantile]
    levels = [float(v) for v in q["quantile"].values]
    lo, mid, hi = (levels.index(v) for v in (min(levels), 0.5, max(levels)))
    years = results.years
    fig = style.new_figure()
    ax, chance = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2, 1.15]})
    funds = results.sizes()
    for k, colour, label in ((0, style.NO_FUND, "no fund"),
                             (p, style.FUND, f"fund {results.fund_label(p)}")):
        v = q.isel(policy=k).values
        ax.fill_between(years, v[:, lo], v[:, hi], color=colour, alpha=0.18, linewidth=0)
        for edge in (lo, hi):
            ax.plot(years, v[:, edge], color=colour, linewidth=0.9, linestyle="--")
        ax.plot(years, v[:, mid], color=colour, linewidth=2.4,
                label=f"{label}: median, {levels[lo]:.0%}–{levels[hi]:.0%} band")
    # a little below zero, so that a line at zero (completed) is drawn above the axis
    ax.set_ylim(bottom=-0.03 * ax.get_ylim()[1])
    style.year_axis(ax, years[0], years[-1])
    ax.set_xlabel("end of calendar year")
    ax.set_ylabel("remaining contaminated area (km²)")
    ax.set_title("Area still to address (suspected and confirmed)")
    ax.legend(loc="upper right", frameon=True, framealpha=0.9)

    colours = style.fund_colours(len(funds))
    grid = np.concatenate([[results.start - 1], years])
    first = results.variable("outcomes_by_state", "first_completion_year", "the fan chart")
    done = first.isel(scenario=s, state=i).values.astype(float)  # [policy, replication]
    done = np.where(np.isnan(done), np.inf, done)  # never completed
    y0 = done[0]
    base = 100 * (y0[:, None] <= grid).mean(axis=0)
    chance.plot(grid, base, color=style.BLACK, linewidth=2.6, linestyle="--", zorder=5,
                label="no fund" + (" (0% in every year)" if base.max() == 0 else ""))
    for k, colour in zip(funds, colours):
        yk = done[k]
        chance.plot(grid, 100 * (yk[:, None] <= grid).mean(axis=0), color=colour,
                    linewidth=2.6 if k == p else 1.4, label=results.fund_label(k))
    chance.set_ylim(-4, 104)  # lines at 0% and 100% drawn clear of the axes
    style.year_axis(chance, grid[0], grid[-1])
    chance.set_xlabel("end of calendar year")
    chance.set_ylabel("share of futures (%)")
    chance.set_title("Chance of having completed (at least once)")
    chance.legend(loc="center right", frameon=True, framealpha=0.9, fontsize=style.SMALL)
    ldc = " · LDC" if results.ldc[i] else ""
    style.decorate(
        fig, results, f"{TITLE}: {results.states[i]} ({results.iso3[i]}{ldc})",
        f"Scenario {results.scenarios[s]}; fund {results.fund_label(p)} vs no fund  ·  "
        f"{results.replications} futures  ·  {results.study_title()}")
    return fig


def caption(results, choice):
    i = choice.state
    why = ("" if choice.state_given else
           " (the State whose chance of completing by the horizon the fund raises most; choose "
           "another with --state)")
    return (f"Remaining contaminated area of {results.states[i]}{why} at the end of each year, "
            f"scenario {results.scenarios[choice.scenario]}: median and 5th–95th percentile band "
            f"over the simulated futures, without the fund and with a fund of "
            f"{results.fund_label(choice.policy)} (the percentiles are estimated while "
            "simulating, to within 0.4%). Right: the share of futures in which the State has "
            "completed at least once by the end of each year, for every fund size.")
