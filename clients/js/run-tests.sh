#!/usr/bin/env bash
# Runs the JavaScript SDK's tests: the unit tests, and the ones against a real local cluster, which this
# script starts under a PRESENCE_HOME of its own and always stops and removes again.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

usage() {
  cat <<USAGE
Usage: clients/js/run-tests.sh [node --test arguments]

Installs the SDK's devDependencies (npm ci: the ws package, Node 20 having no WebSocket of its own,
and TypeScript, which checks src/index.d.ts against test/types/usage.ts), starts a local cluster with
scripts/cluster.sh up (which builds if needed) under a temporary PRESENCE_HOME, runs node --test on
clients/js/test/*.test.js against it, then stops the cluster and removes the temporary home, also
when a step fails or the run is interrupted.

The cluster takes the fixed local ports (API 8080, grid 47500+, 47100+, 10800+, 8091+). When another
cluster holds them, the script waits for them to be free, up to PRESENCE_PORT_WAIT_SECONDS (default
1200), and never stops a process it did not start.

Environment:
  PRESENCE_PORT_WAIT_SECONDS  how long to wait for the ports (default 1200)
  PRESENCE_SKIP_BUILD=1       passed to cluster.sh: use the jars as they are
USAGE
}

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  usage
  exit 0
fi

command -v node >/dev/null 2>&1 || { echo "run-tests: node is missing (apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "run-tests: npm is missing (apt-get install npm)" >&2; exit 1; }

started=$(date +%s)
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
# The hand-written declarations against a program that uses them; before the cluster, to fail fast.
(cd "$here" && npm run --silent check:types)

ports_busy() {
  ss -ltn 2>/dev/null | grep -E ':(8080|10800|47500) ' || true
}
wait_limit=${PRESENCE_PORT_WAIT_SECONDS:-1200}
waited=0
while [[ -n $(ports_busy) ]]; do
  if ((waited >= wait_limit)); then
    echo "run-tests: ports 8080/10800/47500 still busy after ${waited} s; giving up" >&2
    exit 1
  fi
  ((waited == 0)) && echo "run-tests: waiting for another cluster to free ports 8080/10800/47500"
  sleep 10
  waited=$((waited + 10))
done

PRESENCE_HOME=$(mktemp -d -t presence-js-tests.XXXXXX)
export PRESENCE_HOME
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  echo "run-tests: stopping the cluster of $PRESENCE_HOME"
  "$repo/scripts/cluster.sh" down >/dev/null 2>&1 || "$repo/scripts/cluster.sh" down || true
  rm -rf "$PRESENCE_HOME"
  echo "run-tests: done in $(($(date +%s) - started)) s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$repo/scripts/cluster.sh" up

export PRESENCE_TEST_CLUSTER=1 PRESENCE_API_URL=http://127.0.0.1:8080 PRESENCE_REPO="$repo"
cd "$here"
node --test --test-concurrency=1 "$@" test/*.test.js
