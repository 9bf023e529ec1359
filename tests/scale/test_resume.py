#!/usr/bin/python3
"""Runs that are killed and resumed, end to end: a run killed with SIGKILL early, in the middle,
during the final write and just after it, then run again with --resume, gives the same file as
an uninterrupted run; SIGTERM and SIGINT save what is finished and exit with code 75; a resume
that does not match the command, a damaged or truncated checkpoint segment and a full disk each
give a clear message and a non-zero exit code, and the finished work stays on disk.

    test_resume.py VTFSIM SOURCE_DIR
"""
import glob
import os
import re
import resource
import signal
import sys
import time

import h5py

from scale_support import (Failure, Runner, check, exit_with, expect_error, kill_and_reap, main,
                           same_results, wait_for_line)

# Long enough to be killed mid-way on one thread (about 1 s), with a checkpoint after every block
# of 10 replications, so every kill point below is reached deterministically.
REPS = 600


def base_args(source, out="run.h5", reps=REPS):
    return ["run", os.path.join(source, "scenarios", "quick.toml"), "-r", str(reps), "-t", "1",
            "-o", out]


CHECKPOINTED = ["--block-size", "10", "--checkpoint-every", "0"]
SAVED = re.compile(r"checkpoint: replications \d+-\d+ saved \((\d+) of (\d+)")
SEGMENT = re.compile(r"replications_(\d+)-(\d+)\.h5$")


def saved_count(line):
    m = SAVED.search(line)
    return int(m.group(1)) if m else -1


def segments(runner, out="run.h5"):
    return sorted(glob.glob(runner.path(out + ".checkpoint/replications_*.h5")))


def replications_in(paths):
    total = 0
    for p in paths:
        first, end = SEGMENT.search(p).groups()
        total += int(end) - int(first)
    return total


def reference(runner, source):
    runner.run(base_args(source, "reference.h5") + ["-q"])
    return runner.path("reference.h5")


def resume_and_compare(runner, source, ref, out="run.h5", restored=True):
    p = runner.run(base_args(source, out) + ["--resume"])
    if restored:
        check("resuming:" in p.stderr, "the resumed run says what it restored:\n" + p.stderr)
    same_results(ref, runner.path(out))
    check(not os.path.exists(runner.path(out + ".checkpoint")), "the checkpoint is removed")
    check(not os.path.exists(runner.path(out + ".partial")), "no partial file is left")
    return p


