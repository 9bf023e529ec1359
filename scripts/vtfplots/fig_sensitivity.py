"""Sensitivity: which uncertainties drive the fund's effect (standardized rank regression
coefficients from /sensitivity, when the file has them)."""
import math

import numpy as np

from . import style
from .errors import InputError, unknown_name

NAME = "sensitivity"
TITLE = "What drives the fund's effect"
NEEDS = ("/sensitivity/<outcome> [policy, uncertainty]",)
MAX_PANELS = 6
MAX_POLICIES = 6
# Shown unless --outcome says otherwise: the outcomes of `vtfsim compare`'s table.
KEY_OUTCOMES = ("completed_by_2030", "completed_by_horizon", "extension_requests")


def available(results):
    return results.has("sensitivity")


def load(results, outcomes):
    if not available(results):
        raise InputError(f"{results.path}: no /sensitivity group (this run has no sensitivity "
                         "analysis; it needs sampled uncertainties)")
    group = results.group("sensitivity")
    names = [v for v in group.data_vars if group[v].ndim == 2 and "uncertainty" in group[v].dims]
    if not names:
        raise InputError(f"{results.path}: /sensitivity holds no [policy, uncertainty] dataset")
    for o in outcomes:
        if o not in names:
            raise unknown_name("sensitivity outcome", o, names, f"{results.path}: /sensitivity")
    default = [o for o in KEY_OUTCOMES if o in names] or names
    return group, (list(outcomes) or default)


def _policy_labels(results, coords):
    labels = []
    for c in coords:
        name = c.decode() if isinstance(c, bytes) else str(c)
        labels.append(results.fund_label(results.policies.index(name))
                      if name in results.policies else name)
    return labels


def _size(results, coord):
    """Fund size of a policy coordinate value (for the order of the bars), NaN if unknown."""
    name = coord.decode() if isinstance(coord, bytes) else str(coord)
    return results.fund_usd[results.policies.index(name)] if name in results.policies else np.nan


def _fit_text(results, name, keep):
    """' (R² 0.61-0.99)': how well the rank regressions explain the effect, over the funds drawn."""
    if not results.has("sensitivity/r_squared"):
        return ""
    fits = results.group("sensitivity/r_squared")
    if name not in fits.data_vars:
        return ""
    values = np.asarray(fits[name].values, dtype=float)[keep]
    values = values[np.isfinite(values)]
    if values.size == 0:
        return ""
    lo, hi = values.min(), values.max()
    return f" (R² {lo:.2f})" if hi - lo < 0.005 else f" (R² {lo:.2f}-{hi:.2f})"


def build(results, choice):
    group, outcomes = load(results, choice.outcomes)
    shown = outcomes[:MAX_PANELS]
    cols = 2 if len(shown) == 4 else min(3, len(shown))
    rows = math.ceil(len(shown) / cols)
    unc = [u.decode() if isinstance(u, bytes) else str(u) for u in group["uncertainty"].values]
    fig = style.new_figure()
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    first = group[shown[0]].transpose(..., "uncertainty").values
    rank = np.argsort(-np.nanmean(np.abs(np.atleast_2d(first)), axis=0))  # biggest driver on top
    largest = max(float(np.nanmax(np.abs(group[n].values), initial=0)) for n in shown)
    lim = max(0.1, 1.1 * largest)  # one scale for every panel
    for ax, name in zip(axes, shown):
        da = group[name]
        pdim = [d for d in da.dims if d != "uncertainty"][0]
        values = da.transpose(pdim, "uncertainty").values
        keep = [k for k in range(values.shape[0]) if np.isfinite(values[k]).any()]
        sizes = [_size(results, c) for c in da[pdim].values]
        keep.sort(key=lambda k: (np.nan_to_num(sizes[k], nan=np.inf), k))
        if len(keep) > MAX_POLICIES:
            keep = [keep[int(round(j))] for j in np.linspace(0, len(keep) - 1, MAX_POLICIES)]
        labels = _policy_labels(results, da[pdim].values)
        colours = style.fund_colours(len(keep))
        height = 0.8 / max(len(keep), 1)
        y = np.arange(len(unc))
        for j, (k, colour) in enumerate(zip(keep, colours)):
            ax.barh(y + (j - (len(keep) - 1) / 2) * height, values[k, rank], height, color=colour,
                    label=labels[k])
        ax.set_yticks(y, [unc[u] for u in rank])
        ax.invert_yaxis()
        ax.axvline(0, color="#444444", linewidth=0.9)
        ax.set_xlim(-lim, lim)
        ax.set_xlabel("standardized rank regression coefficient")
        ax.set_title(f"Effect on {name.replace('_', ' ')}{_fit_text(results, name, keep)}")
        ax.grid(axis="y", visible=False)
    axes[min(cols, len(shown)) - 1].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0),
                                           frameon=False, title="fund", fontsize=style.SMALL)
    for ax in axes[len(shown):]:
        ax.set_visible(False)
    extra = len(outcomes) - len(shown)
    more = f"; {extra} more outcomes in the file" if extra > 0 else ""
    n = group.attrs.get("scenarios", "the")
    style.decorate(fig, results, f"{TITLE}: sensitivity to the uncertainties",
                   f"Standardized rank regression coefficients of the fund's mean paired effect "
                   f"across {n} sampled scenarios{more}\n{results.study_title()}")
    return fig


def caption(results, choice):
    return ("Which uncertainties drive the fund's effect: for each outcome, the standardized rank "
            "regression coefficient of the paired effect (fund minus no fund) on each uncertain "
            "parameter, across the study's scenarios, one bar per fund size. A "
            "longer bar means the effect depends more on that uncertainty; the sign says in "
            "which direction. Uncertainties are ordered by their mean absolute coefficient on the "
            "first outcome. R² is the share of the variation of the ranked effect across "
            "scenarios that the regression explains: below about 0.7, read the coefficients "
            "with care (effects that are not monotone or that interact).")
