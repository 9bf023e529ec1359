"""The scenarios in a few printed tables instead of one table per scenario: the chosen fund in
every named scenario; the sampled scenarios' parameter values in one table and the range of the
main numbers over them in one row; and every number of every scenario and fund in a CSV file
written beside the report (and in an appendix shown on screen only)."""
import csv

import numpy as np

from . import numbers

CSV_OUTCOMES = ("completed_by_2030", "completed_by_2035", "completed_by_horizon",
                "extension_requests")


def _cells(row, numeric_from):
    return "".join(f"<td class='num'>{c}</td>" if k >= numeric_from else f"<td>{c}</td>"
                   for k, c in enumerate(row))


def _table(head, rows, esc, caption="", cls="wide", numeric_from=1):
    th = "".join(f"<th{' class=num' if k >= numeric_from else ''}>{esc(h)}</th>"
                 for k, h in enumerate(head))
    body = "".join("<tr>" + _cells([esc(c) for c in row], numeric_from) + "</tr>" for row in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table class='{cls}'>{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _requests(results, s, p):
    """Extension requests avoided (no fund minus fund): mean, low, high."""
    cmp = results.comparison("extension_requests")
    m, lo, hi = (float(cmp[k].values[s, p]) for k in ("mean", "ci_low", "ci_high"))
    return -m, -hi, -lo


def _year_words(year, horizon):
    return f"by {year}" if year != horizon else f"by {year} (horizon)"


def named_table(results, decision, esc):
    """The chosen fund against no fund in every named scenario."""
    p = results.policies.index(decision.policy)
    cost = results.cost_per_completion()
    head = (["scenario"] + [f"Δ complete {_year_words(y, results.horizon)}"
                            for y in decision.years] +
            ["10–90% of futures by 2030", "extension requests avoided",
             "contributions per extra completion"])
    rows = []
    for s in results.named_scenarios():
        name = results.scenarios[s]
        cells = [name]
        for y in decision.years:
            cells.append(numbers.effect(*(decision.value(k, y, name) for k in
                                          ("mean", "ci_low", "ci_high"))))
        first = decision.years[0]
        cells.append(numbers.whole_range(decision.value("p10", first, name),
                                         decision.value("p90", first, name)))
        cells.append(numbers.effect(*_requests(results, s, p)))
        cells.append(numbers.money(cost[s, p]))
        rows.append(cells)
    return _table(head, rows, esc, f"{decision.label()} against no fund in each named scenario: "
                  "mean [95% confidence interval]", cls="wide compact")


def sampled_groups(results):
    """The sampled scenarios by their sampled point: names share the part before the first '/'
    (the values of the crossed lists are appended after it)."""
    groups = {}
    for s in range(len(results.scenarios)):
        if results.sampled[s]:
            groups.setdefault(results.scenarios[s].split("/", 1)[0], []).append(s)
    return groups


def _value(v):
    if isinstance(v, bytes):
        v = v.decode()
    if isinstance(v, (float, np.floating)):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"
    return str(v)


def sampled_parameters(results, esc, plain):
    """One table: a row per sampled point, a column per parameter that varies among them."""
    groups = sampled_groups(results)
    if not groups or not results.has("scenarios"):
        return ""
    sc = results.group("scenarios")
    every = [s for members in groups.values() for s in members]
    columns = [c for c in sc.data_vars if c not in ("name", "sampled")
               and len({str(sc[c].values[s]) for s in every}) > 1]
    rows = []
    for point, members in groups.items():
        rows.append([point] + [", ".join(dict.fromkeys(_value(sc[c].values[s]) for s in members))
                               for c in columns])
    head = ["sampled point"] + [c.replace("_", " ") for c in columns]
    return (f"<p>{len(every)} scenarios sample the uncertain parameters ({len(groups)} points"
            f"{', each crossed with the listed values' if len(every) > len(groups) else ''}); "
            f"their values ({', '.join(dict.fromkeys(plain(c) for c in columns))}):</p>" +
            _table(head, rows, esc, cls="wide compact"))


def sampled_ranges(results, decision, esc):
    """One row: the lowest, median and highest of the main numbers over the sampled scenarios,
    for the chosen fund."""
    sampled = [s for s in range(len(results.scenarios)) if results.sampled[s]]
    if not sampled:
        return ""
    p = results.policies.index(decision.policy)
    o = decision.o()
    columns = {f"Δ complete {_year_words(y, results.horizon)}":
               decision.by_year["mean"][sampled, o, decision.years.index(y)]
               for y in decision.years}
    columns["extension requests avoided"] = np.array([_requests(results, s, p)[0]
                                                      for s in sampled])
    columns["contributions per extra completion"] = results.cost_per_completion()[sampled, p]

    def span(name, v):
        v = v[np.isfinite(v)]
        if not len(v):
            return "n/a"
        fmt = numbers.money if "contributions" in name else numbers.signed
        return " .. ".join(fmt(float(x)) for x in (v.min(), np.median(v), v.max()))

    row = [span(k, v) for k, v in columns.items()]
    return _table(list(columns), [row], esc, f"{decision.label()} against no fund over the "
                  f"{len(sampled)} sampled scenarios: lowest .. median .. highest",
                  cls="wide compact", numeric_from=0)


def write_csv(results, path):
    """Every scenario and fund policy against no fund: mean and 95% CI of each main outcome and
    the cost per extra completion, one row per scenario and policy."""
    cost = results.cost_per_completion()
    outcomes = [o for o in CSV_OUTCOMES if o in results.comparison_outcomes()]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["scenario", "sampled", "policy"] +
                   [f"{o}_{k}" for o in outcomes for k in ("mean", "ci_low", "ci_high")] +
                   ["cost_per_additional_completion_usd"])
        data = {o: results.comparison(o) for o in outcomes}
        for s, name in enumerate(results.scenarios):
            for p in results.fund_policies():
                w.writerow([name, int(results.sampled[s]), results.policies[p]] +
                           [f"{float(data[o][k].values[s, p]):.6g}" for o in outcomes
                            for k in ("mean", "ci_low", "ci_high")] + [f"{cost[s, p]:.6g}"])
