#!/usr/bin/env bash
# Checks the API's two descriptions with the tools client generators' users run: the OpenAPI document
# with Redocly CLI's recommended rules (redocly.yaml), the AsyncAPI document of /v1/ws with the AsyncAPI
# parser. Both tools come from npm at pinned versions, into npm's cache, nothing installed globally.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Redocly CLI 2.x needs Node 20.19+; 1.34 runs on the Node 18 Debian 12 ships.
REDOCLY_CLI=@redocly/cli@2.77.0
REDOCLY_CLI_NODE18=@redocly/cli@1.34.20
ASYNCAPI_PARSER=@asyncapi/parser@3.6.3

usage() {
  cat <<USAGE
Usage: scripts/lint-api.sh [--url URL] [--cacert FILE]

Without --url: lints api-service/target/openapi.json, the live /v3/api-docs that ApiDescriptionsIT
writes during mvn verify, and validates api-service/src/main/resources/static/asyncapi.json. When that
file is missing or older than api-service's sources, it lints the local API's live documents instead,
starting the local cluster (scripts/cluster.sh up, which builds) and stopping it again when none runs.
With --url (an API node, e.g. http://127.0.0.1:8080 or https://127.0.0.1:8080 on a cluster started by
scripts/cluster.sh up): fetches URL/v3/api-docs and URL/asyncapi.json (no token needed) and checks those.
For https, --cacert names the CA to trust (default: \$PRESENCE_HOME/tls/ca.crt when it exists).
Exits non-zero on any error or warning. Installs Debian's nodejs and npm (apt-get, as root) when node
or npx is missing.
USAGE
}

url="" cacert=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --url) url=${2:?--url needs a URL}; shift 2 ;;
    --cacert) cacert=${2:?--cacert needs a file}; shift 2 ;;
    *) echo "lint-api: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v node >/dev/null 2>&1 || ! command -v npx >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "lint-api: node and npx are needed; run as root, or: sudo apt-get install nodejs npm" >&2
    exit 1
  fi
  echo "lint-api: installing nodejs npm"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
node_version=$(node -p 'process.versions.node')
IFS=. read -r node_major node_minor _ <<<"$node_version"
if ((node_major < 20 || (node_major == 20 && node_minor < 19))); then
  REDOCLY_CLI=$REDOCLY_CLI_NODE18
fi
# No telemetry or update checks: CI machines reach the package registries only.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NPM_CONFIG_UPDATE_NOTIFIER=false

openapi=api-service/target/openapi.json
asyncapi=api-service/src/main/resources/static/asyncapi.json
work=""
cleanup() {
  [[ -z $work ]] || rm -rf "$work"
  if declare -F stop_local_cluster_if_started >/dev/null; then stop_local_cluster_if_started; fi
}
trap cleanup EXIT
if [[ -z $url && ( ! -s $openapi || -n $(find api-service/src api-service/pom.xml -newer "$openapi" -print -quit) ) ]]; then
  # No document as the sources stand (a fresh clone, or edits since mvn verify wrote it): the live one
  # of the local API, whose cluster is started here (and stopped again) when none runs.
  # shellcheck source=lib/common.sh
  source scripts/lib/common.sh
  url="http://127.0.0.1:$API_PORT_BASE"
  start_local_cluster_unless_running "$url"
fi
if [[ -n $url ]]; then
  work=$(mktemp -d)
  curl_tls=()
  if [[ $url == https:* ]]; then
    cacert=${cacert:-${PRESENCE_HOME:-var}/tls/ca.crt}
    [[ -f $cacert ]] && curl_tls=(--cacert "$cacert")
  fi
  openapi=$work/openapi.json asyncapi=$work/asyncapi.json
  curl -fsS "${curl_tls[@]}" -o "$openapi" "${url%/}/v3/api-docs"
  curl -fsS "${curl_tls[@]}" -o "$asyncapi" "${url%/}/asyncapi.json"
fi

echo "lint-api: OpenAPI, $REDOCLY_CLI on node $node_version"
npx --yes "$REDOCLY_CLI" lint --config redocly.yaml --format=stylish "$openapi"

echo "lint-api: AsyncAPI, $ASYNCAPI_PARSER"
# A folder of its own in npm's cache area: installed once, reused, and nothing global.
parser_home=${XDG_CACHE_HOME:-$HOME/.cache}/presence-grid/${ASYNCAPI_PARSER//[@\/]/_}
if [[ ! -d $parser_home/node_modules/@asyncapi/parser ]]; then
  mkdir -p "$parser_home"
  npm install --prefix "$parser_home" --no-save --no-audit --no-fund --loglevel=error "$ASYNCAPI_PARSER" >/dev/null
fi
NODE_PATH=$parser_home/node_modules node scripts/lib/validate-asyncapi.cjs "$asyncapi"
