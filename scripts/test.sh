#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test (ctest).
# Usage: scripts/test.sh [extra ctest arguments, e.g. -R unit]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
# The MPI executable (its own tree: HDF5 flavours cannot mix) and Slurm, for tests/scale.
"$here/scripts/setup.sh" --mpi --slurm --build-dir "$here/build-mpi" --target vtfsim

# The report tests (tests/plots) open the report in a headless browser: Debian's chromium,
# needed by the tests only, so installed here and not by setup.sh.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
  echo "test.sh: installing chromium (the report tests open the report in a headless browser)"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  apt_get=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  "${apt_get[@]}" update -q
  "${apt_get[@]}" install -y -q --no-install-recommends chromium
fi
cd "$here/build"
ctest --output-on-failure -j "$(nproc)" "$@"
