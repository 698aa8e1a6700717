#!/usr/bin/env bash
# Local infrastructure for EntraMesh development and tests: RabbitMQ (with management UI) and PostgreSQL.
#
#   eng/infra.sh up      start both (idempotent); writes the connection settings to $ENTRAMESH_INFRA_DIR/infra.env
#   eng/infra.sh down    stop what `up` started
#   eng/infra.sh env     print the connection settings as `export` lines:  eval "$(eng/infra.sh env)"
#   eng/infra.sh status  say what runs
#
# up, down and status take an optional component, `postgres` or `rabbitmq`, to act on one of the two. For chaos tests
# (local processes only; never point these at servers other people use):
#   eng/infra.sh restart postgres|rabbitmq    stop one cleanly (PostgreSQL: ENTRAMESH_PG_STOP_MODE, default fast) and start it
#   eng/infra.sh kill postgres|rabbitmq       SIGKILL its server process, as a crash would, and wait until it is gone;
#                                             `up` starts it again (stale lock files of the killed server are removed)
#
# Several instances live side by side with their own ENTRAMESH_INFRA_DIR and ports (the RabbitMQ node is named after its
# AMQP port).
#
# With a Docker engine it runs the root docker-compose.yml (services postgres and rabbitmq). Without one it
# installs Debian's rabbitmq-server/postgresql when missing (as root) and runs them as background processes
# bound to 127.0.0.1, with their data in $ENTRAMESH_INFRA_DIR (default /tmp/entramesh-infra), never in the
# repository. Settings: ENTRAMESH_PG_PORT (5432), ENTRAMESH_AMQP_PORT (5672), ENTRAMESH_RABBITMQ_MGMT_PORT
# (15672), ENTRAMESH_INFRA_MODE (auto|docker|local), ENTRAMESH_PG_DURABLE=1 to keep fsync on,
# ENTRAMESH_RABBITMQ_START_TIMEOUT (120 s; a loaded 2-core machine can take a minute to boot a node).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INFRA_DIR=${ENTRAMESH_INFRA_DIR:-/tmp/entramesh-infra}
PG_PORT=${ENTRAMESH_PG_PORT:-5432}
AMQP_PORT=${ENTRAMESH_AMQP_PORT:-5672}
MGMT_PORT=${ENTRAMESH_RABBITMQ_MGMT_PORT:-15672}
DIST_PORT=$((AMQP_PORT + 20000))
MODE=${ENTRAMESH_INFRA_MODE:-auto}

PG_DATA="$INFRA_DIR/postgres/data"
PG_SOCKETS="$INFRA_DIR/postgres/sockets"
PG_LOG="$INFRA_DIR/postgres/postgres.log"
RMQ_BASE="$INFRA_DIR/rabbitmq"
RMQ_NODE="entramesh-${AMQP_PORT}@localhost"
RMQ_BIN=/usr/lib/rabbitmq/bin

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits (up to 30 s) until process $1 is gone or a zombie and nothing listens on port $2 any more.
wait_gone() {
  local i state
  for i in $(seq 1 300); do
    state=$( [ -r "/proc/$1/stat" ] && awk '{print $3}' "/proc/$1/stat" || echo gone)
    if { [ "$state" = gone ] || [ "$state" = Z ]; } && ! port_open "$2"; then return 0; fi
    sleep 0.1
  done
  return 1
}

docker_available() {
  [ "$MODE" = local ] && return 1
  command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1
}

settings() {
  cat <<SETTINGS
export ConnectionStrings__postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=entramesh"
export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
export ENTRAMESH_POSTGRES_ADMIN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
export ENTRAMESH_RABBITMQ="amqp://guest:guest@127.0.0.1:$AMQP_PORT/entramesh"
export ENTRAMESH_RABBITMQ_MANAGEMENT="http://guest:guest@127.0.0.1:$MGMT_PORT/"
export ENTRAMESH_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
export ENTRAMESH_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
export ENTRAMESH_TEST_RABBITMQ_MANAGEMENT="http://guest:guest@127.0.0.1:$MGMT_PORT/"
SETTINGS
}

write_settings() {
  mkdir -p "$INFRA_DIR"
  settings > "$INFRA_DIR/infra.env"
  log "connection settings written to $INFRA_DIR/infra.env (eval \"\$(eng/infra.sh env)\")"
}

# ---------------------------------------------------------------- PostgreSQL (local process)

