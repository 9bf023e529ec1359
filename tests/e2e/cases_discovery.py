"""End-to-end cases of /inputs and `vtfsim discover` (issue 13): the inputs of a replication
do not depend on how many replications or threads a run has; discover's cases are recounted here
from /outcomes, its box holds what it says, and every bad input is refused with one message.
Registered in e2e_support.CASES when e2e.py imports this module."""
import shutil

from e2e_support import EXIT_BAD_INPUT, EXIT_OK, case, check, expect_error


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


@case("run/inputs_same_whatever_the_run")
def inputs_same_whatever_the_run(ctx):
    import h5py
    import numpy as np

    toml = ctx.source / "scenarios" / "quick.toml"
    runs = {}
    for reps, threads in ((16, 1), (32, 2)):
        out = ctx.dir / f"inputs_{reps}.h5"
        code, _, err = ctx.run("run", toml, "-o", out, "-r", reps, "--threads", threads, "-q",
                               "--force")
        check(code == EXIT_OK, f"run -r {reps}: exit {code}: {err}")
        with h5py.File(out, "r") as f:
            runs[reps] = {k: f["inputs"][k][...] for k in f["inputs"]}
            check(len(runs[reps]) >= 10, f"inputs {sorted(runs[reps])}")
            for k in f["inputs"]:
                d = f["inputs"][k]
                check(d.shape == (f["scenario"].shape[0], reps), f"{k} shape {d.shape}")
                check("units" in d.attrs and text(d.attrs["long_name"]), f"{k}: units, long_name")
            # An independent count: the shares are of draws, within [0, 1].
            for k in ("apply_share", "underperformance_share", "pledges_paid_in_year_share"):
                v = f["inputs"][k][...]
                check(((v >= 0) & (v <= 1)).all(), f"{k} in [0, 1]")
    for k, v in runs[16].items():
        check(np.array_equal(v, runs[32][k][:, :16], equal_nan=True),
              f"/inputs/{k}: replications 0-15 differ between -r 16 (1 thread) and -r 32 (2)")
    # Uncertain initial areas vary across futures; the drawn factors straddle 1.
    afg = runs[32]["area_factor_AFG"]
    check(afg.std() > 0 and afg.min() < 1 < afg.max(), "Afghanistan's area factor varies")


def discover_copy(ctx, name):
    path = ctx.dir / name
    shutil.copy(ctx.quick_h5, path)  # discover writes into the file: not into the shared one
    return path


def box_members(f, g):
    """Which futures [scenario, replication] lie in /discovery's box, from /inputs and /scenarios;
    None when a restriction is on an input this check cannot read (a text parameter's level)."""
    import numpy as np

    reps = f["replication"].shape[0]
    inside = np.ones((f["scenario"].shape[0], reps), dtype=bool)
    for r, lo, hi in zip(g["restriction"][...], g["box_low"][...], g["box_high"][...]):
        r = text(r)
        if r in f["inputs"]:
            x = f["inputs"][r][...]
        elif r in f["scenarios"]:
            x = np.repeat(f["scenarios"][r][...].astype(float)[:, None], reps, axis=1)
        else:
            return None
        inside &= (x >= lo) & (x <= hi)
    return inside


@case("run/where_it_fails_tables", fixture="requires")
def where_it_fails_tables(ctx):
    """The run's finding holds the PRIM trajectory and box the figures draw, with the same
    columns as /discovery, and its sentence names the box's conditions in words."""
    import h5py

    with h5py.File(ctx.quick_h5, "r") as f:
        if "where_it_fails" not in f["findings"]:
            return  # every future gains a State, or none does
        g = f["findings/where_it_fails"]
        for name in ("peel_coverage_test", "peel_density_test", "peel_coverage_train",
                     "input_label", "input_min", "input_max"):
            check(name in g, f"/findings/where_it_fails/{name}")
        c, dn = g["peel_coverage_test"][...], g["peel_density_test"][...]
        check(((c >= 0) & (c <= 1) & (dn >= 0) & (dn <= 1)).all(), "shares in [0, 1]")
        check(c[0] == 1, "the first box of the trajectory holds every case")
        sentence = text(g.attrs["sentence"])
        if int(g["box_found"][()]):
            for lb, lo, hi, a, b in zip(g["box_label"][...], g["box_low"][...],
                                        g["box_high"][...], g["range_low"][...],
                                        g["range_high"][...]):
                check(text(lb) in sentence, f"{text(lb)} in: {sentence}")
                check(a <= lo <= hi <= b, "the box inside the inputs' range")


