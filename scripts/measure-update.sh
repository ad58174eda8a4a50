#!/usr/bin/env bash
# A quick latency figure for POST /v1/status/update against the local API, started here when none runs.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  cat <<USAGE
Usage: scripts/measure-update.sh [requests (10000)] [users (1000)] [workers (8)] [base URL (http://127.0.0.1:8080)] [change every N updates (1)]
Sends the updates through real HTTP with one HS256 token per user (PRESENCE_JWT_SECRET, or the
secret of \$PRESENCE_HOME the local cluster uses) and prints throughput and p50/p90/p99/p99.9/max
latency (HdrHistogram). Each user's status flips every N rounds: 1 makes every update a change, 10 is
the bench's nine heartbeats to one change. Builds what is missing or older than its sources; when
no API answers at the default URL, starts the local cluster (scripts/cluster.sh up) and stops it
again at the end.
USAGE
  exit 0
fi

ensure_jwt_secret
ensure_built "$PRESENCE_ROOT/bench/target/bench.jar"
url=${4:-http://127.0.0.1:8080}
trap stop_local_cluster_if_started EXIT
start_local_cluster_unless_running "$url"
java -cp "bench/target/bench.jar:bench/target/lib/*" io.presencegrid.bench.UpdateLatencyBench \
  "$url" "${1:-10000}" "${2:-1000}" "${3:-8}" "${5:-1}"
