"""End-to-end cases: checkpoints that keep their promise, and outputs that are protected.
- interrupt/kill_trial: the default study (46 scenarios, small blocks) at --checkpoint-every 0.2,
  killed with SIGKILL twice and resumed: each time the checkpoint holds everything finished up to
  an interval, a save and a block before the kill, and the resumed file's datasets equal an
  uninterrupted run's.
- bad/output_is_an_input_*: run -o onto its scenario file, merge -o onto a shard (also through a
  symbolic or hard link, with --force): refused, the file unchanged.
- bad/concurrent_writers_*: a second writer of one output is refused at once (exit 2, one line)
  while the first completes; a writer killed before its rename leaves nothing under the name.
Registered in e2e_support.CASES when e2e.py imports this module."""
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

from e2e_support import (EXIT_BAD_INPUT, EXIT_OK, case, check, expect_error)

INTERVAL = 0.2  # --checkpoint-every of the kill trial
REPS = 36
KILL_AT = [12, 24]  # replications finished (restored ones included) when each kill is sent


class Watched:
    """A vtfsim run whose stderr is read as it comes, with VTFSIM_TEST_PROGRESS: the times at
    which each count of finished replications was reported."""

    def __init__(self, ctx, args, env_extra=None):
        env = dict(os.environ, VTFSIM_TEST_PROGRESS="1", **(env_extra or {}))
        cmd = [ctx.vtfsim, *map(str, args)]
        print("$ " + " ".join(cmd))
        self.p = subprocess.Popen(cmd, cwd=ctx.dir, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True, env=env)
        self.progress = []  # (monotonic time, replications finished)
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.p.stderr:
            self.lines.append(line)
            m = re.match(r"vtfsim: test progress (\d+)", line)
            if m:
                self.progress.append((time.monotonic(), int(m.group(1))))

    def wait_for_finished(self, count, timeout=120):
        deadline = time.monotonic() + timeout
        while not self.progress or self.progress[-1][1] < count:
            check(self.p.poll() is None, f"the run ended early: {''.join(self.lines)[-800:]}")
            check(time.monotonic() < deadline, f"{count} replications not finished in time")
            time.sleep(0.005)

    def allowance(self):
        """What a kill may cost, in seconds: the interval, plus the save under way and the block
        being simulated, each at most the longest gap seen between two finished blocks (a gap
        holds a block, and a save when one came between), plus scheduling slack. The stretched
        interval this replaces lost nearly the whole run, far outside it."""
        times = [t for t, _ in self.progress]
        gap = max((b - a for a, b in zip(times, times[1:])), default=0.0)
        return INTERVAL + 2 * gap + 0.25

    def kill(self):
        self.p.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        self.p.wait()
        self.reader.join(timeout=10)
        return killed

    def finished_before(self, moment):
        return max([n for t, n in self.progress if t <= moment], default=0)


def saved_replications(checkpoint):
    """Replications a resume takes in: those of the segments the statistics list (a segment
    renamed after them, by a kill between the two renames, runs again)."""
    import h5py
    statistics = checkpoint / "statistics.h5"
    if not statistics.exists():
        return 0
    with h5py.File(statistics, "r") as f:
        listed = {(int(a), int(n)) for a, n in f["segments"][()]}
    total = 0
    for seg in checkpoint.glob("replications_*.h5"):
        a, b = map(int, re.match(r"replications_(\d+)-(\d+)\.h5", seg.name).groups())
        if (a, b - a) in listed:
            total += b - a
    return total


def checkpoint_bytes(checkpoint):
    """(bytes of the segments, bytes of the statistics, kept once)."""
    segments = sum(p.stat().st_size for p in checkpoint.glob("replications_*.h5"))
    other = sum(p.stat().st_size for p in checkpoint.glob("statistics.h5"))
    return segments, other


def datasets(path):
    import h5py
    import numpy as np
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                found[name] = np.asarray(obj[()])
        f.visititems(visit)
    return found


def expect_same_datasets(a, b):
    da, db = datasets(a), datasets(b)
    check(sorted(da) == sorted(db), f"datasets differ: {sorted(set(da) ^ set(db))}")
    for name in da:
        x, y = da[name], db[name]
        same = x.shape == y.shape and (x.tobytes() == y.tobytes() if x.dtype.kind != "O"
                                       else list(x.ravel()) == list(y.ravel()))
        check(same, f"{name} differs between the resumed and the uninterrupted run")
    print(f"  {len(da)} datasets bit-identical")


