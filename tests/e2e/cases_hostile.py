"""End-to-end cases: hostile and damaged input (issue 14): what the TOML library mishandles
(a key of 100,000 dotted parts, a byte outside ASCII in a bare key, UTF-16, a byte-order mark),
option values CLI11 lets through (a negative or 65-bit seed, NaN, an empty shard) and results
files whose arrays do not match their coordinates. Each is refused with exit code 2 and one
message (CLI11's "Run with --help" hint may follow), never a crash or invented numbers.
Registered in e2e_support.CASES when e2e.py imports this module."""
import shutil
import subprocess
import sys

import h5py
import numpy as np

from cases_bad import expect_bad_scenario
from e2e_support import EXIT_BAD_INPUT, case, check, expect_error, expect_nothing_written


@case("bad/key_of_100000_dotted_parts")
def deep_key(ctx):
    # toml++ 3.3.0 nests one table per part; destroying them overflowed the stack (exit 139).
    path = ctx.work_root / "deep_key.toml"
    path.write_text("[study]\nname = \"deep\"\n[" + ".".join(["a"] * 100_000) + "]\nb = 1\n")
    expect_bad_scenario(ctx, path, [f"{path}:3:", "more than 32 dotted parts"])


@case("bad/utf16_scenario_file")
def utf16(ctx):
    path = ctx.work_root / "utf16.toml"
    path.write_bytes("[study]\nname = \"x\"\n".encode("utf-16"))
    expect_bad_scenario(ctx, path, [f"{path}:", "UTF-16", "save it as UTF-8"])


@case("bad/nul_byte_in_scenario_file")
def nul_byte(ctx):
    path = ctx.work_root / "nul.toml"
    path.write_bytes(b"[study]\nname = \"x\"\n\0\n")
    expect_bad_scenario(ctx, path, [f"{path}:3:", "NUL byte"])


@case("run/utf8_byte_order_mark_accepted")
def bom(ctx):
    # What Windows editors write: the same study as without the mark.
    path = ctx.work_root / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf[study]\nname = \"bom\"\nreplications = 2\n")
    code, out, err = ctx.run("validate", path)
    check(code == 0, f"validate exit {code}: {err}")
    check("study      bom" in out, f"the study's name: {out[:300]!r}")


def expect_option_refused(ctx, args, parts):
    """Exit 2; the first line of stderr holds every part (CLI11 adds a "Run with --help" line)."""
    code, out, err = ctx.run(*args)
    check(code == EXIT_BAD_INPUT, f"{args}: exit code {code}, expected 2 ({err!r})")
    first = err.splitlines()[0] if err.strip() else ""
    for part in parts:
        check(part in first, f"{args}: the message should contain {part!r}: {err!r}")
    check(out == "", f"{args}: nothing on stdout, got {out[:300]!r}")
    expect_nothing_written(ctx.dir)


@case("bad/option_values_that_mean_nothing")
def option_values(ctx):
    out = ctx.dir / "out.h5"
    run = ["run", ctx.quick_toml, "-o", out, "-r", "2", "-q"]
    expect_option_refused(ctx, run + ["--seed", "-1"], ["--seed", "got '-1'"])
    # Beyond 63 bits: wrapped before, and the file's int64 `seed` could not have held it.
    for too_large in ("9223372036854775808", "18446744073709551616"):
        expect_option_refused(ctx, run + ["--seed", too_large],
                              ["--seed", "9223372036854775807", too_large])
    expect_option_refused(ctx, run + ["--shard", ""], ["--shard", "expected a value"])
    expect_option_refused(ctx, run + ["--checkpoint-every", "nan"],
                          ["--checkpoint-every", "finite"])
    expect_option_refused(ctx, ["validate", ctx.quick_toml, "--threads", "-1"], ["--threads"])
    # The largest seed is accepted as it is, not wrapped.
    code, text, err = ctx.run("run", ctx.quick_toml, "-o", out, "-r", "2", "-q",
                              "--seed", "9223372036854775807")
    check(code == 0, f"the largest seed: exit {code}: {err}")
    with h5py.File(out, "r") as f:
        check(int(f.attrs["seed"]) == 9223372036854775807, f"seed stored: {f.attrs['seed']}")