def test_sigkill_early_and_middle(workdir, vtfsim, source):
    """SIGKILL after the first checkpoint, and mid-run, then --resume: the same file."""
    r = Runner(vtfsim, workdir)
    ref = reference(r, source)
    for label, at_least in (("early", 1), ("middle", REPS // 2)):
        proc = r.start(base_args(source) + CHECKPOINTED)
        line, _ = wait_for_line(proc, lambda s, n=at_least: saved_count(s) >= n)
        check(proc.poll() is None, f"{label}: the run ended before it could be killed")
        kill_and_reap(proc)
        check(proc.returncode == -signal.SIGKILL, f"{label}: not killed: {proc.returncode}")
        check(not os.path.exists(r.path("run.h5")), "a killed run leaves no results file")
        done = replications_in(segments(r))
        check(saved_count(line) <= done < REPS, f"{label}: {done} saved after '{line.strip()}'")
        print(f"  killed {label}: {done} of {REPS} replications were saved", flush=True)
        # Without --resume the finished work is not thrown away.
        expect_error(r, base_args(source), "run.h5.checkpoint", "--resume", "--force")
        check(replications_in(segments(r)) == done, "a refused run keeps the checkpoint")
        p = resume_and_compare(r, source, ref)
        check(f"{done} of {REPS} replications restored" in p.stderr, p.stderr)
        os.remove(r.path("run.h5"))


def test_sigkill_during_the_final_write(workdir, vtfsim, source):
    """SIGKILL while the results file is being finished, and just after its rename."""
    r = Runner(vtfsim, workdir)
    ref = reference(r, source)
    proc = r.start(base_args(source) + CHECKPOINTED, env={"VTFSIM_TEST_HOLD": "final-write"})
    wait_for_line(proc, lambda s: "test hold at final-write" in s)
    # While it runs, a second run with the same output is refused and harms nothing.
    expect_error(r, base_args(source) + ["--resume"], "another vtfsim is writing", "run.h5 (pid")
    kill_and_reap(proc)
    check(os.path.exists(r.path("run.h5.partial")) and not os.path.exists(r.path("run.h5")),
          "killed during the final write: only the partial file")
    check(len(segments(r)) == REPS // 10, "every block was saved before the final write")
    p = resume_and_compare(r, source, ref)
    check("replications in" in p.stderr or "wrote" in p.stderr, p.stderr)

    os.remove(r.path("run.h5"))
    proc = r.start(base_args(source) + CHECKPOINTED, env={"VTFSIM_TEST_HOLD": "after-rename"})
    wait_for_line(proc, lambda s: "test hold at after-rename" in s)
    kill_and_reap(proc)
    check(os.path.exists(r.path("run.h5")) and os.path.exists(r.path("run.h5.checkpoint")),
          "killed after the rename: the file and the checkpoint")
    p = r.run(base_args(source) + ["--resume"])
    check("already complete" in p.stderr and "Fund vs no fund" in p.stdout, p.stderr)
    check(not os.path.exists(r.path("run.h5.checkpoint")), "the stale checkpoint is removed")
    same_results(ref, r.path("run.h5"))


def test_sigterm_and_sigint(workdir, vtfsim, source):
    """SIGTERM and SIGINT save what is finished, say how to resume and exit with code 75."""
    r = Runner(vtfsim, workdir)
    ref = reference(r, source)
    for sig, args in ((signal.SIGTERM, CHECKPOINTED), (signal.SIGINT, ["--block-size", "10"])):
        proc = r.start(base_args(source) + args)
        if args is CHECKPOINTED:
            wait_for_line(proc, lambda s: saved_count(s) >= 50)
        else:
            # The default interval (60 s) never comes: only the signal saves anything. The run
            # takes about 1 s; 0.3 s after it starts simulating, some blocks are done.
            wait_for_line(proc, lambda s: s.startswith("calibration:"))
            time.sleep(0.3)
        check(proc.poll() is None, "the run ended before the signal")
        rest = kill_and_reap(proc, sig)
        check(proc.returncode == 75, f"{sig.name}: exit code {proc.returncode}, not 75\n{rest}")
        check("--resume" in rest and "run.h5.checkpoint" in rest, f"{sig.name}: message:\n{rest}")
        m = re.search(r"interrupted: (\d+) of (\d+) replications are saved", rest)
        check(m and 0 < int(m.group(1)) < REPS, f"{sig.name}: what was saved:\n{rest}")
        check(replications_in(segments(r)) == int(m.group(1)), "the segments hold what was said")
        check(not os.path.exists(r.path("run.h5")) and not os.path.exists(r.path("run.h5.partial")),
              "an interrupted run leaves no results file")
        print(f"  {sig.name}: {m.group(1)} of {REPS} saved, exit code 75", flush=True)
        resume_and_compare(r, source, ref)
        os.remove(r.path("run.h5"))


def test_resume_must_match_the_command(workdir, vtfsim, source):
    """A checkpoint of another command is refused, naming the difference, and kept."""
    r = Runner(vtfsim, workdir)
    ref = reference(r, source)
    proc = r.start(base_args(source) + CHECKPOINTED)
    wait_for_line(proc, lambda s: saved_count(s) >= 100)
    kill_and_reap(proc)
    kept = segments(r)
    expect_error(r, base_args(source) + ["--resume", "--seed", "99"], "seed", "99", "--force")
    expect_error(r, base_args(source, reps=700) + ["--resume"], "replications 600")
    expect_error(r, ["run", "-r", str(REPS), "-o", "run.h5", "--resume"], "scenario text")
    expect_error(r, base_args(source) + ["--resume", "--shard", "1/2"], "shard")
    check(segments(r) == kept, "refused resumes keep the checkpoint")
    # --force starts over instead.
    r.run(base_args(source) + ["--force", "-q"])
    same_results(ref, r.path("run.h5"))
    check(not os.path.exists(r.path("run.h5.checkpoint")), "checkpoint removed")
    # --resume with nothing to resume runs the whole study.
    os.remove(r.path("run.h5"))
    p = resume_and_compare(r, source, ref, restored=False)
    check("nothing to resume" in p.stderr, p.stderr)


def corrupt_a_chunk(path):
    """Flips bytes inside the first data chunk of an outcome dataset of a segment."""
    with h5py.File(path, "r") as f:
        info = f["outcomes/area_released_km2"].id.get_chunk_info(0)
    with open(path, "r+b") as f:
        f.seek(info.byte_offset + 8)
        f.write(b"\xff\x00\xff\x00\xff\x00\xff\x00")


def test_damaged_segments(workdir, vtfsim, source):
    """A damaged or truncated segment, or damaged statistics, are named and refused, the
    checkpoint kept; --force starts over."""
    r = Runner(vtfsim, workdir)
    ref = reference(r, source)
    proc = r.start(base_args(source) + CHECKPOINTED)
    wait_for_line(proc, lambda s: saved_count(s) >= 200)
    kill_and_reap(proc)
    kept = segments(r)
    check(len(kept) >= 20, "segments were saved")

    corrupt_a_chunk(kept[3])
    p = expect_error(r, base_args(source) + ["--resume"], os.path.basename(kept[3]),
                     "statistics include its replications", "--force")
    check(segments(r) == kept, "the checkpoint is kept")
    check(not os.path.exists(r.path("run.h5")), "no results file")
    print("  damaged chunk: " + p.stderr.strip().splitlines()[-1][:160], flush=True)

    with open(kept[5], "r+b") as f:
        f.truncate(os.path.getsize(kept[5]) // 2)
    expect_error(r, base_args(source) + ["--resume"], os.path.basename(kept[5]), "unreadable")
    os.remove(kept[5])
    expect_error(r, base_args(source) + ["--resume"], os.path.basename(kept[5]), "missing",
                 "--force")
    statistics = r.path("run.h5.checkpoint/statistics.h5")
    with open(statistics, "r+b") as f:
        f.truncate(os.path.getsize(statistics) // 2)
    expect_error(r, base_args(source) + ["--resume"], "statistics.h5", "unreadable", "--force")
    check(segments(r) == kept[:5] + kept[6:], "the checkpoint is kept")

    r.run(base_args(source) + ["--force", "-q"])
    same_results(ref, r.path("run.h5"))
    check(not os.path.exists(r.path("run.h5.checkpoint")), "the checkpoint is removed")


def test_segment_saved_before_its_statistics(workdir, vtfsim, source):
    """Killed between a segment's rename and the statistics that cover it: that segment is not
    part of the checkpoint; the resume simulates it again and gives the same file."""
    r = Runner(vtfsim, workdir)
    ref = reference(r, source)
    proc = r.start(base_args(source) + CHECKPOINTED, env={"VTFSIM_TEST_HOLD": "segment-saved"})
    wait_for_line(proc, lambda s: "test hold at segment-saved" in s)
    kill_and_reap(proc)
    check(len(segments(r)) == 1, f"one segment: {segments(r)}")
    check(not os.path.exists(r.path("run.h5.checkpoint/statistics.h5")), "no statistics yet")
    p = resume_and_compare(r, source, ref, restored=False)
    check("10 replications saved after the checkpoint's last statistics are simulated again"
          in p.stderr, p.stderr)


def test_checkpoint_grows_by_outcomes_only(workdir, vtfsim, source):
    """However many saves, the checkpoint holds one set of statistics: the segments hold
    outcomes only, and all segments of one size are the same size on disk."""
    r = Runner(vtfsim, workdir)
    proc = r.start(base_args(source) + CHECKPOINTED)
    wait_for_line(proc, lambda s: saved_count(s) >= 300)
    kill_and_reap(proc)
    kept = segments(r)
    for path in kept:
        with h5py.File(path, "r") as f:
            check("merge_state" not in f and "accumulators" not in f,
                  f"{path} holds statistics")
    sizes = {os.path.getsize(p) for p in kept if replications_in([p]) == 10}
    check(len(sizes) == 1, f"segments of 10 replications differ in size: {sorted(sizes)}")
    statistics = os.path.getsize(r.path("run.h5.checkpoint/statistics.h5"))
    names = sorted(os.listdir(r.path("run.h5.checkpoint")))
    check(names == sorted([os.path.basename(p) for p in kept] + ["statistics.h5"]),
          f"the checkpoint holds segments and one statistics file: {names}")
    print(f"  {len(kept)} saves: segments {sizes.pop()} bytes each, statistics {statistics} "
          f"bytes once", flush=True)


def test_full_disk(workdir, vtfsim, source):
    """A full disk fails the run (exit 1) with the finished work saved; --resume finishes it."""
    r = Runner(vtfsim, workdir)
    ref = reference(r, source)

    def small_disk(limit):
        def limit_file_size():
            # Writes past the limit fail with EFBIG, as on a full disk (SIGXFSZ ignored).
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        return limit_file_size

    # Segments (265 kB) and the statistics (at most 460 kB) fit; the results file (over 700 kB)
    # does not. It fails when its first row of compressed chunks is written, near the end of
    # the run: what the message says is saved must be what the checkpoint's segments hold.
    p = r.run(base_args(source) + CHECKPOINTED, expect=1, preexec_fn=small_disk(600_000))
    said = re.search(rf"(\d+) of {REPS} replications are saved", p.stderr)
    check("--resume" in p.stderr and said is not None and int(said.group(1)) > 0,
          "the failure says what is saved and how to resume:\n" + p.stderr[-1500:])
    check(int(said.group(1)) == replications_in(segments(r)),
          f"the failure says {said.group(1)} are saved; the segments hold "
          f"{replications_in(segments(r))}")
    check(not os.path.exists(r.path("run.h5")) and not os.path.exists(r.path("run.h5.partial")),
          "no results file after a failure")
    print("  " + [s for s in p.stderr.splitlines() if "failed" in s][0][:160], flush=True)
    resume_and_compare(r, source, ref)
    os.remove(r.path("run.h5"))

    # Nothing fits: nothing is saved, and the message does not promise a resume.
    p = r.run(base_args(source) + CHECKPOINTED, expect=1, preexec_fn=small_disk(20_000))
    check("failed" in p.stderr and "are saved" not in p.stderr, p.stderr[-1500:])
    check(not os.path.exists(r.path("run.h5.checkpoint")), "an empty checkpoint is removed")


if __name__ == "__main__":
    try:
        exit_with(main([test_sigkill_early_and_middle, test_sigkill_during_the_final_write,
                        test_sigterm_and_sigint, test_resume_must_match_the_command,
                        test_damaged_segments, test_segment_saved_before_its_statistics,
                        test_checkpoint_grows_by_outcomes_only, test_full_disk], sys.argv[1:]))
    except Failure as e:
        print(e)
        exit_with(1)
