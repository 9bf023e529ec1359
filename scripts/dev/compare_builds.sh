#!/usr/bin/env bash
# Proves that a refactor changed no number: runs two vtfsim executables on the same studies and
# compares what they write and print. Every dataset, trajectory, attribute and comparison of the
# results files must be the same bits (tests/scale/compare_results.py; only the provenance that
# names the build or the moment differs), and the printed tables must be the same text.
#
#   scripts/dev/compare_builds.sh OLD_VTFSIM NEW_VTFSIM [WORK_DIR]
#
# Studies: the built-in default study and scenarios/quick.toml; then `compare` in its three
# formats, `compare --by-state`, `--sensitivity`, `--demand`, `--robustness` and `--baseline`,
# `size-fund` on quick.toml, `gap`, `info`, and every command's --help.
# Exit 0 if everything agrees, 1 with the differences otherwise.
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/../.." && pwd)
compare=("/usr/bin/python3" "$here/tests/scale/compare_results.py")
mkdir -p "$work/old" "$work/new"
status=0

# The text a command prints, with the file paths and timings that legitimately differ removed.
normalise() { sed -E -e "s#$work/(old|new)#WORK#g" -e 's/[0-9.]+ ?(s|ms|min)\b/T/g' \
  -e 's/[0-9]+ per second/N per second/g'; }

run_both() {  # name, then the arguments (OUT stands for each side's results file)
  local name=$1
  shift
  for side in old new; do
    local exe=$old
    [ "$side" = new ] && exe=$new
    local args=("${@//OUT/$work/$side/}")
    (cd "$here" && "$exe" "${args[@]}") >"$work/$side/$name.out" 2>/dev/null || true
  done
  if ! diff <(normalise <"$work/old/$name.out") <(normalise <"$work/new/$name.out") \
    >"$work/$name.diff"; then
    echo "DIFFERENT: $name (printed output; see $work/$name.diff)"
    status=1
  else
    echo "same:      $name (printed output)"
  fi
}

same_file() {
  if "${compare[@]}" "$work/old/$1" "$work/new/$1" --ignore git_commit >"$work/$1.cmp" 2>&1; then
    echo "same:      $1 (every dataset and attribute)"
  else
    echo "DIFFERENT: $1"
    cat "$work/$1.cmp"
    status=1
  fi
}

run_both run_default run -q -o OUTworking_group.h5 --force
same_file working_group.h5
run_both run_quick run scenarios/quick.toml -q -o OUTquick.h5 --force
same_file quick.h5
for f in working_group quick; do
  run_both "compare_$f" compare OUT$f.h5
  run_both "compare_${f}_csv" compare OUT$f.h5 --format csv
  run_both "compare_${f}_json" compare OUT$f.h5 --format json
  run_both "compare_${f}_by_state" compare OUT$f.h5 --by-state
done
run_both compare_sensitivity compare OUTworking_group.h5 --sensitivity
run_both size_fund size-fund scenarios/quick.toml --target 'completed_by_2030 >= 1' -q
run_both compare_demand compare OUTworking_group.h5 --demand
run_both compare_robustness compare OUTworking_group.h5 --robustness \
  --target 'gain:completed_by_2030 >= 1'
run_both compare_baseline compare OUTworking_group.h5 --baseline annual_usd=10M --format csv
run_both compare_state compare OUTquick.h5 --by-state --format csv --state Peru
run_both gap gap --format csv
run_both info_parameters info --parameters
run_both info_states info --states
for c in "" run merge validate info compare size-fund gap upgrade; do
  run_both "help_${c:-main}" $c --help
done
run_both validate validate scenarios/working_group.toml
exit $status
