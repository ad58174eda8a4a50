#!/usr/bin/env bash
# Prints a dev JWT (HS256) for the API, signed with the secret the local cluster's API verifies with.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
Usage: scripts/token.sh USER [--admin]

Prints an HS256 JWT for USER ([A-Za-z0-9._@-]{1,64}) valid for one hour: sub=USER, iat, exp and
scope "presence" ("presence:admin" with --admin, which may act for any user). Signed with
PRESENCE_JWT_SECRET; unset, with the file PRESENCE_JWT_SECRET_FILE names, or else with
\$PRESENCE_HOME/secrets/jwt-secret (default ./var/secrets/jwt-secret), the secret scripts/cluster.sh
up generates for that home (token.sh generates it if no script has yet).
Example:
  curl -H "Authorization: Bearer \$(scripts/token.sh alice)" http://127.0.0.1:8080/v1/status/alice
EOF
}

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

main() {
  local user="" scope=presence arg
  for arg in "$@"; do
    case $arg in
      -h | --help)
        usage
        return 0
        ;;
      --admin) scope=presence:admin ;;
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
  local now header payload signature
  now=$(date +%s)
  header=$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | base64url)
  payload=$(printf '{"sub":"%s","iat":%d,"exp":%d,"scope":"%s"}' "$user" "$now" $((now + 3600)) "$scope" | base64url)
  signature=$(printf '%s' "$header.$payload" |
    openssl dgst -sha256 -mac HMAC -macopt "key:$PRESENCE_JWT_SECRET" -binary | base64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

main "$@"
