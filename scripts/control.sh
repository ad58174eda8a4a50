#!/usr/bin/env bash
# Ignite's control utility against the local grid, with the same arguments as Ignite's control.sh.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
Usage: scripts/control.sh ARGS...

Runs Ignite's control utility (ignite-control-utility 2.17) against the local grid. ARGS are those
of Ignite's own control.sh, for example:
  scripts/control.sh --state
  scripts/control.sh --baseline
  scripts/control.sh --cache list .
  scripts/control.sh --cache idle_verify
  scripts/control.sh --set-state ACTIVE --yes
  scripts/control.sh --baseline add presence-node-3 --yes
  scripts/control.sh --snapshot create nightly_1 --sync      (names: letters, digits, _)

Without --host/--port it connects to \$PRESENCE_TOOLS_GRID_HOST (else \$PRESENCE_NODE_HOST, else
127.0.0.1), to the first thin-client port of $THIN_PORT_BASE..$((THIN_PORT_BASE + NODE_COUNT - 1)) that accepts a connection.
Over TLS unless PRESENCE_GRID_TLS=off: it trusts \$PRESENCE_HOME/tls/grid-trust.p12 (or
PRESENCE_GRID_TLS_TRUST_STORE) with the password in \$PRESENCE_HOME/secrets/grid-tls-store-password.
The utility's exit code is passed through: 0 done, 1 invalid arguments, 2 no connection,
4 the operation failed (the reason is printed). It logs to the terminal only: no log file.
Runbook: docs/operations.md. The utility's own help follows.

EOF
}

# Help builds nothing and writes nothing: the utility's own help follows when the tools are built.
help() {
  usage
  if [[ -f $TOOLS_JAR && -f $JVM_FLAGS_FILE ]]; then
    java @"$JVM_FLAGS_FILE" -Xmx256m "$TOOLS_LOGGING" -cp "$TOOLS_CLASSPATH" io.presencegrid.ops.ControlUtility --help
  else
    echo "(The tools are not built yet; any other command of this script builds them, and --help then adds the utility's own.)"
  fi
}

main() {
  # Connection arguments are added unless the user gave some, or asked for help (the utility
  # prints its help only without them).
  local arg add_connection=true add_tls=true
  (($#)) || set -- --help
  for arg in "$@"; do
    case $arg in
      --host | --port) add_connection=false ;;
      --ssl-factory | --keystore | --truststore) add_tls=false ;;
      --help | -h)
        help
        return 0
        ;;
    esac
  done

  ensure_built "$JVM_FLAGS_FILE" "$TOOLS_JAR"
  # The grid's TLS (unless PRESENCE_GRID_TLS=off): the utility builds its TLS context from the
  # environment through grid-tls-factory.xml, so that no password is on its command line.
  ensure_grid_tls ""
  # Logged in as the operator (PRESENCE_GRID_USER to choose); ControlUtility adds the account inside the JVM.
  use_grid_account operator
  local connection=() port
  if $add_connection; then
    if ! port=$(first_open_thin_port); then
      port=$THIN_PORT_BASE
      warn "no grid node accepts connections on $GRID_HOST:$THIN_PORT_BASE..$((THIN_PORT_BASE + NODE_COUNT - 1)) (is the grid up? scripts/cluster.sh status)"
    fi
    connection=(--host "$GRID_HOST" --port "$port")
  fi
  if $add_tls && grid_tls_on; then
    connection+=(--ssl-factory "$PRESENCE_ROOT/scripts/lib/grid-tls-factory.xml")
  fi

  # The utility logs to <IGNITE_HOME>/work/log; keep that under PRESENCE_HOME, not in the repo.
  mkdir -p "$PRESENCE_HOME/control"
  exec java @"$JVM_FLAGS_FILE" -Xmx256m -DIGNITE_HOME="$PRESENCE_HOME/control" "$TOOLS_LOGGING" \
    -cp "$TOOLS_CLASSPATH" io.presencegrid.ops.ControlUtility \
    "${connection[@]}" "$@"
}

main "$@"
