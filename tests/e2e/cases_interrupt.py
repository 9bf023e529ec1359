"""End-to-end cases: SIGINT and SIGTERM part-way: exit code 75, no file under the final name and no
.partial left; the finished work saved in the checkpoint with the command to resume (resuming
itself is tested in tests/scale).
Registered in e2e_support.CASES when e2e.py imports this module."""
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

from e2e_support import (EXIT_INTERRUPTED, case, check, expect_nothing_written)


def interrupted_run(ctx, sig, wait_after_partial, keep_existing=False, expect_saved=True):
    """Starts a long run, sends `sig` `wait_after_partial` seconds after its temporary file
    appears, and checks exit code 75, that nothing is left under the final name (nor a .partial),
    and that the finished work is saved in the checkpoint beside it with the command to resume
    (or, with expect_saved=False, that a signal before any work was finished leaves nothing)."""
    target = ctx.dir / "long.h5"
    partial = Path(f"{target}.partial")
    checkpoint = Path(f"{target}.checkpoint")
    if keep_existing:
        target.write_text("the previous results")
    # quick.toml with many replications: long enough (minutes) never to finish on its own, and
    # small blocks, so that the run stops within a fraction of a second of the signal.
    cmd = [ctx.vtfsim, "run", str(ctx.quick_toml), "-r", "1000000", "-o", str(target)]
    if keep_existing:
        cmd.append("--force")
    print("$ " + " ".join(cmd))
    # The run reports each finished block (VTFSIM_TEST_PROGRESS), so that a case expecting saved
    # work signals only once there is some: a fixed wait failed on a loaded machine.
    env = dict(os.environ, VTFSIM_TEST_PROGRESS="1")
    p = subprocess.Popen(cmd, cwd=ctx.dir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, env=env)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(p.stderr), daemon=True)
    reader.start()

    def finished_some():
        return any(re.match(r"vtfsim: test progress [1-9]", line) for line in list(lines))

    try:
        deadline = time.monotonic() + 120
        while not partial.exists() or (expect_saved and not finished_some()):
            check(p.poll() is None, f"the run ended early with exit code {p.returncode}")
            check(time.monotonic() < deadline, "no temporary file or finished block within 120 s")
            time.sleep(0.001)
        check(not target.exists() or keep_existing, "the final file exists during the run")
        time.sleep(wait_after_partial)
        check(p.poll() is None, "the run ended before the signal")
        p.send_signal(sig)
        sent = time.monotonic()
        p.wait(timeout=60)
        took = time.monotonic() - sent
        reader.join(timeout=10)
        err = "".join(line for line in lines if not line.startswith("vtfsim: test progress"))
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    print(f"  -> exit {p.returncode} {took:.2f} s after the signal\n  stderr: {err.strip()[-2000:]}")
    check(p.returncode == EXIT_INTERRUPTED,
          f"exit code {p.returncode}, expected {EXIT_INTERRUPTED}")
    check(not partial.exists(), "the .partial file was left behind")
    if keep_existing:
        check(target.read_text() == "the previous results", "the existing file was changed")
    else:
        check(not target.exists(), "a file was left under the final name")
    before = ["long.h5"] if keep_existing else []
    saved = "replications are saved in" in err
    check(saved or not expect_saved, f"the finished work should be saved: {err[-500:]!r}")
    if saved:
        check(str(checkpoint.name) in err and "--resume" in err,
              "stderr should name the checkpoint and the command to resume")
        segments = list(checkpoint.glob("*.h5"))
        check(segments, f"no saved segment in {checkpoint}")
        expect_nothing_written(ctx.dir, before + ["long.h5.checkpoint"] +
                               [f"long.h5.checkpoint/{s.name}" for s in segments])
    else:
        check("interrupted before any replication was saved" in err, "stderr should say so")
        expect_nothing_written(ctx.dir, before)


@case("interrupt/sigint_part_way")
def sigint_part_way(ctx):
    interrupted_run(ctx, signal.SIGINT, 1.0)


@case("interrupt/sigterm_part_way")
def sigterm_part_way(ctx):
    interrupted_run(ctx, signal.SIGTERM, 1.0)


@case("interrupt/sigint_while_file_is_created")
def sigint_at_creation(ctx):
    # The signal lands as the results file is being laid out, usually before the first block
    # is finished (nothing to keep), else just after (kept).
    interrupted_run(ctx, signal.SIGINT, 0.0, expect_saved=False)


@case("interrupt/sigterm_keeps_existing_file_with_force")
def sigterm_force(ctx):
    interrupted_run(ctx, signal.SIGTERM, 0.5, keep_existing=True)
