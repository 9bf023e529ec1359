"""Scenario discovery (PRIM): how well a few conditions on the futures single out the futures in
question. Every box of the peeling trajectory by its coverage (share of those futures inside it)
and density (share of its futures that are such) on the held-out half of the futures, coloured
by the number of inputs it restricts, the training half faintly beside it, the chosen box and
the share of all futures that are such. From /discovery (the question last asked with `vtfsim
discover`) when the file has it, else /findings/where_it_fails (the run's own question: under
which futures the chosen fund adds no State by 2030); the reading is shared with fig_prim_box."""
import re
import textwrap
from dataclasses import dataclass, field

import h5py
import numpy as np
from matplotlib.lines import Line2D

from . import style

NAME = "prim_tradeoff"
TITLE = "How well a few conditions single out those futures"
NEEDS = ("/discovery or /findings/where_it_fails [step]",)
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
def build(results, choice):
    prim = read(results)
    v, peel = prim.values, prim.peel
    fig = style.new_figure()
    ax = fig.subplots()
    base = v["base_density"]
    ax.axhline(100 * base, color="#555555", linewidth=1.2, linestyle="--", zorder=1)
    ax.text(101.5, 100 * base, f"all futures\n{pct(base)}", ha="left", va="center",
            fontsize=style.SMALL, color="#333333")
    ax.plot(100 * peel["peel_coverage_train"], 100 * peel["peel_density_train"],
            color=style.SAMPLED, linewidth=1.6, marker="o", markersize=3.5, alpha=0.7, zorder=2,
            label="the same boxes on the training half (where they were fitted)")
    x, y = 100 * peel["peel_coverage_test"], 100 * peel["peel_density_test"]
    restricted = np.nan_to_num(peel["peel_restricted"]).astype(int)
    ax.plot(x, y, color="#333333", linewidth=1.0, alpha=0.6, zorder=3)
    top = max(int(restricted.max(initial=0)), 1)
    cmap = style.plt.get_cmap("viridis", top + 1)
    dots = ax.scatter(x, y, c=restricted, cmap=cmap, vmin=-0.5, vmax=top + 0.5, s=70,
                      edgecolors="#222222", linewidths=0.6, zorder=4,
                      label=HELD_OUT)
    bar = fig.colorbar(dots, ax=ax, pad=0.01, aspect=30)
    bar.set_label("inputs the box restricts")
    step = max(1, int(np.ceil((top + 1) / 10)))
    bar.set_ticks(range(0, top + 1, step))
    bar.ax.tick_params(labelsize=style.SMALL)
    if prim.found and np.isfinite([v["coverage_test"], v["density_test"]]).all():
        ax.scatter([100 * v["coverage_test"]], [100 * v["density_test"]], marker="*", s=420,
                   color=style.VERMILION, edgecolors="#111111", linewidths=0.8, zorder=6,
                   label="the chosen box, after pasting")
    ax.set_xlim(-2, 112)
    ax.set_ylim(0, 105)
    ax.set_xticks(range(0, 101, 20), [f"{t}%" for t in range(0, 101, 20)])
    ax.set_yticks(range(0, 101, 20), [f"{t}%" for t in range(0, 101, 20)])
    ax.spines["bottom"].set_bounds(0, 100)
    ax.set_xlabel("coverage: share of those futures inside the box")
    ax.set_ylabel("density: share of the box's futures that are such")
    handles, labels = ax.get_legend_handles_labels()
    handles[labels.index(HELD_OUT)] = Line2D([], [], color="#333333", linewidth=1.0, marker="o",
                                             markersize=8, markerfacecolor="#9a9a9a",
                                             markeredgecolor="#222222")
    title = None if prim.found else ("No box chosen: none is reliably denser than all "
                                     "futures on the held-out half")
    legend = ax.legend(handles, labels, loc="best", frameon=True, framealpha=0.95,
                       edgecolor="#dddddd", title=title, alignment="left")
    if title:
        legend.get_title().set_fontweight("bold")
    style.decorate(fig, results, f"{question(results, prim)} Coverage and density of each box",
                   subtitle(results, prim))
    if prim.found and np.isfinite([v["coverage_test"], v["density_test"]]).all():
        # The legend where matplotlib puts it best, fixed there; then the chosen box's label
        # where it covers the fewest dots and lines and not the legend.
        fig.draw_without_rendering()
        corner = ax.transAxes.inverted().transform(legend.get_window_extent().p0)
        legend.remove()
        legend = ax.legend(handles, labels, loc=tuple(corner), frameon=True, framealpha=0.95,
                           edgecolor="#dddddd")
        words = (f"chosen box: coverage {pct(v['coverage'])}, density {pct(v['density'])}\n"
                 f"(held-out half: {pct(v['coverage_test'])} and {pct(v['density_test'])})")
        label_box(fig, ax, words, (100 * v["coverage_test"], 100 * v["density_test"]),
                  [legend], [(100 * peel[f"peel_coverage_{h}"], 100 * peel[f"peel_density_{h}"])
                             for h in ("train", "test")])
    return fig


def label_box(fig, ax, words, at, avoid, curves):
    """An annotation of the point `at`, at the offset (of a few tried) whose text box covers
    the fewest points of the curves (sampled along their segments) and none of `avoid`."""
    pts = []
    for cx, cy in curves:
        for k in range(len(cx) - 1):
            for t in np.linspace(0, 1, 12):
                pts.append((cx[k] + t * (cx[k + 1] - cx[k]), cy[k] + t * (cy[k + 1] - cy[k])))
        pts += list(zip(cx, cy))
    pts = ax.transData.transform(np.array(pts)) if pts else np.zeros((0, 2))
    frame = ax.get_window_extent()
    best = None
    for dx, dy in [(18, 30), (-18, 30), (18, -30), (-18, -30), (30, 0), (-30, 0), (0, 45),
                   (0, -45), (60, 50), (-60, 50), (60, -50), (-60, -50)]:
        ann = ax.annotate(words, at, xytext=(dx, dy), textcoords="offset points",
                          ha="left" if dx > 0 else "right" if dx < 0 else "center",
                          va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                          fontsize=style.SMALL, zorder=7, multialignment="left",
                          bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                                "edgecolor": "#999999", "alpha": 0.95},
                          arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.9})
        fig.draw_without_rendering()
        box = ann.get_bbox_patch().get_window_extent()
        inside = ((pts[:, 0] >= box.x0 - 4) & (pts[:, 0] <= box.x1 + 4) &
                  (pts[:, 1] >= box.y0 - 4) & (pts[:, 1] <= box.y1 + 4)).sum()
        outside = not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and
                       box.y1 <= frame.y1)
        hidden = any(box.overlaps(a.get_window_extent()) for a in avoid)
        cost = inside + 1000 * (outside or hidden)
        if best is None or cost < best[0]:
            if best is not None:
                best[1].remove()
            best = (cost, ann)
        else:
            ann.remove()
        if cost == 0:
            break
    return best[1]


def caption(results, choice):
    prim = read(results)
    asked = " (the question last asked of this file with vtfsim discover)" if prim.asked else ""
    chosen = ", and the star the box chosen" if prim.found else "; no box was chosen"
    return (f"Each dot is a box of conditions on the futures' inputs that scenario discovery "
            f"tried for the futures in which {subject(results, prim)}{asked}, placed by the share "
            "of those futures it holds (coverage, across) and the share of its own futures that "
            "are such (density, up) on the half of the futures kept aside, and coloured by the "
            "number of inputs it restricts, with the same boxes on the half they were fitted to "
            f"in grey, the share of all futures as a dashed line{chosen}.")
