#!/usr/bin/env bash
# The test command: brings RabbitMQ and PostgreSQL up (eng/infra.sh), builds the solution, runs every test project
# against them, and prints a last line "N passed, N failed". Exits non-zero when anything failed.
#
#   eng/test.sh                      everything
#   eng/test.sh --filter Outbox      extra arguments go to `dotnet test`
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RESULTS="$ROOT/artifacts/test-results"
CONFIGURATION=${CONFIGURATION:-Debug}

summary() { echo "$1 passed, $2 failed"; }

if ! eng/infra.sh up; then
  echo "infrastructure did not start" >&2
  summary 0 1; exit 1
fi
eval "$(eng/infra.sh env)"

if ! dotnet build EntraMesh.sln -c "$CONFIGURATION" -nologo -clp:ErrorsOnly; then
  echo "build failed" >&2
  summary 0 1; exit 1
fi

rm -rf "$RESULTS"
dotnet test EntraMesh.sln -c "$CONFIGURATION" --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" "$@"
status=$?

# Count from the TRX files (one per test project): passed, and everything that did not pass or was not run.
read -r passed failed < <(python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        failed += 1; continue
    c = {k: int(v) for k, v in counters.attrib.items() if v.isdigit()}
    passed += c.get("passed", 0)
    failed += sum(c.get(k, 0) for k in ("failed", "error", "timeout", "aborted", "notExecuted"))
print(passed, failed)
PY
)
passed=${passed:-0}; failed=${failed:-0}
# A test host that crashed may leave no counts behind: never report green then.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
summary "$passed" "$failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
