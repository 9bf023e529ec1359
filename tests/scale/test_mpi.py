#!/usr/bin/python3
"""MPI runs, end to end (Open MPI, as root with the environment of shared/notes/toolchain.md):
`mpirun -n 1`, `-n 2` and `-n 3 --oversubscribe`, hybrid ranks with threads, a shard run by
ranks, and an MPI run interrupted by SIGTERM and resumed with another number of ranks all give
the file of a single process, bit for bit. The executable built without MPI refuses to run as one
of several tasks.

    test_mpi.py VTFSIM_MPI VTFSIM SOURCE_DIR
"""
import os
import re
import signal
import sys

from scale_support import (Runner, check, exit_with, kill_and_reap, main, same_results,
                           wait_for_line)

MPIRUN = ["mpirun", "--oversubscribe"]
STUDY = ["-r", "30"]  # the default study (every scenario and policy), few replications


def require_mpi_build(vtfsim_mpi):
    check(os.path.isfile(vtfsim_mpi),
          f"{vtfsim_mpi} is missing: scripts/test.sh builds it (or scripts/setup.sh --mpi "
          "--build-dir build-mpi)")


def test_ranks_equal_a_single_process(workdir, vtfsim_mpi, vtfsim, source):
    """mpirun -n 1, 2 and 3 (and 2 hybrid ranks of 2 threads) equal a single process."""
    require_mpi_build(vtfsim_mpi)
    r = Runner(vtfsim_mpi, workdir)
    r.run(["run", *STUDY, "-o", "single.h5", "-q"])
    # The serial build writes the same results (its git_commit may differ if built apart).
    Runner(vtfsim, workdir).run(["run", *STUDY, "-o", "serial.h5", "-q"])
    same_results(r.path("single.h5"), r.path("serial.h5"), ignore=["git_commit"])
    for n, extra in ((1, []), (2, ["-t", "1"]), (3, ["-t", "1"])):
        p = r.run(["run", *STUDY, *extra, "-o", f"ranks{n}.h5"], prefix=[*MPIRUN, "-n", str(n)])
        if n > 1:
            check(f"{n} MPI ranks" in p.stderr, "the run says it has ranks:\n" + p.stderr[-800:])
        check(p.stdout.count("Fund vs no fund") == 1, "only rank 0 prints the table")
        same_results(r.path("single.h5"), r.path(f"ranks{n}.h5"))
    # Hybrid: unbound ranks, so TBB in each sees every core.
    r.run(["run", *STUDY, "-t", "2", "-o", "hybrid.h5", "-q"],
          prefix=[*MPIRUN, "--bind-to", "none", "-n", "2"])
    same_results(r.path("single.h5"), r.path("hybrid.h5"))


def test_shard_run_by_ranks(workdir, vtfsim_mpi, vtfsim, source):
    """A shard run by 3 ranks equals the shard run by one process, merge state included."""
    require_mpi_build(vtfsim_mpi)
    r = Runner(vtfsim_mpi, workdir)
    r.run(["run", *STUDY, "--shard", "2/3", "-o", "one.h5", "-q"])
    r.run(["run", *STUDY, "--shard", "2/3", "-t", "1", "-o", "three.h5", "-q"],
          prefix=[*MPIRUN, "-n", "3"])
    same_results(r.path("one.h5"), r.path("three.h5"))


def test_interrupted_and_resumed(workdir, vtfsim_mpi, vtfsim, source):
    """SIGTERM to mpirun saves every rank's finished blocks; 3 ranks resume what 2 started."""
    require_mpi_build(vtfsim_mpi)
    r = Runner(vtfsim_mpi, workdir)
    quick = os.path.join(source, "scenarios", "quick.toml")
    args = ["run", quick, "-r", "2000", "-t", "1", "-o", "run.h5"]
    r.run(args[:6] + ["-o", "reference.h5", "-q"])
    proc = r.start(args + ["--block-size", "10", "--checkpoint-every", "0"],
                   prefix=[*MPIRUN, "-n", "2"])
    wait_for_line(proc, lambda s: re.search(r"saved \((\d+) of", s) and
                  int(re.search(r"saved \((\d+) of", s).group(1)) >= 200)
    check(proc.poll() is None, "the run ended before the signal")
    rest = kill_and_reap(proc, signal.SIGTERM)
    m = re.search(r"interrupted: (\d+) of 2000 replications are saved", rest)
    check(m is not None, "rank 0 reports what is saved:\n" + rest[-2000:])
    check(not os.path.exists(r.path("run.h5")), "no results file after an interruption")
    print(f"  SIGTERM: {m.group(1)} of 2000 saved", flush=True)
    p = r.run(args + ["--resume"], prefix=[*MPIRUN, "-n", "3"])
    check("resuming:" in p.stderr, p.stderr[-1000:])
    same_results(r.path("reference.h5"), r.path("run.h5"))


def test_errors_under_mpirun(workdir, vtfsim_mpi, vtfsim, source):
    """A bad input under mpirun gives one message and exit code 2; a serial build refuses."""
    require_mpi_build(vtfsim_mpi)
    r = Runner(vtfsim_mpi, workdir)
    p = r.run(["run", "missing.toml", "-o", "x.h5"], expect=None, prefix=[*MPIRUN, "-n", "2"])
    check(p.returncode == 2, f"exit code {p.returncode}, not 2")
    check(p.stderr.count("missing.toml") == 1, "one message, from rank 0:\n" + p.stderr)
    r.run(["run", *STUDY, "-o", "taken.h5", "-q"])
    p = r.run(["run", *STUDY, "-o", "taken.h5"], expect=None, prefix=[*MPIRUN, "-n", "2"])
    check(p.returncode == 2 and p.stderr.count("already exists") == 1, p.stderr)

    serial = Runner(vtfsim, workdir)
    p = serial.run(["run", *STUDY, "-o", "serial.h5"], expect=None, prefix=[*MPIRUN, "-n", "2"])
    check(p.returncode != 0 and "built without MPI" in p.stderr, p.stderr[-1500:])
    check(not os.path.exists(r.path("serial.h5")), "nothing written")


if __name__ == "__main__":
    exit_with(main([test_ranks_equal_a_single_process, test_shard_run_by_ranks,
                    test_interrupted_and_resumed, test_errors_under_mpirun], sys.argv[1:]))
