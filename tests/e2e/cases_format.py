"""End-to-end cases of results format version 2 and of the per-State view:
- format/...: the scenario coordinate holds names; a version-1 file (tests/e2e/data/format_v1.h5,
  written by vtfsim at commit 2361a42 from the study in its scenario_toml attribute: 2 named
  scenarios x 2 extension regimes plus 2 Latin hypercube points, 3 policies, 6 replications) is
  refused with a clear message, and `vtfsim upgrade` converts it without changing a value.
Registered in e2e_support.CASES when e2e.py imports this module."""
import hashlib
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
