#!/usr/bin/env bash
# The three grid nodes, each in a Linux network namespace of its own, for the partition drill
# (scripts/drill.sh partition); with hosts-up also two API nodes in namespaces of their own, every
# process started by cluster.sh as on a host of its own, with TLS and accounts (scripts/drill.sh
# hosts). Root only (ip netns). Everything lives in 10.213.0.0/16 on links this script creates inside
# this machine; nothing is routed anywhere else.
#
#   grid network   bridge pgpart-br, node i at 10.213.0.(10+i)/24 on its eth0 (pgpart-n<i> at the bridge),
#                  API node n (hosts-up) at 10.213.0.(20+n) (pgpart-na<n>)
#   client links   node i also has a private veth to the root namespace (pgpart-c<i>, 10.213.1.(4i+1)/30
#                  here, 10.213.1.(4i+2)/30 there) and the root namespace reaches 10.213.0.(10+i) over
#                  it. So the drill's clients reach every node, on either side of a cut, while the
#                  nodes reach each other only across the bridge: a cut is one bridge port down.
#
# Node ports are the local cluster's (discovery 47500+i, ...): the namespaces keep them apart from
# a cluster on 127.0.0.1. Pid files, logs and data are under PRESENCE_HOME as with cluster.sh.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/grid-start.sh
source "$PRESENCE_ROOT/scripts/lib/grid-start.sh"

PREFIX=pgpart
BRIDGE=$PREFIX-br

usage() {
  cat <<EOF
Usage: scripts/netns-grid.sh COMMAND [N]

  up              net-up, start every node, wait for them, activate the cluster (its baseline: all nodes);
                  plain text and no accounts, for the partition drill's thin clients
  hosts-up        net-up with two API namespaces as well, then each grid node and each API node
                  started inside its namespace by scripts/cluster.sh (node start N --host ADDR,
                  api start N), as an operator would on separate hosts: TLS and accounts as
                  cluster.sh has them (on by default), one CA and one set of secrets under
                  PRESENCE_HOME, which the "hosts" share; the cluster activated by control.sh
  hosts-down      cluster.sh down (by pid), then net-down
  cluster-node ACTION N   scripts/cluster.sh node ACTION N --host ADDR inside node N's namespace
  cluster-api ACTION N    scripts/cluster.sh api ACTION N inside API node N's namespace
  api-url N       API node N's base URL, reached from here
  net-up          create the namespaces $PREFIX-node0..$((NODE_COUNT - 1)), the bridge and the links
  net-down        remove them (whatever of them exists); stops nothing: stop the nodes first
  in-use          exit 0 when a process runs in any of the namespaces (another drill or grid), 1 if not
  start N         start grid node N inside its namespace (returns at once; pid in \$PRESENCE_HOME/run)
  wait N          wait until node N serves thin clients (Ignite REST and its thin-client port answer)
  cut N           take node N's bridge port down: it no longer reaches the other nodes
  heal N          bring it up again
  stop N | kill N stop node N gracefully (SIGTERM) or with SIGKILL, by pid
  host N          node N's address
  addresses       the discovery addresses of all nodes (PRESENCE_GRID_ADDRESSES of the nodes)
  thin-addresses  the thin-client addresses of all nodes, comma-separated

Environment: PRESENCE_HOME (data, logs, pids), PRESENCE_WAIT_SECONDS (default 180).
EOF
}

# API nodes of hosts-up: as many as cluster.sh knows.
API_HOSTS=2

namespace() { echo "$PREFIX-node$1"; }
node_host() { echo "10.213.0.$((10 + $1))"; }
api_namespace() { echo "$PREFIX-api$1"; }
api_host() { echo "10.213.0.$((20 + $1))"; }
# The /30 of node $1's client link: .1 is the root namespace's end, .2 the node's.
client_link_address() { echo "10.213.1.$((4 * $1 + $2))"; }

addresses() {
  local i list=()
  for ((i = 0; i < NODE_COUNT; i++)); do list+=("$(node_host "$i"):$((DISCOVERY_PORT_BASE + i))"); done
  (IFS=,; echo "${list[*]}")
}

thin_addresses() {
  local i list=()
  for ((i = 0; i < NODE_COUNT; i++)); do list+=("$(node_host "$i"):$((THIN_PORT_BASE + i))"); done
  (IFS=,; echo "${list[*]}")
}

# The namespaces' names are the machine's, not a run's, so one run at a time uses them.
namespaces_in_use() {
  local ns
  for ns in $(ip netns list | awk '{print $1}' | grep "^$PREFIX-"); do
    ip netns pids "$ns" 2>/dev/null | grep -q . && return 0
  done
  return 1
}

