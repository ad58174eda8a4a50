#!/usr/bin/env bash
# The benchmark in one run: starts a local cluster (or uses a running one), measures the fair Ignite
# put ceiling (before and after the HTTP phases) and the design's own put tax, updates and heartbeats
# over HTTP with their CPU per operation, notification latency, idle sockets, grid memory per user,
# offline detection and device sockets held at scale, prints a Markdown table, stops what it started.
# The last line of stdout is always
#   updates_per_s=N update_p99_ms=N notify_p99_ms=N ignite_put_per_s=N ratio=N update_cpu_us=N
#   put_cpu_us=N heartbeat_per_s=N device_sockets=N bytes_per_user=N   (one line)
# (--only PHASE prints that phase's rows and, last, `only=PHASE`.) Progress and the cluster's own
# messages go to stderr.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/bench.sh [--quick] [--reuse] [--only PHASE]

  --quick   shorter phases and 100,000 users for memory (1,000,000 in a full run): 9-12 minutes on a
            2-core machine, the full run 35-45 (phase c3 opens 10,000 device sockets; a., b. and b2. warm
            until their compilers settle); each phase heading says when it started
  --reuse   measure the cluster already running under \$PRESENCE_HOME (default ./var) instead of
            starting one; it is left running. Its TTL is taken from PRESENCE_TTL_SECONDS (default 60).
  --only P  run phase P alone, at the scale of the run (full unless --quick): one of b, c (with c2),
            c3, d, e, f, g (with h); b and h alone leave their goals against the fair ceiling
            unjudged, which did not run; prints their rows and, as the last line, only=P instead of the figures, which need
            every phase

Phases, in order:
  a.  fair ceiling: 32 threads put a 100-byte value under a random one of 100,000 preloaded String
      keys into a cache of its own (ATOMIC, backups=2, FULL_SYNC, PRESENCE's persistent region, no
      SQL, no TTL), after 30 s of warm-up (10 s with --quick; the full run then goes on as b. does,
      below, until the compilers settle); once before and once after the HTTP
      phases (b, b2). ignite_put_per_s is their mean; a gap over 15% prints a WARNING line and a
      table note.
  b.  status updates over HTTP: the most sustained (closed loop, 32 workers, each writing its request
      and reading the answer on its own kept-alive socket: a load client that takes little of the
      cores it shares; its own CPU per request is printed, not counted), then latency at half;
      1,000 users, nine heartbeats to one change, each user changing in a round of their own so that
      every stretch of the run carries one change in ten. Warm-up 60 s (20 s with --quick), then in
      the full run on in 15 s slices until the JIT compilers take 5% or less of a slice's CPU (at most
      300 s more; the lines "updates, warm-up" and "fair ceiling, warm-up" say how it ended), so that
      an update's CPU and a put's are compared warm against warm.
  b2. heartbeats over HTTP: each user's status repeated, closed loop, 32 workers; warm-up 10 s (5 s
      with --quick), then in the full run on until the compilers settle as in b. ("heartbeats, warm-up").
  a2. the design's own tax: the same puts into a copy of DEVICE_SESSION's configuration; the copy
      is dropped after the last phase (waiting at most 60 s, else a WARNING note), since dropping it
      mid-run once left page locks of the live region held that the next phase waited on.
  c.  update-to-event latency over 1,000 WebSockets; c2. the same with every followed user's privacy
      as large as a 16 KiB PUT allows (1,000 allowed, 500 blocked): what the check costs an event;
  c3. one channel of 10,000 members (2,000 with --quick), each on a device socket, watched by 100
      sockets: how long a watch takes to answer, member events while members change status, and 50
      members leaving and joining again;
  d.  idle sockets on one API node;
  e.  grid memory per user;  f. offline detection (last heartbeat to the expired event);
  g.  device sockets, one per user, held two TTLs + 5 s: false expiries must be 0.
CPU per operation (update_cpu_us, put_cpu_us, and per heartbeat) is utime+stime from /proc/PID/stat
of the three grid nodes plus the API (HTTP) or the bench's own client node (puts), over the measured
window only, in microseconds.

Sockets: each is a descriptor in the API and one in the bench, so d. asks for min(20,000, open-file
limit - 1,000) and g. for min(50,000, limit - 1,000); the table says when the limit is the cap.

