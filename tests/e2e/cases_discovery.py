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
        check(len(g["coverage_test"]) == len(g["density_test"]) > 0, "the PRIM trajectory")
        if int(g.attrs["box_found"]):
            restricted = [text(x) for x in g["restriction"][...]]
            check(restricted and all(r in statement for r in restricted), "restrictions named")
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
