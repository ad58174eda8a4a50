# shellcheck shell=bash
# Shared by every script in scripts/: the repo root, PRESENCE_HOME, the JVM flag file, port checks,
# pid files and logging. Source it; it changes the working directory to the repo root.

PRESENCE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$PRESENCE_ROOT"

# The one place of the dev JWT secret. Documented and public: never use it outside a laptop.
PRESENCE_DEV_JWT_SECRET="presence-grid-dev-secret-change-me-0123456789"

# Data, logs and pid files; relative values are taken from the repo root.
PRESENCE_HOME=${PRESENCE_HOME:-var}
[[ $PRESENCE_HOME == /* ]] || PRESENCE_HOME="$PRESENCE_ROOT/$PRESENCE_HOME"
export PRESENCE_HOME
PRESENCE_LOGS="$PRESENCE_HOME/logs"
PRESENCE_RUN="$PRESENCE_HOME/run"

# Every JVM that loads ignite-core needs these flags (--add-opens etc.); written by the ops-tools build.
JVM_FLAGS_FILE="$PRESENCE_ROOT/ops-tools/target/ignite-jvm.options"
TOOLS_CLASSPATH="$PRESENCE_ROOT/ops-tools/target/lib/*"

# Fixed local ports (DESIGN.md, "Grid and operators"): grid node i uses base + i, API node N 8080 + N.
NODE_COUNT=3
THIN_PORT_BASE=10800
REST_PORT_BASE=8091
DISCOVERY_PORT_BASE=47500
COMMUNICATION_PORT_BASE=47100
API_PORT_BASE=8080
JDBC_URL="jdbc:ignite:thin://127.0.0.1:10800,127.0.0.1:10801,127.0.0.1:10802"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '%s WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '%s ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# Exports PRESENCE_JWT_SECRET, falling back to the dev secret with a loud warning on stderr.
ensure_jwt_secret() {
  if [[ -z ${PRESENCE_JWT_SECRET:-} ]]; then
    export PRESENCE_JWT_SECRET="$PRESENCE_DEV_JWT_SECRET"
    {
      echo "**********************************************************************"
      echo "* PRESENCE_JWT_SECRET is not set: using the PUBLIC dev secret.       *"
      echo "* Anyone can mint tokens for this grid. Set PRESENCE_JWT_SECRET      *"
      echo "* (at least 32 bytes) for anything but local development.            *"
      echo "**********************************************************************"
    } >&2
  elif ((${#PRESENCE_JWT_SECRET} < 32)); then
    die "PRESENCE_JWT_SECRET must be at least 32 bytes (it has ${#PRESENCE_JWT_SECRET})"
  fi
}

require_file() {
  [[ -e $1 ]] || die "$1 is missing: build first (mvn -q -B -DskipTests package, or scripts/cluster.sh up)"
}

# True when something accepts TCP connections on 127.0.0.1:$1 (bash /dev/tcp, 2 s cap).
port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# The first of the grid's thin-client ports that accepts a connection, or nothing (status 1).
first_open_thin_port() {
  local i
  for ((i = 0; i < NODE_COUNT; i++)); do
    if port_open $((THIN_PORT_BASE + i)); then
      echo $((THIN_PORT_BASE + i))
      return 0
    fi
  done
  return 1
}

pid_file() { echo "$PRESENCE_RUN/$1.pid"; }

# The live pid of process $1 (node-0, api-1, ...) from its pid file; a stale pid file is removed.
# A pid counts as ours only while its command line still carries this PRESENCE_HOME (pid reuse).
read_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && cmdline_of "$pid" | grep -qF -- "-Dpresence.home=$PRESENCE_HOME"; then
    echo "$pid"
    return 0
  fi
  warn "removing stale pid file $file (process ${pid:-?} is gone)"
  rm -f "$file"
  return 1
}

cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# Pids of JVMs started for this PRESENCE_HOME (whether or not a pid file names them).
pids_of_this_home() {
  local dir pid
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    cmdline_of "$pid" | grep -qF -- "-Dpresence.home=$PRESENCE_HOME " && echo "$pid"
  done
  return 0
}

# Waits until pid $1 has exited; false after $2 seconds.
wait_for_exit() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Stops process $1 by its pid file: SIGTERM and wait (a persistent node checkpoints, up to ~30 s),
# SIGKILL after 60 s as a last resort. Removes the pid file.
stop_process() {
  local name=$1 pid
  if ! pid=$(read_pid "$name"); then
    log "$name is not running"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for_exit "$pid" 60; then
    warn "$name (pid $pid) did not exit within 60 s of SIGTERM: sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for_exit "$pid" 10 || warn "$name (pid $pid) survived SIGKILL"
  fi
  rm -f "$(pid_file "$name")"
  log "$name stopped"
}

# SIGKILL, for fault drills: no checkpoint, no graceful leave.
kill_process() {
  local name=$1 pid
  if ! pid=$(read_pid "$name"); then
    log "$name is not running"
    return 0
  fi
  log "killing $name (pid $pid) with SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  wait_for_exit "$pid" 10 || warn "$name (pid $pid) still exists after SIGKILL"
  rm -f "$(pid_file "$name")"
}

# Prints the last lines of each given log file that exists, for a failed wait.
show_log_tail() {
  local file
  for file in "$@"; do
    [[ -s $file ]] || continue
    echo "----- last 40 lines of $file -----" >&2
    tail -n 40 "$file" >&2
  done
}
