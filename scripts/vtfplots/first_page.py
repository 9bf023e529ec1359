"""The report's first page, which must stand alone when printed: title, the decision figure,
and vtfsim's first-page sentences (/findings/first_page) in the order of their topics, each a
short paragraph with a bold lead word, the fund chosen and why, and the two extension regimes in
one line where the scenarios use them."""
from . import catalog

LEAD = {"headline": "By 2030", "later": "Later", "spread": "Spread",
        "choice": "Choice", "money": "Money", "data": "Data", "gap": "Funding gap",
        "for_whom": "For whom"}
REGIMES = ("<b>Lenient</b> and <b>strict</b> are the two ways the Meetings of the States Parties "
           "may treat extension requests: lenient grants the years asked for, strict grants "
           "shorter extensions and refuses some.")


def figure_name(results):
    """B's decision figure when the catalogue has it, else the first figure that can be drawn."""
    names = ["decision"] if "decision" in catalog.NAMES else []
    names += [n for n in catalog.NAMES if n != "decision"]
    return next(n for n in names if catalog.available(catalog.by_name(n), results))


def uses_regimes(results):
    """Whether lenient and strict appear in the scenarios' names or settings."""
    if any(w in s for s in results.scenarios for w in ("lenient", "strict")):
        return True
    if not results.has("scenarios"):
        return False
    sc = results.group("scenarios")
    return "extensions_regime" in sc and len({str(v) for v in sc["extensions_regime"].values}) > 1


def render(results, decision, figure_html, esc):
    paragraphs = [f"<p class='finding' data-topic='{esc(t)}'><b>{esc(LEAD.get(t, t))}.</b> "
                  f"{esc(s)}</p>" for t, s in zip(decision.topics, decision.sentences) if s]
    where = ("" if decision.scenario in decision.policy_reason
             else f" (scenario {decision.scenario})")
    reason = decision.policy_reason.rstrip(".")
    said = any(reason in s for s in decision.sentences)  # a sentence already says why: once
    chosen = "" if said else (
        f"<p class='chosen'><b>The fund these numbers speak of:</b> {esc(decision.label())}: "
        f"{esc(reason)}{esc(where)}. Each fund is compared with no fund in the same "
        f"{results.replications:,} simulated futures.</p>")
    regimes = f"<p class='note'>{REGIMES}</p>" if uses_regimes(results) else ""
    return (f"<section id='first-page'><h1>{esc(results.study_title())}</h1>"
            "<p class='lead'>Would a Voluntary Trust Fund for Article 5 survey and clearance help "
            "States Parties complete their clearance within the next years, and by how much?</p>"
            + figure_html + "".join(paragraphs) + chosen + regimes +
            "</section>")
