#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the suite needs when it is missing, then `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dotnet >/dev/null 2>&1 || { echo "the .NET 10 SDK is required (https://dot.net)"; exit 1; }
# Debian packages the suite needs are added to need_apt here as the suite grows (browsers, database servers).
# faketime: the second pass runs the suite with the machine clock a year ahead, so no test depends on today's date.
command -v faketime >/dev/null 2>&1 || need_apt+=(faketime)
# PostgreSQL 15: the engine's runtime tests run on it too, each test run on a throwaway cluster of its own (tests/Shared/PostgresCluster.cs).
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
# The browser tests (tests/Workflow.EndToEnd.Tests): Debian's Chromium, driven by Playwright, which downloads no browser of
# its own; Noto CJK for Chinese, and HanaMin (fonts-hanazono: CJK Extension B) so that rare characters in names render.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
dpkg -s fonts-hanazono >/dev/null 2>&1 || need_apt+=(fonts-hanazono)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# exceljs 4.4 (npm), an independent .xlsx reader the export tests open every exported workbook with
# (tests/Workflow.Federation.Tests/Export/OtherReadersTests.cs); node and npm come from Debian.
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing: ${need_apt[*]} (install them, or run as root on Debian to have this script do it)"; exit 1
  fi
fi

export WORKFLOW_EXCELJS="${WORKFLOW_EXCELJS:-$HOME/.cache/workflow-exceljs}"
[ -d "$WORKFLOW_EXCELJS/node_modules/exceljs" ] || npm install --prefix "$WORKFLOW_EXCELJS" --no-audit --no-fund --silent exceljs@4.4.0 >/dev/null

log=$(mktemp)
later=$(mktemp)
trap 'rm -f "$log" "$later"' EXIT
status=0
dotnet build Workflow.sln --nologo -v q 2>&1 | tee "$log" || status=$?
[ $status -eq 0 ] && { dotnet test Workflow.sln --nologo --no-build "$@" 2>&1 | tee -a "$log" || status=$?; }
# Tests own their clock; this pass proves it. Built above, not under faketime: MSBuild's worker nodes would spin.
# WORKFLOW_ANY_DAY=0 leaves it out while working on something else.
if [ $status -eq 0 ] && [ "${WORKFLOW_ANY_DAY:-1}" != 0 ]; then
  echo "== the same suite with the machine clock moved 400 days ahead =="
  # libfaketime preloaded directly, not through the faketime wrapper: the wrapper waits for every process that shares its
  # clock, so a test database server left running would hold the suite forever.
  libfaketime=$(ls /usr/lib/*/faketime/libfaketime.so.1 | head -1)
  LD_PRELOAD="$libfaketime" FAKETIME="+400d" dotnet test Workflow.sln --nologo --no-build -m:1 "$@" 2>&1 | tee "$later" || status=$?
fi
# One plain closing line per pass, summed over the test projects.
summary() {
  local passed failed skipped
  passed=$(grep -Eo 'Passed: +[0-9]+' "$1" | awk '{s+=$2} END {print s+0}')
  failed=$(grep -Eo 'Failed: +[0-9]+' "$1" | awk '{s+=$2} END {print s+0}')
  skipped=$(grep -Eo 'Skipped: +[0-9]+' "$1" | awk '{s+=$2} END {print s+0}')
  echo "$passed passed, $failed failed, $skipped skipped"
}
echo "tests: $(summary "$log")"
[ -s "$later" ] && echo "tests, clock 400 days ahead: $(summary "$later")"
exit $status
