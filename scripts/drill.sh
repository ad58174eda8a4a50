#!/usr/bin/env bash
# The reliability drills, the ones named or all. Each drill starts its own cluster under a
# fresh temporary PRESENCE_HOME, runs its Java client (drills/) with a time limit, stops and kills by
# pid everything it started, removes the directory, and prints its figures line:
#   drill=NAME key=value ... result=pass|FAIL
# The figures lines of every drill run come last, one per drill. Exit status: 0 when every
# drill kept its promises, 1 otherwise, 2 on bad usage. Progress goes to stderr.
set -euo pipefail

DRILLS=(auth security fuzz node-kill api-kill api-restart full-restart partition hosts)

usage() {
  cat <<USAGE
Usage: scripts/drill.sh NAME... | all

Drills: ${DRILLS[*]}
  auth          forged, expired, tampered and misused tokens; A acting on B over REST and socket
  security      every closed door of the grid and API tried (no account, wrong password, the analyst
                writing, no client certificate, plain text to TLS ports, a node without the CA's
                certificate, a token of the published dev secret, an RS256 token with an unknown kid):
                got_through must be 0
  fuzz          seeded random hostile requests and frames (DRILL_FUZZ_CASES, default 100000)
  node-kill     SIGKILL grid node 1, later node 2, under updates from 40 users; restart both
  api-kill      SIGKILL an API node holding device sockets; the other node's subscribers see offline
  api-restart   SIGTERM an API node holding device sockets whose clients reopen them on the other
                node: its subscribers see no one go offline, the node stops cleanly
  full-restart  down and up the whole cluster; presence and subscriptions survive exactly
  partition     grid node 2 cut off by a network partition (network namespaces; root only): the
                majority serves, node 2 stops, nothing acknowledged is lost, it rejoins cleanly
  hosts         3 grid nodes and 2 API nodes, each in a network namespace with its own address,
                started by cluster.sh on its "host" with TLS and accounts (root only): updates
                through both API nodes, events across them, control.sh and sqlline.sh from outside,
                a node restart, a node cut off, an API node killed under device sockets

First it builds every module when an artifact is missing or older than its sources, so it runs
as the first command on a fresh clone; while it waits for a cluster it says for what.
The ports are the local cluster's (DESIGN.md): no other local cluster may run meanwhile.
What each drill promises and its latest figures: docs/reliability.md.
USAGE
}

(($# >= 1)) || { usage >&2; exit 2; }
selected=()
for arg in "$@"; do
  case $arg in
    -h | --help) usage; exit 0 ;;
    all) selected+=("${DRILLS[@]}") ;;
    *)
      [[ " ${DRILLS[*]} " == *" $arg "* ]] || { usage >&2; echo "unknown drill: $arg" >&2; exit 2; }
      selected+=("$arg")
      ;;
  esac
done

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_jwt_secret 2>/dev/null
# The drills' clients speak plain HTTP to the clusters they start on loopback.
unset PRESENCE_API_TLS

DRILL_JAR="$PRESENCE_ROOT/drills/target/drills.jar"
# A drill that has not finished by then has hung: it fails, and its cluster is torn down.
DRILL_TIMEOUT_SECONDS=${DRILL_TIMEOUT_SECONDS:-900}

# The cluster of the drill running now, for the EXIT trap.
drill_home=""
# True while the drill's grid lives in network namespaces (partition): the teardown removes them.
drill_netns=false

# Where the logs of a drill that failed are kept, since its cluster directory goes. Not under target/:
# the next drill's rebuild (mvn clean package) would wipe them before anyone read them.
FAILED_DRILL_LOGS="$PRESENCE_ROOT/failed-drills"

# Stops the drill's cluster gracefully, then SIGKILLs whatever of it is left, by pid, and removes
# its directory. With a drill name as $1 (the drill failed), its logs are kept first, so that a
# failure that does not come back on a rerun can still be read. Safe to call twice.
teardown() {
  [[ -n $drill_home ]] || return 0
  PRESENCE_HOME=$drill_home "$PRESENCE_ROOT/scripts/cluster.sh" down >&2 || true
  local pid
  for pid in $(PRESENCE_HOME=$drill_home pids_of_this_home); do
    warn "killing pid $pid left over by the drill"
    kill -9 "$pid" 2>/dev/null || true
  done
  if $drill_netns; then
    PRESENCE_HOME=$drill_home "$PRESENCE_ROOT/scripts/netns-grid.sh" net-down >&2 || true
    drill_netns=false
  fi
  if [[ -n ${1:-} && -d $drill_home/logs ]]; then
    local kept
    kept="$FAILED_DRILL_LOGS/$1-$(date -u +%Y%m%dT%H%M%SZ)"
    mkdir -p "$kept" && cp -r "$drill_home/logs/." "$kept/" && warn "drill $1 failed: its logs are kept in $kept"
    print_log_digest "$kept" >&2
  fi
  rm -rf "$drill_home"
  drill_home=""
}
trap teardown EXIT