def damaged_copy(ctx, name, edit):
    path = ctx.dir / name
    shutil.copy(ctx.quick_h5, path)
    with h5py.File(path, "r+") as f:
        edit(f)
    return path


def replace_strings(f, name, values):
    del f[name]
    f.create_dataset(name, data=np.array(values, dtype=h5py.string_dtype()))


def strings(f, name):
    return [v.decode() if isinstance(v, bytes) else v for v in f[name][()]]


@case("bad/compare_policy_names_longer_than_the_statistics", fixture="requires")
def longer_names(ctx):
    # Before: read past /comparison's arrays and printed invented numbers with exit 0.
    path = damaged_copy(ctx, "longer_policies.h5", lambda f: replace_strings(
        f, "policy", strings(f, "policy") + ["extra_a", "extra_b"]))
    code, out, err = ctx.run("compare", path)
    expect_error(code, err, EXIT_BAD_INPUT, str(path), "a damaged results file", "has shape",
                 "policy 5", out=out)
    path = damaged_copy(ctx, "longer_scenarios.h5", lambda f: replace_strings(
        f, "scenario", strings(f, "scenario") + ["extra"]))
    code, out, err = ctx.run("compare", path)
    expect_error(code, err, EXIT_BAD_INPUT, str(path), "a damaged results file", out=out)


@case("bad/compare_by_state_more_columns_than_states", fixture="requires")
def fewer_states(ctx):
    # Before: a segmentation fault (exit 139).
    path = damaged_copy(ctx, "fewer_states.h5", lambda f: replace_strings(
        f, "state", strings(f, "state")[:30]))
    code, out, err = ctx.run("compare", path, "--by-state")
    expect_error(code, err, EXIT_BAD_INPUT, str(path), "a damaged results file", "has shape",
                 "state 30", out=out)


def _delete(name):
    def edit(f):
        del f[name]
    return edit


def _retype_version(f):
    del f.attrs["results_format_version"]
    f.attrs["results_format_version"] = "2"


def _outcome_of_wrong_shape(f):
    del f["outcomes/extension_requests"]
    f.create_dataset("outcomes/extension_requests", data=[1, 2, 3])


# Damaged results files, and what the message must say (each also names the file).
DAMAGED = {
    "version_of_another_type.h5": (_retype_version, "results_format_version is not a single integer"),
    "statistic_deleted.h5": (_delete("comparison/completed_by_2030/mean"),
                             "no /comparison/completed_by_2030/mean"),
    "comparison_deleted.h5": (_delete("comparison"), "an incomplete vtfsim results file"),
    "outcome_of_wrong_shape.h5": (_outcome_of_wrong_shape,
                                  "/outcomes/extension_requests has 1 dimensions, not 3"),
}


@case("bad/damaged_results_files", fixture="requires")
def damaged_files(ctx):
    # Before: exit 1 with an HDF5 message, exit 0 with a wrong table, or a Python traceback.
    scripts = ctx.source / "scripts"
    directory = ctx.dir / "results_dir.h5"
    directory.mkdir()
    cases = {directory: "is a directory"}
    for name, (edit, text) in DAMAGED.items():
        cases[damaged_copy(ctx, name, edit)] = text
    for path, text in cases.items():
        # info describes an unfinished file too (what it has); compare needs /comparison.
        commands = [["compare", path]] + ([] if "incomplete" in text else [["info", path]])
        for command in commands:
            code, out, err = ctx.run(*command)
            expect_error(code, err, EXIT_BAD_INPUT, str(path), text, out=out)
            check("HDF5-DIAG" not in err and "time =" not in err, f"an HDF5 dump: {err!r}")
        for script, output in (("plots.py", ["-o", ctx.dir / "figures"]),
                               ("report.py", ["-o", ctx.dir / "report.html"])):
            p = subprocess.run([sys.executable, scripts / script, path, *map(str, output)],
                               capture_output=True, text=True)
            lines = [line for line in p.stderr.splitlines() if line.strip()]
            check(p.returncode == EXIT_BAD_INPUT, f"{script} {path.name}: exit {p.returncode}, "
                  f"expected 2: {p.stderr[-600:]!r}")
            check(len(lines) == 1 and "Traceback" not in p.stderr and str(path) in lines[0]
                  and (text in lines[0] or "a directory" in lines[0]),
                  f"{script} {path.name}: one line naming the file and {text!r}: {p.stderr!r}")
