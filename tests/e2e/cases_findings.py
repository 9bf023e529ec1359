"""End-to-end cases: the findings computed once (/findings, issue 11 part 5). The file of
scenarios/quick.toml holds them; `vtfsim compare` prints the stored sentences, and recomputes
(saying so) for a file without them; the numbers under /findings are the ones the sentences state
and the ones recomputed here from /comparison and /outcomes_by_state.
Registered in e2e_support.CASES when e2e.py imports this module."""
import re
import shutil

from e2e_support import EXIT_OK, case, check


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def words(s):
    """Whitespace-normalised, so a statement matches its wrapped print."""
    return " ".join(s.split())


def stored(path):
    import h5py

    with h5py.File(path, "r") as f:
        g = f["findings"]
        return (text(g.attrs["heading"]), [text(x) for x in g["finding"][...]],
                [text(x) for x in g["statement"][...]])


@case("run/findings_stored_and_printed", fixture="requires")
def findings_stored_and_printed(ctx):
    heading, names, statements = stored(ctx.quick_h5)
    check(names[:5] == ["which_sizes", "diminishing_returns", "for_whom", "data_behind",
                        "how_sure"], f"findings in order: {names}")
    check({"main_answer", "by_state"} <= set(names), f"the report's tables: {names}")
    code, out, _ = ctx.run("compare", ctx.quick_h5)
    check(code == EXIT_OK, f"exit code {code}")
    plain = out[out.index(heading):]
    check(words(plain) == words(heading + " " + "".join(statements)),
          f"compare prints exactly the stored sentences:\n{plain}\nstored:\n{statements}")
    check("recomputed" not in out, "a file with /findings is not recomputed")


@case("run/findings_numbers_match_sentences", fixture="requires")
def findings_numbers_match_sentences(ctx):
    import h5py
    import numpy as np

    with h5py.File(ctx.quick_h5, "r") as f:
        g = f["findings/which_sizes"]
        funds = [text(x) for x in g["fund"][...]]
        lo = g["completed_by_horizon_lowest"][...]
        hi = g["completed_by_horizon_highest"][...]
        sure = g["scenarios_sure"][...]
        policies = [text(x) for x in f["policy"][...]]
        cmp = f["comparison/completed_by_horizon"]
        mean, ci_low = cmp["mean"][...], cmp["ci_low"][...]
        statement = text(g.attrs["statement"])
        for k, name in enumerate(funds):
            p = policies.index(name)
            check(np.isclose(lo[k], mean[:, p].min()) and np.isclose(hi[k], mean[:, p].max()),
                  f"{name}: range {lo[k]}..{hi[k]} is /comparison's")
            check(sure[k] == (ci_low[:, p] > 0).sum(), f"{name}: sure in {sure[k]} scenarios")
            check(f"{lo[k]:+.2f}" in statement, f"{name}: {lo[k]:+.2f} in {statement!r}")
        # For whom: the rows are /findings/by_state, recomputed here from the per-replication years.
        w = f["findings/for_whom"]
        s = [text(x) for x in f["scenario"][...]].index(text(w.attrs["scenario"]))
        p = policies.index(text(w.attrs["policy"]))
        rows = f["findings/by_state"]
        first = f["outcomes_by_state/first_completion_year"][s]  # [policy, replication, state]
        by_2030 = (np.nan_to_num(first, nan=np.inf) <= 2030).mean(axis=1)
        check(np.allclose(rows["p_complete_by_2030"][s], by_2030), "by_state p_complete_by_2030")
        years = np.sort(np.nan_to_num(first[p], nan=np.inf), axis=0)
        median = years[(years.shape[0] + 1) // 2 - 1]
        got = rows["median_completion_year"][s, p]
        check(np.array_equal(np.where(np.isinf(median), np.nan, median), got, equal_nan=True),
              "by_state median_completion_year is the lower median")
        # Left behind: eligible at a call in most futures, not complete at the horizon in most.
        obs = f["outcomes_by_state"]
        eligible = ((obs["applied"][s, p] + obs["not_applied"][s, p]) > 0).mean(axis=0) > 0.5
        incomplete = np.isnan(obs["completion_year"][s, p]).mean(axis=0) > 0.5
        names = [text(x) for x in f["state"][...]]
        behind = [n for n, a, b in zip(names, eligible, incomplete) if a and b]
        stored = [text(x) for x in w.attrs["left_behind_eligible"]]
        check(stored == behind,
              f"left behind, eligible: {stored!r}, recomputed {behind}")
        check(w["left_behind_eligible"][()] == len(behind) and
              f"left behind: {len(behind)} State" in text(w.attrs["statement"]),
              f"left behind with the fund: {behind} ({text(w.attrs['statement'])!r})")
        main = f["findings/main_answer"]
        base = f["outcomes/completed_by_horizon"][:, 0, :].astype(float)
        check(np.allclose(main["no_fund_completed_median"][...], np.median(base, axis=1)),
              "main_answer's no-fund median")
        check(np.allclose(main["no_fund_completed_p95"][...], np.quantile(base, 0.95, axis=1)),
              "main_answer's 95th percentile")


@case("run/findings_recomputed_for_an_older_file", fixture="requires")
def findings_recomputed_for_an_older_file(ctx):
    import h5py

    _, out_new, _ = ctx.run("compare", ctx.quick_h5)
    old = ctx.dir / "older.h5"
    shutil.copyfile(ctx.quick_h5, old)
    with h5py.File(old, "r+") as f:
        del f["findings"]
    code, out, err = ctx.run("compare", old)
    check(code == EXIT_OK, f"exit code {code}: {err}")
    note = re.search(r"\(\S*older\.h5 has no /findings: it was written by an older vtfsim, so "
                     r"the plain words above were recomputed", words(out))
    check(note is not None, f"says the words were recomputed: {out[-600:]!r}")
    check(words(out).startswith(words(out_new)),
          "the recomputed words are those stored in a newer file")


@case("run/findings_written_by_merge")
def findings_written_by_merge(ctx):
    import sys

    sys.path.insert(0, str(ctx.source / "tests" / "scale"))
    import compare_results

    for k in (1, 2):
        code, _, err = ctx.run("run", ctx.quick_toml, "--shard", f"{k}/2", "-o", f"s{k}.h5", "-q")
        check(code == EXIT_OK, f"shard {k}: exit code {code}: {err}")
    code, out, err = ctx.run("merge", "s1.h5", "s2.h5", "-o", "merged.h5", "-q")
    check(code == EXIT_OK, f"merge: exit code {code}: {err}")
    code, _, err = ctx.run("run", ctx.quick_toml, "-o", "single.h5", "-q")
    check(code == EXIT_OK, f"single run: exit code {code}: {err}")
    problems = compare_results.compare(ctx.dir / "single.h5", ctx.dir / "merged.h5", set(), [],
                                       ["/findings"])
    check(not problems, f"the merged file's /findings are the single run's: {problems[:5]}")
    heading, _, statements = stored(ctx.dir / "merged.h5")
    check(words(heading + " " + "".join(statements)) in words(out),
          "merge prints the findings it stored")
