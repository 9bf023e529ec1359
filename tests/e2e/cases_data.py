"""End-to-end cases: the data behind each result (issue 10). /contributions read with h5py from
the results file of scenarios/quick.toml: each State's part of the paired completions, summing
to /comparison, recomputed for the horizon from the per-replication /outcomes_by_state; the data
quality beside it; and the plain words' share of the effect resting on weak data.
Registered in e2e_support.CASES when e2e.py imports this module."""
import csv
import re

from e2e_support import EXIT_OK, case, check

CONTRIBUTIONS = ["completed_by_2030", "completed_by_2035", "completed_by_horizon"]
WEAK_COST = {"clipped_low", "clipped_high", "regional_median", "imputed_national"}


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def dims(ds):
    """The names of the dimension scales attached to each axis."""
    return [d[0].name.rsplit("/", 1)[-1] if len(d) else "" for d in ds.dims]


@case("run/contributions_sum_to_comparison", fixture="requires")
def contributions_sum_to_comparison(ctx):
    import h5py
    import numpy as np

    with h5py.File(ctx.quick_h5, "r") as f:
        g = f["contributions"]
        for o in CONTRIBUTIONS:
            ds = g[o]
            check(ds.shape == (1, 3, 35), f"/contributions/{o} shape {ds.shape}")
            check(dims(ds) == ["scenario", "policy", "state"], f"{o} dimensions {dims(ds)}")
            check(text(ds.attrs["units"]) == "States", f"{o} units")
            check(o in text(ds.attrs["long_name"]), f"{o} long_name names its outcome")
            parts = ds[...]
            check(np.isnan(parts[:, 0]).all(), f"{o}: the baseline's own row is not NaN")
            mean = f["comparison"][o]["mean"][...]
            total = parts[:, 1:].sum(axis=2)
            check(np.allclose(total, mean[:, 1:], rtol=0, atol=1e-9),
                  f"{o}: contributions sum to {total} but the paired mean is {mean[:, 1:]}")
        # A State is complete at the horizon exactly when its completion year is a number.
        done = np.isfinite(f["outcomes_by_state"]["completion_year"][...])  # [s, p, r, state]
        want = done[:, 1:].mean(axis=2) - done[:, :1].mean(axis=2)
        got = g["completed_by_horizon"][:, 1:, :]
        check(np.allclose(got, want, rtol=0, atol=1e-9),
              "horizon contributions differ from /outcomes_by_state recomputed with numpy")
        check(np.abs(got).max() > 0, "the fund changes no State's completion: nothing was checked")
        quality = [text(q) for q in f["state_data_quality"][...]]
        iso3 = [text(c) for c in f["state_iso3"][...]]
    with open(ctx.source / "models" / "data" / "states_parties.csv", encoding="utf-8") as data:
        expected = {row["iso3"]: row["quality"] for row in csv.DictReader(data)}
    check(quality == [expected[c] for c in iso3], "/state_data_quality is not the data's mark")


@case("run/summary_names_weak_data_share", fixture="requires")
def summary_names_weak_data_share(ctx):
    import h5py
    import numpy as np

    code, out, _ = ctx.run("compare", ctx.quick_h5)
    check(code == EXIT_OK, f"exit code {code}")
    # The plain words speak of the fund that brings 90% of the largest one's gain.
    m = re.search(r"The data behind it: (\d+)% of the ([+-][\d.]+) completions by 2045 "
                  r"\(\$(\d+)\.\dM a year, declining\)", out)
    check(m is not None, f"no sentence on the data behind the effect in: {out!r}")
    with h5py.File(ctx.quick_h5, "r") as f:
        p = [text(x) for x in f["policy"][...]].index(f"annual_usd={m.group(3)}M")
        parts = f["contributions"]["completed_by_horizon"][0, p, :]
        quality = [text(q) for q in f["state_data_quality"][...]]
        meanings = text(f["calibration"]["status"].attrs["flag_meanings"]).split()
        status = [meanings[c] for c in f["calibration"]["status"][0, :]]
    weak = np.array([q == "C" or st in WEAK_COST for q, st in zip(quality, status)])
    share = 100 * parts[weak].sum() / parts.sum()
    check(m.group(1) == f"{share:.0f}", f"share printed {m.group(1)}%, computed {share:.1f}%")
    check(m.group(2) == f"{parts.sum():+.2f}", f"effect {m.group(2)} vs {parts.sum():+.2f}")


@case("run/data_robustness_widens_the_weak_states", fixture="requires")
def data_robustness_widens_the_weak_states(ctx):
    """scenarios/data_robustness.toml is valid, widens only States with weak data (as the quick
    run's calibration and the data's marks say), and every quality-C State that can operate."""
    import tomllib

    import h5py

    path = ctx.source / "scenarios" / "data_robustness.toml"
    code, out, err = ctx.run("validate", path)
    check(code == EXIT_OK, f"validate exit code {code}: {err}")
    check("x 3 policies" in out and "Latin hypercube" in out, f"design: {out!r}")
    study = tomllib.loads(path.read_text(encoding="utf-8"))
    widened = set(study["states"])
    with h5py.File(ctx.quick_h5, "r") as f:
        iso3 = [text(c) for c in f["state_iso3"][...]]
        quality = [text(q) for q in f["state_data_quality"][...]]
        meanings = text(f["calibration"]["status"].attrs["flag_meanings"]).split()
        status = [meanings[c] for c in f["calibration"]["status"][0, :]]
    weak = {c for c, q, st in zip(iso3, quality, status) if q == "C" or st in WEAK_COST}
    check(widened <= weak, f"widened States without weak data: {sorted(widened - weak)}")
    operating_c = {c for c, q, st in zip(iso3, quality, status) if q == "C" and st != "no_access"}
    check(operating_c <= widened, f"quality-C States not widened: {sorted(operating_c - widened)}")
    for code_ in widened:
        row = study["states"][code_]
        check(set(row) == {"remaining_km2_low", "remaining_km2_high"}, f"{code_}: {set(row)}")
