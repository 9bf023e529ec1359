"""The one-file HTML report: a first page that stands alone (first_page), what was simulated
and the options' numbers (/findings/decision), figures (embedded PNG), the scenarios in a few
tables (scenario_tables; every number in a CSV beside the report and a screen-only appendix),
the per-State table, assumptions and data, provenance. No script, no external resource: it
opens offline and prints to A4 (report_css)."""
import base64
import csv
import hashlib
import html
import os
from datetime import datetime, timezone

import numpy as np

from . import (catalog, data_behind, decision, fig_variants, findings, first_page, numbers,
               policy_words, scenario_tables, style)
from .report_css import CSS
from .results import DATA_SOURCE, STATE_DATA

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
    def __init__(self, results, choice, csv_name=None):
        self.r = results
        self.c = choice
        self.d = decision.read(results)
        self.csv_name = csv_name  # the full tables, written beside the report
        self.parts = []
        self.figure_number = {}
        self.first_figure = first_page.figure_name(results)

    def add(self, text):
        self.parts.append(text)

    # --- the numbers --------------------------------------------------------------------
    def stat(self, outcome, s, p):
        cmp = self.r.comparison(outcome)
        return {k: float(cmp[k].values[s, p]) for k in ("mean", "ci_low", "ci_high", "p_better")
                if k in cmp}

    # --- sections -------------------------------------------------------------------------
    def simulated(self):
        r = self.r
        named = r.named_scenarios()
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
        self.add(
            f"<p><b>What was simulated.</b> The {len(r.states)} States Parties that still have to "
            f"clear anti-personnel mines under Article 5 of the Convention, month by month from "
            f"{r.start} to {r.horizon}: their mined areas, their clearance, their money, their "
            f"deadlines and extension requests. Each of {scen_text} was run "
            f"{r.replications:,} times (random futures) without a fund and with "
            f"{esc(options_words(self.d))}. Each fund is compared with no fund in the "
            "same futures, so a difference is the fund's effect, not luck. A State counts as "
            "complete in a year when its clearance is complete on 31 December of that year.</p>")

    def summary(self):
        self.add("<section id='summary'><h2>What was simulated, and each option's numbers</h2>")
        self.simulated()
        self.key_table()
        self.add("<p class='note'><b>How sure is this?</b> The interval in brackets says how "
                 "precisely the simulation pins down the average effect. The futures themselves "
                 "vary much more: the 10–90% range gives the gain in the middle 80% of futures "
                 "(whole States). The scenarios show what happens if donors or the extension "
                 "process behave differently. The model's assumptions and data are listed at "
                 "the end; the results are only as good as they are.</p>")
        fails = findings.where_it_fails(self.r)
        if fails:
            self.add("<p class='note' id='where-it-fails'><b>Where the fund fails.</b> "
                     f"{esc(fails)} (vtfsim discover FILE --policy POLICY: the details)"
                     f"{self.prim_pointer()}</p>")
        self.add(fig_variants.pointer(self.r, self.figure_number.get("variants")))
        self.add(data_behind.section(self.r, self.c.scenario, self.c.policy, esc, table))
        self.add("</section>")

    def key_table(self):
        """Every fund option against no fund in the first page's scenario (/findings/decision)."""
        d = self.d
        s = d.s()
        first = d.years[0]
        head = (["fund"] + [f"Δ complete by {y}" for y in d.years] +
                [f"10–90% of futures by {first}", f"no extra State by {first}",
                 "money received", "left unused"])
        self.add("<table class='wide compact' id='options'><caption>Each fund option against "
                 f"no fund, scenario {esc(d.scenario)}: mean [95% confidence interval] of the "
                 "extra States complete; the chosen fund in bold</caption><thead><tr>" +
                 "".join(f"<th{' class=num' if k else ''}>{esc(h)}</th>"
                         for k, h in enumerate(head)) + "</tr></thead><tbody>")
        for o, option in enumerate(d.options):
            cells = [numbers.effect(*(float(d.by_year[k][s, o, y]) for k in
                                      ("mean", "ci_low", "ci_high")))
                     for y in range(len(d.years))]
            cells.append(numbers.whole_range(d.by_year["p10"][s, o, 0], d.by_year["p90"][s, o, 0]))
            cells.append(numbers.percent(d.by_year["share_none"][s, o, 0]))
            cells.append(numbers.money(d.money["received_usd"][s, o]))
            cells.append(numbers.percent(d.money["unused_share"][s, o]))
            chosen = " class='chosen'" if option == d.policy else ""
            self.add(f"<tr data-option='{esc(option)}'{chosen}><td>{esc(d.labels[o])}</td>" +
                     "".join(f"<td class='num'>{esc(c)}</td>" for c in cells) + "</tr>")
        self.add("</tbody></table>")

    def varied_uncertainties(self):
        """The /scenarios parameters whose value differs between scenarios."""
        if not self.r.has("scenarios"):
            return []
        sc = self.r.group("scenarios")
        return [c for c in sc.data_vars if c not in ("name", "sampled")
                and len({str(v) for v in sc[c].values}) > 1]

    def prim_pointer(self):
        """' Figures 12 and 13 show ...': where the scenario discovery figures show the finding
        of the paragraph on where the fund fails ('' when they show another question, the one
        last asked with vtfsim discover, or cannot be drawn)."""
        from . import fig_prim_box, fig_prim_tradeoff, prim_data

        if (not catalog.available(fig_prim_tradeoff, self.r) or
                prim_data.group_name(self.r) != "findings/where_it_fails"):
            return ""
        shown = [self.figure_number[n] for n in ("prim_tradeoff", "prim_box")
                 if n in self.figure_number and (n == "prim_tradeoff" or
                                                 fig_prim_box.report_note(self.r) is None)]
        if not shown:
            return ""
        which = " and ".join(str(k) for k in shown)
        return (f". Figure{'s' if len(shown) > 1 else ''} {which} show"
                f"{'' if len(shown) > 1 else 's'} the boxes of conditions it tried"
                + (" and the conditions of the one chosen" if len(shown) > 1 else "") + ".")

    def figure(self, name):
        module = catalog.by_name(name)
        number = self.figure_number[name]
        if not catalog.available(module, self.r):
            why = (module.report_missing(self.r) if hasattr(module, "report_missing") else
                   "not available: the run did not include a sensitivity analysis (it needs a "
                   "study with sampled uncertainties).")
            self.add(f"<p class='note' id='fig-{name}-missing'><b>Figure {number}. "
                     f"{esc(module.TITLE)}:</b> {esc(why)}</p>")
            return
        note = module.report_note(self.r) if hasattr(module, "report_note") else None
        if note:  # nothing to draw but words: said as words
            self.add(f"<p class='note' id='fig-{name}-note'><b>Figure {number}. "
                     f"{esc(module.TITLE)}:</b> {esc(note)}</p>")
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
                f"{esc(module.TITLE)}.</b> {esc(module.caption(self.r, self.c))}"
                "</figcaption></figure>")

    def figures(self):
        self.add("<section id='figures'><h2 class='newpage'>Figures</h2>")
        for name in catalog.NAMES:
            if name not in ("variants", self.first_figure):  # in their own places
                self.figure(name)
        self.add("</section>")
        if catalog.available(fig_variants, self.r):
            self.add(fig_variants.section(self.r, esc, self.figure_html("variants")))

    def scenario_numbers(self):
        r, d = self.r, self.d
        self.add("<section id='numbers'><h2>The scenarios in numbers</h2>")
        self.add(scenario_tables.named_table(r, d, esc))
        self.add(scenario_tables.sampled_parameters(r, esc, plain_parameter))
        self.add(scenario_tables.sampled_ranges(r, d, esc))
        if self.csv_name:
            name = esc(self.csv_name)
            self.add(f"<p class='note'>Every number for every scenario and fund policy (mean "
                     f"and 95% confidence interval against no fund, as <code>vtfsim compare"
                     f"</code> prints them): the file <a class='screen-only' href='{name}'>{name}"
                     f"</a><span class='print-only'>{name}</span> beside this report"
                     "<span class='screen-only'>, and the tables below</span>.</p>")
        self.add("</section>")
        self.comparison_tables()

    def comparison_tables(self):
        """Every scenario's table, as `vtfsim compare` prints it: on screen only (the printed
        report summarises them above)."""
        r = self.r
        cost = r.cost_per_completion()
        outcomes = [o for o in numbers.TABLE_OUTCOMES if o in r.comparison_outcomes()]
        self.add("<section id='comparison' class='screen-only'><h2>Appendix: every scenario "
                 "(not printed)</h2>")
        self.add(f"<p>For each scenario and fund: the mean paired difference with no fund over "
                 f"{r.replications:,} futures and its 95% confidence interval (the numbers "
                 "<code>vtfsim compare</code> prints). Fewer extension requests are better. "
                 "Cost: contributions received by the fund per extra completion by the "
                 "horizon.</p>")
        for s in range(len(r.scenarios)):
            kind = " (sampled)" if r.sampled[s] else ""
            self.add(f"<h3>Scenario {esc(r.scenarios[s])}{kind}</h3>")
            self.add("<table class='wide'><thead><tr><th>policy</th>" +
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
        self.add("<section id='states'><h2>Per State</h2>")
        self.add(f"<p>Scenario {esc(r.scenarios[s])}, fund {esc(r.fund_label(p))} "
                 f"(policy {esc(r.policies[p])}) against no fund, {r.replications:,} futures. "
                 "Median completion: the first year by which the State has completed (for the "
                 "first time) in at least half of the futures. Done by 2030: completed at least "
                 f"once by the end of 2030. Complete at {r.horizon}: still complete at the "
                 "horizon. Fund money: disbursed to the State less returned, mean over futures. "
                 "Highlighted: the fund raises the chance of being complete at the horizon by 10 "
                 "points or more. LDC: Least Developed Country; data quality A (best) to C, from "
                 "the model's reference data.</p>")
        self.add("<table class='wide compact'><thead><tr><th>State</th><th>LDC</th><th>data</th>"
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
        parameters = findings.parameters_set(r) or {}
        rows = [["no_fund", "none", "no fund"]]
        for p in r.fund_policies():
            rules = ", ".join(policy_words.changed_rules(r, p, parameters)) or "default rules"
            rows.append([r.policies[p], numbers.money(r.fund_usd[p]) + " a year", rules])
        self.add(table(["policy", "fund", "rules changed from the study's base"], rows,
                       "compact"))
        if not r.has("scenarios"):
            return
        sc = r.group("scenarios")
        named = r.named_scenarios()
        cols = [c for c in sc.data_vars if c not in ("name", "sampled")
                and len({str(sc[c].values[k]) for k in named}) > 1]
        self.add("<h3>Scenarios (what it cannot control)</h3>")
        self.add(table(["scenario"] + [c.replace("_", " ") for c in cols],
                       [[r.scenarios[k]] + [fmt_value(sc[c].values[k]) for c in cols]
                        for k in named], "compact"))
        self.add("<p class='note'>Every other parameter takes the study's base value in every "
                 "named scenario (the scenario text is stored in the results file).</p>")
        if first_page.uses_regimes(r):
            self.add(f"<p class='note'>{first_page.REGIMES}</p>")

    def assumptions(self):
        r = self.r
        self.add("<section id='assumptions'><h2>Assumptions and data</h2>")
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
                 "State in the scenario file.</p>")
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
        by_kind = {}
        for state, kind, _ in rows:
            by_kind.setdefault(kind, []).append(state)
        kinds = "; ".join(f"{kind}: {', '.join(states)}" for kind, states in by_kind.items())
        self.add(f"<p>Clearance costs are calibrated to each State's recorded release. "
                 f"{len(r.states) - len(rows)} States calibrate exactly; the others "
                 f"<span class='print-only'>({esc(kinds)}; why, State by State, on screen)"
                 "</span><span class='screen-only'>are these:</span></p>")
        # The reasons take half a page: on screen only, the kinds in one printed sentence.
        self.add(table(["State", "calibration", "why"], rows, "compact screen-only"))

    def provenance(self):
        r, a = self.r, self.r.attrs
        self.add("<section id='provenance'><h2>Provenance</h2>")
        items = [("results file", os.path.abspath(r.path)),
                 ("file size", f"{os.path.getsize(r.path):,} bytes"),
                 ("SHA-256", sha256(r.path))]
        for key in ("vtfsim_version", "git_commit", "created_utc", "command_line", "seed",
                    "replications", "study_name", "study_title", "scenario_path",
                    "model_spec_version", "results_format_version", "start_date", "horizon_date",
                    "shard", "shards"):
            if key in a:
                items.append((key, a[key]))
        items.append(("report made", f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"))
        items.append(("report choices", f"scenario {r.scenarios[self.c.scenario]}; fund policy "
                      f"{r.policies[self.c.policy]}; fan chart State {r.states[self.c.state]}"))
        self.add("<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items) +
                 "</dl>")
        self.add("<p>The seed, the scenario text and the replications, run with the same version "
                 "of vtfsim, reproduce this file exactly. The scenario text is stored in the "
                 "results file (attribute scenario_toml)<span class='screen-only'>, and shown "
                 "here</span>.</p>")
        self.add(f"<pre id='scenario-toml' class='screen-only'>"
                 f"{esc(a.get('scenario_toml', '(not recorded)'))}</pre>")
        self.add("</section>")

    def render(self):
        names = [self.first_figure] + [n for n in catalog.NAMES if n != self.first_figure and (
            n != "variants" or catalog.available(fig_variants, self.r))]
        for k, name in enumerate(names, start=1):
            self.figure_number[name] = k
        self.add(first_page.render(self.r, self.d, self.figure_html(self.first_figure), esc))
        self.summary()
        self.figures()
        self.scenario_numbers()
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


def options_words(d):
    """The fund options by family: '5 fund options: $2.0M, $5.0M or $10.0M a year under the
    default rules; allocation: lottery (lottery_2M, lottery_10M)'."""
    families = list(dict.fromkeys(d.families))
    parts = []
    for family in families:
        members = [o for o, f in enumerate(d.families) if f == family]
        if family == "default rules":
            labels = [d.labels[o].removesuffix(" a year") for o in members]
            listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + \
                labels[-1]
            parts.append(f"{listed} a year under the default rules")
        else:
            parts.append(f"{family} ({', '.join(d.labels[o] for o in members)})")
    return f"{len(d.options)} fund option{'s' if len(d.options) != 1 else ''}: " + \
        "; ".join(parts)


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


def table(header, rows, cls=""):
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f"<table class='{cls}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
            "</table>")


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


def render(results, choice, csv_name=None):
    return Report(results, choice, csv_name).render()
