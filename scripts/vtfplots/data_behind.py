"""The data behind an effect: each State's part of a fund's paired effect (/contributions) beside
the quality of its data (/state_data_quality) and its calibration (/calibration/status). The same
reading and words as the plain summary `vtfsim run` prints (questions/data_behind.cpp), so the
report and the terminal give the same share."""
import math

import h5py
import numpy as np

from . import numbers

NAMED = 4          # contributors named in the sentence
SMALLEST = 0.005   # an effect printed as +0.00 is not shared out
WEAK_WORDS = "quality C, or a cost clipped, imputed or a regional median"


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def read(path, outcome, s, p):
    """{effect, weak, rows: [(state, part, quality, status, weakness)] largest part first}, or
    None if the file has no /contributions/<outcome> (a file of an older vtfsim)."""
    with h5py.File(path, "r") as f:
        if (f"contributions/{outcome}" not in f or "state_data_quality" not in f
                or "calibration/status" not in f or "calibration/weak_data" not in f):
            return None
        parts = f[f"contributions/{outcome}"][s, p, :].astype(float)
        states = [_text(x) for x in f["state"][...]]
        quality = [_text(x) for x in f["state_data_quality"][...]]
        status_ds = f["calibration/status"]
        meanings = _text(status_ds.attrs.get("flag_meanings", "")).split()
        codes = status_ds[s, :]
        # Why each State's data are weak, by the model's one rule (models/calibration.hpp).
        weak_data = [_text(x) for x in f["calibration/weak_data"][s, :]]
    status = [meanings[c] if 0 <= c < len(meanings) else str(c) for c in codes]
    rows = [(states[i], parts[i], quality[i], status[i], weak_data[i])
            for i in range(len(states)) if math.isfinite(parts[i])]
    effect = float(sum(r[1] for r in rows))
    weak = float(sum(r[1] for r in rows if r[4]))
    rows.sort(key=lambda r: -r[1])
    return {"effect": effect, "weak": weak, "rows": rows}


def sentence(d, what):
    """The plain summary's words, without its '- ' and the line on data_robustness.toml."""
    if d is None or not d["effect"] >= SMALLEST:
        return None
    e = d["effect"]
    text = (f"The data behind it: {100 * d['weak'] / e:.0f}% of the {numbers.signed(e)} {what} "
            f"comes from States with weak data ({WEAK_WORDS})")
    items = [f"{st} {100 * part / e:.0f}%" + (f" ({weak})" if weak else "")
             for st, part, _, _, weak in [r for r in d["rows"] if r[1] > 0][:NAMED]]
    if items:
        text += "; the largest parts: " + ", ".join(items)
    return text + "."


def table_rows(d, most=10):
    """Rows for the report: the States with the largest parts, down to 1% of the effect."""
    e = d["effect"]
    return [[st, f"{part:+.3f}", f"{100 * part / e:.0f}%", q, status.replace("_", " "), weak]
            for st, part, q, status, weak in d["rows"][:most] if part >= 0.01 * e]


def weak_share(d):
    return d["weak"] / d["effect"] if d and d["effect"] else np.nan


def section(path, s, p, what, esc, table):
    """The report's paragraph and table on the data behind the horizon effect of policy p in
    scenario s; '' for a file without /contributions."""
    d = read(path, "completed_by_horizon", s, p)
    words = sentence(d, what)
    if words is None:
        return ""
    words = words.removeprefix("The data behind it: ")  # the heading says it
    return (f"<h3 id='data-behind'>The data behind the effect</h3><p>{esc(words)} A State's "
            "part is how much more often it is complete at the horizon with the fund than "
            "without, in the same futures; the parts add up to the effect. Whether the "
            "conclusion survives the weak data: run scenarios/data_robustness.toml, which widens "
            "these States' brackets and samples their costs.</p>" +
            table(["State", "part of the effect (States)", "share", "data quality",
                   "calibration", "weak data"], table_rows(d)))
