"""Completions over time: how many States have completed their Article 5 work by the end of
each year, median and 90% band over the replications, no fund against each fund size."""
import math

import numpy as np

from . import style

NAME = "completions"
TITLE = "States completed over time"
NEEDS = ("/outcomes_by_state/first_completion_year", "/outcomes/completed_by_*")


def counts_by_year(results, scenario):
    """[policy, replication, year] number of States that have completed (at least once) by the
    end of each year, the year before the start first (States complete at the start)."""
    first = results.variable("outcomes_by_state", "first_completion_year",
                             "the completions-over-time figure")
    years = np.concatenate([[results.start - 1], results.years])
    done = first.isel(scenario=scenario).values  # [policy, replication, state], NaN = never
    with np.errstate(invalid="ignore"):
        counts = (done[..., None] <= years).sum(axis=2)  # NaN <= y is False
    return years, counts


def status_outcomes(results, scenario):
    """(year, outcome name) of the file's exact 'completed at the end of the year' counts."""
    out = []
    for year, name in ((2030, "completed_by_2030"), (2035, "completed_by_2035"),
                       (results.horizon, "completed_by_horizon")):
        if results.start <= year <= results.horizon and name in results.group("outcomes"):
            if not any(y == year for y, _ in out):
                out.append((year, name))
    return out


def _band(ax, years, counts, colour, label, fill_alpha):
    lo, mid, hi = np.quantile(counts, [0.05, 0.5, 0.95], axis=0)
    ax.fill_between(years, lo, hi, color=colour, alpha=fill_alpha, linewidth=0, step=None)
    ax.plot(years, mid, color=colour, linewidth=2.2, label=label)


def _status_markers(ax, results, scenario, policy, colour):
    outcomes = results.group("outcomes")
    for year, name in status_outcomes(results, scenario):
        x = outcomes[name].isel(scenario=scenario, policy=policy).values.astype(float)
        ax.plot([year], [np.nanmedian(x)], marker="D", markersize=6, markerfacecolor="white",
                markeredgecolor=colour, markeredgewidth=1.6, linestyle="none")


def build(results, choice):
    s = choice.scenario
    years, counts = counts_by_year(results, s)
    funds = results.sizes()
    colours = dict(zip(funds, style.fund_colours(len(funds))))
    panels = len(funds) + 1
    cols = min(3, panels)
    rows = math.ceil(panels / cols)
    fig = style.new_figure()
    axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False).ravel()
    n_states = len(results.states)
    overview = axes[0]
    overview.plot(years, np.median(counts[0], axis=0), color=style.NO_FUND, linewidth=2.4,
                  label="no fund")
    for p in funds:
        overview.plot(years, np.median(counts[p], axis=0), color=colours[p], linewidth=1.8,
                      label=results.fund_label(p))
    overview.set_title("Medians, all fund sizes")
    overview.legend(loc="upper left", frameon=False)
    for ax, p in zip(axes[1:], funds):
        _band(ax, years, counts[0], style.NO_FUND, "no fund: median, 90% band", 0.25)
        _band(ax, years, counts[p], style.FUND, f"fund {results.fund_label(p)}", 0.25)
        _status_markers(ax, results, s, 0, style.NO_FUND)
        _status_markers(ax, results, s, p, style.FUND)
        label = results.fund_label(p)
        ax.set_title(f"Fund of {label} vs no fund" if label.endswith(" a year")
                     else f"{label} vs no fund")
        ax.plot([], [], marker="D", markerfacecolor="white", markeredgecolor="#444444",
                linestyle="none",
                label="median completed at year end\n(re-opened States not counted)")
        ax.legend(loc="upper left", frameon=False)
    for ax in axes[panels:]:
        ax.set_visible(False)
    for k, ax in enumerate(axes[:panels]):
        ax.set_ylim(0, n_states)
        style.year_axis(ax, years[0], years[-1] + 0.6)
        if k % cols == 0:
            ax.set_ylabel(f"States completed (of {n_states})")
        if k >= panels - cols:
            ax.set_xlabel("end of calendar year")
            ax.tick_params(labelbottom=True)
    style.decorate(
        fig, results, f"{TITLE}: how many States have finished clearing, year by year",
        f"Scenario {results.scenarios[s]}  ·  {results.study_title()}  ·  lines: median over "
        f"{results.replications} simulated futures; bands: 5th to 95th percentile")
    return fig


def caption(results, choice):
    return (f"Number of the {len(results.states)} States Parties that have declared completion of "
            f"their Article 5 clearance by the end of each year, in scenario "
            f"{results.scenarios[choice.scenario]}. Lines are medians over the "
            f"{results.replications} simulated futures, bands the 5th to 95th percentiles (90% of "
            "futures). A State counts from the year it first completes "
            "(/outcomes_by_state/first_completion_year, counted per replication); the value before "
            f"{results.start} counts States already complete at the start. Residual contamination "
            "can re-open a completed State later; the diamonds give the file's exact count of "
            "States complete at the end of 2030, 2035 and the horizon (/outcomes/completed_by_*, "
            "median), which leaves re-opened States out and is therefore slightly lower.")
