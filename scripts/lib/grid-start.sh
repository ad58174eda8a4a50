# shellcheck shell=bash disable=SC2034  # WAIT_SECONDS and the jars are used by the scripts that source this
# Launching grid nodes and API nodes, waiting until they serve, and activating the cluster: one way,
# for scripts/cluster.sh (loopback, or one host's node) and scripts/netns-grid.sh (a node per network
# namespace). Source after common.sh. The waits reach the grid at $GRID_HOST; a caller whose nodes have
# addresses of their own sets GRID_HOST (and PRESENCE_TOOLS_GRID_HOST, for control.sh) for the call.

# Seconds each wait (a node's port, activation, API health) may take before we give up.
WAIT_SECONDS=${PRESENCE_WAIT_SECONDS:-180}

GRID_NODE_JAR="$PRESENCE_ROOT/grid-node/target/grid-node.jar"
GRID_NODE_LIB="$PRESENCE_ROOT/grid-node/target/lib"
API_JAR="$PRESENCE_ROOT/api-service/target/api-service.jar"

# True, saying so, when process $1 (node-0, api-1, ...) already runs by its pid file.
running_already() {
  local pid
  pid=$(read_pid "$1") || return 1
  log "$1 is already running (pid $pid)"
}

# Launches a JVM detached from this shell (its own session), records its pid, returns at once. $1 names
# the process, $2 is the network namespace to run it in (empty: this one), the rest are java's arguments
# after the shared JVM flags.
launch() {
  local name=$1 namespace=$2 pid out="$PRESENCE_LOGS/$1.out" in_namespace=()
  shift 2
  [[ -z $namespace ]] || in_namespace=(ip netns exec "$namespace")
  mkdir -p "$PRESENCE_LOGS" "$PRESENCE_RUN"
  echo "===== $(date '+%F %T') starting $name${namespace:+ in $namespace}" >>"$out"
  setsid "${in_namespace[@]}" java @"$JVM_FLAGS_FILE" "$(home_marker)" -Dpresence.process="$name" "$@" >>"$out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  log "started $name${namespace:+ in $namespace} (pid $pid), output in ${out#"$PRESENCE_ROOT"/}"
}

# Grid node $1, in network namespace $2 when given. The launcher places it by its index and the
# PRESENCE_* placement variables of this environment (README, "Placement").
launch_grid_node() {
  launch "node-$1" "${2:-}" -Xms256m -Xmx"${PRESENCE_NODE_HEAP:-768m}" -cp "$GRID_NODE_JAR:$GRID_NODE_LIB/*" \
    io.presencegrid.node.GridNodeLauncher "$1"
}

# API node $1 on its port of the plan, logging to $PRESENCE_LOGS/api-N.log.
launch_api_node() {
  local n=$1
  PRESENCE_API_PORT=$((API_PORT_BASE + n)) PRESENCE_API_INDEX=$n \
    launch "api-$n" "" -Xmx"${PRESENCE_API_HEAP:-512m}" -jar "$API_JAR" --logging.file.name="$PRESENCE_LOGS/api-$n.log"
}

# True when Ignite REST of grid node $1 answers: it holds requests until the node has started.
rest_ready() {
  grid_rest "$1" cmd=version --max-time 10 2>/dev/null |
    grep -q '"successStatus":0'
}

# The grid's default ports (47100+, 47500+) lie inside Linux's ephemeral port range, so an outgoing
# connection on the host, even one of a starting node's own retries to a neighbour not yet listening,
# can hold one for an instant just as a node binds it. The launcher says so in its output, and the
# ports were checked free just before the launch: such a node is started again, after a pause that
# outlasts a connection attempt.
PORT_RACE_RELAUNCHES=2
PORT_RACE_PAUSE_SECONDS=2

# True when the last launch of process $1 ended because one of its ports was taken (GridNodeLauncher's
# message, after the last start marker of its output).
lost_a_port_race() {
  local out="$PRESENCE_LOGS/$1.out"
  [[ -f $out ]] || return 1
  awk -v name="$1" '
    /^===== / && ($NF == name || $(NF - 2) == name) { lost = 0 }
    index($0, "grid node " name " could not bind one of its ports") { lost = 1 }
    END { exit !lost }' "$out"
}

# Ends a wait for process $1 that failed: the progress line closed, the end of its logs shown, then
# message $2 and exit.
give_up() {
  progress_end
  show_log_tail "$PRESENCE_LOGS/$1.out" "$PRESENCE_LOGS/$1.log"
  die "$2"
}

# Polls until grid node $1 serves thin clients; on timeout or death shows its logs. Its thin port
# opens seconds before the node has joined, and each connection it gets meanwhile costs a warning
# in its log ("Unable to perform handshake"), so the thin port is tried once REST answers. Given a
# command after the index, a node that exits because a port was taken as it bound is started again
# with it, up to PORT_RACE_RELAUNCHES times.
wait_node() {
  local i=$1 name="node-$1" port=$((THIN_PORT_BASE + $1)) deadline=$((SECONDS + WAIT_SECONDS)) started=$SECONDS
  local relaunches=0 waiting_for
  shift
  waiting_for="$name to serve clients (Ignite REST on $((REST_PORT_BASE + i)), thin client on $port)"
  progress_begin "$waiting_for" "$PRESENCE_LOGS/$name.log"
  until rest_ready "$i" && thin_port_ready "$port" 8; do
    if ! read_pid "$name" >/dev/null 2>&1; then
      if (($# > 0 && relaunches < PORT_RACE_RELAUNCHES)) && lost_a_port_race "$name"; then
        relaunches=$((relaunches + 1))
        progress_end
        warn "$name could not bind a port that was free when it was launched: starting it again in $PORT_RACE_PAUSE_SECONDS s (docs/operations.md, \"A node that could not bind its port\")"
        sleep "$PORT_RACE_PAUSE_SECONDS"
        "$@" || true
        deadline=$((SECONDS + WAIT_SECONDS))
        progress_begin "$waiting_for" "$PRESENCE_LOGS/$name.log"
        continue
      fi
      give_up "$name" "$name exited before it was up (scripts/cluster.sh down stops the processes that did start)"
    fi
    if ((SECONDS >= deadline)); then
      give_up "$name" "$name is not up after $WAIT_SECONDS s (no answer from Ignite REST on $((REST_PORT_BASE + i)) or the thin-client port $port)"
    fi
    sleep 1
  done
  progress_end
  log "$name is up (thin client and JDBC on $port) after $((SECONDS - started)) s"
}

# The top-level "status" of the API node's /actuator/health, or nothing.
api_health() {
  tls_curl -s --max-time 3 "$(api_base_url "$1")/actuator/health" 2>/dev/null |
    python3 -c 'import json, sys; print(json.load(sys.stdin).get("status", ""))' 2>/dev/null || true
}

wait_api() {
  local n=$1 name="api-$1" health deadline=$((SECONDS + WAIT_SECONDS)) started=$SECONDS
  progress_begin "$name to be healthy ($(api_base_url "$n")/actuator/health)" "$PRESENCE_LOGS/$name.log"
  until [[ $(api_health "$n") == UP ]]; do
    if ! read_pid "$name" >/dev/null 2>&1; then
      give_up "$name" "$name exited before it was healthy"
    fi
    if ((SECONDS >= deadline)); then
      health=$(tls_curl -s --max-time 3 "$(api_base_url "$n")/actuator/health" || true)
      give_up "$name" "$name is not UP after $WAIT_SECONDS s; /actuator/health says: ${health:-nothing}"
    fi
    sleep 1
  done
  progress_end
  log "$name is UP on $(api_base_url "$n") after $((SECONDS - started)) s"
}

control() { "$PRESENCE_ROOT/scripts/control.sh" "$@"; }

# The cluster state as the control utility prints it (ACTIVE, INACTIVE, ACTIVE_READ_ONLY), or
# nothing when no node answers.
cluster_state() {
  local output
  output=$(control --state 2>&1) || return 0
  sed -n -E 's/^Cluster state: ([A-Z_]+).*/\1/p; s/^Cluster is active.*/ACTIVE/p; s/^Cluster is inactive.*/INACTIVE/p' <<<"$output" | head -n 1
}

# Server nodes in the topology, from Ignite REST's topology command (it answers while inactive).
server_count() {
  local i
  for ((i = 0; i < NODE_COUNT; i++)); do
    port_open $((REST_PORT_BASE + i)) "$GRID_HOST" || continue
    grid_rest "$i" "cmd=top&attr=true" --max-time 5 |
      python3 -c 'import json, sys
nodes = json.load(sys.stdin).get("response") or []
print(sum(1 for n in nodes if not (n.get("attributes") or {}).get("org.apache.ignite.cache.client")))' 2>/dev/null && return 0
  done
  echo 0
}

ensure_active() {
  local state deadline=$((SECONDS + WAIT_SECONDS))
  state=$(cluster_state)
  if [[ $state == INACTIVE || -z $state ]]; then
    # A restarted persistent cluster activates itself once every baseline node is back; on the
    # first start the baseline becomes the nodes present at activation, so wait for all of them.
    progress_begin "the $NODE_COUNT grid nodes to join one topology, or the cluster to activate itself" "$PRESENCE_LOGS/node-0.log"
    until [[ $state == ACTIVE* ]] || (($(server_count) >= NODE_COUNT)); do
      ((SECONDS < deadline)) || {
        progress_end
        show_log_tail "$PRESENCE_LOGS/node-0.log"
        die "the $NODE_COUNT grid nodes did not all join the topology within $WAIT_SECONDS s"
      }
      sleep 1
      state=$(cluster_state)
    done
    progress_end
    if [[ $state != ACTIVE* ]]; then
      log "activating the cluster (control.sh --set-state ACTIVE --yes)"
      control --set-state ACTIVE --yes >/dev/null || warn "activation reported a failure; waiting for the state anyway"
    fi
  fi
  [[ $state == ACTIVE* ]] || progress_begin "the cluster to be ACTIVE" "$PRESENCE_LOGS/node-0.log"
  until [[ $state == ACTIVE* ]]; do
    ((SECONDS < deadline)) || {
      progress_end
      show_log_tail "$PRESENCE_LOGS/node-0.log"
      die "the cluster is not ACTIVE after $WAIT_SECONDS s (state: ${state:-unknown})"
    }
    sleep 1
    state=$(cluster_state)
  done
  progress_end
  [[ $state == ACTIVE ]] || warn "the cluster is $state"
  log "cluster state: $state"
}
