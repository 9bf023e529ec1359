"""Where the fund's money goes: received, administration, granted, disbursed, returned, idle
(totals over the run), what became of what it received, and the fund's flows year by year."""
import numpy as np

from . import style

NAME = "money"
TITLE = "Where the fund's money goes"
NEEDS = ("/outcomes/vtf_*", "/trajectories/funding_vtf_usd", "/trajectories/vtf_*_by_year_usd")
# The fund's flows in each year (/trajectories, [scenario, policy, year]) and its balance.
YEARLY = [("vtf_received_by_year_usd", "received"), ("vtf_admin_by_year_usd", "administration"),
          ("vtf_granted_by_year_usd", "granted (committed)"),
          ("vtf_disbursed_by_year_usd", "disbursed"),
          ("vtf_returned_by_year_usd", "returned unspent")]
BALANCE = "vtf_balance_usd"
FLOWS = [("vtf_received_usd", "received"), ("vtf_admin_usd", "administration"),
         ("vtf_granted_usd", "granted (committed)"), ("vtf_disbursed_usd", "disbursed"),
         ("vtf_returned_usd", "returned unspent"), ("vtf_idle_usd", "idle at horizon")]
IDLE = "#9e9e9e"


def totals(results, scenario, policies):
    """{outcome: [mean over replications per policy]} in USD."""
    out = {}
    for name, _ in FLOWS:
        x = results.variable("outcomes", name, "the fund-money figure")
        out[name] = x.isel(scenario=scenario).values[policies].astype(float).mean(axis=1)
    return out


def spent_per_year(results, scenario, policies):
    """[policy, year] mean grant money spent by all States in the year (USD)."""
    spent = results.variable("trajectories", "funding_vtf_usd", "the fund-money figure")
    return spent.isel(scenario=scenario).sum("state").values[policies]


def has_yearly_flows(results):
    return results.has(f"trajectories/{BALANCE}")


def draw_yearly_flows(ax, results, scenario, policy, palette):
    """The chosen fund's flows each year, and its balance at each year end (shaded)."""
    def series(name):
        x = results.variable("trajectories", name, "the fund-money figure")
        return x.isel(scenario=scenario, policy=policy).values / 1e6
    years = results.years
    ax.fill_between(years, series(BALANCE), color=IDLE, alpha=0.35, linewidth=0,
                    label="balance at year end (incl. reserve)")
    for (name, label), colour in zip(YEARLY, palette):
        ax.plot(years, series(name), color=colour, linewidth=2.2, marker="o", markersize=3.5,
                label=label)
    style.year_axis(ax, years[0], years[-1])
    ax.set_ylim(bottom=0)
    ax.set_xlabel("calendar year")
    ax.set_ylabel("million USD in the year (mean)")
    fund = results.fund_label(policy)
    ax.set_title(f"The fund's flows each year: fund {fund}")
    ax.legend(loc="upper right", frameon=False, ncol=3)


def build(results, choice):
    s = choice.scenario
    funds = results.sizes()
    t = totals(results, s, funds)
    per_year = spent_per_year(results, s, funds)
    spent = per_year.sum(axis=1)
    fig = style.new_figure()
    grid = fig.add_gridspec(2, 2)
    flows = fig.add_subplot(grid[0, 0])
    shares = fig.add_subplot(grid[0, 1])
    yearly = fig.add_subplot(grid[1, :])
    labels = [results.fund_label(p).replace(" a year", "").replace(", ", "\n").replace(": ", ":\n")
              for p in funds]
    x = np.arange(len(funds))
    width = 0.8 / len(FLOWS)
    palette = [style.BLUE, style.ORANGE, style.SKY, style.VERMILION, style.PURPLE, IDLE]
    for k, ((name, label), colour) in enumerate(zip(FLOWS, palette)):
        flows.bar(x + (k - (len(FLOWS) - 1) / 2) * width, t[name] / 1e6, width, color=colour,
                  label=label)
    flows.set_xticks(x, labels)
    flows.set_xlabel("fund's annual target")
    flows.set_ylabel("million USD over the run (mean)")
    flows.set_title(f"The fund's books, {results.start}–{results.horizon}")
    flows.legend(loc="upper left", frameon=False, ncol=2)

    received = t["vtf_received_usd"]
    held = t["vtf_disbursed_usd"] - t["vtf_returned_usd"] - spent
    parts = [(t["vtf_admin_usd"], "administration", style.ORANGE),
             (spent, "spent by States on clearance", style.GREEN),
             (np.maximum(held, 0), "held by grants still running", style.SKY),
             (t["vtf_idle_usd"], "idle balance (incl. reserve)", IDLE)]
    bottom = np.zeros(len(funds))
    with np.errstate(invalid="ignore", divide="ignore"):
        for value, label, colour in parts:
            share = np.where(received > 0, 100 * value / received, 0)
            shares.bar(x, share, 0.6, bottom=bottom, color=colour, label=label)
            for xi, b, v in zip(x, bottom, share):
                if v >= 6:
                    shares.text(xi, b + v / 2, f"{v:.0f}%", ha="center", va="center",
                                fontsize=style.SMALL)
            bottom += share
    shares.set_xticks(x, labels)
    shares.set_ylim(0, 128)
    shares.set_yticks(range(0, 101, 20))
    shares.set_xlabel("fund's annual target")
    shares.set_ylabel("% of contributions received")
    shares.set_title("What became of the money received, at the horizon")
    shares.legend(loc="upper center", ncol=2, frameon=False, fontsize=style.SMALL)

    if has_yearly_flows(results):
        draw_yearly_flows(yearly, results, s, choice.policy, palette)
        return finish(fig, results, s)
    colours = style.fund_colours(len(funds))
    for row, colour, p in zip(per_year, colours, funds):
        yearly.plot(results.years, row / 1e6, color=colour, linewidth=2.2, marker="o",
                    markersize=3.5, label=f"fund {results.fund_label(p)}")
    style.year_axis(yearly, results.years[0], results.years[-1])
    yearly.set_ylim(bottom=0)
    yearly.set_xlabel("calendar year")
    yearly.set_ylabel("million USD in the year (mean)")
    yearly.set_title("Fund grant money spent by States each year (all States)")
    yearly.legend(loc="upper right", frameon=False,
                  ncol=min(len(funds), 5 if len(funds) < 6 else 3))
    return finish(fig, results, s)


def finish(fig, results, s):
    style.decorate(
        fig, results, f"{TITLE}: received, administration, grants, returns, idle balance",
        f"Scenario {results.scenarios[s]}  ·  means over {results.replications} futures  ·  "
        f"{results.study_title()}")
    return fig


def caption(results, choice):
    return (f"The fund's money in scenario {results.scenarios[choice.scenario]}, mean over the "
            "simulated futures. Top left: totals over the run of contributions received, "
            "administration (programme officer and support costs), grants committed, tranches "
            "disbursed, money returned unspent and the balance left idle at the horizon. "
            "Top right: what became of the money received, from the "
            "fund's books (received + returned = administration + disbursed + balance): "
            "administration, grant money spent by the States, money held by grants still "
            "running at the horizon (disbursed − returned − spent) and the idle balance. "
            "Bottom: for the fund compared with no fund, "
            "its flows in each year: contributions received, administration, grants "
            "committed, tranches disbursed and money returned, and its balance at each year end "
            "(results files of older versions show grant money spent by all States each year "
            "instead).")
