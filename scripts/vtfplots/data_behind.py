"""The data behind an effect: the sentence vtfsim computed (/findings/data_behind, the same words
as the plain summary `vtfsim run` prints, questions/data_behind.cpp) and, for the table, each
State's part of the fund's paired effect (/contributions) beside the quality of its data
(/state_data_quality), its calibration (/calibration/status) and why its data are weak
(/calibration/weak_data)."""
import math

import h5py

from . import findings


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def read_rows(path, outcome, s, p):
    """[(state, part, quality, status, weakness)] largest part first, or None if the file has
    no /contributions/<outcome>."""
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
        weak_data = [_text(x) for x in f["calibration/weak_data"][s, :]]
    status = [meanings[c] if 0 <= c < len(meanings) else str(c) for c in codes]
    rows = [(states[i], parts[i], quality[i], status[i], weak_data[i])
            for i in range(len(states)) if math.isfinite(parts[i])]
    rows.sort(key=lambda r: -r[1])
    return rows


def table_rows(rows, effect, most=10):
    """Rows for the report: the States with the largest parts, down to 1% of the effect."""
    return [[st, f"{part:+.3f}", f"{100 * part / effect:.0f}%", q, status.replace("_", " "), weak]
            for st, part, q, status, weak in rows[:most] if part >= 0.01 * effect]


def section(results, s, p, esc, table):
    """The report's paragraph and table on the data behind the horizon effect of policy p in
    scenario s; '' when the effect is too small to share out."""
    words = findings.data_behind_sentence(results, s, p)
    rows = read_rows(results.path, "completed_by_horizon", s, p)
    if words is None or rows is None:
        return ""
    words = words.removeprefix("The data behind it: ")  # the heading says it
    return (f"<h3 id='data-behind'>The data behind the effect</h3><p>{esc(words)} A State's "
            "part is how much more often it is complete at the horizon with the fund than "
            "without, in the same futures; the parts add up to the effect. Whether the "
            "conclusion survives the weak data: run scenarios/data_robustness.toml, which widens "
            "these States' brackets and samples their costs.</p>" +
            table(["State", "part of the effect (States)", "share", "data quality",
                   "calibration", "weak data"],
                  table_rows(rows, findings.data_behind_effect(results, s, p))))
