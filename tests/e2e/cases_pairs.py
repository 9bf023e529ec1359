"""End-to-end cases of policy against policy and robustness across scenarios: `compare
--baseline` recomputed from the /outcomes arrays, `--baseline no_fund` equal to /comparison, the
/pairs and /robustness groups, `compare A.h5 B.h5`, and their bad inputs.
Registered in e2e_support.CASES when e2e.py imports this module."""
import csv
import io
import math

import e2e_support as e2e

check = e2e.check
case = e2e.case
EXIT_OK, EXIT_BAD_INPUT = e2e.EXIT_OK, e2e.EXIT_BAD_INPUT
HIGHER = {"completed_by_2030", "completed_by_2035", "completed_by_horizon", "completed_on_time",
          "area_released_km2"}


def study(ctx, name):
    return ctx.source / "tests" / "e2e" / "pairs" / name


def run_variants(ctx, name="variants.toml", *more):
    out = ctx.dir / name.replace(".toml", ".h5")
    code, _, err = ctx.run("run", study(ctx, name), "-o", out, "-q", *more)
    check(code == EXIT_OK, f"run {name}: exit {code}: {err}")
    return out


def strings(ds):
    return [x.decode() if isinstance(x, bytes) else str(x) for x in ds[...]]


def outcome_arrays(path):
    import h5py
    with h5py.File(path, "r") as f:
        scen = strings(f["scenario"])
        pol = strings(f["policy"])
        arrays = {k: f["outcomes"][k][...].astype(float) for k in f["outcomes"]
                  if f["outcomes"][k].ndim == 3}
        better = {k: f["outcomes"][k].attrs["better"] for k in arrays}
    return scen, pol, arrays, {k: (b.decode() if isinstance(b, bytes) else b)
                               for k, b in better.items()}


def paired(x, y, better):
    """The paired statistics of x - y computed independently (numpy, ddof = 1)."""
    import numpy as np
    d = x - y
    d = d[~np.isnan(d)]
    n = len(d)
    mean = d.mean()
    se = d.std(ddof=1) / math.sqrt(n)
    t = e2e.T_975[n - 1]
    pb = pw = float("nan")
    if better == "higher":
        pb, pw = (d > 0).mean(), (d < 0).mean()
    elif better == "lower":
        pb, pw = (d < 0).mean(), (d > 0).mean()
    return mean, se, mean - t * se, mean + t * se, pb, pw


def close(a, b, tol=1e-9):
    if a == "" or b is None or (isinstance(b, float) and math.isnan(b)):
        return a == "" and (b is None or math.isnan(b))
    return abs(float(a) - b) <= tol * max(1.0, abs(b))


@case("pairs/baseline_statistics_from_outcome_arrays")
def baseline_from_arrays(ctx):
    path = run_variants(ctx)
    code, out, err = ctx.run("compare", path, "--baseline", "default_5M", "--format", "csv")
    check(code == EXIT_OK, f"exit {code}: {err}")
    scen, pol, arrays, better = outcome_arrays(path)
    b = pol.index("default_5M")
    rows = list(csv.DictReader(io.StringIO(out)))
    seen = set()
    for row in rows:
        s, p = scen.index(row["scenario"]), pol.index(row["policy"])
        check(p != b, "the baseline has no row of its own")
        k = row["outcome"]
        seen.add((s, p))
        if k == "cost_per_additional_completion_usd":
            cost = arrays["vtf_received_usd"]
            gain = paired(arrays["completed_by_horizon"][s, p], arrays["completed_by_horizon"][s, b],
                          "higher")[0]
            want = (cost[s, p].mean() - cost[s, b].mean()) / gain if gain > 0 else float("nan")
            check(close(row["mean_difference"], want, 1e-7), f"{row}: cost per effect {want}")
            continue
        want = paired(arrays[k][s, p], arrays[k][s, b], better[k])
        got = [row[c] for c in ("mean_difference", "stderr", "ci95_low", "ci95_high", "p_better",
                                "p_worse")]
        for g, w, what in zip(got, want, ("mean", "stderr", "ci_low", "ci_high", "p_better",
                                          "p_worse")):
            check(close(g, w, 1e-7), f"{row['scenario']} {row['policy']} {k} {what}: {g} vs {w}")
    check(len(seen) == len(scen) * (len(pol) - 1), f"rows for {len(seen)} scenario x policy")
    check(len(rows) > 0 and {r["outcome"] for r in rows} >= set(arrays),
          "every outcome has rows")