pg_bin() {
  local dir
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_ctl" ]; then pg_config --bindir; return; fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && echo "$dir"
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_pid_alive() {
  local pid state
  [ -f "$PG_DATA/postmaster.pid" ] || return 1
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  [ -r "/proc/$pid/stat" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat")
  [ "$state" != Z ]   # a killed server lingers as a zombie; it does not count
}

install_packages() {
  [ "$(id -u)" = 0 ] || die "$* missing and not root: install them (apt-get install rabbitmq-server postgresql) or run as root"
  log "installing $* from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_up() {
  local bin
  bin=$(pg_bin || true)
  if [ -z "$bin" ]; then install_packages postgresql; bin=$(pg_bin); fi
  if pg_pid_alive && port_open "$PG_PORT"; then log "PostgreSQL already running on 127.0.0.1:$PG_PORT"; return; fi
  if [ -f "$PG_DATA/postmaster.pid" ] && ! pg_pid_alive; then
    # A killed server leaves its lock files (data folder and socket) behind; its pid may linger as a zombie.
    log "removing stale PostgreSQL lock files"
    rm -f "$PG_DATA/postmaster.pid" "$PG_SOCKETS/.s.PGSQL.$PG_PORT.lock" "$PG_SOCKETS/.s.PGSQL.$PG_PORT"
  fi
  port_open "$PG_PORT" && die "port $PG_PORT is taken by another process; stop it or set ENTRAMESH_PG_PORT"
  mkdir -p "$PG_SOCKETS" "$PG_DATA"
  chmod 755 "$INFRA_DIR" "$INFRA_DIR/postgres"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$INFRA_DIR/postgres"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initialising PostgreSQL in $PG_DATA"
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local opts="-k $PG_SOCKETS -h 127.0.0.1 -p $PG_PORT -c max_connections=1000 -c shared_buffers=256MB"
  [ "${ENTRAMESH_PG_DURABLE:-0}" = 1 ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_pg "$bin/pg_ctl" -w -t 60 -D "$PG_DATA" -l "$PG_LOG" -o "$opts" start >/dev/null \
    || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start (log: $PG_LOG)"; }
  log "PostgreSQL running on 127.0.0.1:$PG_PORT"
}

pg_down() {
  local bin; bin=$(pg_bin || true)
  if [ -n "$bin" ] && pg_pid_alive; then
    as_pg "$bin/pg_ctl" -w -D "$PG_DATA" -m "${ENTRAMESH_PG_STOP_MODE:-fast}" stop >/dev/null && log "PostgreSQL stopped"
  fi
  if [ -f "$PG_DATA/postmaster.pid" ] && ! pg_pid_alive; then rm -f "$PG_DATA/postmaster.pid"; fi
}

pg_kill() {
  local pid
  pg_pid_alive || { log "PostgreSQL is not running"; return 0; }
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  kill -9 "$pid"
  wait_gone "$pid" "$PG_PORT" || die "PostgreSQL (pid $pid) did not go away after SIGKILL"
  log "PostgreSQL killed (pid $pid)"
}

# ---------------------------------------------------------------- RabbitMQ (local process)

rmq_env() {
  export HOME="$RMQ_BASE/home"
  export RABBITMQ_NODENAME="$RMQ_NODE"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export RABBITMQ_MNESIA_BASE="$RMQ_BASE/mnesia"
  export RABBITMQ_LOG_BASE="$RMQ_BASE/log"
  export RABBITMQ_PID_FILE="$RMQ_BASE/rabbitmq.pid"
  export RABBITMQ_CONFIG_FILE="$RMQ_BASE/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_BASE/enabled_plugins"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_EPMD_ADDRESS=127.0.0.1
  # A node that cannot boot writes erl_crash.dump into the working folder (the repository) unless told otherwise.
  export ERL_CRASH_DUMP="$RMQ_BASE/log/erl_crash.dump"
}

rmq_pid_alive() {
  local pid state
  [ -f "$RMQ_BASE/rabbitmq.pid" ] || return 1
  pid=$(cat "$RMQ_BASE/rabbitmq.pid")
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat")
  [ "$state" != Z ]
}

# A node that did not come up: show why (the tail of its logs), stop whatever of it still runs (it may not have written its
# pid file yet, so by its home folder, which is on the Erlang VM's command line), and fail.
rmq_failed() {
  local file
  for file in "$RABBITMQ_LOG_BASE"/start.out "$RABBITMQ_LOG_BASE"/*.log; do
    [ -s "$file" ] || continue
    printf '[infra] --- %s (last lines)\n' "$file" >&2
    tail -n 15 "$file" >&2
  done
  # The VM's own last word, e.g. {dist_port_already_used,...} when the distribution port was taken.
  if [ -f "$ERL_CRASH_DUMP" ]; then grep -m 1 '^Slogan' "$ERL_CRASH_DUMP" >&2 || true; fi
  pkill -9 -f -- "-home $RMQ_BASE/home " 2>/dev/null || true
  rm -f "$RABBITMQ_PID_FILE"
  die "$1 (logs in $RABBITMQ_LOG_BASE)"
}

rmq_up() {
  [ -x "$RMQ_BIN/rabbitmq-server" ] || install_packages rabbitmq-server
  rmq_env
  if rmq_pid_alive && port_open "$AMQP_PORT"; then log "RabbitMQ already running on 127.0.0.1:$AMQP_PORT"; return; fi
  local p
  for p in "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT"; do
    port_open "$p" && die "port $p is taken by another process; stop it or set ENTRAMESH_AMQP_PORT / ENTRAMESH_RABBITMQ_MGMT_PORT"
  done
  case "$AMQP_PORT $MGMT_PORT $DIST_PORT" in *3567[2-9]*|*3568[0-2]*) die "ports 35672-35682 are used by rabbitmqctl itself; choose others";; esac
  mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  cat > "$RABBITMQ_CONFIG_FILE" <<CONF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
vm_memory_high_watermark.relative = 0.3
disk_free_limit.absolute = 200MB
log.console = false
log.file.level = warning
CONF
  echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  rm -f "$RABBITMQ_PID_FILE"
  local timeout=${ENTRAMESH_RABBITMQ_START_TIMEOUT:-120}
  # From a folder of its own: the node keeps the working folder it was started in, and when that folder goes away (a CI
  # clone removed while the shared node lives on) the node can no longer start helper processes, and its management
  # API answers 500 to every statistics query.
  (cd "$RMQ_BASE" && "$RMQ_BIN/rabbitmq-server" -detached) >"$RABBITMQ_LOG_BASE/start.out" 2>&1 || true
  "$RMQ_BIN/rabbitmqctl" wait --timeout "$timeout" "$RABBITMQ_PID_FILE" >>"$RABBITMQ_LOG_BASE/start.out" 2>&1 \
    || rmq_failed "RabbitMQ did not start within $timeout s"
  "$RMQ_BIN/rabbitmqctl" await_startup --timeout "$timeout" >>"$RABBITMQ_LOG_BASE/start.out" 2>&1 \
    || rmq_failed "RabbitMQ did not finish booting within $timeout s"
  local i; for i in $(seq 1 60); do port_open "$MGMT_PORT" && break; sleep 0.5; done
  log "RabbitMQ running on 127.0.0.1:$AMQP_PORT (management http://127.0.0.1:$MGMT_PORT, guest/guest)"
}

rmq_down() {
  [ -x "$RMQ_BIN/rabbitmqctl" ] || return 0
  rmq_env
  if rmq_pid_alive; then
    "$RMQ_BIN/rabbitmqctl" stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || kill "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null || true
    log "RabbitMQ stopped"
  fi
  rm -f "$RABBITMQ_PID_FILE"
  # epmd outlives the nodes; stop it only when no node is registered any more.
  if command -v epmd >/dev/null 2>&1 && ! epmd -names 2>/dev/null | grep -q '^name '; then epmd -kill >/dev/null 2>&1 || true; fi
}

rmq_kill() {
  local pid
  rmq_env
  rmq_pid_alive || { log "RabbitMQ is not running"; return 0; }
  pid=$(cat "$RABBITMQ_PID_FILE")
  kill -9 "$pid"
  wait_gone "$pid" "$AMQP_PORT" || die "RabbitMQ (pid $pid) did not go away after SIGKILL"
  rm -f "$RABBITMQ_PID_FILE"
  log "RabbitMQ killed (pid $pid)"
}

# ---------------------------------------------------------------- Docker

docker_up() {
  log "Docker engine found: starting postgres and rabbitmq from docker-compose.yml"
  PG_PORT=$PG_PORT AMQP_PORT=$AMQP_PORT MGMT_PORT=$MGMT_PORT \
    docker compose -f "$ROOT/docker-compose.yml" up -d --wait postgres rabbitmq
}

docker_down() { docker compose -f "$ROOT/docker-compose.yml" stop postgres rabbitmq; }

# ---------------------------------------------------------------- commands

COMPONENT=${2:-all}
case "$COMPONENT" in all|postgres|rabbitmq) ;; *) die "unknown component '$COMPONENT': postgres or rabbitmq";; esac
wants() { [ "$COMPONENT" = all ] || [ "$COMPONENT" = "$1" ]; }

local_only() {
  if docker_available; then die "'$1' works on the local processes only (ENTRAMESH_INFRA_MODE=local)"; fi
  [ "$COMPONENT" = all ] && die "'$1' needs a component: eng/infra.sh $1 postgres|rabbitmq"
  return 0
}

case "${1:-}" in
  up)
    if docker_available; then docker_up; else
      [ "$MODE" = docker ] && die "ENTRAMESH_INFRA_MODE=docker but no Docker engine answers"
      if wants postgres; then pg_up; fi
      if wants rabbitmq; then rmq_up; fi
    fi
    write_settings ;;
  down)
    if docker_available; then docker_down; else
      if wants rabbitmq; then rmq_down; fi
      if wants postgres; then pg_down; fi
    fi ;;
  restart)
    local_only restart
    if wants postgres; then pg_down; pg_up; fi
    if wants rabbitmq; then rmq_down; rmq_up; fi ;;
  kill)
    local_only kill
    if wants postgres; then pg_kill; fi
    if wants rabbitmq; then rmq_kill; fi ;;
  env)
    settings ;;
  status)
    if wants postgres; then port_open "$PG_PORT" && log "PostgreSQL: up on $PG_PORT" || log "PostgreSQL: down"; fi
    if wants rabbitmq; then port_open "$AMQP_PORT" && log "RabbitMQ: up on $AMQP_PORT" || log "RabbitMQ: down"; fi ;;
  *)
    echo "usage: eng/infra.sh up|down|status [postgres|rabbitmq] | restart|kill postgres|rabbitmq | env" >&2; exit 2 ;;
esac
