#!/bin/bash
# The Slurm job scripts, run for real: starts a single-node Slurm (munged, slurmctld and slurmd,
# listening on 127.0.0.1 only, all state in a temporary directory, free ports), submits the shard
# array with its dependent merge job and an MPI job through scripts/slurm/submit.sh, waits for
# them, and checks both results against a single-process run; then cancels a shard array mid-run
# (as a pre-emption does), submits the same line again and checks that it resumed and that the
# result is still the single-process one. Every daemon it started is stopped
# by PID on the way out, whatever happened. If the daemons cannot start the test FAILS (it never
# skips): the Slurm scripts must be tested in CI.
#   slurm_test.sh SOURCE_DIR VTFSIM VTFSIM_MPI
set -euo pipefail
src=$1 vtfsim=$2 vtfsim_mpi=$3
python=/usr/bin/python3
compare="$src/tests/scale/compare_results.py"

fail() {
  echo "slurm_test: FAIL: $*" >&2
  exit 1
}
for tool in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo srun; do
  command -v "$tool" >/dev/null ||
    fail "$tool not found: install munge slurmctld slurmd slurm-client (scripts/test.sh does)"
done
[ -x "$vtfsim" ] || fail "no executable $vtfsim"
[ -x "$vtfsim_mpi" ] || fail "no MPI executable $vtfsim_mpi (scripts/test.sh builds build-mpi/)"

S=$(mktemp -d /tmp/vtfsim-slurm.XXXXXX)
chmod 755 "$S"
stop_daemons() {
  local status=$?
  export SLURM_CONF="$S/slurm.conf"
  if [ -f "$S/slurmctld.pid" ] && [ "$status" != 0 ]; then
    scancel --quiet --user="$(id -un)" 2>/dev/null || true
    sleep 1
  fi
  for f in "$S/slurmd.pid" "$S/slurmctld.pid" "$S/munge-run/munged.pid"; do
    [ -f "$f" ] || continue
    local pid
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "slurm_test: $f ($pid) did not stop on SIGTERM; killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ "$status" != 0 ]; then
    for log in "$S"/log/*.log "$S"/work/*.out; do
      [ -f "$log" ] && { echo "----- $log" >&2; tail -n 30 "$log" >&2; }
    done
  fi
  rm -rf "$S"
  exit "$status"
}
trap stop_daemons EXIT
trap 'exit 130' INT TERM

# --- start: the tested recipe of shared/notes/toolchain.md section 4, on free ports -----------
mkdir -p "$S"/{munge,munge-run,state,spool,log,work}
chmod 700 "$S/munge"
chmod 755 "$S/munge-run"  # munged: the socket directory must be o+x and not o+w
mungekey -c -k "$S/munge/munge.key"
munged --key-file="$S/munge/munge.key" --socket="$S/munge-run/munge.socket" \
  --pid-file="$S/munge-run/munged.pid" --log-file="$S/log/munged.log" \
  --seed-file="$S/munge/munged.seed" || fail "munged did not start"
read -r ctld_port slurmd_port < <($python -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
host=$(hostname -s)
node=$(slurmd -C | head -1 | sed 's/ RealMemory=.*//')
cat >"$S/slurm.conf" <<CONF
ClusterName=vtfsimtest
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$S/munge-run/munge.socket
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=pmix
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MailProg=/bin/true
MaxArraySize=10001
MinJobAge=600
${node} NodeAddr=127.0.0.1 RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$S/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 1 120); do
  [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break
  sleep 0.25
done
[ "$(sinfo -h -o %T 2>/dev/null)" = idle ] || fail "the Slurm node did not become idle: $(sinfo 2>&1)"
echo "slurm_test: single-node Slurm up on 127.0.0.1:$ctld_port/$slurmd_port (state in $S)"

# --- the jobs ----------------------------------------------------------------------------------
cd "$S/work"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
scenario="$src/scenarios/quick.toml"
export VTFSIM_ARGS="-r 60"
# References from a single process of each build (the file records the build's git commit).
"$vtfsim" run "$scenario" -r 60 -o reference.h5 -q >/dev/null
"$vtfsim_mpi" run "$scenario" -r 60 -o reference-mpi.h5 -q >/dev/null

OUTDIR="$S/work/output" VTFSIM="$vtfsim" "$src/scripts/slurm/submit.sh" "$scenario" 3 \
  --cpus-per-task=1 | tee submit-array.txt
OUTDIR="$S/work/output-mpi" VTFSIM="$vtfsim_mpi" "$src/scripts/slurm/submit.sh" --mpi \
  "$scenario" 2 --cpus-per-task=1 | tee submit-mpi.txt
read -r array merge < <(sed -E 's/.*array ([0-9]+) .*merge job ([0-9]+).*/\1 \2/' submit-array.txt)
mpi_job=$(sed -E 's/.*MPI job ([0-9]+) .*/\1/' submit-mpi.txt)
[[ "$array $merge $mpi_job" =~ ^[0-9]+\ [0-9]+\ [0-9]+$ ]] || fail "could not read the job ids"

# Polling squeue is faster than sbatch --wait (which polls every 10 s).
for _ in $(seq 1 600); do
  [ -z "$(squeue -h -j "$array,$merge,$mpi_job" -o %i 2>/dev/null)" ] && break
  sleep 0.5
done
[ -z "$(squeue -h -j "$array,$merge,$mpi_job" -o %i)" ] || fail "jobs still queued after 5 min"

for job in "$array" "$merge" "$mpi_job"; do
  echo "slurm_test: job $job: $(scontrol show job "$job" | grep -o 'JobState=[A-Z_]*\|ExitCode=[0-9:]*' |
    tr '\n' ' ')"
