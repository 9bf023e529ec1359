"""End-to-end cases: every bad input of INTERFACE.md: exit code 2 (1 for an unwritable output), one
message naming the file, the line and the key (and the closest valid key for a typo), nothing
written. The scenario files are tests/e2e/bad/*.toml; each says in its header what the message
must say.
Registered in e2e_support.CASES when e2e.py imports this module."""
import os
import re
import shutil
from pathlib import Path

from e2e_support import (
    BAD_DIR, EXIT_BAD_INPUT, EXIT_FAILURE, case, check, expect_error, expect_nothing_written)


def bad_file_expectations(path):
    """The '# expect-...:' lines of a bad scenario file's header."""
    want = {"line": None, "key": None, "text": []}
    for line in path.read_text().splitlines():
        m = re.match(r"#\s*expect-(line|key|text):\s*(.*?)\s*$", line)
        if m:
            if m.group(1) == "text":
                want["text"].append(m.group(2))
            else:
                want[m.group(1)] = m.group(2)
    check(want["line"] is not None and want["text"], f"{path.name}: no expect-line/expect-text")
    return want


def expect_bad_scenario(ctx, scenario, parts):
    """validate and run (default output and -o) both refuse `scenario` and write nothing."""
    code, out, err = ctx.run("validate", scenario)
    expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)
    code, out, err = ctx.run("run", scenario)  # default output: output/<name>.h5 under ctx.dir
    expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)
    expect_nothing_written(ctx.dir)
    code, out, err = ctx.run("run", scenario, "-o", ctx.dir / "out.h5")
    expect_error(code, err, EXIT_BAD_INPUT, *parts, out=out)
    expect_nothing_written(ctx.dir)


def make_bad_file_case(path):
    @case(f"bad/{path.stem}")
    def bad_file(ctx):
        want = bad_file_expectations(path)
        parts = [f"{path}:{want['line']}:"] + want["text"]
        if want["key"]:
            parts.append(f"key '{want['key']}'")
        expect_bad_scenario(ctx, path, parts)


for _p in sorted(BAD_DIR.glob("*.toml")):
    make_bad_file_case(_p)


@case("bad/missing_scenario_file")
def missing_file(ctx):
    path = ctx.dir / "no_such_study.toml"
    expect_bad_scenario(ctx, path, [str(path), "cannot read the scenario file",
                                    "No such file or directory"])


@case("bad/scenario_file_is_a_directory")
def directory_file(ctx):
    sub = ctx.dir / "study.toml"
    sub.mkdir()
    code, out, err = ctx.run("run", sub, "-o", ctx.dir / "out.h5")
    expect_error(code, err, EXIT_BAD_INPUT, str(sub), "is a directory", out=out)
    expect_nothing_written(ctx.dir, ["study.toml"])


@case("bad/unreadable_scenario_file")
def unreadable_file(ctx):
    # Tests run as root, whom permission bits do not stop: /proc/self/mem opens but every read
    # at offset 0 fails (EIO), a real read error. As another user, a mode-000 file is tried too.
    expect_bad_scenario(ctx, "/proc/self/mem", ["/proc/self/mem", "cannot read the scenario file"])
    if os.geteuid() != 0:
        locked = ctx.work_root / "locked.toml"
        locked.write_text("[study]\n")
        locked.chmod(0)
        expect_bad_scenario(ctx, locked, [str(locked), "cannot read", "Permission denied"])


@case("bad/invalid_utf8")
def invalid_utf8(ctx):
    path = ctx.work_root / "invalid_utf8.toml"
    path.write_bytes(b"[study]\ntitle = \"caf\xe9\"\n")
    expect_bad_scenario(ctx, path, [f"{path}:2:", "TOML syntax error", "utf-8"])


@case("bad/existing_output_without_force")
def existing_output(ctx):
    target = ctx.dir / "quick.h5"
    target.write_text("results the user wants to keep")
    before = target.stat().st_mtime_ns
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_BAD_INPUT, str(target), "already exists", "--force", out=out)
    check(target.read_text() == "results the user wants to keep", "the file was changed")
    check(target.stat().st_mtime_ns == before, "the file was touched")
    expect_nothing_written(ctx.dir, ["quick.h5"])


@case("bad/output_path_is_a_directory")
def output_directory(ctx):
    (ctx.dir / "out").mkdir()
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", ctx.dir / "out")
    expect_error(code, err, EXIT_BAD_INPUT, str(ctx.dir / "out"), "is a directory", out=out)
    expect_nothing_written(ctx.dir, ["out"])


