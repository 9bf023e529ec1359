"""End-to-end cases of results format version 2 and of the per-State view:
- format/...: the scenario coordinate holds names; a version-1 file (tests/e2e/data/format_v1.h5,
  written by vtfsim at commit 2361a42 from the study in its scenario_toml attribute: 2 named
  scenarios x 2 extension regimes plus 2 Latin hypercube points, 3 policies, 6 replications) is
  refused with a clear message, and `vtfsim upgrade` converts it without changing a value.
- command/compare_by_state...: `compare --by-state --format csv` recomputed from the file with
  numpy, and the --state filter (names as users type them).
Registered in e2e_support.CASES when e2e.py imports this module."""
import csv
import hashlib
import io
import shutil
import sys

from e2e_support import (EXIT_BAD_INPUT, EXIT_OK, HERE, case, check, expect_error,
                         expect_nothing_written, listing)

V1_FIXTURE = HERE / "data" / "format_v1.h5"
V1_MESSAGE = "results format version 1; this vtfsim reads version 2: re-run, or `vtfsim upgrade "


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def scenario_coordinates(path):
    import h5py
    found = []
    with h5py.File(path, "r") as f:
        f.visit(lambda n: found.append("/" + n) if n.split("/")[-1] == "scenario" else None)
    return found


def dimension_labels(path):
    """Dataset path -> the path of the scale labelling each axis, for every non-scale dataset."""
    import h5py
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and not h5py.h5ds.is_scale(obj.id):
                out["/" + name] = [[s.name for s in d.values()] for d in obj.dims]
        f.visititems(visit)
    return out


@case("format/version_1_refused_and_upgraded")
def upgrade_version_1(ctx):
    import h5py
    import xarray as xr
    sys.path.insert(0, str(ctx.source / "tests" / "scale"))
    import compare_results

    v1 = ctx.dir / "old.h5"
    shutil.copyfile(V1_FIXTURE, v1)
    before = digest(v1)
    for args in (["info", v1], ["compare", v1], ["compare", v1, "--by-state"]):
        code, out, err = ctx.run(*args)
        expect_error(code, err, EXIT_BAD_INPUT, f"{v1}: " + V1_MESSAGE + f"{v1}`", out=out)
    code, out, err = ctx.run("upgrade", v1)
    new = ctx.dir / "old.v2.h5"
    check(code == EXIT_OK, f"upgrade exit {code}: {err}")
    check(out.strip() == f"{v1}: results format version 1 -> 2, written to {new}", out)
    check(digest(v1) == before, "the input was modified")
    check(listing(ctx.dir) == ["old.h5", "old.v2.h5"], f"files: {listing(ctx.dir)}")
    with h5py.File(v1, "r") as f:
        names = list(f["scenario_name"].asstr()[...])
    check(names[2] == "declining/lenient" and len(names) == 8, f"the fixture's names {names}")
    # Every value is the version-1 file's, bar the scenario coordinates (now the names).
    coordinates = scenario_coordinates(new)
    check(len(coordinates) > 20, f"{len(coordinates)} scenario coordinates")
    problems = compare_results.compare(str(v1), str(new),
                                       {"results_format_version", "upgraded_from_version"},
                                       coordinates + ["/scenario_name"])
    check(not problems, f"the upgrade changed values: {problems[:5]}")
    with h5py.File(new, "r") as f:
        check(int(f.attrs["results_format_version"]) == 2, "version 2")
        check(int(f.attrs["upgraded_from_version"]) == 1, "upgraded_from_version")
        check("scenario_name" not in f, "/scenario_name is gone")
        for c in coordinates:
            check(list(f[c].asstr()[...]) == names, f"{c} holds {f[c][...]}")
    # The layout a version-2 run writes: each axis labelled by the same coordinate.
    fresh = ctx.dir / "fresh.h5"
    toml = ctx.dir / "fixture.toml"
    with h5py.File(v1, "r") as f:
        toml.write_text(f.attrs["scenario_toml"])
    code, _, err = ctx.run("run", toml, "-o", fresh, "--quiet")
    check(code == EXIT_OK, f"fresh run exit {code}: {err}")
    want, got = dimension_labels(fresh), dimension_labels(new)
    differ = [p for p in got if p in want and got[p] != want[p]]
    check(not differ and set(got) <= set(want), f"labels differ from a fresh run: {differ[:3]}")
    out_v2 = xr.open_dataset(new, engine="h5netcdf", group="outcomes")
    v = out_v2["completed_by_2030"].sel(scenario="declining/lenient", policy="no_fund")
    with h5py.File(v1, "r") as f:
        check(list(v.values) == list(f["outcomes/completed_by_2030"][2, 0]), "sel by name")
    code, out, _ = ctx.run("compare", new, "--scenario", "declining/lenient")
    check(code == EXIT_OK and "Scenario declining/lenient" in out, "compare reads it")
    # Again: the output exists; the converted file is already version 2; in place on request.
    code, out, err = ctx.run("upgrade", v1)
    expect_error(code, err, EXIT_BAD_INPUT, "old.v2.h5 already exists; use --force", out=out)
    code, out, err = ctx.run("upgrade", new, "-o", ctx.dir / "again.h5")
    expect_error(code, err, EXIT_BAD_INPUT, "already results format version 2", out=out)
    code, out, err = ctx.run("upgrade", v1, "-o", v1)
    expect_error(code, err, EXIT_BAD_INPUT, "-o names the input itself; add --force", out=out)
    check(digest(v1) == before, "the input was modified")
    code, _, err = ctx.run("upgrade", v1, "-o", v1, "--force")
    check(code == EXIT_OK and compare_results.compare(str(v1), str(new), {"created_utc"}, []) == [],
          f"in place: {err}")


