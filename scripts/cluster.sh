#!/usr/bin/env bash
# The local presence-grid: 3 Ignite server nodes and the API, started, checked and stopped by pid.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/grid-start.sh
source "$PRESENCE_ROOT/scripts/lib/grid-start.sh"

API_COUNT=2
# 'up' starts nodes 0..NODE_COUNT-1; 'node start N' takes any index the discovery finder range
# (47500..47509) has room for, e.g. node 3 to grow the baseline or to replace a dead node.
NODE_SLOTS=10

# What this script runs: the nodes, the API, and the tools it calls (control.sh).
CLUSTER_ARTIFACTS=("$JVM_FLAGS_FILE" "$GRID_NODE_JAR" "$API_JAR" "$TOOLS_JAR")

usage() {
  cat <<EOF
Usage: scripts/cluster.sh COMMAND

Commands:
  up                    build if needed, start the 3 grid nodes, activate the cluster on first
                        start, start API node 0, wait until healthy, print the endpoints
  down                  stop the API nodes, then the grid nodes, gracefully (SIGTERM, wait)
  status                processes, cluster state and baseline, per-node entry counts; exits 0
                        when every process 'up' started (and any started since) runs, the
                        cluster is ACTIVE with every baseline node online and the API is UP,
                        3 when nothing of PRESENCE_HOME runs, 1 otherwise (the NOT OK lines
                        say which part is not)
  node start|stop|kill|restart N [--host ADDR]
                        grid node N (0..$((NODE_COUNT - 1)) make the standard cluster; up to $((NODE_SLOTS - 1)) for
                        extra nodes); restart = stop, start, then wait until no partition copy
                        is rebalancing, and it refuses while a baseline node is offline or a
                        partition copy is MOVING or LOST (one node at a time: a rolling restart).
                        --host ADDR: one host of a grid on several, the way 'up' starts a local
                        node: it binds ADDR (PRESENCE_NODE_HOST) at base port + N, any index,
                        finds the others through PRESENCE_GRID_ADDRESSES, and is awaited at ADDR;
                        PRESENCE_NODE_ADVERTISED_HOST and PRESENCE_NODE_CONSISTENT_ID may be set
                        (README, "Run on several hosts")
  api start|stop|kill [N]    API node N (0..$((API_COUNT - 1)), default 0)
                        kill is SIGKILL, for fault drills; start waits until the node is ready
  purge [--days N]      run the retention purge now through the first API node that answers
                        (POST /v1/admin/purge with an admin token): users inactive for more than
                        N days (1..36500; default: the grid's PRESENCE_RETENTION_DAYS) are removed
                        with their sessions and subscriptions; prints {"cutoff":..,"purged":..}

Environment:
  PRESENCE_HOME         data, logs and pid files (default ./var): \$PRESENCE_HOME/node-i,
                        \$PRESENCE_HOME/logs/<process>.log|.out, \$PRESENCE_HOME/run/<process>.pid
  PRESENCE_JWT_SECRET   HS256 secret of the API (at least 32 bytes); unset: read from
                        PRESENCE_JWT_SECRET_FILE, or from \$PRESENCE_HOME/secrets/jwt-secret,
                        which the first start generates (random, 0600)
  PRESENCE_GRID_TLS     on (default): mutual TLS between grid nodes and API nodes, TLS on the thin/JDBC
                        ports and Ignite REST, with a local CA and one PKCS12 key store per process
                        that the first start creates in \$PRESENCE_HOME/tls; off: plain text
  PRESENCE_GRID_AUTH    on (default): thin clients, JDBC, Ignite REST and the control utility log in
                        as operator (everything) or analyst (reads only), with passwords the first
                        start generates into \$PRESENCE_HOME/secrets; off: no accounts
  PRESENCE_API_TLS      true: the API serves HTTPS and WSS, with PRESENCE_API_TLS_CERT_FILE and
                        PRESENCE_API_TLS_KEY_FILE (PEM), or else a key pair from a local CA the
                        first start creates in \$PRESENCE_HOME/tls (clients trust its ca.crt)
  PRESENCE_WAIT_SECONDS how long each wait may take (default 180)
  PRESENCE_SKIP_BUILD   1: never run Maven, use the artifacts as they are
  PRESENCE_RETENTION_DAYS       grid nodes: users inactive this many days are purged (default 90)
  PRESENCE_PURGE_PERIOD_SECONDS grid nodes: seconds between scheduled purges (default 86400)
  PRESENCE_API_URL      purge: the API to call (default: the first local API node that answers)
  PRESENCE_NODE_HEAP, PRESENCE_API_HEAP  -Xmx of grid nodes (768m) and API nodes (512m)
  PRESENCE_DATA_REGION_MB  grid nodes: off-heap data region (default 256)
  PRESENCE_LIVE_REGION_MB  grid nodes: in-memory region of device sessions (default 256)

While it waits (a node, activation, the API, a build, a stop, a purge) it says what it waits for;
on a terminal (or with PRESENCE_PROGRESS=always) also every 10 s the time so far and the last line
of the awaited node's log.

Ports on 127.0.0.1: grid node i: thin/JDBC 10800+i, REST 8091+i, discovery 47500+i,
communication 47100+i; API node N: 8080+N.
EOF
}

# --- processes -----------------------------------------------------------------------------------

check_index() {
  local kind=$1 index=$2 count=$3
  if ! [[ $index =~ ^[0-9]+$ ]] || ((index >= count)); then
    die "$kind index must be 0..$((count - 1)), got '$index'"
  fi
}

# Fails when a port of a process we are about to start is taken by a process that is not ours:
# ports of $GRID_HOST for a grid node ($2 = grid), of loopback for an API node ($2 = api).
require_free_ports() {
  local name=$1 host=127.0.0.1 port probe
  [[ $2 == grid ]] && host=$GRID_HOST
  shift 2
  for port in "$@"; do
    if [[ $host == "$GRID_HOST" ]] && ((port >= THIN_PORT_BASE && port < THIN_PORT_BASE + NODE_SLOTS)); then
      probe=(thin_port_open "$port")
    else
      probe=(port_open "$port" "$host")
    fi
    "${probe[@]}" && die "$name cannot start: $host:$port is in use by another process (another PRESENCE_HOME's grid?)"
  done
  return 0
}

# The local cluster places each node itself (loopback, base port + index). A per-node placement
# variable in this shell would reach all of its nodes at once, and they would collide; such variables
# are for a node started on a host of its own (README, "Placement"). 'node start N --host ADDR' starts
# that one node, and allows its advertised address and consistent id; its ports stay base + N, where
# this script looks for them.
refuse_per_node_placement() {
  local name names=(PRESENCE_DISCOVERY_PORT PRESENCE_COMMUNICATION_PORT PRESENCE_CLIENT_PORT PRESENCE_REST_PORT
    PRESENCE_METRICS_PORT)
  $one_host_node || names+=(PRESENCE_NODE_ADVERTISED_HOST PRESENCE_NODE_CONSISTENT_ID)
  for name in "${names[@]}"; do
    [[ -z ${!name:-} ]] || die "$name is set, but cluster.sh starts every local node from this one environment: unset it (README, \"Placement\")"
  done
}

# True while 'node start|restart N --host ADDR' runs: one node of a host of its own.
one_host_node=false

# Starts grid node $1 unless it runs; true when it was started now.
start_node() {
  local i=$1 name="node-$1"
  refuse_per_node_placement
  if running_already "$name"; then return 1; fi
  require_free_ports "$name" grid $((THIN_PORT_BASE + i)) $((REST_PORT_BASE + i)) \
    $((DISCOVERY_PORT_BASE + i)) $((COMMUNICATION_PORT_BASE + i)) $((METRICS_PORT_BASE + i))
  ensure_grid_tls "$name"
  ensure_grid_accounts
  launch_grid_node "$i"
}

# Starts API node $1 unless it runs; true when it was started now.
start_api() {
  local n=$1 name="api-$1"
  refuse_per_node_placement
  if running_already "$name"; then return 1; fi
  require_free_ports "$name" api $((API_PORT_BASE + n))
  ensure_jwt_secret
  ensure_grid_tls "$name"
  mkdir -p "$PRESENCE_RUN"
  if api_tls_on; then
    ensure_api_tls "$n"
    echo https >"$PRESENCE_RUN/$name.scheme"
  else
    echo http >"$PRESENCE_RUN/$name.scheme"
  fi
  (
    # Given the file, the API reads the secret itself, and the value stays out of its environment.
    [[ -z ${PRESENCE_JWT_SECRET_FILE:-} ]] || unset PRESENCE_JWT_SECRET
    launch_api_node "$n"
  )
}

# --- cluster state -------------------------------------------------------------------------------

require_active() {
  local state
  first_open_thin_port >/dev/null || die "no grid node is running: scripts/cluster.sh up (or node start N)"
  state=$(cluster_state)
  [[ $state == ACTIVE* ]] || die "the grid is ${state:-unreachable}, not ACTIVE: an API node is a client and needs an active grid (scripts/cluster.sh up)"
}

# --- commands ------------------------------------------------------------------------------------

print_endpoints() {
  local n api_url
  echo
  echo "presence-grid is up ($1 s)"
  for ((n = 0; n < API_COUNT; n++)); do
    read_pid "api-$n" >/dev/null 2>&1 || continue
    api_url=$(api_base_url "$n")
    echo "  API $n          $api_url/v1/status/{userId}  (Authorization: Bearer \$(scripts/token.sh USER))"
    echo "  Swagger UI     $api_url/swagger-ui.html"
    echo "  WebSocket      ${api_url/http/ws}/v1/ws?access_token=JWT[&device=ID]"
    echo "  health         $api_url/actuator/health"
  done
  echo "  JDBC           $JDBC_URL  (scripts/sqlline.sh, as the analyst)"
  echo "  Ignite REST    $(grid_rest_url 0)/ignite  (nodes 1, 2: ports $((REST_PORT_BASE + 1)), $((REST_PORT_BASE + 2)); docs/security.md)"
  echo "  grid metrics   http://127.0.0.1:$METRICS_PORT_BASE/metrics  (nodes 1, 2: ports $((METRICS_PORT_BASE + 1)), $((METRICS_PORT_BASE + 2)); Prometheus text, docs/operations.md)"
  if grid_tls_on; then
    echo "  grid TLS       on: CA $TLS_DIR/ca.crt, JDBC trust store ${PRESENCE_GRID_TLS_TRUST_STORE:-$TLS_DIR/grid-trust.p12}"
  else
    warn "the grid's TLS is off (PRESENCE_GRID_TLS=off): anyone who reaches its ports can join it or read it"
  fi
  if grid_auth_on; then
    echo "  grid accounts  operator, analyst: passwords in $PRESENCE_HOME/secrets/grid-{operator,analyst}-password"
  else
    warn "the grid's authentication is off (PRESENCE_GRID_AUTH=off): its client ports need no account"
  fi
  echo "  control        scripts/control.sh --state | --baseline | --cache list ."
  echo "  logs           $PRESENCE_LOGS"
}

cmd_up() {
  local started=0 i
  ensure_built "${CLUSTER_ARTIFACTS[@]}"
  for ((i = 0; i < NODE_COUNT; i++)); do
    if start_node "$i"; then started=$((started + 1)); fi
  done
  for ((i = 0; i < NODE_COUNT; i++)); do wait_node "$i" start_node "$i"; done
  ensure_active
  if start_api 0; then started=$((started + 1)); fi
  wait_api 0
  ((started > 0)) || log "everything was already running"
  print_endpoints "$SECONDS"
}

cmd_down() {
  local n i pid
  for ((n = API_COUNT - 1; n >= 0; n--)); do stop_process "api-$n"; done
  # The nodes stop in parallel: each one checkpoints, none waits for another.
  local stoppers=()
  for i in $(node_indexes); do
    stop_process "node-$i" &
    stoppers+=($!)
  done
  for pid in "${stoppers[@]}"; do wait "$pid" || true; done
  for pid in $(pids_of_this_home); do
    warn "process $pid of $PRESENCE_HOME has no pid file: stopping it too"
    terminate_pid "pid $pid" "$pid"
  done
  [[ -z $(pids_of_this_home) ]] || die "processes of $PRESENCE_HOME remain: $(pids_of_this_home | tr '\n' ' ')"
  log "all stopped"
}

# The standard nodes 0..NODE_COUNT-1, then any extra node (index up to NODE_SLOTS-1) that has a
# pid file or a work directory in this PRESENCE_HOME.
node_indexes() {
  local i
  for ((i = 0; i < NODE_SLOTS; i++)); do
    if ((i < NODE_COUNT)) || [[ -e $(pid_file "node-$i") || -d $PRESENCE_HOME/node-$i ]]; then echo "$i"; fi
  done
}

# Prints a process's line of the status table and records what is wrong with it: $3 = required
# when 'up' starts it; any other process counts once it has a pid file (started since, e.g. node 3).
status_line() {
  local name=$1 ports=$2 required=$3 pid state=stopped had_pid_file=false
  [[ -f $(pid_file "$name") ]] && had_pid_file=true
  if pid=$(read_pid "$name" 2>/dev/null); then
    state=running
    running_processes=$((running_processes + 1))
  elif $had_pid_file; then
    state=exited
    problems+=("$name has exited (its pid file was stale; logs in $PRESENCE_LOGS)")
  elif $required; then
    problems+=("$name is not running")
  fi
  printf '  %-8s %-8s %-8s %s\n' "$name" "$state" "${pid:--}" "$ports"
  [[ $state == running ]]
}

indent() { sed 's/^/  /'; }

open_or_closed() { if "${2:-port_open}" "$1" "$GRID_HOST"; then echo "$1 open"; else echo "$1 closed"; fi; }

# Exit status: 0 when everything 'up' starts runs (grid nodes 0..2, API node 0, and whatever else has
# a pid file), the cluster is ACTIVE with every baseline node online, and every running API node is
# UP; 3 when no process of this PRESENCE_HOME runs; 1 otherwise. The last lines say which part is not
# right, so that a probe or an operator script can rely on the code and a person on the text.
cmd_status() {
  local i n port health problems=() running_processes=0
  echo "PRESENCE_HOME $PRESENCE_HOME"
  printf '  %-8s %-8s %-8s %s\n' process state pid ports
  for i in $(node_indexes); do
    status_line "node-$i" "thin $(open_or_closed $((THIN_PORT_BASE + i)) thin_port_open), rest $(open_or_closed $((REST_PORT_BASE + i)))" \
      "$( ((i < NODE_COUNT)) && echo true || echo false)" || true
  done
  for ((n = 0; n < API_COUNT; n++)); do
    health=$(api_health "$n")
    if status_line "api-$n" "http $(open_or_closed $((API_PORT_BASE + n))), health ${health:--}" \
      "$( ((n == 0)) && echo true || echo false)"; then
      [[ $health == UP ]] || problems+=("api-$n is not healthy (/actuator/health: ${health:-no answer})")
    fi
  done
  local strays
  strays=$(pids_of_this_home | while read -r pid; do
    grep -qx "$pid" "$PRESENCE_RUN"/*.pid 2>/dev/null || echo "$pid"
  done)
  [[ -z $strays ]] || problems+=("processes of $PRESENCE_HOME run without a pid file: $(tr '\n' ' ' <<<"$strays")")

  if ((running_processes == 0)) && [[ -z $strays ]]; then
    echo
    echo "NOT RUNNING: no process of $PRESENCE_HOME runs (scripts/cluster.sh up)"
    return 3
  fi
  if ! port=$(first_open_thin_port); then
    problems+=("no grid node accepts connections: cluster state and baseline unknown")
  else
    local baseline state offline
    baseline=$(control --baseline 2>&1 | control_output_body) || true
    echo
    echo "Cluster (scripts/control.sh --baseline, via $GRID_HOST:$port):"
    indent <<<"$baseline"
    state=$(sed -n -E 's/^Cluster state: ([A-Z_]+).*/\1/p' <<<"$baseline" | head -n 1)
    [[ $state == ACTIVE ]] || problems+=("the cluster is ${state:-of unknown state}, not ACTIVE")
    offline=$(sed -n -E 's/^ *ConsistentId=([^,]+), .*State=OFFLINE.*/\1/p' <<<"$baseline" | tr '\n' ' ')
    [[ -z $offline ]] || problems+=("baseline nodes offline: ${offline% }")
    grep -q 'ConsistentId=.*State=ONLINE' <<<"$baseline" || problems+=("no baseline node is online")
    echo
    grid_stats
  fi
  echo
  if ((${#problems[@]} == 0)); then
    echo "OK: every process runs, the cluster is ACTIVE with its full baseline, the API is UP"
    return 0
  fi
  local problem
  for problem in "${problems[@]}"; do echo "NOT OK: $problem"; done
  return 1
}

# The control utility's answer without its banner (version, copyright, user, time, timings).
control_output_body() {
  grep -v -E '^(Control utility|[0-9]{4} Copyright|User: |Time: |Command \[|Arguments: |Control utility has completed|Execution time: |-+$|$)'
}

# Per-node primary entry counts per cache, from GridStatsTask through Ignite REST.
grid_stats() {
  local i rest_port="" json table
  for ((i = 0; i < NODE_COUNT; i++)); do
    if port_open $((REST_PORT_BASE + i)) "$GRID_HOST"; then
      rest_port=$((REST_PORT_BASE + i))
      break
    fi
  done
  [[ -n $rest_port ]] || {
    echo "Grid stats: no Ignite REST port ($REST_PORT_BASE..) answers"
    return 0
  }
  local url
  url="$(grid_rest_url "$((rest_port - REST_PORT_BASE))")/ignite?cmd=exe"
  echo "Grid stats (GridStatsTask via $url):"
  json=$(grid_rest "$((rest_port - REST_PORT_BASE))" "cmd=exe&name=io.presencegrid.tasks.stats.GridStatsTask" --max-time 30 || true)
  if [[ -z $json ]]; then
    echo "  no answer"
  elif table=$(python3 "$PRESENCE_ROOT/scripts/lib/grid_stats.py" <<<"$json" 2>&1); then
    indent <<<"$table"
  else
    indent <<<"$table"
    echo "  answer: ${json:0:2000}"
  fi
}

cmd_node() {
  local action=${1:-} i=${2:-} host=""
  [[ -n $i ]] || die "usage: scripts/cluster.sh node start|stop|kill|restart N [--host ADDR]"
  shift 2
  while (($# > 0)); do
    case $1 in
      --host)
        { (($# >= 2)) && [[ -n $2 ]]; } || die "--host needs the address this host's node binds"
        host=$2
        shift 2
        ;;
      --host=?*)
        host=${1#--host=}
        shift
        ;;
      *) die "usage: scripts/cluster.sh node start|stop|kill|restart N [--host ADDR]" ;;
    esac
  done
  if [[ -n $host ]]; then
    [[ $host != 0.0.0.0 ]] || die "--host 0.0.0.0 binds every interface, but the node must advertise one: give the address, or use the launcher with PRESENCE_NODE_ADVERTISED_HOST (README, \"Placement\")"
    # Any index: a host's node is placed by its index alone; the launcher refuses ports past 65535.
    [[ $i =~ ^[0-9]{1,4}$ ]] || die "node index must be 0..9999, got '$i'"
    one_host_node=true
    export PRESENCE_NODE_HOST=$host
    GRID_HOST=$host
    JDBC_URL="jdbc:ignite:thin://$GRID_HOST:$((THIN_PORT_BASE + i))"
  else
    check_index node "$i" "$NODE_SLOTS"
  fi
  case $action in
    start)
      ensure_built "${CLUSTER_ARTIFACTS[@]}"
      start_node "$i" || true
      wait_node "$i" start_node "$i"
      ;;
    stop) stop_process "node-$i" ;;
    kill) kill_process "node-$i" ;;
    restart) restart_node "$i" ;;
    *) die "usage: scripts/cluster.sh node start|stop|kill|restart N" ;;
  esac
}

# One step of a rolling restart: every other copy stays OWNING while node $1 is away, and the next
# node may go only once this one owns its partitions again (a copy still MOVING is no copy).
restart_node() {
  local i=$1 offline pending
  ensure_built "${CLUSTER_ARTIFACTS[@]}"
  read_pid "node-$i" >/dev/null || die "node-$i is not running: scripts/cluster.sh node start $i"
  offline=$(control --baseline 2>&1 | sed -n -E 's/^ *ConsistentId=([^,]+), .*State=OFFLINE.*/\1/p' | tr '\n' ' ')
  [[ -z $offline ]] || die "baseline node(s) offline: ${offline% }; restarting node-$i now would leave fewer copies of their partitions"
  pending=$(partitions_not_owning)
  [[ $pending == 0 ]] || die "${pending:-an unknown number of} partition copies are MOVING, RENTING or LOST: wait, then retry"
  stop_process "node-$i"
  start_node "$i" || true
  wait_node "$i" start_node "$i"
  wait_rebalanced
}

# Partition copies on all server nodes that are in transit or gone (MOVING while a node catches
# up, RENTING after the baseline changed, LOST), from the SYS.PARTITION_STATES view; nothing when
# SQL does not answer. EVICTED copies stay listed after a baseline change and are harmless.
partitions_not_owning() {
  "$PRESENCE_ROOT/scripts/sqlline.sh" -e "SELECT COUNT(*) FROM SYS.PARTITION_STATES WHERE STATE IN ('MOVING', 'RENTING', 'LOST')" 2>/dev/null |
    sed -n -E 's/^\| *([0-9]+) *\|$/\1/p' | head -n 1 || true
}

wait_rebalanced() {
  local pending deadline=$((SECONDS + WAIT_SECONDS)) started=$SECONDS
  pending=$(partitions_not_owning)
  [[ $pending == 0 ]] || progress_begin "rebalancing: ${pending:-an unknown number of} partition copies MOVING, RENTING or LOST"
  until [[ $pending == 0 ]]; do
    ((SECONDS < deadline)) || die "${pending:-an unknown number of} partition copies are still MOVING, RENTING or LOST after $WAIT_SECONDS s"
    sleep 2
    pending=$(partitions_not_owning)
  done
  progress_end
  log "no partition copy is MOVING, RENTING or LOST (after $((SECONDS - started)) s)"
}

cmd_api() {
  local action=${1:-} n=${2:-0}
  check_index api "$n" "$API_COUNT"
  case $action in
    start)
      ensure_built "${CLUSTER_ARTIFACTS[@]}"
      if ! read_pid "api-$n" >/dev/null 2>&1; then require_active; fi
      start_api "$n" || true
      wait_api "$n"
      ;;
    stop) stop_process "api-$n" ;;
    kill) kill_process "api-$n" ;;
    *) die "usage: scripts/cluster.sh api start|stop|kill [N]" ;;
  esac
}