# A run that died leaves its namespaces and links behind, and then every later net-up failed on the
# first of them with "RTNETLINK answers: File exists". Left empty, they are removed; in use, refused.
claim_names() {
  if namespaces_in_use; then
    die "the namespaces of $PREFIX are in use (a process runs in them): another drill or grid; one at a time"
  fi
  if ip link show "$BRIDGE" >/dev/null 2>&1 || ip netns list | grep -q "^$PREFIX-"; then
    warn "namespaces or links of $PREFIX left behind by an earlier run, with nothing running in them: removing them"
    net_down
  fi
}

net_up() {
  claim_names
  ip link add "$BRIDGE" type bridge
  ip link set "$BRIDGE" up
  local i
  for ((i = 0; i < NODE_COUNT; i++)); do add_host_links "$(namespace "$i")" "$(node_host "$i")" "$i" "$i"; done
  log "namespaces up: nodes at $(addresses)"
}

# The API hosts of hosts-up: client link addresses after the grid nodes' (10.213.1.32/30 on).
api_net_up() {
  local n
  for ((n = 0; n < API_HOSTS; n++)); do add_host_links "$(api_namespace "$n")" "$(api_host "$n")" "a$n" $((8 + n)); done
  log "namespaces up: API nodes at $(api_host 0), $(api_host 1)"
}

# Namespace $1 with address $2 on the bridge and a client link of its own to the root namespace;
# its links are named after $3, its client link's /30 is number $4.
add_host_links() {
  local ns=$1 address=$2 tag=$3 link=$4
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  # The grid network: a veth whose root end is a port of the bridge.
  ip link add "$PREFIX-n$tag" type veth peer name "$PREFIX-e$tag"
  ip link set "$PREFIX-e$tag" netns "$ns"
  ip netns exec "$ns" ip link set "$PREFIX-e$tag" name eth0
  ip netns exec "$ns" ip addr add "$address/24" dev eth0
  ip netns exec "$ns" ip link set eth0 up
  ip link set "$PREFIX-n$tag" master "$BRIDGE"
  ip link set "$PREFIX-n$tag" up
  # The client link: the root namespace reaches the host's grid address through it, never the bridge.
  ip link add "$PREFIX-c$tag" type veth peer name "$PREFIX-d$tag"
  ip link set "$PREFIX-d$tag" netns "$ns"
  ip netns exec "$ns" ip link set "$PREFIX-d$tag" name client0
  ip netns exec "$ns" ip addr add "$(client_link_address "$link" 2)/30" dev client0
  ip netns exec "$ns" ip link set client0 up
  ip addr add "$(client_link_address "$link" 1)/30" dev "$PREFIX-c$tag"
  ip link set "$PREFIX-c$tag" up
  ip route add "$address/32" via "$(client_link_address "$link" 2)" dev "$PREFIX-c$tag"
}

# Deleting a namespace deletes the veth ends inside it, and with them their peers here.
net_down() {
  local i ns link
  for ns in $(for ((i = 0; i < NODE_COUNT; i++)); do namespace "$i"; done) \
    $(for ((i = 0; i < API_HOSTS; i++)); do api_namespace "$i"; done); do
    ip netns pids "$ns" 2>/dev/null | grep -q . && warn "processes still run in $ns: $(ip netns pids "$ns" | tr '\n' ' ')"
    ip netns del "$ns" 2>/dev/null || true
  done
  for link in "$BRIDGE" $(ip -o link show | sed -n -E "s/^[0-9]+: ($PREFIX-[a-z0-9]+)[@:].*/\1/p"); do
    ip link del "$link" 2>/dev/null || true
  done
  log "namespaces, links and bridge of $PREFIX removed"
}

start() {
  local i=$1
  running_already "node-$i" && return 0
  ensure_built "$JVM_FLAGS_FILE" "$GRID_NODE_JAR"
  PRESENCE_NODE_HOST=$(node_host "$i") PRESENCE_GRID_ADDRESSES=$(addresses) launch_grid_node "$i" "$(namespace "$i")"
}

# The waits and the activation of grid-start.sh, aimed at node $1's address, where the root namespace
# reaches it (and control.sh with it).
at_node() {
  local host
  host=$(node_host "$1")
  shift
  GRID_HOST=$host PRESENCE_TOOLS_GRID_HOST=$host "$@"
}

