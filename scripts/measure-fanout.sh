#!/usr/bin/env bash
# Update-to-event latency through the WebSocket fan-out of the local API, started here when none runs.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  cat <<USAGE
Usage: scripts/measure-fanout.sh [sockets (1000)] [targets (10)] [updates (200)] [base URL (http://127.0.0.1:8080)]
Opens the sockets on one API node, all following the same target users, sends status changes one at a
time over REST and prints p50/p90/p99/p99.9/max of update-to-event latency (HdrHistogram). Builds what
is missing or older than its sources; when no API answers at the default URL, starts the local
cluster (scripts/cluster.sh up) and stops it again at the end.
USAGE
  exit 0
fi

ensure_jwt_secret
ensure_built "$PRESENCE_ROOT/bench/target/bench.jar"
url=${4:-http://127.0.0.1:8080}
trap stop_local_cluster_if_started EXIT
start_local_cluster_unless_running "$url"
java -cp "bench/target/bench.jar:bench/target/lib/*" io.presencegrid.bench.SocketFanoutBench \
  "$url" "${1:-1000}" "${2:-10}" "${3:-200}"
