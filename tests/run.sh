#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the suite needs when it is missing, then `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dotnet >/dev/null 2>&1 || { echo "the .NET 10 SDK is required (https://dot.net)"; exit 1; }
# Debian packages the suite needs are added to need_apt here as the suite grows (browsers, database servers).
# PostgreSQL 15: the engine's runtime tests run on it too, each test run on a throwaway cluster of its own (tests/Shared/PostgresCluster.cs).
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing: ${need_apt[*]} (install them, or run as root on Debian to have this script do it)"; exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Workflow.sln --nologo "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line for the whole solution, summed over the test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
