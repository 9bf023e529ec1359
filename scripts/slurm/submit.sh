#!/bin/bash
# Submits a vtfsim study to Slurm in one line:
#   scripts/slurm/submit.sh SCENARIO.toml SHARDS [sbatch options]       a job array of SHARDS shards
#                                                                       and a dependent merge job
#   scripts/slurm/submit.sh --mpi SCENARIO.toml RANKS [sbatch options]  one MPI job of RANKS ranks
# SCENARIO may be "default" for the built-in study (scenarios/working_group.toml). The result is
# OUTDIR/NAME.h5, NAME being the scenario file's name without .toml. Environment: OUTDIR (default
# ./output), VTFSIM (default build/vtfsim, or build-mpi/vtfsim with --mpi, in this repository),
# VTFSIM_ARGS (more `vtfsim run` options, e.g. "-r 5000 --seed 7"). sbatch options given after the
# count (e.g. --partition=long --time=2:00:00 --cpus-per-task=8) apply to every job.
# Prints the job ids. Running the same line again after a pre-emption or a failure resumes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
mpi=0
if [ "${1:-}" = --mpi ]; then mpi=1; shift; fi
[ $# -ge 2 ] || usage
scenario=$1 count=$2
shift 2
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: '$count' is not a positive count" >&2; exit 2; }
if [ "$scenario" = default ]; then
  scenario_path="" name=working_group
else
  [ -f "$scenario" ] || { echo "submit.sh: no scenario file '$scenario'" >&2; exit 2; }
  scenario_path=$(cd "$(dirname "$scenario")" && pwd)/$(basename "$scenario")
  name=$(basename "$scenario" .toml)
fi
outdir=${OUTDIR:-$PWD/output}
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
common="ALL,SCENARIO=$scenario_path,NAME=$name,OUTDIR=$outdir,VTFSIM_ARGS=${VTFSIM_ARGS:-}"
if [ "$mpi" = 1 ]; then
  vtfsim=${VTFSIM:-$repo/build-mpi/vtfsim}
  job=$(sbatch --parsable --ntasks="$count" --export="$common,VTFSIM=$vtfsim" "$@" \
    "$repo/scripts/slurm/mpi.sbatch")
  echo "submitted MPI job ${job%%;*} ($count ranks): $outdir/$name.h5"
else
  vtfsim=${VTFSIM:-$repo/build/vtfsim}
  array=$(sbatch --parsable --array="1-$count" --export="$common,SHARDS=$count,VTFSIM=$vtfsim" \
    "$@" "$repo/scripts/slurm/shards.sbatch")
  array=${array%%;*}
  merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --export="$common,SHARDS=$count,VTFSIM=$vtfsim" "$@" "$repo/scripts/slurm/merge.sbatch")
  echo "submitted shard array $array ($count tasks) and merge job ${merge%%;*}: $outdir/$name.h5"
fi