@case("interrupt/kill_trial")
def kill_trial(ctx):
    study = ctx.source / "scenarios" / "working_group.toml"
    out = ctx.dir / "killed.h5"
    checkpoint = Path(f"{out}.checkpoint")
    base = ["run", study, "-r", REPS, "-o", out, "--checkpoint-every", INTERVAL]
    for i, count in enumerate(KILL_AT):
        w = Watched(ctx, base + (["--resume"] if i else []))
        w.wait_for_finished(count)
        killed = w.kill()
        saved = saved_replications(checkpoint)
        finished = w.progress[-1][1]
        allowed = w.allowance()
        promised = w.finished_before(killed - allowed)
        segment_bytes, other_bytes = checkpoint_bytes(checkpoint)
        print(f"  kill {i + 1}: {finished} replications finished, {saved} saved, "
              f"{promised} finished {allowed:.2f} s before the kill; checkpoint: segments "
              f"{segment_bytes / 1e6:.1f} MB, statistics {other_bytes / 1e6:.1f} MB")
        names = sorted(p.name for p in checkpoint.iterdir()  # .tmp: being written at the kill
                       if not p.name.startswith("replications_") and p.suffix != ".tmp")
        check(names == ["statistics.h5"], f"the checkpoint holds more than one set of "
              f"statistics: {names}")
        check(saved >= promised, f"kill {i + 1}: only {saved} replications saved, but {promised} "
              f"were finished {allowed:.2f} s before the kill ({finished} at the kill)")
        check(saved <= finished, f"kill {i + 1}: {saved} saved but only {finished} finished")
        check(not out.exists(), "a file was left under the final name")
    code, _, err = ctx.run(*base, "--resume", "--quiet")
    check(code == EXIT_OK, f"resume: exit code {code}")
    check(not checkpoint.exists(), "the checkpoint should be removed once the file is in place")
    reference = ctx.dir / "uninterrupted.h5"
    code, _, _ = ctx.run("run", study, "-r", REPS, "-o", reference, "--quiet")
    check(code == EXIT_OK, f"uninterrupted run: exit code {code}")
    expect_same_datasets(out, reference)


def shards(ctx):
    for k in (1, 2):
        code, _, _ = ctx.run("run", ctx.quick_toml, "-r", "6", "--shard", f"{k}/2", "-o",
                             ctx.dir / f"s{k}.h5", "--quiet")
        check(code == EXIT_OK, f"shard {k}: exit code {code}")
    return ctx.dir / "s1.h5", ctx.dir / "s2.h5"


@case("bad/output_is_an_input_run")
def run_onto_scenario_file(ctx):
    scenario = ctx.dir / "q.toml"
    scenario.write_bytes(ctx.quick_toml.read_bytes())
    (ctx.dir / "link.h5").symlink_to("q.toml")
    os.link(scenario, ctx.dir / "hard.h5")
    before = scenario.read_bytes()
    for target in ("q.toml", "link.h5", "hard.h5"):
        for extra in ([], ["--force"], ["--force", "--resume"]):
            code, out, err = ctx.run("run", "q.toml", "-r", "2", "-o", target, *extra)
            expect_error(code, err, EXIT_BAD_INPUT, "is the scenario file", "q.toml",
                         "even with --force", out=out)
    check(scenario.read_bytes() == before, "the scenario file was changed")
    check(sorted(p.name for p in ctx.dir.iterdir()) == ["hard.h5", "link.h5", "q.toml"],
          f"files appeared: {sorted(p.name for p in ctx.dir.iterdir())}")


@case("bad/output_is_an_input_merge")
def merge_onto_shard(ctx):
    s1, s2 = shards(ctx)
    (ctx.dir / "link.h5").symlink_to("s2.h5")
    before = {p: p.read_bytes() for p in (s1, s2)}
    for target in ("s1.h5", "s2.h5", "link.h5"):
        code, out, err = ctx.run("merge", s1, s2, "-o", target, "--force")
        expect_error(code, err, EXIT_BAD_INPUT, "is the shard", "even with --force", out=out)
    for p, data in before.items():
        check(p.read_bytes() == data, f"{p.name} was changed")
    check(sorted(p.name for p in ctx.dir.iterdir()) == ["link.h5", "s1.h5", "s2.h5"],
          f"files appeared: {sorted(p.name for p in ctx.dir.iterdir())}")


def wait_for_line(w, text, timeout=120):
    deadline = time.monotonic() + timeout
    while not any(text in line for line in w.lines):
        check(w.p.poll() is None, f"the first writer ended early: {''.join(w.lines)[-800:]}")
        check(time.monotonic() < deadline, f"no {text!r} on stderr in time")
        time.sleep(0.01)


@case("bad/concurrent_writers_run")
def concurrent_runs(ctx):
    out = ctx.dir / "one.h5"
    first = Watched(ctx, ["run", ctx.quick_toml, "-r", "1500", "-o", out])
    wait_for_line(first, "test progress")
    code, o, err = ctx.run("run", ctx.quick_toml, "-r", "2", "-o", out, "--force")
    expect_error(code, err, EXIT_BAD_INPUT, "another vtfsim is writing", "one.h5",
                 f"pid {first.p.pid}", "choose another -o", out=o)
    check(first.p.wait(timeout=240) == EXIT_OK, "the first run should complete")
    first.reader.join(timeout=10)
    check(out.is_file(), "the first run's file is missing")
    check(sorted(p.name for p in ctx.dir.iterdir()) == ["one.h5"],
          f"files left: {sorted(p.name for p in ctx.dir.iterdir())}")


@case("bad/concurrent_writers_merge")
def concurrent_merges(ctx):
    s1, s2 = shards(ctx)
    out = ctx.dir / "m.h5"
    # The first merge is stopped just before its file is complete, holding the output.
    first = Watched(ctx, ["merge", s1, s2, "-o", out], {"VTFSIM_TEST_HOLD": "final-write"})
    wait_for_line(first, "test hold at final-write")
    code, o, err = ctx.run("merge", s1, s2, "-o", out, "--force")
    expect_error(code, err, EXIT_BAD_INPUT, "another vtfsim is writing", "m.h5",
                 f"pid {first.p.pid}", out=o)
    first.kill()
    check(not out.exists(), "a file was left under the final name by the stopped writer")
    # The stopped writer's lock ends with it: the output can be written again.
    code, _, err = ctx.run("merge", s1, s2, "-o", out)
    check(code == EXIT_OK, f"a merge after the stopped one: exit code {code}")
    check(out.is_file(), "no merged file")