@case("bad/upgrade_inputs")
def upgrade_bad(ctx):
    code, out, err = ctx.run("upgrade", ctx.dir / "missing.h5")
    expect_error(code, err, EXIT_BAD_INPUT, "missing.h5: no such file", out=out)
    text = ctx.dir / "notes.h5"
    text.write_text("not HDF5\n")
    code, out, err = ctx.run("upgrade", text)
    expect_error(code, err, EXIT_BAD_INPUT, "notes.h5: cannot open as an HDF5 file", out=out)
    expect_nothing_written(ctx.dir, ["notes.h5"])


def by_state_expected(path, s, p, e):
    """The per-State statistics of State e, recomputed from /outcomes_by_state with numpy."""
    import h5py
    import numpy as np
    with h5py.File(path, "r") as f:
        years = f["outcomes_by_state/first_completion_year"]
        y0, y1 = years[s, 0, :, e], years[s, p, :, e]
        money = f["outcomes_by_state/vtf_received_usd"][s, p, :, e].mean()
        crowded = f["outcomes_by_state/intl_crowded_out_usd"][s, p, :, e].mean()
        horizon = int(f.attrs["horizon_date"][:4])

    def median(y):
        y = np.sort(np.where(np.isnan(y), np.inf, y))
        m = y[(len(y) + 1) // 2 - 1]
        return "after 2045" if np.isinf(m) else f"{m:.0f}"

    def share(y, year):
        return f"{np.mean(y <= year) + 0.0:.2f}"

    return {"median_completion_year_no_fund": median(y0), "median_completion_year_fund": median(y1),
            "p_complete_by_2030_no_fund": share(y0, 2030), "p_complete_by_2030_fund": share(y1, 2030),
            "p_complete_by_2035_fund": share(y1, 2035),
            "p_complete_by_horizon_no_fund": share(y0, horizon),
            "p_complete_by_horizon_fund": share(y1, horizon),
            "mean_vtf_received_usd": f"{round(money / 1e3) * 1e3:.0f}",
            "mean_intl_crowded_out_usd": f"{round(crowded / 1e3) * 1e3:.0f}"}


@case("command/compare_by_state_csv", fixture="requires")
def compare_by_state_csv(ctx):
    import h5py
    code, out, _ = ctx.run("compare", ctx.quick_h5, "--by-state", "--format", "csv",
                           "--policy", "annual_usd=20M")
    check(code == EXIT_OK, f"exit code {code}")
    rows = list(csv.DictReader(io.StringIO(out)))
    check(len(rows) == 35, f"{len(rows)} rows")
    with h5py.File(ctx.quick_h5, "r") as f:
        states = list(f["state"].asstr()[...])
        ldc = f["state_ldc"][...]
        quality = list(f["state_data_quality"].asstr()[...])
        income = list(f["state_income_group"].asstr()[...])
        meanings = f["calibration/status"].attrs["flag_meanings"].split()
        status = [meanings[c] for c in f["calibration/status"][0]]
    words = {"L": "low", "LM": "lower-middle", "UM": "upper-middle", "H": "high"}
    after = 0
    for r in rows:
        e = states.index(r["state"])
        check(r["ldc"] == ("yes" if ldc[e] else "no"), f"{r['state']} ldc {r['ldc']}")
        check(r["income_group"] == words[income[e]], f"{r['state']} income {r['income_group']}")
        check(r["data_quality"] == quality[e] and r["calibration_status"] == status[e],
              f"{r['state']} data {r['data_quality']} {r['calibration_status']}")
        for column, value in by_state_expected(ctx.quick_h5, 0, 2, e).items():
            check(r[column] == value, f"{r['state']} {column}: {r[column]!r}, expected {value!r}")
        after += r["median_completion_year_no_fund"] == "after 2045"
    check(after > 0, "some States do not complete by 2045 without a fund")
    # --state takes the names users type, in the file's order, each once.
    code, out, _ = ctx.run("compare", ctx.quick_h5, "--by-state", "--format", "csv",
                           "--policy", "annual_usd=20M", "--state", "Türkiye", "--state", "ago",
                           "--state", "turkey")
    picked = [r["state"] for r in csv.DictReader(io.StringIO(out))]
    check(code == EXIT_OK and picked == ["Angola", "Turkey"], f"--state gave {picked}")
    code, out, _ = ctx.run("compare", ctx.quick_h5, "--by-state", "--state", "Peru")
    check(code == EXIT_OK and "Peru" in out and "Angola" not in out, "--state in the table")


@case("bad/compare_unknown_state", fixture="requires")
def compare_unknown_state(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--by-state", "--state", "Turky")
    expect_error(code, err, EXIT_BAD_INPUT, "--state 'Turky': unknown State Party",
                 "(did you mean 'Turkey'?)", "vtfsim info --states", out=out)
    code, out, err = ctx.run("compare", ctx.quick_h5, "--state", "Peru")
    expect_error(code, err, EXIT_BAD_INPUT, "--state chooses the States of the per-State view",
                 out=out)
    # A State of the model that the file does not hold (a file of other reference data).
    import h5py
    other = ctx.dir / "other_states.h5"
    shutil.copyfile(ctx.quick_h5, other)
    with h5py.File(other, "r+") as f:
        names = list(f["state"].asstr()[...])
        f["state"][names.index("Peru")] = "Atlantis"
    code, out, err = ctx.run("compare", other, "--by-state", "--state", "per")
    expect_error(code, err, EXIT_BAD_INPUT, "--state 'per': a State Party this file does not hold",
                 out=out)
