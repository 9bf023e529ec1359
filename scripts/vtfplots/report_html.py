"""The one-file HTML report: plain-language summary, figures (embedded PNG), the comparison
table of `vtfsim compare`, the per-State table, assumptions and data, provenance. No script,
no external resource: it opens offline and prints to PDF."""
import base64
import csv
import hashlib
import html
import os
from datetime import datetime, timezone

import numpy as np

from . import catalog, data_behind, fig_variants, findings, numbers, policy_words, style
from .results import DATA_SOURCE, STATE_DATA

CSS = """
@page { size: A4; margin: 14mm 13mm 15mm 13mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #111;
       line-height: 1.45; max-width: 62em; margin: 1.5em auto; padding: 0 1.2em; font-size: 15px; }
h1 { font-size: 1.75em; margin: 0 0 0.2em 0; line-height: 1.2; }
h2 { font-size: 1.3em; border-bottom: 2px solid #0072B2; padding-bottom: 0.15em;
     margin-top: 1.8em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.3em 0; }
p.lead { font-size: 1.1em; color: #333; margin: 0 0 0.4em 0; }
p.meta { color: #555; font-size: 0.85em; margin: 0 0 1em 0; }
.answer { background: #eef5fb; border-left: 5px solid #0072B2; padding: 0.6em 1em;
          margin: 0.8em 0; }
.answer p { margin: 0.35em 0; }
.note { color: #444; font-size: 0.9em; }
.big { font-size: 1.15em; font-weight: bold; }
figure { margin: 1.2em 0; break-inside: avoid; page-break-inside: avoid; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.85em; color: #333; margin-top: 0.3em; }
table { border-collapse: collapse; margin: 0.5em 0 1em 0; font-size: 0.85em; }
th, td { padding: 3px 7px; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { text-align: right; }
table.comparison, table.states { width: 100%; }
tr.gain td { background: #fff3e6; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
pre { white-space: pre-wrap; font-size: 0.75em; background: #f7f7f7; padding: 0.6em;
      border: 1px solid #ddd; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1em; font-size: 0.9em; }
dt { font-weight: bold; } dd { margin: 0; word-break: break-all; }
.newpage { break-before: page; page-break-before: always; }
.key { width: 100%; } .key td:first-child { white-space: nowrap; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { margin-top: 0.6em; }
 }
"""

ASSUMPTIONS = [
    "Each of the 35 States Parties with Article 5 obligations is simulated month by month: "
    "survey cancels or reduces suspected areas, clearance removes confirmed ones, at a cost per "
    "square metre calibrated so that each State's first simulated year releases the area its "
    "recent reports record.",
    "Money for clearance comes from the State's national budget, from international (bilateral) "
    "support shared among the States each year, and, where a fund exists, from its grants. The "
    "international envelope follows each scenario's trend, volatility and shocks.",
    "Part of each dollar given to the fund may be taken from bilateral support the next year "
    "(crowding out: the share that is new money is the parameter donors.additionality).",
    "The fund receives pledges from a few contributors who pay late or not at all with some "
    "probability, pays its administration, and makes grants to eligible States chosen by its "
    "Selection Committee, paid in tranches; unspent money returns to it.",
    "A State that expects to miss its deadline requests an extension; requests are granted with "
    "a probability that depends on the extension regime (lenient or strict). New contamination "
    "can be found, and "
    "residual contamination can re-open a completed State.",
    "Argentina, Cyprus and the State of Palestine cannot reach their mined areas: they never "
    "complete and cannot receive grants.",
    "Every policy is run on the same random futures (common random numbers), so the difference "
    "between a fund and no fund in one future is the fund's effect in that future.",
]


def esc(x):
    return html.escape(str(x), quote=True)