@case("pairs/baseline_no_fund_reproduces_comparison")
def baseline_no_fund(ctx):
    import h5py
    path = run_variants(ctx)
    for fmt in ("csv", "json", "table"):
        code, plain, _ = ctx.run("compare", path, "--format", fmt, "--outcome",
                                 "completed_by_2030", "--outcome", "extension_requests")
        code2, against, err = ctx.run("compare", path, "--format", fmt, "--baseline", "no_fund",
                                      "--outcome", "completed_by_2030", "--outcome",
                                      "extension_requests")
        check(code == code2 == EXIT_OK, f"{fmt}: exit {code2}: {err}")
        check(plain == against, f"{fmt}: --baseline no_fund differs from the file's comparison")
    code, out, _ = ctx.run("compare", path, "--baseline", "no_fund", "--format", "csv")
    with h5py.File(path, "r") as f:
        scen = strings(f["scenario"])
        pol = strings(f["policy"])
        for row in csv.DictReader(io.StringIO(out)):
            s, p = scen.index(row["scenario"]), pol.index(row["policy"])
            if row["outcome"] == "cost_per_additional_completion_usd":
                want = f["comparison"][row["outcome"]][s, p]
                check(row["mean_difference"] == ("" if math.isnan(want) else repr(float(want))),
                      f"cost per effect {row} vs {want}")
                continue
            g = f["comparison"][row["outcome"]]
            for col, name in (("mean_difference", "mean"), ("stderr", "stderr"),
                              ("ci95_low", "ci_low"), ("ci95_high", "ci_high")):
                want = float(g[name][s, p])
                check((row[col] == "" and math.isnan(want)) or float(row[col]) == want,
                      f"{row['outcome']} {name}: {row[col]} is not bit for bit {want!r}")


@case("pairs/pairs_group_in_the_file")
def pairs_group(ctx):
    import h5py
    import xarray as xr
    path = run_variants(ctx)
    code, out, err = ctx.run("compare", path, "--baseline", "default_5M", "--format", "csv")
    check(code == EXIT_OK, err)
    rows = {(r["scenario"], r["policy"], r["outcome"]): r for r in csv.DictReader(io.StringIO(out))}
    with h5py.File(path, "r") as f:
        g = f["pairs"]
        names = strings(g["pair"])
        check(names == ["lottery_5M vs default_5M", "ldc_required_5M vs default_5M"], str(names))
        check(strings(g["pair_baseline"]) == ["default_5M"] * 2, "pair_baseline")
        scen = strings(f["scenario"])
        for j, pname in enumerate(strings(g["pair_policy"])):
            for s, sname in enumerate(scen):
                for k in ("completed_by_2030", "extension_requests", "left_behind"):
                    row = rows[(sname, pname, k)]
                    for col, name in (("mean_difference", "mean"), ("ci95_low", "ci_low"),
                                      ("p_better", "p_better")):
                        want = float(g[k][name][s, j])
                        check(float(row[col]) == want, f"/pairs/{k}/{name}[{s},{j}] {want} vs {row}")
                want = float(g["cost_per_additional_completion_usd"][s, j])
                got = rows[(sname, pname, "cost_per_additional_completion_usd")]["mean_difference"]
                check((got == "" and math.isnan(want)) or float(got) == want, "cost per effect")
    ds = xr.open_dataset(path, engine="h5netcdf", group="pairs/completed_by_2030")
    check(ds["mean"].dims == ("scenario", "pair"), f"dims {ds['mean'].dims}")
    ds.sel(pair="lottery_5M vs default_5M")


def regret(means, better):
    """means[s][p] -> regret[s][p] against the best policy of each scenario."""
    out = []
    for row in means:
        best = max(row) if better == "higher" else min(row)
        out.append([best - m if better == "higher" else m - best for m in row])
    return out


@case("pairs/robustness_recomputed")
def robustness_recomputed(ctx):
    import h5py
    import numpy as np
    path = run_variants(ctx)
    scen, pol, arrays, better = outcome_arrays(path)
    with h5py.File(path, "r") as f:
        g = f["robustness"]
        for k in ("completed_by_horizon", "extension_requests"):
            means = np.nanmean(arrays[k], axis=2)
            check(np.allclose(g[k]["mean"][...], means, rtol=1e-12), f"{k}: mean")
            want = np.array(regret(means, better[k]))
            check(np.allclose(g[k]["regret"][...], want, rtol=1e-12, atol=1e-12), f"{k}: regret")
            check(np.allclose(g[k]["max_regret"][...], want.max(axis=0)), f"{k}: max regret")
            check(np.allclose(g[k]["mean_regret"][...], want.mean(axis=0)), f"{k}: mean regret")
            best = [pol[i] for i in (means.argmax(1) if better[k] == "higher" else means.argmin(1))]
            check(strings(g[k]["best_policy"]) == best, f"{k}: best {best}")
        check("vtf_received_usd" not in g, "an outcome without a direction has no regret")
        targets = strings(g["satisficing"]["target"])
        check(targets == ["gain:completed_by_2030 >= 1", "completed_by_horizon >= 13"], targets)
        gain = arrays["completed_by_2030"] - arrays["completed_by_2030"][:, :1, :]
        done = arrays["completed_by_horizon"]
        for t, met in enumerate([gain >= 1, done >= 13]):
            want = met.mean(axis=(0, 2))
            got = g["satisficing"]["share_futures"][t, :]
            check(np.allclose(got, want, rtol=1e-12), f"target {t}: futures {got} vs {want}")
        scen_means = [gain.mean(axis=2) >= 1, done.mean(axis=2) >= 13]
        for t, m in enumerate(scen_means):
            check((g["satisficing"]["met"][t] == m).all(), f"target {t}: scenarios met")
        check(np.allclose(g["cost_mean"][...], arrays["vtf_received_usd"].mean(axis=2)), "cost")
    code, out, err = ctx.run("compare", path, "--robustness", "--format", "csv", "--target",
                             "gain:completed_by_2030 >= 1")
    check(code == EXIT_OK, err)
    rows = list(csv.DictReader(io.StringIO(out)))
    share = {r["policy"]: float(r["value"]) for r in rows
             if r["measure"] == "share_futures"}
    want = (gain >= 1).mean(axis=(0, 2))
    check(all(abs(share[p] - want[i]) < 1e-12 for i, p in enumerate(pol)), f"{share} vs {want}")
    code, out, err = ctx.run("compare", path, "--robustness", "--target",
                             "gain:completed_by_2030 >= 1")
    check(code == EXIT_OK and "max regret" in out and "Best policy in each scenario" in out
          and "Target gain:completed_by_2030 >= 1 (the gain over no_fund" in out, out)


