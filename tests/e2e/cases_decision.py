"""End-to-end cases of /findings/decision (issue 12): for every fund policy, the paired
difference in States complete at 31 December of 2030, 2035 and the horizon, recomputed here from
/outcomes (same replication of the fund policy and of no fund): its mean is /comparison's, its
quantiles are whole States in order, its shares lie in [0, 1]; the chosen fund is a size of the
default rules in a design with sizes, and the options are ordered by family.
Registered in e2e_support.CASES when e2e.py imports this module."""
from e2e_support import EXIT_BAD_INPUT, EXIT_OK, case, check, expect_error

OUTCOME_OF_YEAR = {2030: "completed_by_2030", 2035: "completed_by_2035"}


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def texts(ds):
    return [text(x) for x in ds[...]]


def check_against_outcomes(path):
    import h5py
    import numpy as np

    with h5py.File(path, "r") as f:
        g = f["findings/decision"]
        policies = texts(f["policy"])
        options = texts(g["option"])
        years = [int(y) for y in g["year"][...]]
        horizon = int(text(f.attrs["horizon_date"])[:4])
        check(g["year"].dtype.kind == "i" and years[-1] == horizon, f"years {years}")
        check(text(g.attrs["statement"]) == "", "no statement")
        check(text(g.attrs["policy"]) in options, "the chosen fund is an option")
        check(text(g.attrs["policy_reason"]) != "", "a reason for the choice")
        check(text(g.attrs["x_axis"]) in ("size", "policy"), "x_axis")
        check(set(options) == set(policies[1:]), f"every fund policy once: {options}")
        for i, o in enumerate(options):
            p = policies.index(o)
            for j, y in enumerate(years):
                name = "completed_by_horizon" if y == horizon else OUTCOME_OF_YEAR[y]
                values = f["outcomes"][name][...].astype(float)  # [scenario, policy, replication]
                for s in range(values.shape[0]):
                    d = values[s, p] - values[s, 0]
                    where = f"{o}, {y}, scenario {s}"
                    mean = g["mean"][s, i, j]
                    check(abs(mean - f["comparison"][name]["mean"][s, p]) < 1e-12,
                          f"{where}: mean {mean} is /comparison's")
                    check(abs(mean - d.mean()) < 1e-9, f"{where}: mean {mean} != {d.mean()}")
                    check(g["ci_low"][s, i, j] <= mean <= g["ci_high"][s, i, j], f"{where}: CI")
                    q = [g[k][s, i, j] for k in ("p10", "p50", "p90")]
                    check(q[0] <= q[1] <= q[2], f"{where}: quantiles in order {q}")
                    check(all(x == round(x) for x in q), f"{where}: whole States {q}")
                    want = [np.quantile(d, x, method="inverted_cdf") for x in (0.1, 0.5, 0.9)]
                    check(q == want, f"{where}: quantiles {q}, inverted CDF {want}")
                    one, none = g["share_at_least_one"][s, i, j], g["share_none"][s, i, j]
                    check(0 <= one <= 1 and 0 <= none <= 1 and one + none <= 1, f"{where}: shares")
                    check(one == (d >= 1).mean() and none == (d <= 0).mean(), f"{where}: shares")
            for s in range(f["outcomes/vtf_received_usd"].shape[0]):
                got = f["outcomes/vtf_received_usd"][s, p].mean()
                check(abs(g["received_usd"][s, i] - got) <= 1e-6 * max(1.0, got), "received_usd")
                idle = g["idle_usd"][s, i] / g["received_usd"][s, i]
                check(abs(g["unused_share"][s, i] - idle) < 1e-12, "unused_share")
        return f["findings/decision"].attrs["policy"], texts(g["family"]), list(
            g["in_size_family"][...]), texts(g["label"])


@case("run/decision_from_outcomes", fixture="requires")
def decision_from_outcomes(ctx):
    chosen, families, in_family, labels = check_against_outcomes(ctx.quick_h5)
    check(families == ["default rules"] * len(families), f"families {families}")
    check(all(x == 1 for x in in_family), "sizes")
    check(labels == ["$5.0M a year", "$20.0M a year"], f"labels {labels}")