class Report:
    def __init__(self, results, choice):
        self.r = results
        self.c = choice
        self.parts = []
        self.figure_number = {}

    def add(self, text):
        self.parts.append(text)

    # --- the numbers --------------------------------------------------------------------
    def stat(self, outcome, s, p):
        cmp = self.r.comparison(outcome)
        return {k: float(cmp[k].values[s, p]) for k in ("mean", "ci_low", "ci_high", "p_better")
                if k in cmp}

    def funds_by_size(self):
        return self.r.sizes()

    # --- sections -------------------------------------------------------------------------
    def header(self):
        a = self.r.attrs
        self.add(f"<h1>{esc(self.r.study_title())}</h1>")
        self.add("<p class='lead'>Would a Voluntary Trust Fund for Article 5 survey and clearance "
                 "help States Parties finish clearing their mined areas, and by how much? "
                 "Results of a simulation with vtfsim.</p>")
        self.add(f"<p class='meta'>Results file {esc(self.r.file_name)}, simulated "
                 f"{esc(a.get('created_utc', '?'))} with vtfsim {esc(a.get('vtfsim_version', '?'))}"
                 f"; report made {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.</p>")

    def summary(self):
        r, s, p = self.r, self.c.scenario, self.c.policy
        funds = self.funds_by_size()
        named = r.named_scenarios()
        sizes = policy_words.simulated(r, funds)
        sampled = int(r.sampled.sum())
        varied = list(dict.fromkeys(plain_parameter(c) for c in self.varied_uncertainties()))
        what = f" (they differ in {' and '.join(varied)})" if varied else ""
        scen_text = (f"{len(named)} scenario{'s' if len(named) != 1 else ''} of what the Working "
                     f"Group cannot control{what}")
        if sampled:
            scen_text = (f"{scen_text}, plus {sampled} sampled combinations of the uncertain "
                         "parameters" if named else
                         f"{sampled} sampled combinations of the uncertain parameters (what the "
                         "Working Group cannot control)")
        self.add("<section id='summary'><h2>Summary</h2>")
        self.add(
            f"<p><b>What was simulated.</b> The {len(r.states)} States Parties that still have to "
            f"clear anti-personnel mines under Article 5 of the Convention, month by month from "
            f"{r.start} to {r.horizon}: their mined areas, their clearance, their money, their "
            f"deadlines and extension requests. Each of {scen_text} was run "
            f"{r.replications:,} times (random futures) without a fund and with a fund of "
            f"{esc(sizes)}. Each fund is compared with no fund in the "
            "same futures, so a difference is the fund's effect, not luck.</p>")
        answer = findings.main_answer(r)  # the numbers vtfsim computed once (/findings)
        h = self.stat("completed_by_horizon", s, p)
        y30 = (self.stat("completed_by_2030", s, p)
               if "completed_by_2030" in r.comparison_outcomes() else None)
        ext = self.stat("extension_requests", s, p)
        cost = r.cost_per_completion()[s, p]
        fund = esc(r.fund_label(p))
        middle = float(answer["no_fund_completed_median"].values[s])
        lo5 = float(answer["no_fund_completed_p05"].values[s])
        hi95 = float(answer["no_fund_completed_p95"].values[s])
        text = [f"<p class='big'>With a fund of {fund}, {numbers.signed(h['mean'])} more States "
                f"complete their clearance by {r.horizon} on average "
                f"(95% confidence interval {numbers.signed(h['ci_low'])} to "
                f"{numbers.signed(h['ci_high'])})"]
        if y30 and np.isfinite(y30["mean"]):
            text.append(f", and {numbers.signed(y30['mean'])} by 2030")
        text.append(f", in scenario {esc(r.scenarios[s])}.</p>")
        requests = (f"avoids {-ext['mean']:.1f} extension requests" if ext["mean"] <= 0 else
                    f"adds {ext['mean']:.1f} extension requests")
        price = (f" Each extra completion costs {numbers.money(cost)} of contributions to the "
                 "fund." if np.isfinite(cost) else "")
        text.append(f"<p>Without a fund, {middle:.0f} of the {len(r.states)} States are "
                    f"complete at the end of {r.horizon} in the middle future (between {lo5:.0f} "
                    f"and {hi95:.0f} in 90% of futures). In "
                    f"{numbers.percent(h.get('p_better', float('nan')))} of the futures the fund "
                    f"completes at least one more State by {r.horizon} than no fund would, and "
                    f"on average it {requests}.{price}</p>")
        sizes = findings.group(r, "which_sizes")
        if len(named) > 1 and r.policies[p] in [str(x) for x in sizes["fund"].values]:
            spread = sizes.sel(fund=r.policies[p])  # a size (not a variant chosen by --policy)
            text.append(f"<p>Across the {len(named)} scenarios the same fund adds between "
                        f"{numbers.signed(float(spread['completed_by_horizon_lowest']))} "
                        f"({esc(spread['completed_by_horizon_lowest_scenario'].item())}) and "
                        f"{numbers.signed(float(spread['completed_by_horizon_highest']))} "
                        f"({esc(spread['completed_by_horizon_highest_scenario'].item())}) "
                        f"completions by {r.horizon}.</p>")
        if len(funds) > 1:
            small, large = funds[0], funds[-1]
            gs = float(answer["smallest_fund_gain"].values[s])
            gl = float(answer["largest_fund_gain"].values[s])
            left = float(answer["left_with_largest"].values[s])
            shape = str(answer["size_shape"].values[s])
            text.append(f"<p>A bigger fund helps {shape}: the smallest fund "
                        f"({esc(r.fund_label(small))}) adds {numbers.signed(gs)} completions, the "
                        f"largest ({esc(r.fund_label(large))}) {numbers.signed(gl)}. Even with "
                        f"the largest fund, {left:.0f} States are still not complete at the "
                        f"end of {r.horizon} in the middle future: who they are is in Figure "
                        f"{self.figure_number.get('by_state', '')} and the per-State table.</p>")
        self.add("<div class='answer'>" + "".join(text) + "</div>")
        self.key_table(s, funds)
        self.add("<p class='note'><b>How sure is this?</b> The interval in brackets says how "
                 "precisely the simulation pins down the average effect. The futures themselves "
                 "vary much more (the bands in the figures), and the scenarios show what happens "
                 "if donors or the extension process behave differently. The model's assumptions "
                 "and data are listed at the end; the results are only as good as they are. "
                 f"Figure {self.figure_number['dose_response']} shows the effect of every fund "
                 "size in every scenario.</p>")
        self.add(fig_variants.pointer(r, self.figure_number.get("variants")))
        self.add(data_behind.section(r, s, p, esc, table))
        self.add("</section>")

    def varied_uncertainties(self):
        """The /scenarios parameters whose value differs between scenarios."""
        if not self.r.has("scenarios"):
            return []
        sc = self.r.group("scenarios")
        return [c for c in sc.data_vars if c not in ("name", "sampled")
                and len({str(v) for v in sc[c].values}) > 1]

    def key_table(self, s, funds):
        r = self.r
        self.add(f"<table class='key'><caption style='caption-side: top; text-align: left; "
                 f"font-weight: bold'>Each fund size against no fund, scenario "
                 f"{esc(r.scenarios[s])}: mean [95% confidence interval]</caption><thead><tr>"
                 "<th>fund</th><th class='num'>extra States complete by 2030</th>"
                 f"<th class='num'>extra States complete by {r.horizon}</th>"
                 "<th class='num'>extension requests avoided</th>"
                 "<th class='num'>contributions per extra completion</th></tr></thead><tbody>")
        outcomes = r.comparison_outcomes()
        cost = r.cost_per_completion()
        for q in funds:
            cells = []
            for name, sign in (("completed_by_2030", 1), ("completed_by_horizon", 1),
                               ("extension_requests", -1)):
                if name not in outcomes:
                    cells.append("n/a")
                    continue
                x = self.stat(name, s, q)
                lo, hi = (x["ci_low"], x["ci_high"]) if sign > 0 else (-x["ci_high"], -x["ci_low"])
                cells.append(numbers.effect(sign * x["mean"], lo, hi))
            cells.append(numbers.money(cost[s, q]))
            self.add(f"<tr><td>{esc(r.fund_label(q))}</td>" +
                     "".join(f"<td class='num'>{esc(c)}</td>" for c in cells) + "</tr>")
        self.add("</tbody></table>")

    def figure(self, name):
        module = catalog.by_name(name)
        number = self.figure_number[name]
        if not catalog.available(module, self.r):
            self.add(f"<p class='note' id='fig-{name}-missing'><b>Figure {number}. "
                     f"{esc(module.TITLE)}:</b> not available. This results file has no "
                     f"/{name} group: the run did not include a sensitivity analysis (it needs "
                     "a study with sampled uncertainties).</p>")
            return
        self.add(self.figure_html(name))

    def figure_html(self, name):
        module = catalog.by_name(name)
        number = self.figure_number[name]
        fig = module.build(self.r, self.c)
        try:
            data = base64.b64encode(style.png_bytes(fig)).decode("ascii")
        finally:
            style.close(fig)
        return (f"<figure id='fig-{name}'><img alt='{esc(module.TITLE)}' "
                 f"src='data:image/png;base64,{data}'><figcaption><b>Figure {number}. "
                f"{esc(module.TITLE)}.</b> {esc(module.caption(self.r, self.c))}</figcaption>"
                "</figure>")

    def figures(self):
        self.add("<section id='figures'><h2 class='newpage'>Figures</h2>")
        for name in catalog.NAMES:
            if name != "variants":  # in its own section
                self.figure(name)
        self.add("</section>")
        if catalog.available(fig_variants, self.r):
            self.add(fig_variants.section(self.r, esc, self.figure_html("variants")))

    def comparison_tables(self):
        r = self.r
        cost = r.cost_per_completion()
        outcomes = [o for o in numbers.TABLE_OUTCOMES if o in r.comparison_outcomes()]
        self.add("<section id='comparison'><h2 class='newpage'>Results in numbers</h2>")
        self.add(f"<p>For each scenario and fund: the mean paired difference with no fund over "
                 f"{r.replications:,} futures and its 95% confidence interval (the numbers "
                 "<code>vtfsim compare</code> prints). Completions count States whose Article 5 "
                 "work is complete at the end of the year; fewer extension requests and fewer "
                 "States left behind are better. Cost: contributions received by the fund per "
                 "extra completion by the horizon.</p>")
        for s in range(len(r.scenarios)):
            kind = " (sampled)" if r.sampled[s] else ""
            self.add(f"<h3>Scenario {esc(r.scenarios[s])}{kind}</h3>")
            self.add("<table class='comparison'><thead><tr><th>policy</th>" +
                     "".join(f"<th class='num'>{esc(numbers.header(o))}</th>" for o in outcomes) +
                     "<th class='num'>cost per extra completion</th></tr></thead><tbody>")
            for p in r.fund_policies():
                cells = []
                for o in outcomes:
                    x = self.stat(o, s, p)
                    cells.append(numbers.effect(x["mean"], x["ci_low"], x["ci_high"]))
                cells.append(numbers.money(cost[s, p]))
                self.add(f"<tr data-scenario='{esc(r.scenarios[s])}' "
                         f"data-policy='{esc(r.policies[p])}'><td>{esc(r.policies[p])}</td>" +
                         "".join(f"<td class='num'>{esc(c)}</td>" for c in cells) + "</tr>")
            self.add("</tbody></table>")
        self.add("</section>")

    def state_table(self):
        r, s, p = self.r, self.c.scenario, self.c.policy
        rows = findings.state_rows(r, s, p)
        quality = reference_quality()
        self.add("<section id='states'><h2 class='newpage'>Per State</h2>")
        self.add(f"<p>Scenario {esc(r.scenarios[s])}, fund {esc(r.fund_label(p))} "
                 f"(policy {esc(r.policies[p])}) against no fund, {r.replications:,} futures. "
                 "Median completion: the first year by which the State has completed (for the "
                 "first time) in at least half of the futures. Done by 2030: completed at least "
                 f"once by the end of 2030. Complete at {r.horizon}: still complete at the "
                 "horizon. Fund money: disbursed to the State less returned, mean over futures. "
                 "Highlighted: the fund raises the chance of being complete at the horizon by 10 "
                 "points or more. LDC: Least Developed Country; data quality A (best) to C, from "
                 "the model's reference data.</p>")
        self.add("<table class='states'><thead><tr><th>State</th><th>LDC</th><th>data</th>"
                 "<th class='num'>median completion<br>no fund → fund</th>"
                 "<th class='num'>done by 2030<br>no fund → fund</th>"
                 f"<th class='num'>complete at {r.horizon}<br>no fund → fund</th>"
                 "<th class='num'>fund money received</th></tr></thead><tbody>")
        for i in findings.order(rows):
            x = rows[i]
            gain = x["p_horizon_fund"] - x["p_horizon_no_fund"] >= 0.10
            ldc = "?" if x["ldc"] is None else ("yes" if x["ldc"] else "")
            self.add(
                f"<tr data-state='{esc(x['state'])}'{' class=gain' if gain else ''}>"
                f"<td>{esc(x['state'])}</td><td>{ldc}</td>"
                f"<td>{esc(quality.get(x['iso3'], ''))}</td>"
                f"<td class='num'>{numbers.year(x['median_no_fund'], r.horizon)} → "
                f"{numbers.year(x['median_fund'], r.horizon)}</td>"
                f"<td class='num'>{numbers.percent(x['p2030_no_fund'])} → "
                f"{numbers.percent(x['p2030_fund'])}</td>"
                f"<td class='num'>{numbers.percent(x['p_horizon_no_fund'])} → "
                f"{numbers.percent(x['p_horizon_fund'])}</td>"
                f"<td class='num'>{numbers.money(x['received_usd'])}</td></tr>")
        self.add("</tbody></table></section>")

    def design_tables(self):
        r = self.r
        self.add("<h3>Policies (what the Working Group chooses)</h3>")
        pol = r.group("policies")
        cols = [c for c in pol.data_vars if c != "name"]
        self.add(table(["policy", "settings (parameter = value; the scenario file names them "
                        "with dots: vtf.annual_usd)"],
                       [[r.policies[p], settings(pol, cols, p)] for p in range(len(r.policies))]))
        if not r.has("scenarios"):
            return
        sc = r.group("scenarios")
        cols = [c for c in sc.data_vars if c not in ("name", "sampled")]
        named = r.named_scenarios()
        self.add("<h3>Scenarios (what it cannot control)</h3>")
        self.add(table(["scenario", "settings"],
                       [[r.scenarios[k], settings(sc, cols, k)] for k in named]))
        sampled = [k for k in range(len(r.scenarios)) if r.sampled[k]]
        if sampled:
            rows = []
            for c in cols:
                v = sc[c].values[sampled]
                if np.issubdtype(v.dtype, np.number):
                    rows.append([c, fmt_value(v.min()), fmt_value(v.max())])
            self.add(f"<p>{len(sampled)} further scenarios sample the uncertain parameters "
                     "(Latin hypercube) within these ranges:</p>")
            self.add(table(["parameter", "lowest", "highest"], rows))

    def assumptions(self):
        r = self.r
        self.add("<section id='assumptions'><h2 class='newpage'>Assumptions and data</h2>")
        self.add(f"<p>The model (specification MODEL.md version "
                 f"{esc(r.attrs.get('model_spec_version', '?'))}; how the code implements it: "
                 "docs/model.md) in a few sentences:</p><ul>" +
                 "".join(f"<li>{esc(a)}</li>" for a in ASSUMPTIONS) + "</ul>")
        self.design_tables()
        self.add("<h3>Data</h3>")
        self.add(f"<p>Reference data on the {len(r.states)} States Parties (mined area, release, "
                 "funding, deadlines, LDC status, insecurity): Landmine Monitor and Mine Action "
                 "Review reports, APMBC documents and other public sources, one row per State "
                 "with its sources and a quality mark, in models/data/states_parties.csv and "
                 f"models/data/SOURCES.md. ({esc(DATA_SOURCE)}.) Any field can be changed per "
                 "State in the scenario file (see the scenario text under Provenance).</p>")
        self.calibration()
        self.add("</section>")

    def calibration(self):
        r = self.r
        if not r.has("calibration"):
            return
        cal = r.group("calibration")
        status = cal["status"].values[0] if "status" in cal else None
        meanings = (str(cal["status"].attrs.get("flag_meanings", "")).split()
                    if status is not None else [])
        reasons = cal["reason"].values if "reason" in cal else [""] * len(r.states)
        rows = []
        for i, state in enumerate(r.states):
            code = int(status[i]) if status is not None else 0
            if code != 0:
                label = meanings[code] if code < len(meanings) else str(code)
                rows.append([state, label.replace("_", " "), str(reasons[i])])
        self.add(f"<p>Clearance costs are calibrated to each State's recorded release. "
                 f"{len(r.states) - len(rows)} States calibrate exactly; the others "
                 "(from /calibration):</p>")
        self.add(table(["State", "calibration", "why"], rows))

    def provenance(self):
        r, a = self.r, self.r.attrs
        self.add("<section id='provenance'><h2 class='newpage'>Provenance</h2>")
        items = [("results file", os.path.abspath(r.path)),
                 ("file size", f"{os.path.getsize(r.path):,} bytes"),
                 ("SHA-256", sha256(r.path))]
        for key in ("vtfsim_version", "git_commit", "created_utc", "command_line", "seed",
                    "replications", "study_name", "study_title", "scenario_path",
                    "model_spec_version", "results_format_version", "start_date", "horizon_date",
                    "shard", "shards"):
            if key in a:
                items.append((key, a[key]))
        items.append(("report choices", f"scenario {r.scenarios[self.c.scenario]}; fund policy "
                      f"{r.policies[self.c.policy]}; fan chart State {r.states[self.c.state]}"))
        self.add("<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items) +
                 "</dl>")
        self.add("<p>The seed, the scenario text and the replications, run with the same version "
                 "of vtfsim, reproduce this file exactly. The scenario file as run:</p>")
        self.add(f"<pre id='scenario-toml'>{esc(a.get('scenario_toml', '(not recorded)'))}</pre>")
        self.add("</section>")

    def render(self):
        names = [n for n in catalog.NAMES
                 if n != "variants" or catalog.available(fig_variants, self.r)]
        for k, name in enumerate(names, start=1):
            self.figure_number[name] = k
        self.header()
        self.summary()
        self.figures()
        self.comparison_tables()
        self.state_table()
        self.assumptions()
        self.provenance()
        title = esc(f"{self.r.study_title()} - vtfsim report")
        return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
                f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
                f"<meta name='generator' content='vtfsim scripts/report.py'>"
                f"<title>{title}</title><style>{CSS}</style></head><body>\n" +
                "\n".join(self.parts) + "\n</body></html>\n")


PLAIN = {"donors": "donor behaviour", "extensions": "the treatment of extension requests",
         "contributors": "contributions to the fund", "area": "the size of the mined areas",
         "discovery": "new contamination found", "national": "national budgets",
         "security": "insecurity", "vtf": "the fund's rules", "costs": "clearance costs",
         "clearance": "clearance costs", "survey": "survey"}


def plain_parameter(column):
    """Words for a parameter's group: donors_envelope_trend -> donor behaviour."""
    head = column.split("_", 1)[0]
    return PLAIN.get(head, column.replace("_", " "))


def fmt_value(v):
    if isinstance(v, bytes):
        v = v.decode()
    if isinstance(v, (float, np.floating)):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"
    return str(v)


def settings(ds, columns, row):
    return "; ".join(f"{c} = {fmt_value(ds[c].values[row])}" for c in columns)


def table(header, rows):
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def reference_quality():
    """Quality mark (A/B/C) of each State's reference data, by ISO3 code."""
    if not STATE_DATA.exists():
        return {}
    with open(STATE_DATA, newline="", encoding="utf-8") as f:
        return {row["iso3"]: row.get("quality", "") for row in csv.DictReader(f)}


def render(results, choice):
    return Report(results, choice).render()
