# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this
# Shared by every script in scripts/: the repo root, PRESENCE_HOME, the JVM flag file, port checks,
# pid files and logging. Source it; it changes the working directory to the repo root.

PRESENCE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$PRESENCE_ROOT" || exit 1

# Data, logs and pid files; relative values are taken from the repo root.
PRESENCE_HOME=${PRESENCE_HOME:-var}
[[ $PRESENCE_HOME == /* ]] || PRESENCE_HOME="$PRESENCE_ROOT/$PRESENCE_HOME"
export PRESENCE_HOME
PRESENCE_LOGS="$PRESENCE_HOME/logs"
PRESENCE_RUN="$PRESENCE_HOME/run"

# Every JVM that loads ignite-core needs these flags (--add-opens etc.); written by the ops-tools build.
JVM_FLAGS_FILE="$PRESENCE_ROOT/ops-tools/target/ignite-jvm.options"
TOOLS_JAR="$PRESENCE_ROOT/ops-tools/target/ops-tools.jar"
TOOLS_CLASSPATH="$TOOLS_JAR:$PRESENCE_ROOT/ops-tools/target/lib/*"
TOOLS_LOGGING="-Djava.util.logging.config.file=$PRESENCE_ROOT/scripts/lib/tools-logging.properties"
# client-tools: what token.sh signs with, the same code that signs the bench's, the drills' and the tests' tokens.
CLIENT_TOOLS_JAR="$PRESENCE_ROOT/client-tools/target/client-tools.jar"
CLIENT_TOOLS_CLASSPATH="$CLIENT_TOOLS_JAR:$PRESENCE_ROOT/client-tools/target/lib/*"

# The local cluster's ports: grid node i uses base + i, API node N api.base + N. Defined once, in the file
# the Java side reads as PortPlan.LOCAL.
NODE_COUNT=3
PORT_PLAN_FILE="$PRESENCE_ROOT/grid-config/src/main/resources/presence-grid/local-ports.properties"
while IFS='=' read -r key value; do
  case $key in
    thin.base) THIN_PORT_BASE=$value ;;
    rest.base) REST_PORT_BASE=$value ;;
    metrics.base) METRICS_PORT_BASE=$value ;;
    discovery.base) DISCOVERY_PORT_BASE=$value ;;
    communication.base) COMMUNICATION_PORT_BASE=$value ;;
    api.base) API_PORT_BASE=$value ;;
  esac
done <"$PORT_PLAN_FILE"
unset key value
# Where the scripts reach grid nodes: PRESENCE_TOOLS_GRID_HOST (a grid on another machine, for control.sh
# and sqlline.sh), else where nodes started from this environment bind (PRESENCE_NODE_HOST, as
# 'cluster.sh node start N --host ADDR' sets it), else loopback, the local cluster's. API nodes bind
# every interface and are reached on loopback. Not PRESENCE_GRID_HOST: Spring Boot would bind that to
# the API's presence.grid.host, the address its client node binds.
GRID_HOST=${PRESENCE_TOOLS_GRID_HOST:-${PRESENCE_NODE_HOST:-127.0.0.1}}
[[ $GRID_HOST != 0.0.0.0 ]] || GRID_HOST=127.0.0.1
JDBC_URL="jdbc:ignite:thin://$GRID_HOST:$THIN_PORT_BASE,$GRID_HOST:$((THIN_PORT_BASE + 1)),$GRID_HOST:$((THIN_PORT_BASE + 2))"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '%s WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  progress_end
  printf '%s ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# Exports PRESENCE_JWT_SECRET, the API's HS256 secret: as given; else read from the file
# PRESENCE_JWT_SECRET_FILE names (also exported then, so the API can be given the file and not the
# value); else from $PRESENCE_HOME/secrets/jwt-secret, generated there on first use. Each home gets a
# random secret of its own: a secret anyone could read would let anyone mint admin tokens.
ensure_jwt_secret() {
  if [[ -z ${PRESENCE_JWT_SECRET:-} ]]; then
    local file=${PRESENCE_JWT_SECRET_FILE:-$PRESENCE_HOME/secrets/jwt-secret}
    if [[ -z ${PRESENCE_JWT_SECRET_FILE:-} && ! -e $file ]]; then
      write_random_secret "$file"
      log "generated the JWT secret ${file#"$PRESENCE_ROOT"/} (0600); scripts/token.sh signs with it" >&2
    fi
    [[ -r $file ]] || die "cannot read the JWT secret file $file (PRESENCE_JWT_SECRET_FILE)"
    # Without the line ending an editor leaves, as the API reads the file.
    PRESENCE_JWT_SECRET=$(<"$file")
    PRESENCE_JWT_SECRET=${PRESENCE_JWT_SECRET%$'\r'}
    export PRESENCE_JWT_SECRET PRESENCE_JWT_SECRET_FILE="$file"
  fi
  local LC_ALL=C # ${#...} counts bytes
  ((${#PRESENCE_JWT_SECRET} >= 32)) || die "the JWT secret must be at least 32 bytes (it has ${#PRESENCE_JWT_SECRET})"
}

# True unless PRESENCE_GRID_AUTH=off: thin clients, JDBC, Ignite REST and the control utility log in.
grid_auth_on() {
  [[ ! ${PRESENCE_GRID_AUTH:-on} =~ ^(off|false|0|no)$ ]]
}

# The file that holds the password of grid account $1 (operator, analyst): the one its
# PRESENCE_GRID_<ACCOUNT>_PASSWORD_FILE names, or $PRESENCE_HOME/secrets/grid-<account>-password,
# generated there on first use.
grid_password_file() {
  local account=$1 variable file
  variable="PRESENCE_GRID_${account^^}_PASSWORD_FILE"
  file=${!variable:-$PRESENCE_HOME/secrets/grid-$account-password}
  if [[ -z ${!variable:-} && ! -e $file ]]; then
    write_random_secret "$file"
    log "generated the grid's $account password ${file#"$PRESENCE_ROOT"/} (0600)" >&2
  fi
  echo "$file"
}

# Exports what a grid node needs to check logins: the files of the operator's and the analyst's passwords.
ensure_grid_accounts() {
  grid_auth_on || return 0
  PRESENCE_GRID_OPERATOR_PASSWORD_FILE=$(grid_password_file operator)
  PRESENCE_GRID_ANALYST_PASSWORD_FILE=$(grid_password_file analyst)
  export PRESENCE_GRID_OPERATOR_PASSWORD_FILE PRESENCE_GRID_ANALYST_PASSWORD_FILE
}

# Exports the account a tool logs in with: PRESENCE_GRID_USER (default $1) and its password file.
use_grid_account() {
  grid_auth_on || return 0
  PRESENCE_GRID_USER=${PRESENCE_GRID_USER:-$1}
  [[ $PRESENCE_GRID_USER =~ ^(operator|analyst)$ ]] || die "PRESENCE_GRID_USER must be operator or analyst, was '$PRESENCE_GRID_USER'"
  if [[ -z ${PRESENCE_GRID_PASSWORD:-} ]]; then
    unset PRESENCE_GRID_PASSWORD
    PRESENCE_GRID_PASSWORD_FILE=${PRESENCE_GRID_PASSWORD_FILE:-$(grid_password_file "$PRESENCE_GRID_USER")}
    export PRESENCE_GRID_PASSWORD_FILE
  fi
  export PRESENCE_GRID_USER
}

# Writes 48 random bytes, base64, to a new file $1 that only its owner can read, in a directory only
# its owner can enter. Written aside and moved without overwriting: two scripts starting at once end
# up with the same secret, the one that landed first.
write_random_secret() {
  local file=$1 dir
  dir=$(dirname "$file")
  mkdir -p "$dir"
  chmod 700 "$dir"
  (
    umask 077
    openssl rand -base64 48 | tr -d '\n' >"$file.$$"
    mv -n "$file.$$" "$file"
    rm -f "$file.$$"
  )
}

require_file() {
  [[ -e $1 ]] || die "$1 is missing: build first (mvn -q -B -DskipTests package, or scripts/cluster.sh up)"
}

# --- build ---------------------------------------------------------------------------------------

# Everything any script runs, from one reactor build: a script that built only its own module would
# run against the jars of an older build of the others, or find them missing on a fresh clone.
BUILT_JARS=("$JVM_FLAGS_FILE" "$TOOLS_JAR" "$PRESENCE_ROOT/grid-node/target/grid-node.jar"
  "$PRESENCE_ROOT/api-service/target/api-service.jar" "$PRESENCE_ROOT/drills/target/drills.jar"
  "$PRESENCE_ROOT/bench/target/bench.jar" "$CLIENT_TOOLS_JAR")
BUILT_LIBS=("$PRESENCE_ROOT/ops-tools/target/lib" "$PRESENCE_ROOT/grid-node/target/lib"
  "$PRESENCE_ROOT/drills/target/lib" "$PRESENCE_ROOT/bench/target/lib" "$PRESENCE_ROOT/client-tools/target/lib")

# Why a build is needed (a missing artifact, or a source newer than the oldest artifact), or nothing.
build_reason() {
  local artifact oldest="" dir newer
  for artifact in "${BUILT_JARS[@]}"; do
    [[ -f $artifact ]] || {
      echo "${artifact#"$PRESENCE_ROOT"/} is missing"
      return
    }
    [[ -z $oldest || $artifact -ot $oldest ]] && oldest=$artifact
  done
  for dir in "${BUILT_LIBS[@]}"; do
    [[ -n $(ls -A "$dir" 2>/dev/null) ]] || {
      echo "${dir#"$PRESENCE_ROOT"/} is missing or empty"
      return
    }
  done
  newer=$(find "$PRESENCE_ROOT"/*/src "$PRESENCE_ROOT"/*/pom.xml "$PRESENCE_ROOT/pom.xml" \
    -type f -newer "$oldest" -print -quit 2>/dev/null)
  [[ -z $newer ]] || echo "${newer#"$PRESENCE_ROOT"/} is newer than ${oldest#"$PRESENCE_ROOT"/}"
}

# JVMs of any PRESENCE_HOME that run from this checkout's jars: a clean build would delete the jars
# under them.
pids_running_this_checkout() {
  local dir cmdline
  for dir in /proc/[0-9]*; do
    cmdline=$(cmdline_of "${dir#/proc/}")
    [[ $cmdline == *"$PRESENCE_ROOT/"*/target/* ]] && echo "${dir#/proc/}"
  done
  return 0
}

# Builds every module when an artifact is missing or a source is newer than it, so that any script
# works as the first command on a fresh clone and never runs stale code after a pull or an edit.
# PRESENCE_SKIP_BUILD=1 never runs Maven; while JVMs run from this checkout the artifacts stay as
# they are (with a warning), since rebuilding would pull their jars away. Either way the artifacts
# the caller names ($@, the ones it runs) must exist.
ensure_built() {
  local reason running needed=("$@")
  # Once per command: the scripts it calls (control.sh from cluster.sh, cluster.sh from drill.sh)
  # neither look again nor repeat its warning.
  if [[ -n ${PRESENCE_BUILD_CHECKED:-} ]]; then
    require_files "${needed[@]}"
    return 0
  fi
  export PRESENCE_BUILD_CHECKED=1
  reason=$(build_reason)
  [[ -n $reason ]] || return 0
  if [[ ${PRESENCE_SKIP_BUILD:-0} == 1 ]]; then
    # A test run inside Maven's own build sets it, where modules after this one are not packaged yet.
    require_files "${needed[@]}"
    return 0
  fi
  running=$(pids_running_this_checkout | tr '\n' ' ')
  if [[ -n $running ]]; then
    require_files "${needed[@]}"
    warn "not building while JVMs run from this checkout (pids ${running% }), although $reason: stop them to rebuild"
    return 0
  fi
  # clean: copy-dependencies never removes a jar, so a changed dependency version would leave two on the classpath.
  log "building: $reason (mvn -q -B -DskipTests clean package)" >&2
  progress_begin "the build (mvn package)"
  local status=0
  # Maven 3.8 writes colour resets even in batch mode; they would garble a log file.
  set -o pipefail
  mvn -q -B -DskipTests clean package 2>&1 | sed -u $'s/\e\\[0m//g' >&2 || status=$?
  progress_end
  ((status == 0)) || die "the build failed (mvn exited with $status)"
  require_built
  # Maven leaves an up-to-date jar untouched; mark the artifacts as built now, so that the next
  # script does not build again for a source this build already saw.
  touch -c "${BUILT_JARS[@]}"
  log "built" >&2
}

require_built() {
  require_files "${BUILT_JARS[@]}"
}

require_files() {
  local artifact
  for artifact in "$@"; do require_file "$artifact"; done
}

# For the scripts that need a running API (lint-api.sh): when nothing answers at URL $1
# and it is the local API node 0's, starts the local cluster of $PRESENCE_HOME; an API elsewhere must
# already run. The caller's EXIT trap calls stop_local_cluster_if_started, so it is stopped again.
LOCAL_CLUSTER_STARTED=false

start_local_cluster_unless_running() {
  local url=${1%/}
  tls_curl -s -o /dev/null --max-time 3 "$url/actuator/health" && return 0
  [[ $url == "http://127.0.0.1:$API_PORT_BASE" ]] || die "no API answers at $url"
  log "no API answers at $url: starting the local cluster (scripts/cluster.sh up); it stops again at the end" >&2
  LOCAL_CLUSTER_STARTED=true
  "$PRESENCE_ROOT/scripts/cluster.sh" up >&2
}

stop_local_cluster_if_started() {
  if $LOCAL_CLUSTER_STARTED; then
    "$PRESENCE_ROOT/scripts/cluster.sh" down >&2 || true
  fi
}

# --- progress ------------------------------------------------------------------------------------

# A long wait says what it waits for when it starts; on a terminal (or with PRESENCE_PROGRESS=always)
# a ticker adds, every PRESENCE_PROGRESS_SECONDS (10), the time waited so far and the last line of a
# log that shows how far the awaited process got. Without a terminal one line per step: a log file
# has no use for a line every 10 s. The ticker stops with progress_end, or by itself once this
# script has exited.
PROGRESS_TICKER=""

progress_begin() {
  local what=$1 log_file=${2:-} every=${PRESENCE_PROGRESS_SECONDS:-10}
  progress_end
  log "waiting for $what" >&2
  [[ -t 2 || ${PRESENCE_PROGRESS:-} == always ]] || return 0
  (
    local started=$SECONDS last
    while sleep "$every" && kill -0 "$$" 2>/dev/null; do
      last=""
      [[ -n $log_file && -s $log_file ]] && last=$(tail -n 1 "$log_file" | tr -d '\r' | cut -c1-200)
      printf '%s   still waiting for %s: %d s%s\n' "$(date +%H:%M:%S)" "$what" $((SECONDS - started)) \
        "${last:+; last log line: $last}" >&2
    done
  ) &
  PROGRESS_TICKER=$!
}

progress_end() {
  [[ -n $PROGRESS_TICKER ]] || return 0
  # Its sleep first, which would otherwise hold this script's stderr open for up to 10 s.
  pkill -P "$PROGRESS_TICKER" 2>/dev/null || true
  kill "$PROGRESS_TICKER" 2>/dev/null || true
  wait "$PROGRESS_TICKER" 2>/dev/null || true
  PROGRESS_TICKER=""
}

# True when something accepts TCP connections on port $1 of $2 (default 127.0.0.1; bash /dev/tcp, 2 s cap).
port_open() {
  # shellcheck disable=SC2016  # $1 and $2 belong to the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$2/$1"' _ "$1" "${2:-127.0.0.1}" 2>/dev/null
}

# A thin-client handshake (length 8, handshake op, protocol 1.0.0, thin-client type) and the bytes
# of a successful answer (length 1, success).
THIN_HANDSHAKE='\x08\x00\x00\x00\x01\x01\x00\x00\x00\x00\x00\x02'
THIN_HANDSHAKE_OK=0100000001

# port_open for a grid node's thin-client port. It sends a handshake as well: a connection closed
# without one makes the node log "Unable to perform handshake within timeout" 10 s later.
thin_port_open() {
  if grid_tls_on || grid_auth_on; then
    [[ -n $(thin_answer "$1" 2) ]]
    return
  fi
  # shellcheck disable=SC2016  # $1..$3 belong to the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$3/$1" || exit 1
    printf "$2" >&3
    timeout 2 head -c 5 <&3 >/dev/null
    exit 0' _ "$1" "$THIN_HANDSHAKE" "$GRID_HOST" 2>/dev/null
}

# True when grid node on thin port $1 answers a handshake within $2 seconds: it has joined the
# cluster and serves clients (its port opens several seconds before that, while it still starts).
thin_port_ready() {
  if grid_tls_on || grid_auth_on; then
    [[ $(thin_answer "$1" "$2") == "$THIN_HANDSHAKE_OK" ]]
    return
  fi
  # shellcheck disable=SC2016  # $1..$5 belong to the inner bash
  timeout $(($2 + 1)) bash -c 'exec 3<>"/dev/tcp/$5/$1" || exit 1
    printf "$2" >&3
    answer=$(timeout "$3" head -c 5 <&3 | od -An -tx1 | tr -d " \n")
    [[ $answer == "$4" ]]' _ "$1" "$THIN_HANDSHAKE" "$2" "$THIN_HANDSHAKE_OK" "$GRID_HOST" 2>/dev/null
}

# The first 5 bytes (hex) thin-client port $1 answers to a handshake within $2 seconds, over TLS when the
# grid's TLS is on and logged in as the operator when its authentication is on (protocol 1.1.0, the
# first with a user and password); nothing when the port takes no connection. It checks that the port
# answers, not who answers, so it needs no CA.
thin_answer() {
  local tls=0 password_file=""
  if grid_tls_on; then tls=1; fi
  if grid_auth_on; then password_file=$(grid_password_file operator); fi
  python3 - "$1" "$2" "$tls" "$password_file" "$GRID_HOST" <<'PYTHON' 2>/dev/null
import socket, ssl, struct, sys
port, seconds, tls, password_file, host = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "1", sys.argv[4], sys.argv[5]
def string(text):
    data = text.encode()
    return b"\x09" + struct.pack("<i", len(data)) + data
body = b"\x01" + struct.pack("<hhh", 1, 0, 0) + b"\x02"
if password_file:
    with open(password_file) as f:
        body = b"\x01" + struct.pack("<hhh", 1, 1, 0) + b"\x02" + string("operator") + string(f.read().rstrip("\r\n"))
handshake = struct.pack("<i", len(body)) + body
raw = socket.create_connection((host, port), timeout=seconds)
if tls:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    raw = context.wrap_socket(raw)
with raw:
    raw.sendall(handshake)
    answer = b""
    try:
        while len(answer) < 5:
            chunk = raw.recv(5 - len(answer))
            if not chunk:
                break
            answer += chunk
    except socket.timeout:
        pass
print(answer.hex())
PYTHON
}

# The first of the grid's thin-client ports that accepts a connection, or nothing (status 1).
first_open_thin_port() {
  local i
  for ((i = 0; i < NODE_COUNT; i++)); do
    if thin_port_open $((THIN_PORT_BASE + i)); then
      echo $((THIN_PORT_BASE + i))
      return 0
    fi
  done
  return 1
}

pid_file() { echo "$PRESENCE_RUN/$1.pid"; }

# A system property on every JVM we start: it ties the process to this PRESENCE_HOME (stray
# processes can be found, a reused pid is not mistaken for ours). Nothing reads it.
home_marker() { echo "-Dpresence.home=$PRESENCE_HOME"; }

# The live pid of process $1 (node-0, api-1, ...) from its pid file; a stale pid file is removed.
# A pid counts as ours only while its command line still carries this PRESENCE_HOME (pid reuse).
read_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && cmdline_of "$pid" | grep -qF -- "$(home_marker) "; then
    echo "$pid"
    return 0
  fi
  warn "removing stale pid file $file (process ${pid:-?} is gone, or is not a JVM of this PRESENCE_HOME)"
  rm -f "$file"
  return 1
}

cmdline_of() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }

# Pids of grid nodes and API nodes started for this PRESENCE_HOME, with or without a pid file.
pids_of_this_home() {
  local dir pid cmdline marker
  marker="$(home_marker) "
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    cmdline=$(cmdline_of "$pid")
    [[ $cmdline == *"$marker"* ]] || continue
    [[ $cmdline == *GridNodeLauncher* || $cmdline == *api-service.jar* ]] && echo "$pid"
  done
  return 0
}

# True while process $1 exists. A zombie whose parent does not reap it counts as gone once its
# last thread has exited (a killed JVM's main thread is a zombie while other threads still close
# its files and sockets).
alive() {
  local state tasks
  kill -0 "$1" 2>/dev/null || return 1
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state == Z* ]] || return 0
  tasks=$(find "/proc/$1/task" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  ((tasks > 1))
}

# Waits until pid $1 has exited; false after $2 seconds.
wait_for_exit() {
  local pid=$1 deadline=$((SECONDS + $2))
  while alive "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Stops pid $2 (named $1 in messages): SIGTERM and wait (a persistent node checkpoints on stop,
# up to ~30 s), SIGKILL after 60 s as a last resort, saying so.
terminate_pid() {
  local name=$1 pid=$2
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  wait_for_exit "$pid" 10 && {
    log "$name stopped"
    return 0
  }
  # A persistent node's last checkpoint takes a while: the terminal hears of it.
  progress_begin "$name to exit (pid $pid; SIGKILL after 60 s)"
  if ! wait_for_exit "$pid" 50; then
    progress_end
    warn "$name (pid $pid) did not exit within 60 s of SIGTERM: sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for_exit "$pid" 10 || warn "$name (pid $pid) survived SIGKILL"
  fi
  progress_end
  log "$name stopped"
}

# Stops process $1 (node-0, api-1, ...) gracefully by its pid file and removes the pid file.
stop_process() {
  local name=$1 pid
  if ! pid=$(read_pid "$name"); then
    log "$name is not running"
    return 0
  fi
  terminate_pid "$name" "$pid"
  rm -f "$(pid_file "$name")"
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

# The grid's and the API's TLS material: the probes above ask it whether the grid speaks TLS.
# shellcheck source=tls.sh
source "$PRESENCE_ROOT/scripts/lib/tls.sh"
