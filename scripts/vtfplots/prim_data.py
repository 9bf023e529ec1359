"""Scenario discovery (PRIM) as the figures read it: the group (/discovery, the question last
asked with `vtfsim discover`, when the file has it, else /findings/where_it_fails, the run's own
question), its box and peeling trajectory, and the words the figures say of them. Shared by
fig_prim_tradeoff, fig_prim_box and the report."""
import re
import textwrap
from dataclasses import dataclass, field

import h5py
import numpy as np

GROUPS = ("discovery", "findings/where_it_fails")  # the question asked last, then the run's own
SCALARS = ("box_found", "coverage", "density", "mass", "base_density", "coverage_test",
           "density_test", "chosen_step", "futures", "cases")
PEEL = ("peel_coverage_train", "peel_density_train", "peel_coverage_test", "peel_density_test",
        "peel_mass", "peel_restricted")
BOX = ("box_label", "box_low", "box_high", "range_low", "range_high", "box_restricts_low",
       "box_restricts_high", "box_p_value")
OPS = {"<": "fewer than", "<=": "at most", ">": "more than", ">=": "at least"}
HELD_OUT = "each box on the held-out half (futures not used to find it)"
LINE = 158  # characters of subtitle that fit a line of the slide
AMOUNTS = {"<": "less than", "<=": "at most", ">": "more than", ">=": "at least"}


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


# --- reading (shared with fig_prim_box) --------------------------------------------------------
def group_name(results):
    """The group the PRIM figures draw: /discovery when the file has it, else the finding."""
    return next((g for g in GROUPS if results.has(g)), None)


def available(results):
    g = group_name(results)
    return g is not None and results.has(f"{g}/step")


def missing(results):
    g = group_name(results)
    if g is None:
        return (f"{results.file_name} has no /discovery or /findings/where_it_fails (no scenario "
                "discovery: run `vtfsim discover FILE --policy POLICY`)")
    return (f"{results.file_name}: /{g} has no peeling trajectory (no step axis; written by an "
            "older vtfsim: run `vtfsim discover FILE --policy POLICY` again)")


def report_missing(results):
    """What the report says in place of a PRIM figure it cannot draw, in words."""
    return ("not available: this run has no scenario discovery (it needs every future's inputs, "
            "and futures both with and without a State added by 2030).")


@dataclass
class Restriction:
    label: str
    low: float
    high: float
    range_low: float
    range_high: float
    restricts_low: bool
    restricts_high: bool
    p_value: float


@dataclass
class Prim:
    group: str  # "discovery" or "findings/where_it_fails"
    text: str  # the statement of /discovery, the sentence of the finding
    policy: int  # index in /policy
    baseline: str  # '' when VALUE is the outcome itself
    outcome: str
    op: str
    threshold: float
    values: dict  # SCALARS
    peel: dict  # PEEL, each an array over the steps
    restrictions: list = field(default_factory=list)

    @property
    def asked(self):
        return self.group == "discovery"

    @property
    def found(self):
        return bool(self.values["box_found"])

    @property
    def sharp(self):
        """A box whose conditions single the futures out well ("It happens mainly when", as
        vtfsim words it); a found box short of that raises the share only a little."""
        return self.found and "It happens mainly when" in self.text


def read(results):
    """The PRIM group of the file as a Prim (call only when available(results))."""
    g = group_name(results)
    with h5py.File(results.path, "r") as f:
        grp = f[g]

        def value(name, default=np.nan):
            if name in grp.attrs:
                return grp.attrs[name]
            if name in grp and isinstance(grp[name], h5py.Dataset):
                return grp[name][()]
            return default

        values = {k: float(np.asarray(value(k)).item()) for k in SCALARS}
        peel = {k: np.asarray(grp[k][...], dtype=float) if k in grp else np.array([])
                for k in PEEL}
        restrictions = []
        if "restriction" in grp and all(k in grp for k in BOX):
            cols = {k: (grp[k].asstr()[...] if grp[k].dtype.kind in "OSU" else grp[k][...])
                    for k in BOX}
            for i in range(len(cols["box_label"])):
                restrictions.append(Restriction(
                    str(cols["box_label"][i]), float(cols["box_low"][i]),
                    float(cols["box_high"][i]), float(cols["range_low"][i]),
                    float(cols["range_high"][i]), bool(cols["box_restricts_low"][i]),
                    bool(cols["box_restricts_high"][i]), float(cols["box_p_value"][i])))
        text = _text(value("statement" if g == "discovery" else "sentence", ""))
        policy = _text(value("policy", ""))
        baseline = _text(value("baseline", "no_fund" if g != "discovery" else ""))
        outcome = _text(value("outcome", "completed_by_2030"))
        where = _text(value("where", "VALUE < 1"))
    m = re.match(r"\s*VALUE\s*(<=|>=|<|>)\s*(\S+)", where)
    op, threshold = (m.group(1), float(m.group(2))) if m else ("<", 1.0)
    p = results.policies.index(policy) if policy in results.policies else min(1, len(
        results.policies) - 1)
    return Prim(g, text, p, baseline, outcome, op, threshold, values, peel, restrictions)