# What a failed drill's nodes said about the topology and their failures, the last lines of each log:
# the kept logs live on the machine that ran the drill, and a CI run shows only what it printed.
LOG_DIGEST_PATTERN='Topology snapshot|Ended [0-9]+ device sessions held by|Lease of API node of order [0-9]+ lapsed|Node FAILED|Node left|SEGMENT|halting|Critical system error|Blocked system-critical|Failed to wait for partition map exchange|Possible starvation|[Dd]isconnected|[Rr]econnected|Grid call failed|Exception in thread|not yet known here| ERROR | SEVERE '
LOG_DIGEST_LINES=${LOG_DIGEST_LINES:-12}
print_log_digest() {
  local file
  for file in "$1"/*.log; do
    [[ -f $file ]] || continue
    echo "--- last notable lines of $(basename "$file"):"
    grep -E "$LOG_DIGEST_PATTERN" "$file" | tail -n "$LOG_DIGEST_LINES" | cut -c12-200 || true
  done
}

# Runs drill $1: its cluster, then its Java class $2 with the remaining arguments. Appends the
# figures line (the class's last figures line on stdout) to $results; fails when the drill did.
# Not run in a subshell, so that the EXIT trap always knows the cluster to tear down.
run_drill() {
  local name=$1 main_class=$2
  shift 2
  drill_home=$(mktemp -d "/tmp/presence-drill-$name.XXXXXX")
  log "drill $name: cluster under $drill_home" >&2
  local status=0 output
  output=$(mktemp)
  if PRESENCE_HOME=$drill_home "$PRESENCE_ROOT/scripts/cluster.sh" up >&2; then
    # The drill's own client node joins with a key store of the cluster's CA, as an API node would.
    (PRESENCE_HOME=$drill_home TLS_DIR=$drill_home/tls && ensure_grid_tls drill >/dev/null)
    PRESENCE_HOME=$drill_home timeout --signal=KILL "$DRILL_TIMEOUT_SECONDS" \
      java @"$JVM_FLAGS_FILE" -Xmx1g -cp "$DRILL_JAR:$PRESENCE_ROOT/drills/target/lib/*" "$main_class" "$@" \
      | tee "$output" >&2 || status=$?
  else
    status=1
    echo "drill=$name result=FAIL reason=cluster-did-not-start" >"$output"
  fi
  if drill_passed "$status" "$output"; then teardown; else teardown "$name"; fi
  record_figures "$name" "$status" "$output"
}

# True when a drill's exit status $1 was 0 and its last figures line in file $2 says it passed.
drill_passed() {
  [[ $1 == 0 ]] && grep '^drill=' "$2" | tail -1 | grep -q 'result=pass'
}

# Appends drill $1's figures line (the last one in file $3, which it removes) to $results; true
# when the drill's exit status $2 was 0 and it passed.
record_figures() {
  local name=$1 status=$2 output=$3 figures
  figures=$(grep '^drill=' "$output" | tail -1 || true)
  rm -f "$output"
  [[ -n $figures ]] || figures="drill=$name result=FAIL reason=no-figures-line(exit-$status)"
  echo "$figures" >>"$results"
  [[ $status == 0 && $figures == *"result=pass"* ]]
}

# Whether drill $1 may build its network: as root with iproute2, and with the namespaces free, since
# their names are the machine's; if not, records why in $2's figures and says no. Namespaces in use are
# not ours to tear down: the teardown would cut the other run's network.
namespaces_available() {
  local drill=$1 output=$2 reason=""
  if [[ $EUID != 0 ]] || ! command -v ip >/dev/null; then
    reason=needs-root-and-iproute2
  elif "$PRESENCE_ROOT/scripts/netns-grid.sh" in-use; then
    reason=namespaces-in-use-by-another-run
  fi
  [[ -z $reason ]] && return 0
  echo "drill=$drill result=FAIL reason=$reason" >"$output"
  record_figures "$drill" 1 "$output"
  return 1
}

# The partition drill: its grid is started by scripts/netns-grid.sh, one network namespace per
# node, not by cluster.sh up (whose nodes share 127.0.0.1 and cannot be cut apart). Its client runs
# here, in the root namespace, which reaches each node over a link of its own.
run_partition_drill() {
  local netns="$PRESENCE_ROOT/scripts/netns-grid.sh" status=0 output majority=() i
  output=$(mktemp)
  namespaces_available partition "$output" || return 0
  drill_home=$(mktemp -d "/tmp/presence-drill-partition.XXXXXX")
  drill_netns=true
  log "drill partition: grid in network namespaces, under $drill_home" >&2
  # The nodes run their own defaults unless the caller's environment says otherwise
  # (docs/reliability.md): PRESENCE_WRITE_QUORUM=majority adds the write quorum; the cut-off node
  # stops by the servers' minority guard whatever the connection recovery time.
  if PRESENCE_HOME=$drill_home "$netns" up >&2; then
    for ((i = 0; i < NODE_COUNT - 1; i++)); do majority+=("$("$netns" host "$i"):$((THIN_PORT_BASE + i))"); done
    # The namespaced grid runs without TLS and accounts (scripts/netns-grid.sh says why); the scripts
    # the drill calls, control.sh among them, must know.
    PRESENCE_GRID_TLS=off PRESENCE_GRID_AUTH=off PRESENCE_HOME=$drill_home timeout --signal=KILL "$DRILL_TIMEOUT_SECONDS" \
      java @"$JVM_FLAGS_FILE" -Xmx512m -cp "$DRILL_JAR:$PRESENCE_ROOT/drills/target/lib/*" \
      io.presencegrid.drills.partition.PartitionDrill "$(IFS=,; echo "${majority[*]}")" \
      "$("$netns" host 2):$((THIN_PORT_BASE + 2))" | tee "$output" >&2 || status=$?
  else
    status=1
    echo "drill=partition result=FAIL reason=grid-did-not-start" >"$output"
  fi
  if drill_passed "$status" "$output"; then teardown; else teardown partition; fi
  record_figures partition "$status" "$output"
}

# The hosts drill: scripts/netns-grid.sh hosts-up starts every process in a namespace of its own
# with cluster.sh, as an operator would on each host; the drill's client runs here, in the root
# namespace, and reaches the grid with the operators' tools through PRESENCE_TOOLS_GRID_HOST and
# PRESENCE_JDBC_URL.
run_hosts_drill() {
  local netns="$PRESENCE_ROOT/scripts/netns-grid.sh" status=0 output
  output=$(mktemp)
  namespaces_available hosts "$output" || return 0
  drill_home=$(mktemp -d "/tmp/presence-drill-hosts.XXXXXX")
  drill_netns=true
  log "drill hosts: five namespaced hosts, under $drill_home" >&2
  # A 20 s TTL, so that the killed API node's device sessions lapse within 22 s rather than 62.
  if PRESENCE_HOME=$drill_home PRESENCE_TTL_SECONDS=20 "$netns" hosts-up >&2; then
    PRESENCE_HOME=$drill_home PRESENCE_TTL_SECONDS=20 PRESENCE_TOOLS_GRID_HOST=$("$netns" host 0) \
      PRESENCE_JDBC_URL="jdbc:ignite:thin://$("$netns" thin-addresses)" \
      timeout --signal=KILL "$DRILL_TIMEOUT_SECONDS" \
      java @"$JVM_FLAGS_FILE" -Xmx512m -cp "$DRILL_JAR:$PRESENCE_ROOT/drills/target/lib/*" \
      io.presencegrid.drills.faults.HostsDrill "$("$netns" api-url 0)" "$("$netns" api-url 1)" | tee "$output" >&2 || status=$?
  else
    status=1
    echo "drill=hosts result=FAIL reason=hosts-did-not-start" >"$output"
  fi
  if drill_passed "$status" "$output"; then teardown; else teardown hosts; fi
  record_figures hosts "$status" "$output"
}

drill() {
  case $1 in
    auth) run_drill auth io.presencegrid.drills.auth.AuthDrill "http://127.0.0.1:$API_PORT_BASE" ;;
    security) run_drill security io.presencegrid.drills.security.SecurityDrill "http://127.0.0.1:$API_PORT_BASE" ;;
    fuzz) run_drill fuzz io.presencegrid.drills.fuzz.FuzzDrill "http://127.0.0.1:$API_PORT_BASE" "${DRILL_FUZZ_CASES:-100000}" ;;
    node-kill) run_drill node-kill io.presencegrid.drills.faults.NodeKillDrill "http://127.0.0.1:$API_PORT_BASE" ;;
    api-kill) run_drill api-kill io.presencegrid.drills.faults.ApiKillDrill \
      "http://127.0.0.1:$API_PORT_BASE" "http://127.0.0.1:$((API_PORT_BASE + 1))" ;;
    api-restart) run_drill api-restart io.presencegrid.drills.faults.ApiRestartDrill \
      "http://127.0.0.1:$API_PORT_BASE" "http://127.0.0.1:$((API_PORT_BASE + 1))" ;;
    # A 20 s TTL, so that staying down for longer than it takes 25 s rather than 65.
    full-restart) PRESENCE_TTL_SECONDS=${PRESENCE_TTL_SECONDS:-20} run_drill full-restart \
      io.presencegrid.drills.faults.FullRestartDrill "http://127.0.0.1:$API_PORT_BASE" ;;
    partition) run_partition_drill ;;
    hosts) run_hosts_drill ;;
  esac
}

# Everything the drills start (their clusters, their clients), from this checkout as it is now.
ensure_built "$JVM_FLAGS_FILE" "$DRILL_JAR"
results=$(mktemp)
failed=0
for name in "${selected[@]}"; do
  drill "$name" || failed=$((failed + 1))
done
cat "$results"
rm -f "$results"
((failed == 0))