# The retention purge on demand. The API holds the admin endpoint; the purge itself runs in the grid.
cmd_purge() {
  local days="" n token url answer code body
  while (($# > 0)); do
    case $1 in
      --days)
        (($# >= 2)) || die "--days needs a number of days (1..36500)"
        days=$2
        shift 2
        ;;
      --days=*)
        days=${1#--days=}
        shift
        ;;
      *) die "usage: scripts/cluster.sh purge [--days N]" ;;
    esac
  done
  if [[ -n $days ]] && { ! [[ $days =~ ^[0-9]{1,5}$ ]] || ((10#$days < 1 || 10#$days > 36500)); }; then
    die "--days must be a whole number of days 1..36500, got '$days'"
  fi
  local api=${PRESENCE_API_URL:-}
  if [[ -z $api ]]; then
    for ((n = 0; n < API_COUNT; n++)); do
      if port_open $((API_PORT_BASE + n)); then
        api=$(api_base_url "$n")
        break
      fi
    done
    [[ -n $api ]] || die "no API node answers on $API_PORT_BASE..$((API_PORT_BASE + API_COUNT - 1)): scripts/cluster.sh up first"
  fi
  token=$("$PRESENCE_ROOT/scripts/token.sh" operator --admin)
  url="${api%/}/v1/admin/purge${days:+?retentionDays=$((10#$days))}"
  log "purging through $url"
  # A large purge takes a while; the API gives up after 10 minutes itself.
  progress_begin "the purge to finish (up to 11 minutes)"
  answer=$(tls_curl -sS --max-time 660 -X POST -H "Authorization: Bearer $token" -w '\n%{http_code}' "$url") ||
    die "no answer from $url"
  progress_end
  code=${answer##*$'\n'}
  body=${answer%$'\n'*}
  [[ $code == 200 ]] || die "purge failed with HTTP $code: $body"
  echo "$body"
}

main() {
  local command=${1:-}
  [[ $# -eq 0 ]] || shift
  case $command in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    node) cmd_node "$@" ;;
    api) cmd_api "$@" ;;
    purge) cmd_purge "$@" ;;
    -h | --help | help) usage ;;
    "")
      usage >&2
      exit 2
      ;;
    *) die "unknown command '$command' (see --help)" ;;
  esac
}

main "$@"
