"""The policies' trade-offs at a glance (parallel coordinates): for no fund and every fund
policy, its mean over the futures of one scenario in States complete at the end of 2030 and 2035,
money disbursed, money left idle and States left behind (/outcomes), each axis on its own scale,
turned so that better is up, with the spread over the futures (10% to 90%) as whiskers."""
import numpy as np

from . import fig_states, numbers, options, style

NAME = "tradeoffs"
TITLE = "The trade-offs between the policies"
# (outcome, axis words). Money: what the fund paid out to States (grant tranches), the fund's
# cost as the States see it. Left behind: the file has, per policy and future, only the States
# not complete at the horizon; the eligible ones it leaves behind are a finding of the chosen
# fund only (/findings/for_whom), so the note says so.
AXES = [("completed_by_2030", "States complete\nat the end of 2030"),
        ("completed_by_2035", "States complete\nat the end of 2035"),
        ("vtf_disbursed_usd", "money disbursed\nto States, {start}–{horizon}"),
        ("vtf_idle_usd", "money left idle\nin the fund in {horizon}"),
        ("left_behind", "States left behind:\nnot complete in {horizon}")]
NEEDS = tuple(f"/outcomes/{name}" for name, _ in AXES)
QUANTILES = (0.1, 0.9)
SPREAD = 0.32  # the policies' whiskers side by side over this width around each axis
OTHER = [style.ORANGE, style.VERMILION, style.PURPLE, style.SKY, style.BLACK]


def absent(results):
    outcomes = results.group("outcomes")
    return [name for name, _ in AXES if name not in outcomes.data_vars]


def available(results):
    return not absent(results)


def missing(results):
    return (f"{results.file_name} has no " + ", ".join(f"/outcomes/{n}" for n in absent(results))
            + " (needed for the trade-offs figure)")


def policies(results):
    """No fund, then the options in the order drawn, each with its colour and dash: the sizes
    of the default rules a ramp from small to large, the other options dashed, one colour each."""
    opts = options.options(results)
    sizes = [o for o in opts if o.family == options.DEFAULT_FAMILY]
    ramp = dict(zip((o.policy for o in sizes), style.fund_colours(len(sizes))))
    rows = [(0, style.NO_FUND, "-")]
    others = 0
    for o in opts:
        if o.policy in ramp:
            rows.append((o.policy, ramp[o.policy], "-"))
        else:
            rows.append((o.policy, OTHER[others % len(OTHER)], "--" if others < len(OTHER)
                         else ":"))
            others += 1
    return rows


def axis_values(results, s, rows):
    """[(outcome, words, better, mean[row], low[row], high[row])] of the axes the run has (2035
    is NaN when the run ends before it: that axis is left out)."""
    out = []
    for name, words in AXES:
        x = results.variable("outcomes", name, "the trade-offs figure")
        v = x.isel(scenario=s).values[[p for p, _, _ in rows]].astype(float)  # [row, rep]
        if not np.isfinite(v).any():
            continue
        lo, hi = np.nanquantile(v, QUANTILES, axis=1, method="inverted_cdf")
        out.append((name, words.format(start=results.start, horizon=results.horizon),
                    str(x.attrs.get("better", "neither")), np.nanmean(v, axis=1), lo, hi))
    return out


def fmt(name, v):
    if name.endswith("_usd"):
        return numbers.money(v) if v > 0 else "$0"
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"


def spaced(y, gap, top):
    """Label heights as near y as they can be, at least `gap` apart and none above `top`:
    pushed up from the lowest, then down from the highest."""
    order = np.argsort(y)
    out = np.array(y, dtype=float)
    for a, b in zip(order, order[1:]):
        out[b] = max(out[b], out[a] + gap)
    shift = max(0.0, out[order[-1]] - top)
    out[order[-1]] -= shift
    for a, b in zip(order[::-1], order[::-1][1:]):
        out[b] = min(out[b], out[a] - gap)
    return out


