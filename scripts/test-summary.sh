#!/usr/bin/env bash
# Sums what every test runner of `make test` reported (dotnet test's totals, node's test runner's
# counts) into one closing line, so a reader or CI sees the whole run's count in one place. A suite
# that cannot run here says so on a line of its own, `SKIP <suite>: <reason>`, counted as one skipped.
set -euo pipefail
dir=${1:?usage: test-summary.sh LOG_DIR}
read -r passed failed skipped < <(awk '
  /^ *Passed: *[0-9]+ *$/  { p += $2 }
  /^ *Failed: *[0-9]+ *$/  { f += $2 }
  /^ *Skipped: *[0-9]+ *$/ { s += $2 }
  /^# pass [0-9]+$/        { p += $3 }
  /^# fail [0-9]+$/        { f += $3 }
  /^# skipped [0-9]+$/     { s += $3 }
  /^SKIP [^ :]+: /         { s += 1 }
  END { print p + 0, f + 0, s + 0 }' "$dir"/*.log)
echo "total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