done
[ "$(scontrol show job "$array" | grep -c 'JobState=COMPLETED')" = 3 ] ||
  fail "the shard array did not complete: $(scontrol show job "$array" | grep -E 'JobState|ExitCode')"
scontrol show job "$merge" | grep -q 'JobState=COMPLETED' || fail "the merge job did not complete"
scontrol show job "$mpi_job" | grep -q 'JobState=COMPLETED' || fail "the MPI job did not complete"
grep -q "2 MPI ranks" vtfsim-mpi-"$mpi_job".out || fail "the MPI job did not run as 2 ranks"

$python "$compare" reference.h5 output/quick.h5 || fail "merged shards differ from a single run"
$python "$compare" reference-mpi.h5 output-mpi/quick.h5 || fail "the MPI job's file differs"
ls output/quick.shard{1,2,3}of3.h5 >/dev/null || fail "shard files missing"

# --- pre-emption: cancel the array mid-run (Slurm sends SIGTERM), submit the same line again ---
export VTFSIM_ARGS="-r 3000 --block-size 10 --checkpoint-every 0"
"$vtfsim" run "$scenario" -r 3000 -o reference-3000.h5 -q >/dev/null
OUTDIR="$S/work/output-pre" VTFSIM="$vtfsim" "$src/scripts/slurm/submit.sh" "$scenario" 3 \
  --cpus-per-task=1 | tee submit-pre.txt
read -r array merge < <(sed -E 's/.*array ([0-9]+) .*merge job ([0-9]+).*/\1 \2/' submit-pre.txt)
for _ in $(seq 1 600); do
  grep -qs "checkpoint: replications" vtfsim-shard-"$array"_1.out && break
  sleep 0.1
done
grep -qs "checkpoint: replications" vtfsim-shard-"$array"_1.out || fail "shard 1 never saved"
scancel "$array"
for _ in $(seq 1 600); do
  [ -z "$(squeue -h -j "$array,$merge" -o %i 2>/dev/null)" ] && break
  sleep 0.5
done
grep -q "interrupted: .* replications are saved" vtfsim-shard-"$array"_1.out ||
  fail "the cancelled shard did not save its work: $(tail -5 vtfsim-shard-"$array"_1.out)"
[ ! -f output-pre/quick.h5 ] || fail "the merge ran although the array was cancelled"
OUTDIR="$S/work/output-pre" VTFSIM="$vtfsim" "$src/scripts/slurm/submit.sh" "$scenario" 3 \
  --cpus-per-task=1 | tee submit-again.txt
read -r array2 merge2 < <(sed -E 's/.*array ([0-9]+) .*merge job ([0-9]+).*/\1 \2/' submit-again.txt)
for _ in $(seq 1 600); do
  [ -z "$(squeue -h -j "$array2,$merge2" -o %i 2>/dev/null)" ] && break
  sleep 0.5
done
scontrol show job "$merge2" | grep -q 'JobState=COMPLETED' || fail "the second merge did not complete"
grep -q "resuming: [1-9][0-9]* of 1000 replications restored" vtfsim-shard-"$array2"_1.out ||
  fail "shard 1 did not resume: $(grep -v '^  [A-Z]' vtfsim-shard-"$array2"_1.out | tail -5)"
$python "$compare" reference-3000.h5 output-pre/quick.h5 || fail "the resumed study differs"
echo "slurm_test: PASS (job array + afterok merge, MPI job, cancelled and resubmitted array:" \
  "all equal a single-process run)"