@case("command/discover", fixture="requires")
def discover_command(ctx):
    import h5py
    import numpy as np

    path = discover_copy(ctx, "discover.h5")
    code, out, err = ctx.run("discover", path, "--policy", "annual_usd=20M", "--where",
                             "VALUE < 1", "--no-write")
    check(code == EXIT_OK, f"--no-write: exit {code}: {err}")
    with h5py.File(path, "r") as f:
        check("discovery" not in f, "--no-write wrote /discovery")
    code, out, err = ctx.run("discover", path, "--policy", "annual_usd=20M", "--where",
                             "VALUE < 1")
    check(code == EXIT_OK, f"exit {code}: {err}")
    with h5py.File(path, "r") as f:
        g = f["discovery"]
        policies = [text(x) for x in f["policy"][...]]
        d = (f["outcomes/completed_by_2030"][:, policies.index("annual_usd=20M")].astype(float)
             - f["outcomes/completed_by_2030"][:, 0].astype(float))
        cases = int((d < 1).sum())
        check(int(g.attrs["cases"]) == cases and int(g.attrs["futures"]) == d.size,
              f"cases {g.attrs['cases']} of {g.attrs['futures']}, recounted {cases} of {d.size}")
        statement = text(g.attrs["statement"])
        check(statement in out and f"{cases} of {d.size} futures" in statement, statement)
        importance = g["importance"][...]
        check(abs(importance.sum() - 1) < 1e-9 or importance.sum() == 0, "importance sums to 1")
        check(g["input"].shape == importance.shape == g["srrc"].shape, "one score per input")
        check(len(g["peel_coverage_test"]) == len(g["peel_density_test"]) > 0, "the PRIM trajectory")
        if int(g.attrs["box_found"]):
            labels = [text(x) for x in g["box_label"][...]]
            check(labels and all(lb in statement for lb in labels), "restrictions named")
            inside = box_members(f, g)
            if inside is not None:  # recounted: the box's futures and its cases
                in_box = inside.ravel()
                density = (d.ravel()[in_box] < 1).mean()
                check(abs(density - g.attrs["density"]) < 1e-12 and
                      abs(in_box.mean() - g.attrs["mass"]) < 1e-12,
                      f"box density {g.attrs['density']} mass {g.attrs['mass']}, recounted "
                      f"{density} {in_box.mean()}")
        else:
            check("No simple set of conditions" in statement, statement)
    # A second discover replaces /discovery.
    code, _, err = ctx.run("discover", path, "--policy", "annual_usd=5M", "--baseline", "none",
                           "--where", "VALUE >= 6", "-q")
    check(code == EXIT_OK, f"again: exit {code}: {err}")
    with h5py.File(path, "r") as f:
        check(text(f["discovery"].attrs["policy"]) == "annual_usd=5M", "replaced")
        check(text(f["discovery"].attrs["baseline"]) == "", "the outcome itself")
        v = f["outcomes/completed_by_2030"][:, policies.index("annual_usd=5M")].astype(float)
        check(int(f["discovery"].attrs["cases"]) == int((v >= 6).sum()), "cases of the outcome")
        check(np.isfinite(f["discovery"].attrs["base_density"]), "base density")