@case("run/decision_families")
def decision_families(ctx):
    import h5py

    out = ctx.dir / "sizes_and_variant.h5"
    toml = ctx.source / "tests" / "e2e" / "pairs" / "sizes_and_variant.toml"
    code, _, err = ctx.run("run", toml, "-o", out, "--force")
    check(code == EXIT_OK, f"run: exit {code}: {err}")
    chosen, families, in_family, labels = check_against_outcomes(out)
    check(families == ["default rules", "default rules", "eligibility LDC: required"],
          f"families, the default rules first: {families}")
    check(in_family == [1, 1, 0], f"in_size_family {in_family}")
    check(labels == ["$2.0M a year", "$10.0M a year", "ldc_required_10M"], f"labels {labels}")
    check(text(chosen) in ("annual_usd=2M", "annual_usd=10M"), f"chosen {chosen}, a size")
    with h5py.File(out, "r") as f:
        check(text(f["findings/decision"].attrs["x_axis"]) == "size", "x_axis size")
        for name in ("diminishing_returns", "for_whom"):
            check(text(f["findings"][name].attrs["policy"]) == text(chosen),
                  f"{name} speaks of the chosen fund")


@case("command/compare_decision", fixture="requires")
def compare_decision(ctx):
    import csv
    import io
    import json

    import h5py

    with h5py.File(ctx.quick_h5, "r") as f:
        g = f["findings/decision"]
        options, years = texts(g["option"]), [int(y) for y in g["year"][...]]
        scenarios, labels = texts(g["scenario"]), texts(g["label"])
        chosen, decided = text(g.attrs["policy"]), text(g.attrs["scenario"])
        stored = {k: g[k][...] for k in ("mean", "ci_low", "ci_high", "p10", "p50", "p90",
                                         "share_at_least_one", "share_none")}
        received = g["received_usd"][...]
    code, out, err = ctx.run("compare", ctx.quick_h5, "--decision", "--format", "csv")
    check(code == EXIT_OK, f"exit {code}: {err}")
    rows = list(csv.DictReader(io.StringIO(out)))
    check(len(rows) == len(scenarios) * len(options) * len(years), f"{len(rows)} rows")
    for r in rows:
        s, o, y = scenarios.index(r["scenario"]), options.index(r["policy"]), years.index(
            int(r["year"]))
        for k, v in stored.items():
            check(float(r[k]) == v[s, o, y], f"{k} of {r['policy']} {r['year']}: {r[k]}")
        check(float(r["received_usd"]) == received[s, o], "received_usd")
        check(r["label"] == labels[o] and (r["chosen"] == "1") == (r["policy"] == chosen),
              f"label and chosen: {r}")
    code, out, err = ctx.run("compare", ctx.quick_h5, "--decision", "--format", "json")
    check(code == EXIT_OK, f"json: exit {code}: {err}")
    doc = json.loads(out)
    check(doc["policy"] == chosen and len(doc["records"]) == len(rows), "json records")
    code, out, err = ctx.run("compare", ctx.quick_h5, "--decision")
    check(code == EXIT_OK, f"table: exit {code}: {err}")
    for y in years:
        check(f"at the end of {y}" in out, f"a table for {y}:\n{out}")
    i = options.index(chosen)
    check(f"{labels[i]} *" in out, f"the chosen fund marked:\n{out}")
    line = next(x for x in out.splitlines() if x.startswith(labels[0] + " "))
    mean = stored["mean"][scenarios.index(decided), 0, 0]
    check(f"{mean:+.2f}" in line, f"the 2030 mean {mean:+.2f} of {labels[0]}: {line}")
    code, out, err = ctx.run("compare", ctx.quick_h5, "--decision", "--by-state")
    expect_error(code, err, EXIT_BAD_INPUT, "--decision", out=out)


TOPICS = ["headline", "later", "spread", "choice", "money", "data", "gap", "for_whom"]


