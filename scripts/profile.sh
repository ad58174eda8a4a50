#!/usr/bin/env bash
# Samples where one process of the local cluster spends its CPU, with async-profiler, while a load runs.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
Usage: scripts/profile.sh PROCESS [SECONDS]

Samples the CPU of one running process of \$PRESENCE_HOME for SECONDS (1 to 600, default 30) while
whatever load you run goes on: PROCESS is a grid node (node-0, node-1, node-2, node-N for extra
nodes) or an API node (api-0, api-1). async-profiler ($(profiler_version)) is loaded into the process
through the JVM's attach API; it samples perf events, where the kernel refuses them a CPU-time timer.
Unlike JFR it sees time in the kernel (sockets, futexes, scheduling) and in native code.

Writes into \$PRESENCE_HOME/profiles:
  PROCESS-<UTC time>.html        a flame graph, for a browser
  PROCESS-<UTC time>.collapsed   one stack a line, its thread first, then its samples: for grep and sums
and prints how the samples divide between kinds of thread. A sample is a millisecond of CPU. The
profiler stays loaded in the process, idle, until it stops; profiling costs it a few per cent.
docs/capacity.md, "The whole stack, sampled", shows what such profiles found and how to read them.
Example, with a load running:
  scripts/profile.sh node-0 30
EOF
}

# The version the build pinned, from the jar's name: the script's help must not build.
profiler_version() {
  local jar
  for jar in "$PRESENCE_ROOT"/ops-tools/target/lib/async-profiler-*-linux-x64.jar; do
    [[ -f $jar ]] || break
    jar=${jar##*/async-profiler-}
    echo "${jar%-linux-x64.jar}"
    return 0
  done
  echo "the version the root pom pins"
}

main() {
  local process seconds=30 pid out
  case ${1:-} in
    -h | --help)
      usage
      return 0
      ;;
    "") die "which process? (see --help)" ;;
  esac
  process=$1
  [[ $process =~ ^(node|api)-[0-9]{1,2}$ ]] || die "PROCESS is node-N or api-N, got '$process'"
  if (($# > 1)); then
    [[ $2 =~ ^[0-9]{1,3}$ ]] && ((10#$2 >= 1 && 10#$2 <= 600)) || die "SECONDS is 1 to 600, got '$2'"
    seconds=$((10#$2))
  fi
  (($# <= 2)) || die "at most PROCESS and SECONDS (see --help)"
  [[ $(uname -s)-$(uname -m) == Linux-x86_64 ]] || die "the profiler's agent here is for x86-64 Linux, not $(uname -s) $(uname -m)"

  pid=$(read_pid "$process") || die "$process is not running for PRESENCE_HOME=$PRESENCE_HOME (scripts/cluster.sh status)"
  ensure_built "$TOOLS_JAR"
  compgen -G "$PRESENCE_ROOT/ops-tools/target/lib/async-profiler-*-linux-x64.jar" >/dev/null ||
    die "ops-tools was built without async-profiler; rebuild it (mvn -pl ops-tools -am package -DskipTests) once no process of this checkout runs"
  out="$PRESENCE_HOME/profiles"
  mkdir -p "$out"
  log "sampling $process (pid $pid) for $seconds s"
  java -Xmx128m -cp "$TOOLS_CLASSPATH" io.presencegrid.ops.profile.CpuProfile "$pid" "$seconds" \
    "$out/$process-$(date -u +%Y%m%dT%H%M%SZ)"
}

main "$@"