@case("bad/discover", fixture="requires")
def discover_bad(ctx):
    import h5py

    path = discover_copy(ctx, "discover_bad.h5")
    bad = [
        (["--policy", "annual_usd=7M"], ["annual_usd=7M", "did you mean"]),
        (["--policy", "annual_usd=5M", "--outcome", "completed_by_2031"], ["completed_by_2031"]),
        (["--policy", "annual_usd=5M", "--where", "VALUE = 1"], ["--where", "VALUE"]),
        (["--policy", "annual_usd=5M", "--where", "VALUE < x"], ["--where"]),
        (["--policy", "annual_usd=5M", "--where", "VALUE < -1000"], ["none of the", "futures"]),
        (["--policy", "no_fund"], ["same policy"]),
    ]
    for args, parts in bad:
        code, out, err = ctx.run("discover", path, *args)
        expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)
    with h5py.File(path, "r") as f:
        check("discovery" not in f, "a refused discover wrote /discovery")
    old = ctx.dir / "no_inputs.h5"
    shutil.copy(ctx.quick_h5, old)
    with h5py.File(old, "a") as f:
        del f["inputs"]
    code, out, err = ctx.run("discover", old, "--policy", "annual_usd=5M")
    expect_error(code, err, EXIT_BAD_INPUT, "no /inputs", "run the study again", out=out)
    code, out, err = ctx.run("discover", ctx.dir / "missing.h5", "--policy", "annual_usd=5M")
    check(code == EXIT_BAD_INPUT, f"a missing file: exit {code}: {err}")


@case("command/discover_over_scenarios", fixture="requires")
def discover_over_scenarios(ctx):
    """--over scenarios: one row per scenario, VALUE its mean over the replications, against the
    scenario parameters of a Latin hypercube; the cases and the box recounted here."""
    import h5py
    import numpy as np

    toml = ctx.source / "tests" / "e2e" / "analysis" / "discover_scenarios.toml"
    path = ctx.dir / "discover_scenarios.h5"
    code, _, err = ctx.run("run", toml, "-o", path, "-q", "--force")
    check(code == EXIT_OK, f"run: exit {code}: {err}")
    code, out, err = ctx.run("discover", path, "--policy", "annual_usd=10M", "--over",
                             "scenarios", "--where", "VALUE < 0.5")
    check(code == EXIT_OK, f"discover: exit {code}: {err}")
    with h5py.File(path, "r") as f:
        g = f["discovery"]
        check(text(g.attrs["over"]) == "scenarios", "over attribute")
        v = f["outcomes/completed_by_2030"]
        mean = (v[:, 1].astype(float) - v[:, 0].astype(float)).mean(axis=1)
        cases = mean < 0.5
        check(int(g.attrs["futures"]) == 60 and int(g.attrs["cases"]) == int(cases.sum()),
              f"{g.attrs['cases']} of {g.attrs['futures']}, recounted {cases.sum()} of 60")
        check(f"{int(cases.sum())} of 60 scenarios" in out, out[:300])
        inputs = [text(x) for x in g["input"][...]]
        check(sorted(inputs) == ["applicants_apply_probability",
                                 "partners_capacity_usd_per_year"], f"inputs {inputs}")
        # Partners' absorption drives the effect here: the box restricts it, and holds what it
        # says when recounted over the scenarios.
        check(int(g.attrs["box_found"]) == 1, text(g.attrs["statement"]))
        restricted = [text(x) for x in g["restriction"][...]]
        check("partners_capacity_usd_per_year" in restricted, f"restrictions {restricted}")
        inside = np.ones(60, dtype=bool)
        for r, lo, hi in zip(restricted, g["box_low"][...], g["box_high"][...]):
            x = f["scenarios"][r][...].astype(float)
            inside &= (x >= lo) & (x <= hi)
        check(abs(cases[inside].mean() - g.attrs["density"]) < 1e-12,
              f"density {g.attrs['density']}, recounted {cases[inside].mean()}")
    code, out, err = ctx.run("discover", path, "--policy", "annual_usd=10M", "--over", "replicas")
    check(code == EXIT_BAD_INPUT and "--over" in err.splitlines()[0], f"exit {code}: {err}")
    quick = discover_copy(ctx, "discover_over_quick.h5")
    code, out, err = ctx.run("discover", quick, "--policy", "annual_usd=5M", "--over", "scenarios")
    expect_error(code, err, EXIT_BAD_INPUT, "no parameter varies", out=out)
