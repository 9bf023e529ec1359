"""Per State: who the fund helps. Only the States whose chance of being complete at the end of
2030 the fund changes most, and the States eligible for the fund still left behind, each with
the chance without and with the fund, by 2030 and (lighter) at the horizon, and the quality
letter of its data: 35 rows do not read projected."""
import textwrap

import h5py
import numpy as np

from . import findings, style

NAME = "by_state"
TITLE = "Who the fund helps, and who is left behind"
NEEDS = ("/findings/by_state", "/findings/for_whom", "/state_data_quality")
MOST_CHANGED = 12


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def quality_letters(results):
    """The data quality letter of each State (/state_data_quality), '?' where the file has none."""
    with h5py.File(results.path, "r") as f:
        if "state_data_quality" not in f:
            return ["?"] * len(results.states)
        return [_text(q) for q in f["state_data_quality"][...]]


def left_behind(results, scenario, policy):
    """The eligible States still not complete with the fund, as /findings/for_whom names them;
    only for the scenario and fund it speaks of (None otherwise: not computed here again)."""
    with h5py.File(results.path, "r") as f:
        g = f["findings/for_whom"] if "findings/for_whom" in f else None
        if g is None or "left_behind_eligible" not in g.attrs:
            return None
        if (_text(g.attrs.get("scenario", "")) != results.scenarios[scenario]
                or _text(g.attrs.get("policy", "")) != results.policies[policy]):
            return None
        names = g.attrs["left_behind_eligible"]
        return [_text(names)] if np.ndim(names) == 0 else [_text(n) for n in names]


def rows_drawn(results, rows, scenario, policy):
    """(helped, behind): indices of the States the fund changes most by 2030 (at most
    MOST_CHANGED, largest change first, only changes of at least one future in a hundred) and
    of the eligible States left behind not already among them."""
    change = np.array([r["p2030_fund"] - r["p2030_no_fund"] for r in rows])
    order = sorted(range(len(rows)), key=lambda i: (-abs(change[i]), rows[i]["state"]))
    helped = [i for i in order if abs(change[i]) >= 0.01][:MOST_CHANGED]
    names = left_behind(results, scenario, policy) or []
    behind = [results.states.index(n) for n in names if n in results.states]
    return helped, [i for i in behind if i not in helped]


def _dumbbell(ax, y, a, b, colour, alpha):
    ax.plot([a, b], [y, y], color=colour, linewidth=3, alpha=0.5 * alpha, solid_capstyle="butt")
    ax.plot([a], [y], marker="o", markersize=9, color=style.NO_FUND, alpha=alpha,
            linestyle="none")
    ax.plot([b], [y], marker="o", markersize=9, color=colour, alpha=alpha, linestyle="none")


def build(results, choice):
    s, p = choice.scenario, choice.policy
    rows = findings.state_rows(results, s, p)
    helped, behind = rows_drawn(results, rows, s, p)
    quality = quality_letters(results)
    drawn = helped + behind
    fig = style.new_figure()
    ax, late = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1.5, 1]})
    pos = list(range(len(helped))) + [len(helped) + 1 + k for k in range(len(behind))]
    for y, i in zip(pos, drawn):
        r = rows[i]
        _dumbbell(ax, y, 100 * r["p2030_no_fund"], 100 * r["p2030_fund"], style.FUND, 1.0)
        _dumbbell(late, y, 100 * r["p_horizon_no_fund"], 100 * r["p_horizon_fund"], style.FUND,
                  0.55)
    labels = [textwrap.fill(f"{rows[i]['state']}{' (LDC)' if rows[i]['ldc'] else ''} · data "
                            f"{quality[i]}", 28) for i in drawn]
    ax.set_yticks(pos, labels)
    for tick, i in zip(ax.get_yticklabels(), drawn):
        if quality[i] in ("C", "D"):
            tick.set_color(style.VERMILION)
    if behind:
        sep = len(helped)
        for a in (ax, late):
            a.axhline(sep, color="#888888", linewidth=1, linestyle="--")
        ax.text(0, sep, f"eligible for the fund, still not complete at {results.horizon} in most "
                "futures with it:", va="center", ha="left", fontsize=style.SMALL,
                color="#444444", backgroundcolor="white")
    ax.set_ylim(max(pos, default=0) + 0.7, -0.7)
    for a, title in ((ax, "Chance of being complete at the end of 2030"),
                     (late, f"… at the end of {results.horizon}")):
        a.set_xlim(-3, 103)
        a.set_xlabel("share of futures (%)")
        a.set_title(title, loc="left")
        a.grid(axis="y", visible=False)
    ax.plot([], [], marker="o", color=style.NO_FUND, linestyle="none", label="no fund")
    ax.plot([], [], marker="o", color=style.FUND, linestyle="none",
            label=f"fund {results.fund_label(p)}")
    late.legend(*ax.get_legend_handles_labels(), loc="lower right", frameon=True, framealpha=0.95)
    style.decorate(
        fig, results, f"{TITLE}, scenario {results.scenarios[s]}",
        f"The {len(helped)} States whose chance by 2030 the fund changes most"
        + (f", and {len(behind)} eligible States left behind" if behind else "")
        + f"  ·  data quality A (best) to D, red: C or D  ·  {results.replications} futures")
    return fig


def caption(results, choice):
    s, p = choice.scenario, choice.policy
    known = left_behind(results, s, p) is not None
    return (f"The States Parties whose chance of being complete at the end of 2030 a fund of "
            f"{results.fund_label(p)} changes most in scenario {results.scenarios[s]} (at most "
            f"{MOST_CHANGED}), grey without the fund and blue with it, in the same simulated "
            "futures; right, the same at the end of the horizon. "
            + ("Below the dashed line: the States eligible for the fund that still do not "
               "complete by the horizon with it in most futures. " if known else
               "The States left behind are named only for the chosen fund and scenario. ")
            + "Each State's data quality letter (A best to D) is beside its name, in red where "
            "the data are weak (C or D); LDC marks a Least Developed Country.")
