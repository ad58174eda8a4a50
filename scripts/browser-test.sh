#!/usr/bin/env bash
# Runs the dashboard's browser test (DashboardBrowserIT): headless Chromium against a real API on a real
# test grid. Installs Debian's chromium and chromium-driver first when they are missing; that is why the
# test is not part of the plain `mvn verify`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  cat <<USAGE
Usage: scripts/browser-test.sh [extra Maven arguments]
Installs chromium and chromium-driver with apt-get when /usr/bin/chromium or /usr/bin/chromedriver is
missing (needs root), then runs DashboardBrowserIT through Maven (api-service and the modules it needs).
The screenshot lands in api-service/target/dashboard.png.
Test grids take ports 28500+ (shifted by PRESENCE_TEST_PORT_SHIFT), clear of a running local cluster.
USAGE
  exit 0
fi

need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
[[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "browser-test: missing ${need[*]}; run as root, or: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "browser-test: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The wrapper script of Debian's chromium prints a harmless shell warning on some machines: keep it out.
/usr/bin/chromium --version 2>/dev/null || true

mvn -B -pl api-service -am verify \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=DashboardBrowserIT -Dfailsafe.failIfNoSpecifiedTests=false "$@"
echo "browser-test: screenshot in api-service/target/dashboard.png"