@case("bad/unwritable_output_under_a_file")
def unwritable_under_file(ctx):
    # A path under a regular file cannot be created, even by root (ENOTDIR).
    (ctx.dir / "plain").write_text("a file, not a directory")
    target = ctx.dir / "plain" / "quick.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_FAILURE, str(target), "Not a directory", out=out)
    expect_nothing_written(ctx.dir, ["plain"])


@case("bad/unwritable_output_read_only_filesystem")
def unwritable_proc(ctx):
    # /proc accepts no new files, even from root.
    target = Path("/proc") / f"vtfsim_e2e_{os.getpid()}.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_FAILURE, str(target), "cannot write", out=out)
    check(not target.exists() and not Path(f"{target}.partial").exists(), "a file appeared")


@case("bad/output_directory_missing")
def missing_output_dir(ctx):
    target = ctx.dir / "no_such_dir" / "quick.h5"
    code, out, err = ctx.run("run", ctx.quick_toml, "-o", target)
    expect_error(code, err, EXIT_FAILURE, str(target), "does not exist", out=out)
    expect_nothing_written(ctx.dir)


@case("bad/zero_replications_option")
def zero_replications_option(ctx):
    code, out, err = ctx.run("run", ctx.quick_toml, "-r", "0", "-o", ctx.dir / "out.h5")
    check(code == EXIT_BAD_INPUT, f"exit code {code}")
    check("--replications" in err and "0" in err, f"message: {err!r}")
    expect_nothing_written(ctx.dir)


@case("bad/shard_out_of_range")
def bad_shard(ctx):
    code, out, err = ctx.run("run", ctx.quick_toml, "--shard", "3/2", "-o", ctx.dir / "out.h5")
    expect_error(code, err, EXIT_BAD_INPUT, "--shard '3/2'", "1 <= K <= N", out=out)
    expect_nothing_written(ctx.dir)


@case("bad/unknown_option")
def unknown_option(ctx):
    code, out, err = ctx.run("run", ctx.quick_toml, "--replicatons", "5")
    check(code == EXIT_BAD_INPUT, f"exit code {code}")
    check("--replicatons" in err, f"the message should name the option: {err!r}")
    expect_nothing_written(ctx.dir)


@case("bad/compare_unknown_policy", fixture="requires")
def compare_unknown_policy(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--policy", "annual_usd=5m")
    expect_error(code, err, EXIT_BAD_INPUT, 'no fund policy named "annual_usd=5m"',
                 'did you mean "annual_usd=5M"?', out=out)


@case("bad/compare_unknown_scenario", fixture="requires")
def compare_unknown_scenario(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--scenario", "declning")
    expect_error(code, err, EXIT_BAD_INPUT, 'no scenario named "declning"',
                 'did you mean "declining"?', out=out)


@case("bad/compare_unknown_outcome", fixture="requires")
def compare_unknown_outcome(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--outcome", "completed_by_2031")
    expect_error(code, err, EXIT_BAD_INPUT, "unknown outcome 'completed_by_2031'",
                 "did you mean 'completed_by_2030'?", out=out)


@case("bad/compare_unknown_format", fixture="requires")
def compare_unknown_format(ctx):
    code, out, err = ctx.run("compare", ctx.quick_h5, "--format", "xml")
    check(code == EXIT_BAD_INPUT, f"exit code {code}")
    check("--format" in err and "xml" in err, f"message: {err!r}")


@case("bad/compare_not_an_hdf5_file")
def compare_not_hdf5(ctx):
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, ctx.quick_toml)
        expect_error(code, err, EXIT_BAD_INPUT, str(ctx.quick_toml), "HDF5", out=out)


@case("bad/compare_missing_file")
def compare_missing(ctx):
    path = ctx.dir / "missing.h5"
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, path)
        expect_error(code, err, EXIT_BAD_INPUT, str(path), out=out)
    expect_nothing_written(ctx.dir)


@case("bad/results_file_of_another_program")
def foreign_hdf5(ctx):
    import h5py
    path = ctx.dir / "other.h5"
    with h5py.File(path, "w") as f:
        f["x"] = [1, 2, 3]
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, path)
        expect_error(code, err, EXIT_BAD_INPUT, str(path), "not a vtfsim results file", out=out)


@case("bad/results_format_version_mismatch", fixture="requires")
def version_mismatch(ctx):
    import h5py
    path = ctx.dir / "future.h5"
    shutil.copy(ctx.quick_h5, path)
    with h5py.File(path, "r+") as f:
        f.attrs["results_format_version"] = 99
    for command in ("compare", "info"):
        code, out, err = ctx.run(command, path)
        expect_error(code, err, EXIT_BAD_INPUT, str(path), "results format version 99", out=out)
