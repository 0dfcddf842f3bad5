#!/usr/bin/env bash
# Times the tasks analysts run, not only the engine: each command's wall-clock time, CPU time
# and peak memory, on the bundled scenarios, with the release build. The figures go into
# benches/README.md ("User tasks"). Run from the repository root:
#
#   scripts/bench_tasks.sh            # every task (about five minutes on two cores)
#   scripts/bench_tasks.sh quick      # the shorter ones only
#
# `sweep ukraine --tornado` is left out: it sizes the whole force for the scenario and at both ends of each of its
# 18 parameters (37 sizings of `ukraine`, about six minutes). Peak memory needs GNU time (/usr/bin/time); without it only the times are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/airpolicing"

tasks=(
  "run ukraine -n 1000"
  "size ukraine --mix"
  "size ukraine --mix -n 400 --sequential"
  "sweep baltic --tornado"
  "sweep ukraine --set violations.rate_per_day=4,6,8,12 --size"
  "sweep ukraine --set violations.rate_per_day=4,6,8,12 --size --sequential"
)
if [[ "${1:-}" != quick ]]; then
  tasks+=(
    "size ukraine --mix -n 1000 --sequential"
  )
fi

printf '%-62s %10s %10s %10s\n' "task" "wall, s" "CPU, s" "peak, MB"
for t in "${tasks[@]}"; do
  # shellcheck disable=SC2086
  if [[ -x /usr/bin/time ]]; then
    out=$( { /usr/bin/time -f '%e %U %S %M' "$bin" $t -q > /dev/null; } 2>&1 | tail -1)
    read -r wall user sys kb <<< "$out"
    awk -v t="$t" -v w="$wall" -v u="$user" -v s="$sys" -v k="$kb" \
      'BEGIN { printf "%-62s %10.1f %10.1f %10.1f\n", t, w, u + s, k / 1024 }'
  else
    start=$(date +%s.%N)
    "$bin" $t -q > /dev/null
    awk -v t="$t" -v a="$start" -v b="$(date +%s.%N)" \
      'BEGIN { printf "%-62s %10.1f %10s %10s\n", t, b - a, "—", "—" }'
  fi
done
