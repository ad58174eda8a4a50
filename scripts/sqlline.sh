#!/usr/bin/env bash
# An SQL shell on the grid: sqlline over the Ignite JDBC thin driver.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# PRESENCE_JDBC_URL points the shell at another grid (a test grid, a remote one); default: the local cluster.
url=${PRESENCE_JDBC_URL:-$JDBC_URL}

usage() {
  cat <<EOF
Usage: scripts/sqlline.sh [-e "SQL" | -f FILE.sql]... [other sqlline arguments]

Without -e or -f: an interactive sqlline shell (1.12) on
  $url
(the driver tries the listed nodes in turn until one answers, so it works while any one is up).
Tables in schema PUBLIC: PRESENCE, DEVICE_SESSION, SUBSCRIPTION (see sql/README.md). Leave with !quit.
!tables and !describe TABLE list nothing but headers until you !set incremental true.

With -e or -f: runs the statement(s), or the statements of the file (e.g. one of sql/queries/),
prints the results as tables and exits; the exit status is non-zero when a statement fails or the
grid cannot be reached. Examples:
  scripts/sqlline.sh -e "SELECT STATUS, COUNT(*) FROM PRESENCE GROUP BY STATUS"
  scripts/sqlline.sh -f sql/queries/online-users-by-status.sql

Over TLS unless PRESENCE_GRID_TLS=off: the shell connects through Ignite's JDBC thin driver with the
grid's trust store (\$PRESENCE_HOME/tls/grid-trust.p12) and its password added inside the JVM, under
URLs of the form jdbc:presence-grid://host:port,... (a jdbc:ignite:thin:// URL is taken as one).
Other JDBC tools: docs/security.md shows the connection properties.

Environment: PRESENCE_JDBC_URL, the JDBC URL to use instead of the one above; PRESENCE_TOOLS_GRID_HOST
(else PRESENCE_NODE_HOST), the host of the default URL's three ports instead of 127.0.0.1.
EOF
}

main() {
  local statements=() passthrough=() has_url=false
  while (($#)); do
    case $1 in
      -h | --help)
        usage
        return 0
        ;;
      -e)
        (($# >= 2)) || die "-e needs an SQL statement"
        statements+=("$2")
        shift 2
        ;;
      -f)
        (($# >= 2)) || die "-f needs an SQL file"
        [[ -r $2 ]] || die "cannot read SQL file $2"
        statements+=("$(<"$2")")
        shift 2
        ;;
      -u)
        has_url=true
        passthrough+=("$1")
        shift
        ;;
      *)
        passthrough+=("$1")
        shift
        ;;
    esac
  done

  ensure_built "$JVM_FLAGS_FILE" "$TOOLS_JAR"
  # PresenceJdbcDriver adds the grid's TLS settings (unless PRESENCE_GRID_TLS=off) inside the JVM:
  # sqlline prints the URL it connects to, and arguments show in the process list.
  ensure_grid_tls ""
  # The analyst's account unless PRESENCE_GRID_USER=operator: reads only.
  use_grid_account analyst
  local driver=org.apache.ignite.IgniteJdbcThinDriver
  if [[ $url == jdbc:ignite:thin://* ]]; then
    url="jdbc:presence-grid://${url#jdbc:ignite:thin://}"
  fi
  [[ $url != jdbc:presence-grid://* ]] || driver=io.presencegrid.ops.PresenceJdbcDriver
  local java=(java @"$JVM_FLAGS_FILE" -Xmx512m "$TOOLS_LOGGING" -cp "$TOOLS_CLASSPATH" sqlline.SqlLine -d "$driver")
  $has_url || java+=(-u "$url" -n '' -p '')

  if ((${#statements[@]} == 0)); then
    # Statements piped in (not a terminal) get a dumb terminal 0 columns wide, which would cut
    # every column to nothing; a real terminal keeps its own width.
    [[ -t 0 ]] || java+=(--maxWidth=1000 --color=false)
    exec "${java[@]}" "${passthrough[@]}"
  fi

  # sqlline ignores failures of -e commands (exit status 0); a script run with -f stops at the
  # first failing statement and exits non-zero, so the statements go through a script file.
  local script errors statement status=0
  script=$(mktemp "${TMPDIR:-/tmp}/presence-sqlline.XXXXXX.sql")
  errors=$(mktemp "${TMPDIR:-/tmp}/presence-sqlline.XXXXXX.err")
  # shellcheck disable=SC2064  # the names are fixed now
  trap "rm -f '$script' '$errors'" EXIT
  for statement in "${statements[@]}"; do
    statement=${statement%"${statement##*[![:space:]]}"}
    [[ $statement == *';' ]] || statement+=';'
    printf '%s\n' "$statement" >>"$script"
  done
  # A dumb terminal is 0 columns wide: without maxWidth every column would be cut to nothing.
  "${java[@]}" --silent=true --showHeader=true --outputFormat=table --color=false --maxWidth=1000 \
    "${passthrough[@]}" -f "$script" </dev/null 2>"$errors" || status=$?
  without_noise <"$errors" >&2
  if grep -q 'Failed to connect to server' "$errors"; then
    echo "No grid node answered on $url: is the grid up? (scripts/cluster.sh status)" >&2
  fi
  return "$status"
}

# stderr of a script run without what an analyst does not need: the Java stack trace that follows
# sqlline's one-line "Error: ..." (it prints it while running a script given on the command line),
# and the note that the JDBC thin driver supports no transaction isolation level.
without_noise() {
  awk '
    /^Transaction isolation level .* is not supported/ { next }
    /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_$]+)+(Exception|Error)(: |$)/ && !trace { trace = 1; frames = 0; next }
    trace && /^(\t|Caused by: )/ { frames = 1; next }
    trace && !frames { next }
    { trace = 0; print }'
}

main "$@"
