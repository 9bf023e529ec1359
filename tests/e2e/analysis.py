"""End-to-end cases of the analysis features: Latin hypercube designs, sensitivity, precision
control (--target-ci), size-fund, and the paired-versus-unpaired check of common random numbers.
Registered in e2e_support.CASES when e2e.py imports this module."""
import json
import math

import e2e_support as e2e

check = e2e.check
case = e2e.case
EXIT_OK, EXIT_BAD_INPUT = e2e.EXIT_OK, e2e.EXIT_BAD_INPUT


def scenario_file(ctx, name):
    return ctx.source / "tests" / "e2e" / "analysis" / name


def average_ranks(values):
    import numpy as np
    values = np.asarray(values, dtype=float)
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[order[j + 1]] == values[order[i]]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def srrc(columns, y):
    """Standardized rank regression coefficients and R^2, computed independently with numpy."""
    import numpy as np

    def z(x):
        r = average_ranks(x)
        r = r - r.mean()
        return r / math.sqrt((r @ r) / (len(r) - 1))
    X = np.column_stack([z(c) for c in columns])
    yz = z(y)
    beta, *_ = np.linalg.lstsq(X, yz, rcond=None)
    resid = yz - X @ beta
    return beta, 1 - (resid @ resid) / (yz @ yz)