# --- words -------------------------------------------------------------------------------------
def _when(results, outcome):
    """'by 2030' for completed_by_2030, 'by 2045' for completed_by_horizon; None otherwise."""
    if not outcome.startswith("completed_by_"):
        return None
    year = outcome.removeprefix("completed_by_")
    return f"by {results.horizon if year == 'horizon' else year}"


def _number(x):
    return f"{x:g}"


def subject(results, prim):
    """The futures in question, as a clause: '$10M a year adds no State by 2030', 'fewer than 5
    States are complete by 2030 with $10M a year'."""
    fund = results.fund_label(prim.policy)
    when = _when(results, prim.outcome)
    op, t = prim.op, prim.threshold
    none = (op == "<" and t == 1) or (op == "<=" and t == 0)
    against = ""
    if prim.baseline and prim.baseline in results.policies and prim.baseline != "no_fund":
        against = f" over {results.fund_label(results.policies.index(prim.baseline))}"
    if prim.baseline and when:
        if none:
            return f"{fund} adds no State {when}{against}"
        states = "State" if t == 1 else "States"
        return f"{fund} adds {OPS[op]} {_number(t)} {states} {when}{against}"
    if prim.baseline:
        words = prim.outcome.replace("_", " ")
        return f"{fund} changes {words}{against} by {AMOUNTS[op]} {_number(t)}"
    if when:
        if none:
            return f"no State is complete {when} with {fund}"
        verb = "is" if t == 1 and op in ("<=", ">=") else "are"
        states = "State" if t == 1 and op in ("<=", ">=") else "States"
        return f"{OPS[op]} {_number(t)} {states} {verb} complete {when} with {fund}"
    words = prim.outcome.replace("_", " ")
    verb = "are" if words.endswith("s") else "is"  # extension requests are, money is
    return f"{words} with {fund} {verb} {AMOUNTS[op]} {_number(t)}"


def question(results, prim):
    """The subject as a question: 'When does $10M a year add no State by 2030?'."""
    s = subject(results, prim)
    fund = results.fund_label(prim.policy)
    if s.startswith(fund + " adds "):
        return f"When does {fund} add {s[len(fund) + 6:]}?"
    if s.startswith(fund + " changes "):
        return f"When does {fund} change {s[len(fund) + 9:]}?"
    if s.startswith("no State is "):
        return f"When is no State {s[len('no State is '):]}?"
    for verb in (" are ", " is "):
        if verb in s:
            head, tail = s.split(verb, 1)
            return f"When {verb.strip()} {head} {tail}?"
    return f"When: {s}?"


def pct(x):
    return f"{100 * x:.0f}%"


def asked_words(results, prim):
    """Which question the figure answers, and how many futures are such."""
    share = (f"in {prim.values['cases']:.0f} of {prim.values['futures']:.0f} futures "
             f"({pct(prim.values['cases'] / prim.values['futures'])})"
             if prim.values["futures"] > 0 and np.isfinite(prim.values["cases"]) else "")
    which = ("The question last asked of this file (vtfsim discover)" if prim.asked
             else "The run's own question on the chosen fund")
    return f"{which}: {subject(results, prim)} {share}".rstrip()


def verdict(prim):
    """In words: whether a few conditions single those futures out, as vtfsim's sentence says."""
    v = prim.values
    if prim.sharp:
        return (f"A few conditions single them out: {pct(v['density'])} of the futures inside "
                f"the chosen box are such, against {pct(v['base_density'])} of all futures")
    if prim.found:
        return (f"No simple set of conditions singles them out well: the best box raises their "
                f"share only from {pct(v['base_density'])} to {pct(v['density'])}")
    why = reason(prim)
    return ("No simple set of conditions singles them out" + (f" ({why})" if why else ""))


def reason(prim):
    """Why vtfsim found no box, from its sentence, in plainer words ('' if it gives none)."""
    parts = prim.text.split("singles these futures out:", 1)
    why = parts[1].strip().rstrip(".") if len(parts) == 2 else ""
    for jargon, plain in (("the density", "the share of such futures"), ("rows", "futures")):
        why = why.replace(jargon, plain)
    return why


def subtitle(results, prim, explain=True, verdict_line=True):
    """Which question the figure answers and what vtfsim found, then (explain) how to read
    it, and the study: lines of at most LINE characters."""
    lines = textwrap.wrap(f"{asked_words(results, prim)}.", LINE)
    study = results.study_title()
    if len(lines[-1]) + 5 + len(study) <= LINE:
        lines[-1] += f"  ·  {study}"
    else:
        lines.append(study)
    if verdict_line:
        lines += textwrap.wrap(f"{verdict(prim)}.", LINE)
    if explain:
        lines += textwrap.wrap("PRIM peels the futures into ever smaller boxes of conditions on "
                               "their inputs; a good box holds most of those futures (right) and "
                               "few others (up).", LINE)
    return "\n".join(lines)


# --- the figure --------------------------------------------------------------------------------
