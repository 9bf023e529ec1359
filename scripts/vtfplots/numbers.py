"""Number formats, the same as `vtfsim compare` prints (questions/number_text.cpp and
app/text_format.cpp), so that the report shows exactly the numbers of the command line."""
import math

# As views/comparison_table.hpp kTableOutcomes: not left_behind, which only repeats minus the
# completions (it stays in /outcomes).
TABLE_OUTCOMES = ["completed_by_2030", "completed_by_horizon", "extension_requests"]


def signed(x):
    """+0.42, -12.3, +105, 0.00; 'n/a' for NaN (signed_number)."""
    if x is None or math.isnan(x):
        return "n/a"
    a = abs(x)
    decimals = 0 if a >= 100 else (1 if a >= 10 else 2)
    if a < 0.5 * 10 ** -decimals:  # no sign on a value that rounds to zero: never "-0.00"
        return f"{0:.{decimals}f}"
    return f"{x:+.{decimals}f}"


def effect(mean, lo, hi):
    """'+0.44 [+0.41, +0.48]': mean and 95% CI, as in the table of `vtfsim compare`."""
    return f"{signed(mean)} [{signed(lo)}, {signed(hi)}]"


def money(usd):
    """$12.3M, $1.25B, $850k; 'no gain' for NaN (money)."""
    if usd is None or math.isnan(usd):
        return "no gain"
    if usd >= 1e9:
        return f"${usd / 1e9:.2f}B"
    if usd >= 1e6:
        return f"${usd / 1e6:.1f}M"
    return f"${usd / 1e3:.0f}k"


def header(outcome):
    """Column title of an outcome, as in `vtfsim compare` (header_of)."""
    if outcome == "completed_by_horizon":
        return "Δ completed by horizon"
    if outcome.startswith("completed_by_"):
        return "Δ completed by " + outcome[len("completed_by_"):]
    return "Δ " + outcome.replace("_", " ")


def year(y, horizon):
    """A median completion year as `vtfsim compare --by-state` prints it."""
    return f"after {horizon}" if y is None or not math.isfinite(y) else f"{y:.0f}"


def percent(share):
    return f"{100 * share:.0f}%"


def signed_whole(x):
    """+2, -1, 0 (signed_whole): a whole number of States, no sign on zero."""
    r = math.copysign(math.floor(abs(x) + 0.5), x)  # std::round: halves away from zero
    return "0" if r == 0 else f"{r:+.0f}"


def whole_range(lo, hi):
    """'0 to +2' across futures (whole States), said once when both ends are equal: '+1'
    (whole_range)."""
    low, high = signed_whole(lo), signed_whole(hi)
    return low if low == high else f"{low} to {high}"
