"""The decision at a glance: for each option the Working Group weighs, how many more States are
complete at the end of 2030 and 2035 (and, lighter, the horizon) than without a fund, the spread
of that gain across futures and the chance of at least one more; beside it, the money received
and left idle. All from /findings/decision, which vtfsim computes once."""
import textwrap

import numpy as np

from . import options, style
from .results import size_words

NAME = "decision"
TITLE = "What each fund option brings"
NEEDS = ("/findings/decision",)
HORIZON_ALPHA = 0.45  # the horizon is beyond the fund's 1-5 year scope: drawn, but lighter


def available(results):
    return options.decision(results) is not None


def missing(results):
    return (f"{results.file_name} has no /findings/decision (written by a vtfsim older than "
            "the decision finding)")


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def family_colours(results):
    names = [f for f, _ in options.families(results)]
    return {f: style.CATEGORICAL[k % len(style.CATEGORICAL)] for k, f in enumerate(names)}


def positions(results):
    """x of each option: families side by side, a gap between families."""
    xs, x = [], 0.0
    for _, members in options.families(results):
        for _ in members:
            xs.append(x)
            x += 1.0
        x += 0.5
    return np.array(xs)


def tick_label(o):
    """Sizes of a family say their size (the family is in the legend); others their name."""
    text = size_words(o.size_usd).replace(" a year", "") if o.in_size_family else o.label
    return "\n".join(textwrap.wrap(text.replace("_", " "), 8, break_long_words=False)) or text


def _year_row(ax, results, g, s, k, xs, colours, light):
    opts = options.options(results)
    year = int(g["year"].values[k])
    mean = g["mean"].values[s, :, k]
    p10, p90 = g["p10"].values[s, :, k], g["p90"].values[s, :, k]
    share = g["share_at_least_one"].values[s, :, k]
    alpha = HORIZON_ALPHA if light else 1.0
    for j, o in enumerate(opts):
        c = colours[o.family]
        ax.bar(xs[j], p90[j] - p10[j] + 0.08, bottom=p10[j] - 0.04, width=0.5, color=c,
               alpha=0.3 * alpha, linewidth=0)
        ax.plot([xs[j]], [mean[j]], marker="o", markersize=8, color=c, alpha=alpha, zorder=4)
        if not light:
            ax.text(xs[j], p90[j] + 0.1, f"{share[j]:.0%}", ha="center", va="bottom",
                    fontsize=style.SMALL, color="#222222")
    for family, members in options.families(results):
        idx = [opts.index(o) for o in members]
        if len(idx) > 1 and all(o.in_size_family for o in members):
            ax.plot(xs[idx], mean[idx], color=colours[family], linewidth=2, alpha=alpha,
                    zorder=3)
    ax.axhline(0, color="#444444", linewidth=1)
    top = max(1.0, float(np.nanmax(p90)) + (0.9 if not light else 0.4))
    ax.set_ylim(min(-0.5, float(np.nanmin(p10)) - 0.3), top)
    ax.set_title(f"by the end of {year}" + ("" if not light else " (beyond the fund's scope)"),
                 loc="left", fontsize=style.SMALL + 1, color="#222222" if not light else "#666")
    ax.grid(axis="x", visible=False)
    return year