def build(results, choice):
    s = choice.scenario
    rows = policies(results)
    axes = axis_values(results, s, rows)
    fig = style.new_figure()
    ax = fig.subplots()
    n, k = len(rows), len(axes)
    dx = (np.arange(n) - (n - 1) / 2) * SPREAD / max(n - 1, 1)
    ys = np.zeros((n, k))  # each policy's mean on each axis, in the axis's 0-1 scale
    for j, (name, _, better, mean, lo, hi) in enumerate(axes):
        # Each axis from the lowest to the highest 10-90% end drawn; better is up, so an axis
        # whose lower values are better is turned over (its largest value at the bottom).
        bottom, top = float(np.nanmin(lo)), float(np.nanmax(hi))
        if better == "lower":
            bottom, top = top, bottom
        span = top - bottom
        scale = (lambda v: (v - bottom) / span) if span else (lambda v: 0.5 + 0 * v)
        ys[:, j] = scale(mean)
        for r, (_, colour, _) in enumerate(rows):
            ax.plot([j + dx[r]] * 2, [scale(lo[r]), scale(hi[r])], color=colour, alpha=0.3,
                    linewidth=3, solid_capstyle="butt", zorder=2)
        ax.plot([j, j], [0, 1] if span else [0.45, 0.55], color="#333333", linewidth=1.2,
                zorder=3)
        ax.text(j, 1.03, fmt(name, top), ha="center", va="bottom", fontsize=style.SMALL)
        if span:
            ax.text(j, -0.03, fmt(name, bottom), ha="center", va="top", fontsize=style.SMALL)
        ax.text(j, 1.1, "↑ better" if better in ("higher", "lower") else "↑ more (neither\n"
                "better nor worse)", ha="center", va="bottom", fontsize=style.SMALL,
                color="#222222" if better != "neither" else "#666666")
    for r, (p, colour, dash) in enumerate(rows):
        ax.plot(np.arange(k) + dx[r], ys[r], color=colour, linestyle=dash, linewidth=2.2,
                marker="o", markersize=4, zorder=4 if p else 3)
    ax.set_xlim(-0.35, k - 1 + 1.45)  # room on the right for the policies' names
    ax.set_ylim(-0.12, 1.24)
    ax.set_xticks(range(k), [words for _, words, *_ in axes])
    ax.set_yticks([])
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    style.decorate(
        fig, results, f"{TITLE}, scenario {results.scenarios[s]}",
        f"Line: a policy's mean over {results.replications} futures; whisker: 10% to 90% of "
        f"futures; each axis its own scale, better up  ·  {results.study_title()}\n"
        f"{left_behind_note(results, choice)}")
    # The names at the right end of the lines, moved apart (at least a line of text, measured
    # on the laid-out axes) where lines end close together; each after a key in its line's
    # colour and dash, the text dark so that light colours read too.
    fig.draw_without_rendering()
    gap = 1.25 * style.SMALL * style.DPI / 72 / ax.get_window_extent().height * (1.24 + 0.12)
    at = spaced(ys[:, -1], gap, 1.0)
    x_end, x_key, x_text = k - 1 + dx[-1], k - 1 + 0.22, k - 1 + 0.34
    for r, (p, colour, dash) in enumerate(rows):
        ax.plot([x_end, x_key], [ys[r, -1], at[r]], color=colour, linewidth=0.8, alpha=0.7)
        ax.plot([x_key, x_text - 0.03], [at[r]] * 2, color=colour, linestyle=dash,
                linewidth=2.2)
        ax.text(x_text, at[r], results.fund_label(p), ha="left", va="center",
                fontsize=style.SMALL, color="#222222")
    return fig


def left_behind_note(results, choice):
    """What the left-behind axis counts, and how many of them were eligible for the fund where
    the file says so (/findings/for_whom: its scenario and fund only, as in the by_state
    figure)."""
    note = (f"Left behind: every State not complete in {results.horizon}, eligible for the "
            "fund or not")
    names = fig_states.left_behind(results, choice.scenario, choice.policy)
    if names is not None:
        note += (f"; with {results.fund_label(choice.policy)}, {len(names)} States eligible "
                 "for it are not complete in most futures")
    return note


def caption(results, choice):
    return (f"Each line is a policy (grey: no fund) in scenario "
            f"{results.scenarios[choice.scenario]}, through its mean over the simulated futures "
            "on axes of their own scale with better upwards: States complete at the end of 2030 "
            "and of 2035, money the fund disbursed to States (more upwards: neither better nor "
            f"worse), money left idle in the fund in {results.horizon} and States, eligible for "
            "the fund or not, still not complete then; each whisker spans 10% to 90% of the "
            "futures.")