@case("analysis/latin_hypercube_design")
def lhs_design(ctx):
    import h5py
    import numpy as np
    toml = scenario_file(ctx, "lhs.toml")
    code, out, _ = ctx.run("validate", toml)
    check(code == EXIT_OK, f"validate exit {code}")
    check("20 scenarios x 3 policies x 30 replications = 1800 policy-replications" in out,
          f"validate should print the design's size: {out!r}")
    check("estimate   about" in out, "validate should estimate the run time")
    check("8 Latin hypercube point(s) over 3 range(s) (seed 99)" in out, out)
    h5 = ctx.dir / "lhs.h5"
    code, out, _ = ctx.run("run", toml, "-o", h5, "--quiet")
    check(code == EXIT_OK, f"run exit {code}")
    check("Across the 16 sampled scenarios" in out, "the table should summarise sampled ones")
    check("In plain words" in out and "What moves that effect most" in out, out[-1500:])
    with h5py.File(h5) as f:
        sampled = f["scenarios/sampled"][...]
        check(list(sampled) == [0] * 4 + [1] * 16, f"sampled flags {list(sampled)}")
        names = [n.decode() if isinstance(n, bytes) else n for n in f["scenarios/name"][...]]
        check(names[4] == "lhs-1/lenient" and names[5] == "lhs-1/strict", names)
        ranges = {"donors_envelope_trend": (-0.05, 0.02), "donors_additionality": (0.5, 1.0)}
        for column, (lo, hi) in ranges.items():
            x = f["scenarios"][column][4::2]  # one per point (the regimes repeat it)
            check(np.all(x > lo) and np.all(x < hi), f"{column} outside its range: {x}")
            strata = np.floor((x - lo) / (hi - lo) * 8).astype(int)
            check(sorted(strata) == list(range(8)), f"{column}: strata {sorted(strata)}")
        counts = f["scenarios/contributors_count"][4::2]
        check(sorted((counts - 2) // 2) == list(range(8)), f"integer strata: {counts}")
        check(f["scenarios"].attrs["latin_hypercube_points"] == 8, "points attribute")
    # The design is the same from the same seed, another from another seed.
    code, _, _ = ctx.run("run", toml, "-o", ctx.dir / "again.h5", "--quiet", "-r", "2")
    code2, _, _ = ctx.run("run", toml, "-o", ctx.dir / "seed.h5", "--quiet", "-r", "2",
                          "--seed", "100")
    with h5py.File(h5) as a, h5py.File(ctx.dir / "again.h5") as b, \
            h5py.File(ctx.dir / "seed.h5") as c:
        x = a["scenarios/donors_additionality"][...]
        check(np.array_equal(x, b["scenarios/donors_additionality"][...]), "same seed, same design")
        check(not np.array_equal(x, c["scenarios/donors_additionality"][...]),
              "--seed draws another design")


@case("analysis/lever_latin_hypercube")
def lever_lhs(ctx):
    """Ranges in [levers] make policies lhs-p01 ...: each range cut into 8 strata, each stratum
    once, crossed with the list of allocation rules and run in every scenario."""
    import h5py
    import numpy as np
    toml = scenario_file(ctx, "lever_lhs.toml")
    code, out, err = ctx.run("validate", toml)
    check(code == EXIT_OK, f"validate exit {code}: {err}")
    check("2 scenarios x 17 policies" in out, out)
    check("8 Latin hypercube point(s) over 2 lever range(s) (seed 7): policies lhs-p*" in out, out)
    h5 = ctx.dir / "lever_lhs.h5"
    code, out, err = ctx.run("run", toml, "-o", h5, "--quiet")
    check(code == EXIT_OK, f"run exit {code}: {err}")
    with h5py.File(h5) as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["policies/name"][...]]
        check(names[:3] == ["no_fund", "lhs-p01,score", "lhs-p01,lottery"], names[:3])
        check(names[-1] == "lhs-p08,lottery", names[-1])
        check(f["policies"].attrs["latin_hypercube_points"] == 8, "points attribute")
        ranges = str(f["policies"].attrs["latin_hypercube_ranges"])
        check("vtf.annual_usd in [" in ranges and "vtf.grant_cap_usd in [" in ranges, ranges)
        for column, (lo, hi) in {"vtf_annual_usd": (2e6, 30e6),
                                 "vtf_grant_cap_usd": (5e5, 3e6)}.items():
            x = f["policies"][column][1::2]  # one per point (the rules repeat it)
            check(np.array_equal(x, f["policies"][column][2::2]), f"{column}: rules share a point")
            check(np.all(x > lo) and np.all(x < hi), f"{column} outside its range: {x}")
            strata = np.floor((x - lo) / (hi - lo) * 8).astype(int)
            check(sorted(strata) == list(range(8)), f"{column}: strata {sorted(strata)}")
        v = f["outcomes/completed_by_2030"]
        check(v.shape == (2, 17, 20), f"outcomes shape {v.shape}")
        size = f["policies/vtf_annual_usd"][...]
    # Another seed draws other policies (and the same seed the same ones, as the unit tests show).
    other = ctx.dir / "lever_seed.h5"
    code, _, err = ctx.run("run", toml, "-o", other, "--quiet", "-r", "2", "--seed", "8")
    check(code == EXIT_OK, err)
    with h5py.File(other) as f:
        check(not np.array_equal(size, f["policies/vtf_annual_usd"][...]), "--seed 8: same sizes")


@case("analysis/sensitivity_recomputed")
def sensitivity_recomputed(ctx):
    import h5py
    import numpy as np
    h5 = ctx.dir / "lhs.h5"
    code, _, _ = ctx.run("run", scenario_file(ctx, "lhs.toml"), "-o", h5, "--quiet")
    check(code == EXIT_OK, f"run exit {code}")
    with h5py.File(h5) as f:
        g = f["sensitivity"]
        factors = [u.decode() if isinstance(u, bytes) else u for u in g["uncertainty"][...]]
        check(factors == ["contributors.count", "donors.additionality", "donors.envelope_trend",
                          "extensions.regime"], f"factors {factors}")
        sampled = f["scenarios/sampled"][...] == 1
        regime = [r.decode() if isinstance(r, bytes) else r
                  for r in f["scenarios/extensions_regime"][...]]
        columns = [f["scenarios/contributors_count"][...][sampled],
                   f["scenarios/donors_additionality"][...][sampled],
                   f["scenarios/donors_envelope_trend"][...][sampled],
                   np.array([0.0 if r == "lenient" else 1.0 for r in regime])[sampled]]
        checked = 0
        for outcome in ["completed_by_horizon", "extension_requests", "left_behind"]:
            means = f[f"comparison/{outcome}/mean"][...]
            for p in range(1, means.shape[1]):
                beta, r2 = srrc(columns, means[sampled, p])
                got = g[outcome][p, :]
                check(np.allclose(got, beta, rtol=1e-9, atol=1e-9),
                      f"{outcome} policy {p}: file {got}, numpy {beta}")
                check(abs(g[f"r_squared/{outcome}"][p] - r2) < 1e-9, f"{outcome} R2")
                checked += 1
            check(np.all(np.isnan(g[outcome][0, :])), "no_fund has no coefficients")
        check(checked == 6, "every fund policy was checked")
    code, out, _ = ctx.run("compare", h5, "--sensitivity", "--format", "json",
                           "--outcome", "left_behind")
    check(code == EXIT_OK, f"compare --sensitivity exit {code}")
    rows = json.loads(out)["rows"]
    with h5py.File(h5) as f:
        for row in rows:
            p = [n.decode() if isinstance(n, bytes) else n for n in f["policy"][...]].index(
                row["policy"])
            for j, name in enumerate(factors):
                check(abs(row["srrc"][name] - f["sensitivity/left_behind"][p, j]) < 1e-12,
                      "compare --sensitivity prints the file's coefficients")
    code, out, _ = ctx.run("compare", h5, "--sensitivity")
    check(code == EXIT_OK and "R² of the rank regression" in out, out)
    code, out, _ = ctx.run("compare", h5, "--sensitivity", "--format", "csv")
    check(code == EXIT_OK and out.startswith("outcome,policy,uncertainty,srrc,r_squared"), out[:200])


@case("analysis/paired_stderr_below_unpaired")
def paired_below_unpaired(ctx):
    """Common random numbers work: on the default study, the paired standard error of every
    fund-vs-no-fund difference in the table's outcomes is below the unpaired one."""
    import h5py
    import numpy as np
    h5 = ctx.dir / "default.h5"
    code, _, _ = ctx.run("run", "-r", "200", "-o", h5, "--quiet", timeout=600)
    check(code == EXIT_OK, f"run exit {code}")
    compared = 0
    with h5py.File(h5) as f:
        scenarios, policies = f["outcomes/completed_by_2030"].shape[:2]
        check(scenarios >= 6 and policies >= 2, f"{scenarios} scenarios x {policies} policies")
        for outcome in ["completed_by_2030", "completed_by_horizon", "extension_requests",
                        "left_behind"]:
            x = f[f"outcomes/{outcome}"][...].astype(float)  # scenario, policy, replication
            n = x.shape[2]
            paired_file = f[f"comparison/{outcome}/stderr"][...]
            for s in range(x.shape[0]):
                for p in range(1, x.shape[1]):
                    d = x[s, p] - x[s, 0]
                    paired = d.std(ddof=1) / math.sqrt(n)
                    unpaired = math.sqrt(x[s, p].var(ddof=1) / n + x[s, 0].var(ddof=1) / n)
                    check(abs(paired - paired_file[s, p]) <= 1e-9 * max(paired, 1e-12),
                          f"{outcome} [{s},{p}]: file stderr {paired_file[s, p]} vs {paired}")
                    check(paired < unpaired,
                          f"{outcome} [{s},{p}]: paired {paired:.4g} not below unpaired "
                          f"{unpaired:.4g}")
                    compared += 1
    check(compared == 4 * scenarios * (policies - 1), f"compared {compared} cells")


@case("analysis/target_ci_equals_fixed_run")
def target_ci(ctx):
    import h5py
    import numpy as np
    quick = ctx.quick_toml
    adaptive = ctx.dir / "adaptive.h5"
    code, out, _ = ctx.run("run", quick, "-r", "40", "--target-ci", "completed_by_2030=0.08",
                           "-o", adaptive, "--quiet")
    check(code == EXIT_OK, f"exit {code}")
    check("the target 0.08 is reached" in out, out[-400:])
    with h5py.File(adaptive) as f:
        n = int(f.attrs["replications"])
        g = f["comparison"]
        check(n > 40, f"more replications were added: {n}")
        check(g.attrs["precision_reached"] == 1 and g.attrs["precision_rounds"] >= 2,
              dict(g.attrs))
        check(f["outcomes/completed_by_2030"].shape[2] == n, "the arrays hold every replication")
        hw = (g["completed_by_2030/ci_high"][...] - g["completed_by_2030/ci_low"][...]) / 2
        check(np.nanmax(hw[:, 1:]) <= 0.08, f"half-widths {hw}")
        check(abs(np.nanmax(hw[:, 1:]) - g.attrs["precision_half_width_achieved"]) < 1e-12,
              "achieved half-width recorded")
    fixed = ctx.dir / "fixed.h5"
    code, _, _ = ctx.run("run", quick, "-r", n, "-o", fixed, "--quiet")
    check(code == EXIT_OK, f"fixed run exit {code}")
    differ = []
    with h5py.File(adaptive) as a, h5py.File(fixed) as b:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and obj.dtype.kind in "fiu":
                if not np.array_equal(obj[...], b[name][...], equal_nan=True):
                    differ.append(name)
        a.visititems(visit)
    check(not differ, f"datasets differ from a fixed run of {n}: {differ}")
    # Not reachable within the maximum: said plainly, and the file is still written.
    capped = ctx.dir / "capped.h5"
    code, out, _ = ctx.run("run", quick, "-r", "20", "--target-ci", "completed_by_2030=0.001",
                           "--max-replications", "60", "-o", capped, "--quiet")
    check(code == EXIT_OK and "NOT reached" in out, out[-400:])
    with h5py.File(capped) as f:
        check(int(f.attrs["replications"]) == 60, "stopped at the maximum")
        check(f["comparison"].attrs["precision_reached"] == 0, "recorded as not reached")


@case("analysis/size_fund")
def size_fund(ctx):
    toml = scenario_file(ctx, "sizing.toml")
    code, out, _ = ctx.run("size-fund", toml, "--target", "vtf_received_usd >= 90e6",
                           "--format", "json", "--quiet")
    check(code == EXIT_OK, f"exit {code}")
    answer = json.loads(out)["scenarios"][0]
    exact = 90e6 / 19
    check(answer["reachable"] and exact <= answer["required_usd"] <= exact * 1.05,
          f"required {answer['required_usd']}, expected within 5% above {exact}")
    check(answer["below_usd"] < exact, f"the size tried below ({answer['below_usd']}) falls short")
    code, out, _ = ctx.run("size-fund", toml, "--target", "vtf_received_usd >= 90e6",
                           "--max", "4e6", "--quiet")
    check(code == EXIT_OK, f"exit {code}")
    check("not reachable" in out and "No fund up to $4.0M a year reaches the target" in out, out)
    code, out, _ = ctx.run("size-fund", ctx.quick_toml, "--target", "completed_by_2030 >= 0.3",
                           "--confidence", "mean", "-r", "30", "--quiet")
    check(code == EXIT_OK and "Answer: $" in out, out)


@case("analysis/size_fund_undecided")
def size_fund_undecided(ctx):
    """From 90M/19 a year every replication receives 90M (share 100%), but 10 replications cannot
    show that 80% of futures would: the Wilson interval's low end is 10/(10 + 1.96^2) = 72%. So
    the answer is undecided, never a sure size, and n/(n + 1.96^2) >= 0.8 from n = 16."""
    toml = scenario_file(ctx, "sizing.toml")
    target = ["--target", "vtf_received_usd >= 90e6", "--confidence", "80%", "--max", "10e6"]
    code, out, _ = ctx.run("size-fund", toml, *target, "--quiet")
    check(code == EXIT_OK, f"exit {code}")
    check("undecided" in out and "Answer:" not in out and "No sure answer" in out, out)
    check("about 16 replications (-r) would decide it" in out, out)
    code, out, _ = ctx.run("size-fund", toml, *target, "--format", "json", "--quiet")
    answer = json.loads(out)["scenarios"][0]
    exact = 90e6 / 19
    check(answer["undecided"] and answer["required_usd"] is None, f"{answer}")
    check(exact <= answer["undecided_usd"] <= exact * 1.05, f"{answer['undecided_usd']}")
    check(answer["replications_to_decide"] == 16, f"{answer['replications_to_decide']}")
    verdicts = {e["verdict"] for e in answer["evaluated"]}
    check(verdicts == {"short", "undecided"}, f"verdicts {verdicts}")
    # With the 16 replications it asked for, a sure answer.
    code, out, _ = ctx.run("size-fund", toml, *target, "-r", "16", "--quiet")
    check(code == EXIT_OK and "Answer: $" in out and "Undecided" not in out, out)
    # Out of reach: what the largest size does assure is said too.
    code, out, _ = ctx.run("size-fund", toml, "--target", "vtf_received_usd >= 90e6",
                           "--max", "4e6", "--confidence", "50%", "--quiet")
    check(code == EXIT_OK and "What $4.0M a year does assure in" in out, out)
    check("Δ vtf_received_usd >= +76000000 is assured in at least 50% of the replications" in out,
          out)


def bad(ctx, expected_code, *args, parts=()):
    code, out, err = ctx.run(*args)
    e2e.expect_error(code, err, expected_code, *parts, out=out)
    e2e.expect_nothing_written(ctx.dir)


@case("bad/size_fund_unknown_outcome")
def size_fund_unknown_outcome(ctx):
    bad(ctx, EXIT_BAD_INPUT, "size-fund", ctx.quick_toml, "--target", "completed_by_2031 >= 1",
        parts=["unknown outcome 'completed_by_2031'", "did you mean 'completed_by_2030'?"])


@case("bad/size_fund_target_syntax")
def size_fund_target_syntax(ctx):
    bad(ctx, EXIT_BAD_INPUT, "size-fund", ctx.quick_toml, "--target", "completed_by_2030 > 1",
        parts=["use >= (at least) or <= (at most)"])


@case("bad/size_fund_target_in_the_wrong_direction")
def size_fund_wrong_direction(ctx):
    bad(ctx, EXIT_BAD_INPUT, "size-fund", ctx.quick_toml, "--target", "left_behind >= 1",
        parts=["left_behind is better when lower"])


@case("bad/size_fund_confidence")
def size_fund_confidence(ctx):
    bad(ctx, EXIT_BAD_INPUT, "size-fund", ctx.quick_toml, "--target", "completed_by_2030 >= 1",
        "--confidence", "150%", parts=["--confidence '150%'"])


@case("bad/size_fund_unknown_scenario")
def size_fund_unknown_scenario(ctx):
    bad(ctx, EXIT_BAD_INPUT, "size-fund", ctx.quick_toml, "--target", "completed_by_2030 >= 1",
        "--scenario", "declinng", parts=['no scenario named "declinng"', 'did you mean "declining"?'])


@case("bad/size_fund_unknown_policy")
def size_fund_unknown_policy(ctx):
    bad(ctx, EXIT_BAD_INPUT, "size-fund", ctx.quick_toml, "--target", "completed_by_2030 >= 1",
        "--policy", "annual_usd=7M", parts=['no fund policy named "annual_usd=7M"'])


@case("bad/target_ci_unknown_outcome")
def target_ci_unknown(ctx):
    bad(ctx, EXIT_BAD_INPUT, "run", ctx.quick_toml, "-o", ctx.dir / "x.h5", "--target-ci",
        "left_behnd=0.1", parts=["unknown outcome 'left_behnd'", "did you mean 'left_behind'?"])


@case("bad/target_ci_width")
def target_ci_width(ctx):
    bad(ctx, EXIT_BAD_INPUT, "run", ctx.quick_toml, "-o", ctx.dir / "x.h5", "--target-ci",
        "left_behind=-1", parts=["must be a positive number"])


@case("bad/target_ci_with_shard")
def target_ci_shard(ctx):
    bad(ctx, EXIT_BAD_INPUT, "run", ctx.quick_toml, "-o", ctx.dir / "x.h5", "--target-ci",
        "left_behind=0.1", "--shard", "1/2", parts=["cannot be combined with --shard"])


@case("bad/max_replications_without_target")
def max_without_target(ctx):
    bad(ctx, EXIT_BAD_INPUT, "run", ctx.quick_toml, "-o", ctx.dir / "x.h5",
        "--max-replications", "500", parts=["--max-replications only applies with --target-ci"])


@case("bad/compare_sensitivity_without_sampled_scenarios", fixture="requires")
def compare_no_sensitivity(ctx):
    bad(ctx, EXIT_BAD_INPUT, "compare", ctx.quick_h5, "--sensitivity",
        parts=["no sensitivity analysis in this file", "[latin_hypercube] points = N"])