up() {
  local i
  ensure_built "$JVM_FLAGS_FILE" "$GRID_NODE_JAR"
  net_up
  for ((i = 0; i < NODE_COUNT; i++)); do start "$i"; done
  for ((i = 0; i < NODE_COUNT; i++)); do at_node "$i" wait_node "$i"; done
  at_node 0 ensure_active
}

# --- hosts-up: every process as an operator starts it on a host of its own --------------------------

# scripts/cluster.sh node ACTION N --host ADDR, run on node N's "host".
cluster_node() {
  local action=$1 i=$2
  PRESENCE_GRID_ADDRESSES=$(addresses) ip netns exec "$(namespace "$i")" \
    "$PRESENCE_ROOT/scripts/cluster.sh" node "$action" "$i" --host "$(node_host "$i")"
}

# scripts/cluster.sh api ACTION N on API node N's "host": its client node binds the host's address,
# finds the grid through the seed list, and cluster.sh checks the grid's state at node 0.
cluster_api() {
  local action=$1 n=$2
  PRESENCE_GRID_ADDRESSES=$(addresses) PRESENCE_NODE_HOST=$(api_host "$n") PRESENCE_TOOLS_GRID_HOST=$(node_host 0) \
    ip netns exec "$(api_namespace "$n")" "$PRESENCE_ROOT/scripts/cluster.sh" api "$action" "$n"
}

api_url() { echo "http://$(api_host "$1"):$((API_PORT_BASE + $1))"; }

hosts_up() {
  local i n
  # Here, once: the hosts' cluster.sh calls run while the nodes of the others run.
  ensure_built "$JVM_FLAGS_FILE" "$GRID_NODE_JAR"
  net_up
  api_net_up
  # Each start waits until its node serves thin clients; the cluster stays inactive meanwhile.
  for ((i = 0; i < NODE_COUNT; i++)); do cluster_node start "$i"; done
  # First activation, from this namespace, as the operator: the baseline becomes the three nodes.
  at_node 0 ensure_active
  # The API hosts start side by side, as separate hosts would.
  local starts=() failed=0 pid
  for ((n = 0; n < API_HOSTS; n++)); do
    cluster_api start "$n" &
    starts+=($!)
  done
  for pid in "${starts[@]}"; do wait "$pid" || failed=$((failed + 1)); done
  ((failed == 0)) || die "$failed API node(s) did not start"
  log "API nodes up at $(api_url 0) and $(api_url 1)"
}

hosts_down() {
  "$PRESENCE_ROOT/scripts/cluster.sh" down || true
  net_down
}

main() {
  local command=${1:-} n=${2:-}
  case $command in
    start | wait | cut | heal | stop | kill | host)
      { [[ $n =~ ^[0-9]$ ]] && ((n < NODE_COUNT)); } || die "$command needs a node index 0..$((NODE_COUNT - 1))"
      ;;
    cluster-node)
      { [[ ${3:-} =~ ^[0-9]$ ]] && (($3 < NODE_COUNT)); } || die "cluster-node ACTION N needs a node index 0..$((NODE_COUNT - 1))"
      ;;
    cluster-api | api-url)
      { [[ ${3:-$n} =~ ^[0-9]$ ]] && ((${3:-$n} < API_HOSTS)); } || die "$command needs an API node index 0..$((API_HOSTS - 1))"
      ;;
  esac
  case $command in
    hosts-up | hosts-down | cluster-node | cluster-api | api-url | net-down | in-use) ;;
    *)
      # The partition drill's grid: plain text, no accounts. Its thin clients log in with no account,
      # and it keeps to the grid alone; hosts-up is the same network with TLS and accounts.
      export PRESENCE_GRID_TLS=off PRESENCE_GRID_AUTH=off
      ;;
  esac
  case $command in
    up) up ;;
    hosts-up) hosts_up ;;
    hosts-down) hosts_down ;;
    cluster-node) cluster_node "$2" "$3" ;;
    cluster-api) cluster_api "$2" "$3" ;;
    api-url) api_url "$n" ;;
    net-up) net_up ;;
    net-down) net_down ;;
    in-use) namespaces_in_use ;;
    start) start "$n" ;;
    wait) at_node "$n" wait_node "$n" ;;
    cut) ip link set "$PREFIX-n$n" down && log "cut: node-$n's bridge port is down" ;;
    heal) ip link set "$PREFIX-n$n" up && log "healed: node-$n's bridge port is up" ;;
    stop) stop_process "node-$n" ;;
    kill) kill_process "node-$n" ;;
    host) node_host "$n" ;;
    addresses) addresses ;;
    thin-addresses) thin_addresses ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