First it builds every module when an artifact is missing or older than its sources (not while a
--reuse cluster runs from them). Without --reuse a cluster is started under \$PRESENCE_HOME, or under a fresh temporary directory
when PRESENCE_HOME is unset, with PRESENCE_TTL_SECONDS=${BENCH_TTL_SECONDS:-20} (BENCH_TTL_SECONDS),
and stopped (the temporary directory removed) at the end. The ports are the local cluster's: no
other local cluster may run. What each figure means: docs/capacity.md.
USAGE
}

quick=() reuse=0 only=()
while (($#)); do
  case $1 in
    --quick) quick=(--quick) ;;
    --reuse) reuse=1 ;;
    --only)
      [[ ${2:-} =~ ^(b|c|c3|d|e|f|g)$ ]] || { usage >&2; echo "--only takes b, c, c3, d, e, f or g" >&2; exit 2; }
      only=(--only "$2")
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# Decided before common.sh, which defaults PRESENCE_HOME to ./var and derives the pid directory from it.
temporary_home=""
if ((!reuse)) && [[ -z ${PRESENCE_HOME:-} ]]; then
  temporary_home=$(mktemp -d /tmp/presence-bench.XXXXXX)
  export PRESENCE_HOME=$temporary_home
fi
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# The load clients speak plain HTTP: TLS would be measured without its cost being reported apart.
if api_tls_on; then
  die "the bench speaks plain HTTP: run it against an API without PRESENCE_API_TLS"
fi

# 20,000 idle sockets and 50,000 device sockets need as many descriptors in the API and in this
# client: raise the limit for every process started from here (root may raise the hard limit too).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# Each socket is a descriptor in the API and one here: where the limit is under the goal + 1,000 of
# headroom (this machine's hard limit is 20,000), ask for fewer and say so in the table.
open_files=$(ulimit -n)
sockets=$((open_files - 1000 < 20000 ? open_files - 1000 : 20000))
device_sockets=$((open_files - 1000 < 50000 ? open_files - 1000 : 50000))
((sockets == 20000)) || echo "open-file limit $open_files: measuring $sockets idle sockets, not 20,000" >&2
((device_sockets == 50000)) || echo "open-file limit $open_files: holding $device_sockets device sockets, not 50,000" >&2

# The bench, the cluster it starts and its client from this checkout as it is now (a --reuse cluster
# keeps the jars it runs: no build while it runs).
ensure_built "$JVM_FLAGS_FILE" "$PRESENCE_ROOT/bench/target/bench.jar"

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
  # Room for a million users' three copies (full run) and for 20,000 sockets in the API's heap. The
  # sessions' region is in memory only: when it is full a write fails, so it is sized for every session.
  if ((${#quick[@]})); then
    export PRESENCE_DATA_REGION_MB=${PRESENCE_DATA_REGION_MB:-512} PRESENCE_LIVE_REGION_MB=${PRESENCE_LIVE_REGION_MB:-384}
  else
    export PRESENCE_DATA_REGION_MB=${PRESENCE_DATA_REGION_MB:-1536} PRESENCE_LIVE_REGION_MB=${PRESENCE_LIVE_REGION_MB:-1024}
  fi
  export PRESENCE_API_HEAP=${PRESENCE_API_HEAP:-2g}
  started_home=$PRESENCE_HOME
  "$PRESENCE_ROOT/scripts/cluster.sh" up >&2
fi

ensure_jwt_secret 2>/dev/null
# The bench joins the grid as a client node: over TLS with a key store of its own, as API nodes do.
ensure_grid_tls bench
api_pid=$(read_pid api-0) || die "API node 0 is not running under $PRESENCE_HOME"
# Their CPU per operation is read from /proc by pid.
server_pids=()
for ((i = 0; i < NODE_COUNT; i++)); do
  server_pids+=("$(read_pid "node-$i")") || die "grid node $i is not running under $PRESENCE_HOME"
done

java @"$JVM_FLAGS_FILE" -Xmx3g -cp "bench/target/bench.jar:bench/target/lib/*" io.presencegrid.bench.PresenceBench \
  "${quick[@]}" "${only[@]}" --url "http://127.0.0.1:$API_PORT_BASE" --api-pid "$api_pid" \
  --server-pids "$(IFS=,; echo "${server_pids[*]}")" --ttl-seconds "$ttl" \
  --sockets "$sockets" --device-sockets "$device_sockets" --open-file-limit "$open_files" \
  --discovery "127.0.0.1:$DISCOVERY_PORT_BASE..$((DISCOVERY_PORT_BASE + 9))"
