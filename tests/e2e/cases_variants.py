"""End-to-end cases of a design with sizes and a rule variant (tests/e2e/pairs/
sizes_and_variant.toml): /policies/parameters_set says what each policy sets, the findings that
compare sizes take only the sizes (/findings/sizes), the headline's fund is a size, and
/findings/rule_variants holds the numbers of /pairs.
Registered in e2e_support.CASES when e2e.py imports this module."""
import math

from e2e_support import EXIT_OK, case, check

VARIANT, SIZES = "ldc_required_10M", ["annual_usd=2M", "annual_usd=10M"]


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def texts(ds):
    return [text(x) for x in ds[...]]


def run_design(ctx):
    out = ctx.dir / "sizes_and_variant.h5"
    toml = ctx.source / "tests" / "e2e" / "pairs" / "sizes_and_variant.toml"
    code, stdout, err = ctx.run("run", toml, "-o", out, "--force")
    check(code == EXIT_OK, f"run: exit {code}: {err}")
    return out, stdout


@case("run/variant_not_taken_for_a_size")
def variant_not_taken_for_a_size(ctx):
    import h5py

    path, stdout = run_design(ctx)
    with h5py.File(path, "r") as f:
        pset = dict(zip(texts(f["policy"]), texts(f["policies/parameters_set"])))
        check(pset == {"no_fund": "vtf.annual_usd, vtf.enabled", "annual_usd=2M": "vtf.annual_usd",
                       "annual_usd=10M": "vtf.annual_usd",
                       VARIANT: "vtf.annual_usd, vtf.eligibility.ldc"}, f"parameters_set: {pset}")
        g = f["findings/sizes"]
        check(texts(g["policy"]) == SIZES, f"sizes: {texts(g['policy'])}")
        check(list(g["annual_usd"][...]) == [2e6, 10e6], f"sizes' USD: {g['annual_usd'][...]}")
        check(texts(f["findings/which_sizes/fund"]) == SIZES, "which_sizes ranks the sizes only")
        for name in ("diminishing_returns", "for_whom", "data_behind"):
            chosen = text(f["findings"][name].attrs["policy"])
            check(chosen in SIZES, f"{name} speaks of a size, not {chosen}")
        ma = f["findings/main_answer"].attrs
        check(text(ma["largest_policy"]) == "annual_usd=10M", f"largest: {ma['largest_policy']}")
        check(text(ma["smallest_policy"]) == "annual_usd=2M", f"smallest: {ma['smallest_policy']}")
    plain = stdout[stdout.index("In plain words"):]
    check(f"- {VARIANT}" not in plain, f"the variant is not listed as a size:\n{plain}")
    check("$10.0M a year" in plain, f"sizes named by their size:\n{plain}")
    check(f"{VARIANT} vs $10.0M a year (changes eligibility LDC: required)" in plain,
          f"the variant's own line:\n{plain}")


@case("run/rule_variants_equal_pairs")
def rule_variants_equal_pairs(ctx):
    import h5py

    path, _ = run_design(ctx)
    with h5py.File(path, "r") as f:
        g, pairs = f["findings/rule_variants"], f["pairs"]
        s0 = texts(f["scenario"]).index(text(g.attrs["scenario"]))
        check(s0 == 0, "the headline's scenario, the first named one")
        check(texts(g["pair"]) == texts(pairs["pair"]), "one row per pair, in /pairs' order")
        check(texts(g["policy"]) == [VARIANT] and texts(g["baseline"]) == ["annual_usd=10M"],
              "policy and baseline")
        for o in ("completed_by_2030", "completed_by_2035", "completed_by_horizon",
                  "extension_requests"):
            for stat in ("mean", "ci_low", "ci_high", "p_better"):
                mine, theirs = g[f"{o}_{stat}"][0], pairs[o][stat][s0, 0]
                check(mine == theirs or (math.isnan(mine) and math.isnan(theirs)),
                      f"{o}_{stat}: {mine} != /pairs {theirs}")
        check(g["vtf_received_usd_mean"][0] == pairs["vtf_received_usd_difference"][s0, 0],
              "money received")
        means = pairs["completed_by_2030/mean"][:, 0]
        check(g["best_in_scenarios"].dtype.kind == "i" and g["scenarios"].dtype.kind == "i",
              "counts are integers")
        check(int(g["best_in_scenarios"][0]) == int((means > 0).sum()), "best_in_scenarios")
        check(int(g["scenarios"][0]) == len(means), "scenarios")


@case("run/no_rule_variants_without_pairs", fixture="requires")
def no_rule_variants_without_pairs(ctx):
    import h5py

    with h5py.File(ctx.quick_h5, "r") as f:
        check("rule_variants" not in f["findings"], "no pairs: no rule_variants")
        check(texts(f["findings/sizes/policy"]) == texts(f["policy"])[1:], "every fund a size")
