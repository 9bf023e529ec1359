"""What the scale-out test drivers share: running vtfsim, checking exit codes and messages, and
comparing results files bit for bit (compare_results.py)."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import compare_results


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Runner:
    """Runs one executable in a scratch directory and records every command for failure reports."""

    def __init__(self, exe, workdir, env=None):
        self.exe = exe
        self.workdir = workdir
        self.env = dict(os.environ, **(env or {}))

    def run(self, args, expect=0, env=None, prefix=(), timeout=300, **popen):
        cmd = [*prefix, self.exe, *args]
        started = time.monotonic()
        p = subprocess.run(cmd, cwd=self.workdir, env=dict(self.env, **(env or {})),
                           capture_output=True, text=True, timeout=timeout, **popen)
        seconds = time.monotonic() - started
        print(f"  $ {' '.join(cmd)}  -> {p.returncode} ({seconds:.1f} s)", flush=True)
        if expect is not None and p.returncode != expect:
            raise Failure(f"exit code {p.returncode}, expected {expect}: {' '.join(cmd)}\n"
                          f"--- stderr:\n{p.stderr[-3000:]}")
        return p

    def start(self, args, env=None, prefix=(), **popen):
        """Starts vtfsim in the background; stderr is read line by line by the caller."""
        cmd = [*prefix, self.exe, *args]
        print(f"  $ {' '.join(cmd)} &", flush=True)
        return subprocess.Popen(cmd, cwd=self.workdir, env=dict(self.env, **(env or {})),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                **popen)

    def path(self, name):
        return os.path.join(self.workdir, name)


def wait_for_line(proc, predicate, timeout=120):
    """Reads the process's stderr until a line satisfies `predicate`; returns that line and what
    was read. Fails if the process ends first."""
    seen = []
    deadline = time.monotonic() + timeout
    for line in proc.stderr:
        seen.append(line)
        if predicate(line):
            return line, seen
        if time.monotonic() > deadline:
            break
    proc.kill()
    proc.wait()
    raise Failure("the line awaited never came; the process printed:\n" + "".join(seen[-40:]))


def kill_and_reap(proc, sig=signal.SIGKILL):
    proc.send_signal(sig)
    rest = proc.stderr.read()
    proc.wait(timeout=120)
    return rest


def same_results(a, b, ignore=()):
    problems = compare_results.compare(a, b, set(ignore), [])
    check(not problems, f"{a} and {b} differ:\n  " + "\n  ".join(problems[:20]))


def different_results(a, b):
    """The comparison must be able to fail: files of different runs are told apart."""
    check(compare_results.compare(a, b, set(), []), f"{a} and {b} should differ but compare equal")


def expect_error(runner, args, *fragments, code=2, **kw):
    p = runner.run(args, expect=code, **kw)
    for f in fragments:
        check(f in p.stderr, f"message lacks '{f}':\n{p.stderr[-2000:]}")
    return p


def main(tests, argv):
    """Runs each test function in a fresh scratch directory: test(workdir, *argv); with
    VTFSIM_SCALE_ONLY=<text>, only those whose name holds the text."""
    only = os.environ.get("VTFSIM_SCALE_ONLY", "")
    tests = [t for t in tests if only in t.__name__]
    failed = 0
    for test in tests:
        workdir = tempfile.mkdtemp(prefix="vtfsim_scale_")
        print(f"{test.__name__}: {test.__doc__.strip().splitlines()[0]}", flush=True)
        started = time.monotonic()
        try:
            test(workdir, *argv)
            print(f"  ok ({time.monotonic() - started:.1f} s)", flush=True)
        except Exception:  # noqa: BLE001  every failure is reported, then the next test runs
            failed += 1
            print("  FAILED:\n" + traceback.format_exc(), flush=True)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(tests) - failed} of {len(tests)} passed")
    return 1 if failed else 0


def exit_with(code):
    sys.stdout.flush()
    sys.exit(code)
