"""The fund's paired effect (fund minus no fund, mean and 95% CI from /comparison) against
fund size: one line per named scenario, sampled scenarios as thin grey lines."""
import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from . import style


def policy_families(results):
    """The lines against fund size: each family of two or more sizes (options.families, from
    /findings/decision), named in words unless it is the only one; in older files the sizes of
    /findings/sizes form one line, and without that finding fund policies that differ only in
    size form one line each, named by the other levers' values. Returns [(label or "",
    [policies by size])]."""
    from . import options

    if results.has("findings/decision"):
        lines = [(f, [o.policy for o in m]) for f, m in options.families(results)
                 if len(m) > 1 and all(o.in_size_family for o in m)]
        return [("", lines[0][1])] if len(lines) == 1 else lines
    if results.has("findings/sizes"):
        return [("", results.sizes())]
    design = results.group("policies")
    families = {}
    for p in results.sizes():
        key = tuple(f"{c.removeprefix('vtf_').replace('_', ' ')} {design[c].values[p]}"
                    for c in results.varying_levers())
        families.setdefault(key, []).append(p)
    return [(", ".join(k), v) for k, v in families.items()]


def available(results):
    """A figure against fund size needs at least one family of two or more sizes."""
    return any(len(policies) > 1 for _, policies in policy_families(results))


def missing(results):
    return f"{results.file_name} compares no fund sizes (only policies by name)"


def use_log_scale(results):
    sizes = results.fund_usd[results.sizes()]
    return len(sizes) > 0 and sizes.min() > 0 and sizes.max() / sizes.min() >= 4


def draw(ax, results, choice, outcome, sign, ylabel, title):
    """One panel; sign = -1 draws an avoided quantity (no fund minus fund)."""
    cmp = results.comparison(outcome)
    mean = sign * cmp["mean"].values
    lo, hi = cmp["ci_low"].values, cmp["ci_high"].values
    lo, hi = (lo, hi) if sign > 0 else (-hi, -lo)
    log = use_log_scale(results)
    families = policy_families(results)
    named = [s for s in choice.scenarios if not results.sampled[s]]
    sampled = [s for s in choice.scenarios if results.sampled[s]]
    styles = style.scenario_styles([results.scenarios[s] for s in named])
    drawn = 0
    for f, (family, policies) in enumerate(families):
        x = results.fund_usd[policies] / 1e6
        if not log:
            policies_x = np.concatenate([[0.0], x])
        from_zero = not log and len(families) == 1
        for s in sampled:
            y = mean[s, policies]
            ax.plot(policies_x if from_zero else x, np.concatenate([[0.0], y]) if from_zero else y,
                    color=style.SAMPLED, linewidth=0.8, alpha=0.7, zorder=1)
        for k, s in enumerate(named):
            if len(families) == 1:
                colour, dash = styles[results.scenarios[s]]
            else:  # colour tells the family (other levers), the dash pattern the scenario
                colour = style.CATEGORICAL[f % len(style.CATEGORICAL)]
                dash = style.LINESTYLES[k % len(style.LINESTYLES)]
            marker = "osD^vPX*"[k % 8]
            # Scenarios with identical effects would hide each other: shift each a little.
            shift = (k - (len(named) - 1) / 2) * 0.012
            xs = x * 10 ** shift if log else x + shift * x.max()
            y, l, h = mean[s, policies], lo[s, policies], hi[s, policies]
            # several families: one key for the colours (families), one for the dashes
            label = results.scenarios[s] if len(families) == 1 else None
            if not np.isfinite(y).any():
                continue
            ax.errorbar(xs, y, yerr=[y - l, h - y], color=colour, linestyle=dash, marker=marker,
                        markersize=5, linewidth=1.8, capsize=3, elinewidth=1.2, label=label,
                        zorder=3)
            if not log and len(families) == 1:  # no fund is the zero size of this one family
                ax.plot([0, xs[0]], [0, y[0]], color=colour, linestyle=":", linewidth=1.2)
            drawn += 1
    if len(families) > 1:
        for f, (family, _) in enumerate(families):
            ax.plot([], [], color=style.CATEGORICAL[f % len(style.CATEGORICAL)], linewidth=3,
                    label=family)
        for k, s in enumerate(named):
            ax.plot([], [], color="#555555", linestyle=style.LINESTYLES[k % len(style.LINESTYLES)],
                    marker="osD^vPX*"[k % 8], linewidth=1.8, label=results.scenarios[s])
    if sampled:
        ax.plot([], [], color=style.SAMPLED, linewidth=1,
                label=f"{len(sampled)} sampled scenarios (means)")
    if log:
        ax.set_xscale("log")
        ticks = sorted(set(results.fund_usd[results.sizes()] / 1e6))
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xticklabels([f"{t:g}" for t in ticks])
        ax.set_xlim(min(ticks) / 1.35, max(ticks) * 1.35)
    else:
        ax.set_xlim(left=0)
    ax.axhline(0, color="#444444", linewidth=0.9)
    ax.set_xlabel("fund's annual target (million USD per year" + (", log scale)" if log else ")"))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if drawn == 0 and not sampled:
        ax.text(0.5, 0.5, "not defined in this run", transform=ax.transAxes, ha="center",
                color="#777777")
    return drawn


def subtitle(results, choice, what):
    named = [s for s in choice.scenarios if not results.sampled[s]]
    scen = (f"scenario {results.scenarios[named[0]]}" if len(choice.scenarios) == 1 and named
            else f"{len(named)} named scenario{'s' if len(named) != 1 else ''}")
    return (f"{what}; {scen}  ·  {results.study_title()}\n"
            f"Points: mean paired difference over {results.replications} common-random-number "
            "futures; bars: 95% confidence interval of that mean")
