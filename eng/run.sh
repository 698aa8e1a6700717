#!/usr/bin/env bash
# The run command: the whole mesh on its embedded defaults, on this machine, with one command.
#
#   ./eng/run.sh            start RabbitMQ and PostgreSQL (eng/infra.sh), build, start the Entra emulator and the five
#                           services (logs in .run/logs), play the sample, print where everyone stands; Ctrl-C stops
#   ./eng/run.sh --no-sample   the same without the sample
#   ./eng/run.sh stop       stop what an earlier run started (RabbitMQ and PostgreSQL keep running: eng/infra.sh down)
#   ./eng/run.sh status     what runs
#
# Re-running is safe: services left by an earlier run are stopped first; the database keeps its state, so the sample
# played again finds nothing new to send (that is the point). Secrets are generated into .run/secrets.json.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
LAUNCHER="$ROOT/eng/EntraMesh.Launcher/bin/Release/net10.0/EntraMesh.Launcher.dll"

case "${1:-start}" in
  stop|status)
    [ -f "$LAUNCHER" ] || { echo "[run] nothing was started from this checkout"; exit 0; }
    exec dotnet "$LAUNCHER" "$1" ;;
  start|--no-sample) ;;
  *) echo "usage: eng/run.sh [start] [--no-sample] | stop | status" >&2; exit 2 ;;
esac

eng/infra.sh up
eval "$(eng/infra.sh env)"
echo "[run] building (Release)"
dotnet build eng/EntraMesh.Launcher/EntraMesh.Launcher.csproj -c Release -nologo -clp:ErrorsOnly -v:q
args=(start)
for argument in "$@"; do [ "$argument" = "--no-sample" ] && args+=(--no-sample); done
exec dotnet "$LAUNCHER" "${args[@]}"
