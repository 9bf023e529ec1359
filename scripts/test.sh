#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test (ctest).
# Usage: scripts/test.sh [extra ctest arguments, e.g. -R unit]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
# The MPI executable (its own tree: HDF5 flavours cannot mix) and Slurm, for tests/scale.
"$here/scripts/setup.sh" --mpi --slurm --build-dir "$here/build-mpi" --target vtfsim
cd "$here/build"
ctest --output-on-failure -j "$(nproc)" "$@"
