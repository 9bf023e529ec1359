"""The Terms of Reference variants: each variant's paired difference against its baseline (the
fund of the same size under the default rules) by 2030 and by the horizon, mean and 95% CI, as
vtfsim computed them once (/findings/rule_variants, the numbers of /pairs); and the report's
section on them. Drawn only when the file has that finding (a study with [comparisons] pairs)."""
import numpy as np

from . import findings, numbers, style

NAME = "variants"
TITLE = "Terms of Reference variants"
NEEDS = ("/findings/rule_variants",)
PANELS = (("completed_by_2030", "By the end of 2030"), ("completed_by_horizon", None))
TABLE = (("completed_by_2030", 1, "Δ completed by 2030"), ("completed_by_2035", 1, "by 2035"),
         ("completed_by_horizon", 1, "by the horizon"),
         ("extension_requests", -1, "requests avoided"))


def available(results):
    return findings.rule_variants(results) is not None


def missing(results):
    return (f"{results.file_name} has no /findings/rule_variants (the study compares no Terms "
            "of Reference variants: no [comparisons] pairs)")


def baseline_label(results, name):
    return results.fund_label(results.policies.index(name)) if name in results.policies else name


def row_label(results, row):
    return f"{row['policy']}\nvs {baseline_label(results, row['baseline'])}"


def _panel(ax, results, rows, outcome, title):
    y = np.arange(len(rows))
    mean = np.array([r.get(f"{outcome}_mean", np.nan) for r in rows], dtype=float)
    lo = np.array([r.get(f"{outcome}_ci_low", np.nan) for r in rows], dtype=float)
    hi = np.array([r.get(f"{outcome}_ci_high", np.nan) for r in rows], dtype=float)
    colours = [style.VERMILION if h < 0 else style.GREEN if l > 0 else style.BLUE
               for l, h in zip(lo, hi)]
    ax.axvline(0, color="#444444", linewidth=1.1, zorder=1)
    for k in range(len(rows)):
        ax.errorbar([mean[k]], [y[k]], xerr=[[mean[k] - lo[k]], [hi[k] - mean[k]]], fmt="o",
                    color=colours[k], markersize=8, capsize=5, elinewidth=2, zorder=3)
        ax.annotate(numbers.effect(mean[k], lo[k], hi[k]), (mean[k], y[k]),
                    xytext=(0, 9), textcoords="offset points", ha="center", fontsize=style.SMALL)
    ax.set_yticks(y, [row_label(results, r) for r in rows], fontsize=style.SMALL)
    ax.set_ylim(len(rows) - 0.5, -0.7)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("States completed: variant − its baseline (mean, 95% CI)")
    ax.set_title(title or f"By the end of {results.horizon}")
    span = np.nanmax(np.abs(np.concatenate([lo, hi, [0.05]])))
    ax.set_xlim(-1.45 * span, 1.45 * span)  # room for the numbers above the dots


def build(results, choice):
    rows, _ = findings.rule_variants(results)
    fig = style.new_figure()
    axes = fig.subplots(1, len(PANELS), sharey=True)
    for ax, (outcome, title) in zip(axes, PANELS):
        _panel(ax, results, rows, outcome, title)
    scenario = results.scenarios[headline_scenario(results)]
    style.decorate(fig, results, f"{TITLE}: each rule change against the same fund under the "
                   "default rules",
                   f"Scenario {scenario}  ·  {results.replications} common-random-number futures"
                   "  ·  green: better, red: worse (95% CI clear of 0), blue: no clear difference")
    return fig


def headline_scenario(results):
    named = results.named_scenarios()
    return named[0] if named else 0


def caption(results, choice):
    return ("Each Terms of Reference variant against its baseline, the fund of the same size "
            "under the default rules, in the same simulated futures: the mean paired difference "
            "in States complete by the end of 2030 and of the horizon, and its 95% confidence "
            f"interval, in scenario {results.scenarios[headline_scenario(results)]}. "
            "A dot right of the zero line: "
            "the variant completes more States than its baseline.")


def signed_money(usd):
    """+$1.2M, -$350k; 'n/a' for NaN."""
    if not np.isfinite(usd):
        return "n/a"
    return ("-" if usd < 0 else "+") + numbers.money(abs(usd))


def pointer(results, number):
    """The summary's line on the variants ('' when the file has none)."""
    found = findings.rule_variants(results)
    if found is None or number is None:
        return ""
    return (f"<p class='note'><b>{TITLE}.</b> How the {len(found[0])} variant"
            f"{'s' if len(found[0]) != 1 else ''} of the fund's rules compare with the fund of "
            f"the same size under the default rules: Figure {number} and the section "
            f"<a href='#variants'>{TITLE}</a>.</p>")


def statement_html(statement, esc):
    """vtfsim's sentence: its '- ' lines as paragraphs, their indented lines as a list."""
    out, items = [], []
    for line in statement.splitlines() + ["- "]:
        if line.startswith("  ") and line.strip():
            items.append(f"<li>{esc(line.strip())}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line.strip() and line.strip() != "-":
            out.append(f"<p>{esc(line.removeprefix('- ').strip())}</p>")
    return "".join(out)


def section(results, esc, figure_html):
    """The report's section on the variants ('' when the file has none)."""
    found = findings.rule_variants(results)
    if found is None:
        return ""
    rows, statement = found
    head = (["variant", "baseline"] + [words for _, _, words in TABLE] +
            ["more by 2030 in", "Δ money received"])
    body = []
    for r in rows:
        cells = [r["policy"], baseline_label(results, r["baseline"])]
        for outcome, sign, _ in TABLE:
            m, lo, hi = (r.get(f"{outcome}_{k}", np.nan) for k in ("mean", "ci_low", "ci_high"))
            lo, hi = (lo, hi) if sign > 0 else (-hi, -lo)
            cells.append(numbers.effect(sign * m, lo, hi))
        cells.append(f"{r.get('best_in_scenarios', 0)} of {r.get('scenarios', 0)} scenarios")
        cells.append(signed_money(r.get("vtf_received_usd_mean", np.nan)))
        body.append(cells)
    words = statement_html(statement, esc)
    return (f"<section id='variants'><h2>{TITLE}</h2><p>Each variant changes one rule of the "
            "fund and is compared with the fund of the same size under the default rules, in "
            "the same futures (scenario "
            f"{esc(results.scenarios[headline_scenario(results)])}; mean difference, variant "
            "minus baseline [95% confidence interval]).</p>" + words + figure_html +
            numbers_table(head, body, esc) + "</section>")


def numbers_table(head, body, esc):
    """The variants' numbers: names left, numbers right-aligned and unbroken (td.num)."""
    th = "".join(f"<th{' class=num' if k >= 2 else ''}>{esc(h)}</th>" for k, h in enumerate(head))
    rows = "".join("<tr>" + "".join(f"<td{' class=num' if k >= 2 else ''}>{esc(c)}</td>"
                                    for k, c in enumerate(row)) + "</tr>" for row in body)
    return (f"<table class='comparison' style='font-size: 0.8em'><thead><tr>{th}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")
