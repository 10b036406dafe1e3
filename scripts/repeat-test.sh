#!/usr/bin/env bash
# Runs vitest on the given test files <n> times in a row and counts the passes; stops at nothing.
#   scripts/repeat-test.sh <n> <file>...            e.g. scripts/repeat-test.sh 20 designer/inbox/InboxPage.test.tsx
#   LOAD=2 scripts/repeat-test.sh 20 <file>...      the same beside two busy `yes > /dev/null` processes
# Prints one line a run, then "<passed>/<n> passed" and the load average; exits non-zero if any run failed.
set -u
if [ "$#" -lt 2 ]; then
  echo "usage: $0 <n> <test file>..." >&2
  exit 2
fi
runs=$1
shift
load_pids=()
for _ in $(seq 1 "${LOAD:-0}"); do
  yes >/dev/null &
  load_pids+=("$!")
done
stop_load() { for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done; }
trap stop_load EXIT
passed=0
log=$(mktemp)
for i in $(seq 1 "$runs"); do
  if npx vitest run "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i: passed"
  else
    echo "run $i: FAILED"
    grep -E "FAIL|✗|×|AssertionError|Error:" "$log" | head -20
  fi
done
rm -f "$log"
echo "$passed/$runs passed; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$passed" -eq "$runs" ]