def build(results, choice):
    g = options.decision(results)
    s = list(g["scenario"].values).index(g.attrs["scenario"]) if "scenario" in g.attrs else 0
    scenario = _text(g["scenario"].values[s])
    opts = options.options(results)
    xs = positions(results)
    colours = family_colours(results)
    years = [int(y) for y in g["year"].values]
    rows = [k for k, y in enumerate(years) if y in (2030, 2035)] or [0]
    horizon = [k for k, y in enumerate(years) if y == results.horizon and k not in rows]
    fig = style.new_figure()
    n = len(rows) + len(horizon)
    grid = fig.add_gridspec(n + 1, 2, width_ratios=[2.8, 1],
                            height_ratios=[0.3] + [1.25] * len(rows) + [0.8] * len(horizon))
    key = fig.add_subplot(grid[0, :])
    key.axis("off")
    axes = [fig.add_subplot(grid[r + 1, 0]) for r in range(n)]
    for ax, k in zip(axes, rows + horizon):
        _year_row(ax, results, g, s, k, xs, colours, light=k in horizon)
        ax.set_xticks(xs, [tick_label(o) for o in opts] if ax is axes[-1] else [])
        ax.set_xlim(xs[0] - 0.6, xs[-1] + 0.6)
    axes[-1].set_xlabel("fund option (a size is its annual target in US dollars)")
    fig.supylabel("extra States complete (fund − no fund)", fontsize=style.SMALL + 1)
    chosen = _text(g.attrs.get("policy", ""))
    for ax in axes:
        for j, o in enumerate(opts):
            if results.policies[o.policy] == chosen:
                ax.axvspan(xs[j] - 0.45, xs[j] + 0.45, color=style.YELLOW, alpha=0.25, zorder=0)
    # the legend: the families, what bar, dot and number mean
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Line2D([], [], color=colours[f], marker="o", linewidth=2 if any(
        o.in_size_family for o in m) else 0, label=f) for f, m in options.families(results)]
    handles += [Patch(color="#888888", alpha=0.3, label="10–90% of futures"),
                Line2D([], [], color="#444444", marker="o", linewidth=0, label="mean"),
                Patch(color=style.YELLOW, alpha=0.35, label="chosen fund")]
    key.legend(handles=handles, loc="center left", frameon=False, ncol=min(5, len(handles)),
               fontsize=style.SMALL, borderaxespad=0)

    money = fig.add_subplot(grid[1:, 1])
    received = g["received_usd"].values[s] / 1e6
    idle = g["idle_usd"].values[s] / 1e6
    y = np.arange(len(opts))[::-1]
    money.barh(y, received, 0.7, color=[colours[o.family] for o in opts], alpha=0.85)
    money.barh(y, idle, 0.7, color="#bdbdbd", hatch="//", edgecolor="#777777", linewidth=0)
    for yi, r, i in zip(y, received, idle):
        money.text(r, yi, f" {r:,.0f}M ({i / r:.0%} idle)" if r > 0 else " none", va="center",
                   fontsize=style.SMALL)
    money.set_yticks(y, [o.label.replace(" a year", "") for o in opts])
    money.set_xlim(0, float(np.nanmax(received)) * 1.75 if np.nanmax(received) > 0 else 1)
    money.set_xlabel("million USD, mean over futures")
    money.set_title("Money received over the run;\nhatched: left idle at the horizon", loc="left",
                    fontsize=style.SMALL + 1)
    money.grid(axis="y", visible=False)
    style.decorate(
        fig, results, f"{TITLE}, scenario {scenario}",
        f"Numbers above the bars: chance of at least one more State complete  ·  "
        f"{results.replications} futures, the same with and without the fund")
    return fig


def caption(results, choice):
    g = options.decision(results)
    scenario = _text(g.attrs.get("scenario", ""))
    chosen = options.label(results, results.policies.index(_text(g.attrs["policy"])))
    reason = _text(g.attrs.get("policy_reason", ""))
    return (f"For each fund option, how many more States are complete at the end of 2030 and "
            f"2035 (and, lighter, {results.horizon}) than without a fund in scenario {scenario}, "
            "in the same simulated futures. The dot is the mean, the bar spans 10% to 90% of the "
            "futures, the percentage is the chance of at least one more State complete. "
            + ("Lines join the sizes of one set of rules; options of different rules are not "
               "joined. " if any(o.in_size_family for o in options.options(results)) else "")
            + f"Right: money the fund received over the run and the part left idle. The shaded "
            f"option, {chosen}, is the chosen fund: {reason}.")
