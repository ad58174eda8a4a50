#!/usr/bin/env bash
# The grid-node image's entrypoint.
#   node            (the default) one Ignite server node, launched as scripts/cluster.sh launches it
#   control ARGS    Ignite's control utility against this node, logged in as the operator
#   sql STATEMENT   one SQL statement through this node's JDBC port, as the analyst (reads only)
#   health          the image's HEALTHCHECK: does this node's Ignite REST port take connections?
#
# The node index comes from PRESENCE_NODE_INDEX or, in a StatefulSet, from the pod name's ordinal
# (grid-2 is node 2); it names the work directory and the log file, the ports come from the image.
set -euo pipefail

APP=/opt/presence-grid
JVM_FLAGS_FILE=$APP/ignite-jvm.options
# Where the image mounts the write-ahead log; see link_wal_volume.
WAL_VOLUME=/var/lib/presence-grid-wal

die() {
  echo "grid-node: $*" >&2
  exit 2
}

node_index() {
  local index=${PRESENCE_NODE_INDEX:-}
  if [[ -z $index && $(hostname) =~ -([0-9]+)$ ]]; then
    index=${BASH_REMATCH[1]}
  fi
  index=${index:-0}
  [[ $index =~ ^[0-9]{1,4}$ ]] || die "PRESENCE_NODE_INDEX must be a node index, 0 or more, was '$index'"
  echo "$((10#$index))"
}

# The address this node's sockets answer on from inside the container.
local_address() {
  local host=${PRESENCE_NODE_HOST:-127.0.0.1}
  [[ $host != 0.0.0.0 ]] || host=127.0.0.1
  echo "$host"
}

# Ignite keeps the WAL under <work dir>/db/wal and no setting of ours moves it, so the WAL volume is
# linked there. A real directory in its place holds a WAL already: moving it is the operator's call.
link_wal_volume() {
  local db=$1 wal=$1/wal
  [[ -d $WAL_VOLUME ]] || return 0
  mkdir -p "$db"
  if [[ -L $wal ]]; then
    ln -sfn "$WAL_VOLUME" "$wal"
  elif [[ -e $wal ]]; then
    die "$wal is a directory, not a link to the WAL volume $WAL_VOLUME: move its contents there and remove it"
  else
    ln -s "$WAL_VOLUME" "$wal"
  fi
}

start_node() {
  local index
  index=$(node_index)
  [[ -n ${PRESENCE_HOME:-} ]] || die "PRESENCE_HOME must name the node's volume"
  link_wal_volume "$PRESENCE_HOME/node-$index/db"
  # Bound to every interface, the node must tell the others one address they can reach: by default the
  # one the container's own name resolves to.
  if [[ ${PRESENCE_NODE_HOST:-} == 0.0.0.0 && -z ${PRESENCE_NODE_ADVERTISED_HOST:-} ]]; then
    PRESENCE_NODE_ADVERTISED_HOST=$(hostname -i | awk '{ print $1 }')
    export PRESENCE_NODE_ADVERTISED_HOST
  fi
  if [[ ${PRESENCE_LOG_FORMAT:-text} == json ]]; then
    echo "grid-node: node $index, logging JSON to stdout" >&2
  else
    echo "grid-node: node $index, logging to $PRESENCE_HOME/logs/node-$index.log" >&2
  fi
  exec java @"$JVM_FLAGS_FILE" -Xms256m -Xmx"${PRESENCE_NODE_HEAP:-768m}" \
    -cp "$APP/grid-node.jar:$APP/lib/*" io.presencegrid.node.GridNodeLauncher "$index"
}

# As scripts/control.sh: connection, TLS and account are added unless given, and no password reaches a
# command line (ControlUtility reads the account's file inside the JVM).
run_control() {
  local arg add_connection=true add_tls=true
  for arg in "$@"; do
    case $arg in
      --host | --port) add_connection=false ;;
      --ssl-factory | --keystore | --truststore) add_tls=false ;;
      --help | -h) add_connection=false add_tls=false ;;
    esac
  done
  local index connection=()
  index=$(node_index)
  if $add_connection; then
    connection=(--host "$(local_address)" --port "${PRESENCE_CLIENT_PORT:-$((10800 + index))}")
  fi
  if $add_tls && [[ ! ${PRESENCE_GRID_TLS:-on} =~ ^(off|false|0)$ ]]; then
    connection+=(--ssl-factory "$APP/tools/grid-tls-factory.xml")
  fi
  if [[ ! ${PRESENCE_GRID_AUTH:-on} =~ ^(off|false|0)$ && -z ${PRESENCE_GRID_USER:-} ]]; then
    export PRESENCE_GRID_USER=operator
    export PRESENCE_GRID_PASSWORD_FILE=${PRESENCE_GRID_PASSWORD_FILE:-${PRESENCE_GRID_OPERATOR_PASSWORD_FILE:-}}
  fi
  # The utility logs under IGNITE_HOME/work/log: the container's scratch space, not the node's volume.
  mkdir -p /tmp/control-utility
  exec java @"$JVM_FLAGS_FILE" -Xmx256m -DIGNITE_HOME=/tmp/control-utility \
    -Djava.util.logging.config.file="$APP/tools/tools-logging.properties" \
    -cp "$APP/tools/ops-tools.jar:$APP/tools/lib/*" io.presencegrid.ops.ControlUtility \
    "${connection[@]}" "$@"
}

# As scripts/sqlline.sh: PresenceJdbcDriver adds TLS and the account inside the JVM. Operators use it to
# see partitions settle before the next node restarts (SYS.PARTITION_STATES, docs/deployment.md).
run_sql() {
  (($# == 1)) || die "sql takes one statement"
  local index
  index=$(node_index)
  if [[ ! ${PRESENCE_GRID_AUTH:-on} =~ ^(off|false|0)$ && -z ${PRESENCE_GRID_USER:-} ]]; then
    export PRESENCE_GRID_USER=analyst
    export PRESENCE_GRID_PASSWORD_FILE=${PRESENCE_GRID_PASSWORD_FILE:-${PRESENCE_GRID_ANALYST_PASSWORD_FILE:-}}
  fi
  exec java @"$JVM_FLAGS_FILE" -Xmx256m -Djava.util.logging.config.file="$APP/tools/tools-logging.properties" \
    -cp "$APP/tools/ops-tools.jar:$APP/tools/lib/*" sqlline.SqlLine -d io.presencegrid.ops.PresenceJdbcDriver \
    -u "jdbc:presence-grid://$(local_address):${PRESENCE_CLIENT_PORT:-$((10800 + index))}" -n '' -p '' \
    --silent=true --showHeader=true --outputFormat=table --color=false --maxWidth=1000 -e "$1" </dev/null
}

# A bare connection to Ignite REST costs the node nothing; one to the thin-client port that sends no
# handshake makes it log a warning 10 s later (scripts/lib/common.sh), every probe.
check_health() {
  local index
  index=$(node_index)
  # shellcheck disable=SC2016  # $1 and $2 belong to the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$(local_address)" "${PRESENCE_REST_PORT:-$((8091 + index))}"
}

command=${1:-node}
(($# == 0)) || shift
case $command in
  node) start_node ;;
  control) run_control "$@" ;;
  sql) run_sql "$@" ;;
  health) check_health ;;
  *) die "unknown command '$command': node, control ARGS, sql STATEMENT or health" ;;
esac
