#!/usr/bin/env bash
# Prints a dev JWT (HS256) for the API, signed with the secret the local cluster's API verifies with.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
Usage: scripts/token.sh USER [--admin] [--valid-for SECONDS]

Prints an HS256 JWT for USER ([A-Za-z0-9._@-]{1,64}) valid for one hour, or for SECONDS (1 to 86400):
sub=USER, iat, exp and scope "presence" ("presence:admin" with --admin, which may act for any user). Signed with
PRESENCE_JWT_SECRET; unset, with the file PRESENCE_JWT_SECRET_FILE names, or else with
\$PRESENCE_HOME/secrets/jwt-secret (default ./var/secrets/jwt-secret), the secret scripts/cluster.sh
up generates for that home (token.sh generates it if no script has yet).
Example:
  curl -H "Authorization: Bearer \$(scripts/token.sh alice)" http://127.0.0.1:8080/v1/status/alice
EOF
}

main() {
  local user="" admin="" valid_for=() arg
  while (($# > 0)); do
    arg=$1
    shift
    case $arg in
      -h | --help)
        usage
        return 0
        ;;
      --admin) admin=1 ;;
      --valid-for)
        { (($# > 0)) && [[ $1 =~ ^[0-9]{1,5}$ ]] && ((10#$1 >= 1 && 10#$1 <= 86400)); } ||
          die "--valid-for takes 1 to 86400 seconds, got '${1:-}'"
        valid_for=(--valid-for "$((10#$1))")
        shift
        ;;
      -*) die "unknown option $arg (see --help)" ;;
      *)
        [[ -z $user ]] || die "only one USER, got '$user' and '$arg'"
        user=$arg
        ;;
    esac
  done
  [[ -n $user ]] || {
    usage >&2
    exit 2
  }
  [[ $user =~ ^[A-Za-z0-9._@-]{1,64}$ ]] || die "USER must match [A-Za-z0-9._@-]{1,64}: '$user'"

  ensure_jwt_secret
  ensure_built "$CLIENT_TOOLS_JAR"
  # Signed by client-tools' TokenCommand, with the secret ensure_jwt_secret exported: the same code that
  # signs the bench's, the drills' and the tests' tokens.
  java -cp "$CLIENT_TOOLS_CLASSPATH" io.presencegrid.clienttools.token.TokenCommand "$user" ${admin:+--admin} "${valid_for[@]}"
}

main "$@"
