#!/usr/bin/env bash
# Issue 6's benchmark in one run: starts a local cluster (or uses a running one), measures the raw
# Ignite ceiling, updates, notification latency, idle sockets, grid memory per user and offline
# detection, prints a Markdown table, stops what it started. The last line of stdout is always
#   updates_per_s=N update_p99_ms=N notify_p99_ms=N ignite_put_per_s=N ratio=N
# Progress and the cluster's own messages go to stderr.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/bench.sh [--quick] [--reuse]

  --quick   smaller figures (100,000 users for memory, shorter runs): under 5 minutes
  --reuse   measure the cluster already running under \$PRESENCE_HOME (default ./var) instead of
            starting one; it is left running. Its TTL is taken from PRESENCE_TTL_SECONDS (default 60).

Without --reuse a cluster is started under \$PRESENCE_HOME, or under a fresh temporary directory
when PRESENCE_HOME is unset, with PRESENCE_TTL_SECONDS=${BENCH_TTL_SECONDS:-20} (BENCH_TTL_SECONDS),
and stopped (the temporary directory removed) at the end. The ports are the local cluster's: no
other local cluster may run. What each figure means: docs/capacity.md.
USAGE
}

quick=() reuse=0
for arg in "$@"; do
  case $arg in
    --quick) quick=(--quick) ;;
    --reuse) reuse=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# Decided before common.sh, which defaults PRESENCE_HOME to ./var and derives the pid directory from it.
temporary_home=""
if ((!reuse)) && [[ -z ${PRESENCE_HOME:-} ]]; then
  temporary_home=$(mktemp -d /tmp/presence-bench.XXXXXX)
  export PRESENCE_HOME=$temporary_home
fi
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# 20,000 idle sockets need as many descriptors in the API and in this client: raise the limit for
# every process started from here (root may raise the hard limit too).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# Each socket is a descriptor in the API and one here: where the limit is under 20,000 + headroom
# (this machine's hard limit is 20,000), ask for fewer and say so in the table.
sockets=$(( $(ulimit -n) - 1000 < 20000 ? $(ulimit -n) - 1000 : 20000 ))
((sockets == 20000)) || echo "open-file limit $(ulimit -n): measuring $sockets idle sockets, not 20,000" >&2

started_home=""
finish() {
  if [[ -n $started_home ]]; then
    log "stopping the bench cluster" >&2
    PRESENCE_HOME=$started_home "$PRESENCE_ROOT/scripts/cluster.sh" down >&2 || true
  fi
  [[ -z $temporary_home ]] || rm -rf "$temporary_home"
}
trap finish EXIT

if ((reuse)); then
  ttl=${PRESENCE_TTL_SECONDS:-60}
else
  ttl=${BENCH_TTL_SECONDS:-20}
  export PRESENCE_TTL_SECONDS=$ttl
  # Room for a million users' three copies (full run) and for 20,000 sockets in the API's heap.
  if ((${#quick[@]})); then export PRESENCE_DATA_REGION_MB=${PRESENCE_DATA_REGION_MB:-512}
  else export PRESENCE_DATA_REGION_MB=${PRESENCE_DATA_REGION_MB:-1536}; fi
  export PRESENCE_API_HEAP=${PRESENCE_API_HEAP:-2g}
  started_home=$PRESENCE_HOME
  "$PRESENCE_ROOT/scripts/cluster.sh" up >&2
fi

ensure_jwt_secret 2>/dev/null
[[ -f bench/target/bench.jar ]] || mvn -q -B -DskipTests -pl bench -am package >&2
api_pid=$(read_pid api-0) || die "API node 0 is not running under $PRESENCE_HOME"

java @"$JVM_FLAGS_FILE" -Xmx3g -cp "bench/target/bench.jar:bench/target/lib/*" io.presencegrid.bench.PresenceBench \
  "${quick[@]}" --url "http://127.0.0.1:$API_PORT_BASE" --api-pid "$api_pid" --ttl-seconds "$ttl" --sockets "$sockets" \
  --discovery "127.0.0.1:$DISCOVERY_PORT_BASE..$((DISCOVERY_PORT_BASE + 9))"
