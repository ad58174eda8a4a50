#!/usr/bin/env bash
# The api-service image's entrypoint.
#   api       (the default) one API node, launched as scripts/cluster.sh launches it, logging to stdout
#   health    the image's HEALTHCHECK: is /actuator/health/liveness UP?
set -euo pipefail

APP=/opt/presence-grid
JVM_FLAGS_FILE=$APP/ignite-jvm.options
LIVENESS_PATH=/actuator/health/liveness

start_api() {
  # Bound to every interface, the client node must tell the grid nodes one address they can reach
  # (they connect back to its communication port): by default the container's own.
  if [[ ${PRESENCE_NODE_HOST:-} == 0.0.0.0 && -z ${PRESENCE_NODE_ADVERTISED_HOST:-} ]]; then
    PRESENCE_NODE_ADVERTISED_HOST=$(hostname -i | awk '{ print $1 }')
    export PRESENCE_NODE_ADVERTISED_HOST
  fi
  exec java @"$JVM_FLAGS_FILE" -Xmx"${PRESENCE_API_HEAP:-512m}" -jar "$APP/api-service.jar"
}

# The image has no curl: HTTP/1.0 over bash's /dev/tcp is enough for one GET. Over HTTPS
# (PRESENCE_API_TLS=true, no management port of its own) only the port can be checked.
check_health() {
  local port=${PRESENCE_MANAGEMENT_PORT:-${PRESENCE_API_PORT:-8080}}
  if [[ -z ${PRESENCE_MANAGEMENT_PORT:-} && ${PRESENCE_API_TLS:-false} =~ ^(true|1|yes|on)$ ]]; then
    # shellcheck disable=SC2016  # $1 belongs to the inner bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$port"
    return
  fi
  # shellcheck disable=SC2016  # $1 and $2 belong to the inner bash
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$2" >&3
    read -r _ status _ <&3
    [[ $status == 200 ]]' _ "$port" "$LIVENESS_PATH"
}

command=${1:-api}
(($# == 0)) || shift
case $command in
  api) start_api ;;
  health) check_health ;;
  *)
    echo "api-service: unknown command '$command': api or health" >&2
    exit 2
    ;;
esac
