"""Per State: the distribution of the year each State first completes, with and without the
fund: who benefits, who is left behind. States ordered by median completion, LDCs marked."""
import numpy as np

from . import findings, style

NAME = "by_state"
TITLE = "When each State completes, with and without the fund"
NEEDS = ("/outcomes_by_state/first_completion_year", "/findings/by_state")


def first_completion(results, scenario, policy):
    """[replication, state] first completion year, +inf where the State never completed: the
    distribution the figure draws (its numbers, the medians included, are /findings/by_state's)."""
    years = results.variable("outcomes_by_state", "first_completion_year",
                             "the per-State completion years")
    x = years.isel(scenario=scenario, policy=policy).values.astype(float)
    return np.where(np.isnan(x), np.inf, x)


def _money(usd):
    if usd >= 1e6:
        return f"${usd / 1e6:.1f}M"
    return f"${usd / 1e3:.0f}k"


def _draw_arm(ax, years, ypos, colour, beyond, medians):
    """5-95% thin line, 25-75% thick line, the median (vtfsim's, from /findings/by_state) as a
    dot; values after the horizon drawn at `beyond` (with an arrow when the range runs past it)."""
    q05, q25, q75, q95 = (np.minimum(np.quantile(years, q, axis=0, method="inverted_cdf"), beyond)
                          for q in (0.05, 0.25, 0.75, 0.95))
    q50 = np.minimum(medians, beyond)
    for i, y in enumerate(ypos):
        ax.plot([q05[i], q95[i]], [y, y], color=colour, linewidth=1.3, solid_capstyle="butt")
        ax.plot([q25[i], q75[i]], [y, y], color=colour, linewidth=5, solid_capstyle="butt")
        if q95[i] >= beyond:
            ax.plot([beyond], [y], marker=">", color=colour, markersize=6)
        if q50[i] < beyond:
            ax.plot([q50[i]], [y], marker="o", markersize=6.5, markerfacecolor="white",
                    markeredgecolor=colour, markeredgewidth=2)


def build(results, choice):
    s, p = choice.scenario, choice.policy
    rows = findings.state_rows(results, s, p)
    order = findings.order(rows)
    n = len(order)
    fig = style.new_figure()
    ax, side = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [3.0, 1.0]})
    y0 = first_completion(results, s, 0)[:, order]
    y1 = first_completion(results, s, p)[:, order]
    beyond = results.horizon + 1.5
    pos = np.arange(n)
    ax.axvspan(results.horizon + 0.5, beyond + 1, color="#f1f1f1", zorder=0)
    ax.text(beyond, -0.9, f"not by\n{results.horizon}", ha="center", va="bottom", fontsize=style.SMALL,
            color="#555555")
    if results.start <= 2030 <= results.horizon:
        ax.axvline(2030, color="#999999", linestyle="--", linewidth=1)
    _draw_arm(ax, y0, pos - 0.18, style.NO_FUND, beyond,
              np.array([rows[i]["median_no_fund"] for i in order]))
    _draw_arm(ax, y1, pos + 0.18, style.ORANGE, beyond,
              np.array([rows[i]["median_fund"] for i in order]))
    labels = []
    for i in order:
        r = rows[i]
        labels.append(f"{r['state']} (LDC)" if r["ldc"] else r["state"])
    ax.set_yticks(pos, labels)
    for tick, i in zip(ax.get_yticklabels(), order):
        if rows[i]["ldc"]:
            tick.set_fontweight("bold")
    ax.set_ylim(n - 0.4, -1.2)
    style.year_axis(ax, results.start - 2, beyond + 1, ticks_to=results.horizon)
    ax.set_xlabel("year the State first completes its Article 5 clearance (calendar year)")
    ax.grid(axis="y", visible=False)
    ax.plot([], [], color=style.NO_FUND, linewidth=5, label="no fund")
    ax.plot([], [], color=style.ORANGE, linewidth=5, label=f"fund {results.fund_label(p)}")
    ax.plot([], [], color="#444444", linewidth=1.3,
            label="thin: 90% of futures; thick: middle half; dot: median")
    ax.legend(loc="lower left", frameon=True, framealpha=0.95, fontsize=style.SMALL)
    side.set_axis_off()
    side.text(0.0, -0.9, f"completed at {results.horizon}\nno fund → fund", fontsize=style.SMALL,
              fontweight="bold", va="bottom")
    side.text(0.58, -0.9, "fund money\nreceived", fontsize=style.SMALL, fontweight="bold", va="bottom")
    for y, i in zip(pos, order):
        r = rows[i]
        a, b = 100 * r["p_horizon_no_fund"], 100 * r["p_horizon_fund"]
        gain = b - a
        side.text(0.0, y, f"{a:3.0f}% → {b:3.0f}%", va="center", fontsize=style.SMALL,
                  fontweight="bold" if gain >= 10 else "normal",
                  color=style.VERMILION if gain >= 10 else "#222222", family="DejaVu Sans Mono")
        side.text(0.58, y, _money(r["received_usd"]), va="center", fontsize=style.SMALL,
                  family="DejaVu Sans Mono")
    ldc_note = ("bold (LDC): Least Developed Country" if any(r["ldc"] for r in rows)
                else "LDC status unknown")
    style.decorate(
        fig, results, f"{TITLE}: who benefits, who is left behind",
        f"Scenario {results.scenarios[s]}; fund {results.fund_label(p)} vs no fund  ·  "
        f"{results.replications} futures  ·  {results.study_title()}\n{ldc_note}  ·  red: the "
        f"fund raises the chance of being complete at {results.horizon} by 10 points or more")
    return fig


def caption(results, choice):
    return ("For each State Party, the year it first completes its Article 5 clearance across the "
            f"simulated futures of scenario {results.scenarios[choice.scenario]}, without the fund "
            f"(grey) and with a fund of {results.fund_label(choice.policy)} (orange) "
            "(/outcomes_by_state/first_completion_year). Thin lines span 90% of futures, thick "
            "lines the middle half, the dot is the median (the lower median, as "
            "`vtfsim compare --by-state` prints it, from /findings/by_state); arrows run past the horizon when a State "
            "does not complete in part of the futures. States are ordered by their median "
            "completion without the fund. On the right: the share of futures in which the State "
            "is complete at the horizon (which a later re-opening undoes) and the mean fund money it "
            "received (disbursed less returned), both from /findings/by_state. LDC status: "
            "/state_ldc.")