def check_first_page(path):
    import re

    import h5py

    with h5py.File(path, "r") as f:
        g, d = f["findings/first_page"], f["findings/decision"]
        check(texts(g["topic"]) == TOPICS, f"topics {texts(g['topic'])}")
        check(text(g.attrs["statement"]) == "", "no statement")
        for k in ("scenario", "policy", "policy_reason"):
            check(text(g.attrs[k]) == text(d.attrs[k]), f"{k} is the decision's")
        page = dict(zip(TOPICS, texts(g["sentence"])))
        for topic, sentence in page.items():
            check(sentence != "", f"{topic}: a sentence")
            check(not re.search(r"(^|\s)/\w", sentence), f"{topic}: no HDF5 path: {sentence}")
            check("vtf." not in sentence and "-0.00" not in sentence, f"{topic}: {sentence}")
            for lo, hi in re.findall(r"([-+]?\d[\d.]*) to ([-+]?\d[\d.]*)", sentence):
                check(lo != hi, f"{topic}: '{lo} to {hi}' says one number twice: {sentence}")
        options = texts(d["option"])
        s = texts(d["scenario"]).index(text(d.attrs["scenario"]))
        o = options.index(text(d.attrs["policy"]))
        mean = d["mean"][s, o, 0]
        check(int(d["year"][0]) == 2030 and "2030" in page["headline"], "the headline speaks of 2030")
        check(f"{abs(mean):.2f}" in page["headline"], f"headline {mean:.2f}: {page['headline']}")
        label = texts(d["label"])[o]
        check(label in page["for_whom"], f"for whom names the chosen fund {label}")
        check(text(d.attrs["policy_reason"]) in page["for_whom"], "and why it was chosen")
        behind = [text(x) for x in f["findings/for_whom"].attrs["left_behind_eligible"]]
        check(f"{len(behind)} State" in page["for_whom"], "the eligible left behind")
        return page


@case("run/first_page", fixture="requires")
def first_page(ctx):
    page = check_first_page(ctx.quick_h5)
    check("Returns diminish" in page["choice"] or "no smaller one" in page["choice"],
          f"sizes compared as sizes: {page['choice']}")


@case("run/first_page_without_sizes")
def first_page_without_sizes(ctx):
    out = ctx.dir / "variants.h5"
    toml = ctx.source / "tests" / "e2e" / "pairs" / "variants.toml"
    code, _, err = ctx.run("run", toml, "-o", out, "--force", "-r", "30")
    check(code == EXIT_OK, f"run: exit {code}: {err}")
    page = check_first_page(out)
    check("Compared by name" in page["choice"] and "Returns diminish" not in page["choice"],
          f"policies by name, no ratio of gains: {page['choice']}")
    check("lottery_5M against default_5M" in page["choice"], f"each rule: {page['choice']}")
    import h5py
    import numpy as np

    with h5py.File(out, "r") as f:
        check(np.isnan(f["findings/main_answer/gain_per_usd_ratio"][...]).all(),
              "no gain per dollar between policies of different rules")
        check(text(f["findings/decision"].attrs["x_axis"]) == "policy", "x_axis policy")
        check(texts(f["findings/decision/label"]) == texts(f["findings/decision/option"]),
              "without sizes every option is labelled by its name")
        check("Returns diminish" not in text(f["findings/diminishing_returns"].attrs["statement"]),
              "no diminishing returns across rules")


@case("run/first_page_rules_from_means")
def first_page_rules_from_means(ctx):
    """Without [comparisons] pairs, each rule against the default rules at the same size comes
    from the decision's paired means."""
    import h5py

    src = (ctx.source / "tests" / "e2e" / "pairs" / "variants.toml").read_text()
    toml = ctx.dir / "no_pairs.toml"
    toml.write_text(src[:src.index("[comparisons]")])
    out = ctx.dir / "no_pairs.h5"
    code, _, err = ctx.run("run", toml, "-o", out, "--force", "-r", "30")
    check(code == EXIT_OK, f"run: exit {code}: {err}")
    page = check_first_page(out)
    with h5py.File(out, "r") as f:
        check("pairs" not in f, "no /pairs")
        d = f["findings/decision"]
        options = texts(d["option"])
        s = texts(d["scenario"]).index(text(d.attrs["scenario"]))
        diff = d["mean"][s, options.index("ldc_required_5M"), 0] - d["mean"][
            s, options.index("default_5M"), 0]
    want = f"ldc_required_5M against default_5M: {diff:+.2f} States by 2030"
    check(want in page["choice"], f"{want!r} in {page['choice']!r}")
