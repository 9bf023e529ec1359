#!/usr/bin/env bash
# Installs what vtfsim needs from Debian 12 packages (only what is missing), then configures and
# builds build/vtfsim. Idempotent: with everything installed it only checks and rebuilds.
# Usage: scripts/setup.sh [--no-build] [--build-dir DIR] [--mpi] [--slurm] [--target TARGET]
#   --mpi     Open MPI and parallel HDF5, and an MPI build (use its own --build-dir, e.g. build-mpi)
#   --slurm   also install Slurm and munge (for the Slurm job scripts' test)
#   --target  build only this target (e.g. vtfsim)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$here/build"
do_build=1
mpi=OFF
slurm=0
target=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) do_build=0 ;;
    --build-dir) build_dir=$2; shift ;;
    --mpi) mpi=ON ;;
    --slurm) slurm=1 ;;
    --target) target=(--target "$2"); shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libtbb-dev libeigen3-dev
  libhdf5-dev hdf5-tools zlib1g-dev
  libcli11-dev catch2 librandom123-dev libtomlplusplus-dev libspdlog-dev libfmt-dev
  python3-h5py python3-matplotlib python3-xarray python3-h5netcdf python3-numpy
)
if [ "$mpi" = ON ]; then packages+=(libopenmpi-dev openmpi-bin libhdf5-openmpi-dev); fi
if [ "$slurm" = 1 ]; then packages+=(munge slurmctld slurmd slurm-client); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${#missing[@]} Debian package(s): ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # Other installs may hold the dpkg lock (several builds on one machine): wait for it.
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
    "${missing[@]}"
fi

[ "$do_build" = 1 ] || exit 0
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DVTFSIM_WITH_MPI=$mpi
fi
cmake --build "$build_dir" -j "$(nproc)" "${target[@]}"