@case("pairs/compare_two_files")
def two_files(ctx):
    a = run_variants(ctx)
    b = run_variants(ctx, "more_variants.toml")
    code, out, err = ctx.run("compare", a, b, "--baseline", "variants:default_5M", "--format",
                             "csv", "--outcome", "completed_by_2030")
    check(code == EXIT_OK, f"exit {code}: {err}")
    rows = {(r["scenario"], r["policy"]): r for r in csv.DictReader(io.StringIO(out))
            if r["outcome"] == "completed_by_2030"}
    policies = {p for _, p in rows}
    check(policies == {"no_fund", "lottery_5M", "ldc_required_5M", "more_variants:default_5M",
                       "cap_1M_5M"}, f"policies {policies}")
    for s in ("declining", "stable"):
        same = rows[(s, "more_variants:default_5M")]
        check(float(same["mean_difference"]) == 0 and float(same["stderr"]) == 0,
              f"default_5M of both files should be the same runs: {same}")
    code, alone, _ = ctx.run("compare", a, "--baseline", "default_5M", "--format", "csv",
                             "--outcome", "completed_by_2030")
    for r in csv.DictReader(io.StringIO(alone)):
        if r["outcome"] == "completed_by_2030":
            check(rows[(r["scenario"], r["policy"])]["mean_difference"] == r["mean_difference"],
                  f"joined files give other numbers for {r}")
    other = ctx.dir / "other_seed.h5"
    code, _, err = ctx.run("run", study(ctx, "more_variants.toml"), "-o", other, "-q",
                           "--seed", "778")
    check(code == EXIT_OK, err)
    code, out, err = ctx.run("compare", a, other)
    e2e.expect_error(code, err, EXIT_BAD_INPUT, "are not runs of the same futures",
                     "seed 777 vs 778", out=out)
    fewer = ctx.dir / "fewer.h5"
    code, _, err = ctx.run("run", study(ctx, "more_variants.toml"), "-o", fewer, "-q", "-r", "50")
    code, out, err = ctx.run("compare", a, fewer)
    e2e.expect_error(code, err, EXIT_BAD_INPUT, "replications 100 vs 50", out=out)


def bad(ctx, *args, parts=()):
    code, out, err = ctx.run(*args)
    e2e.expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)


@case("bad/compare_unknown_baseline", fixture="requires")
def unknown_baseline(ctx):
    bad(ctx, "compare", ctx.quick_h5, "--baseline", "annual_usd=5X",
        parts=['no policy named "annual_usd=5X"', 'did you mean "annual_usd=5M"?'])


@case("bad/compare_robustness_targets", fixture="requires")
def bad_targets(ctx):
    bad(ctx, "compare", ctx.quick_h5, "--robustness", "--target", "completd_by_2030 >= 1",
        parts=["unknown outcome 'completd_by_2030'", "did you mean 'completed_by_2030'?"])
    bad(ctx, "compare", ctx.quick_h5, "--robustness", "--target", "gain:completed_by_2030 > 1",
        parts=["'>' is not a comparison this target takes"])
    bad(ctx, "compare", ctx.quick_h5, "--robustness", "--target", "completed_by_2030 >= one",
        parts=["'one' is not a number"])
    bad(ctx, "compare", ctx.quick_h5, "--target", "completed_by_2030 >= 1",
        parts=["add --robustness"])
    bad(ctx, "compare", ctx.quick_h5, "--robustness", "--outcome", "vtf_received_usd",
        parts=["neither better higher nor lower"])
    bad(ctx, "compare", ctx.quick_h5, "--robustness", "--by-state", parts=["do not apply"])


@case("bad/compare_files_of_other_futures", fixture="requires")
def other_futures(ctx):
    other = ctx.dir / "other.h5"
    path = ctx.dir / "other.toml"
    path.write_text(ctx.quick_toml.read_text().replace(
        "donors.envelope_trend = -0.02", "donors.envelope_trend = -0.03"))
    code, _, err = ctx.run("run", path, "-o", other, "-q")
    check(code == EXIT_OK, err)
    bad(ctx, "compare", ctx.quick_h5, other,
        parts=["are not runs of the same futures", "scenario values of donors_envelope_trend"])
