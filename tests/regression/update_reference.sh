#!/usr/bin/env bash
# Regenerates tests/regression/reference.h5 from reference.toml with a built vtfsim. Only for a
# change of numbers that is intended: explain it in the commit, and commit the new reference in
# that same commit (README.md).
#
#   tests/regression/update_reference.sh [VTFSIM]     # default: build/vtfsim
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vtfsim=${1:-$here/../../build/vtfsim}
/usr/bin/python3 "$here/reference.py" update --vtfsim "$vtfsim"
