#!/bin/sh
# Installs what building, running and testing Luna Sender needs on Debian 12 (as root, or with
# sudo available). Safe to run again: apt skips what is already there.
set -eu

packages="build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libhiredis-dev libsystemd-dev redis-server redis-tools
  libbenchmark-dev libgtest-dev python3-websockets python3-yaml curl openssl
  systemd lintian file desktop-file-utils
  nodejs chromium"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Debian's nodejs has npm in a package of its own; a nodejs from elsewhere brings npm with it.
command -v npm >/dev/null 2>&1 || missing="$missing npm"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ -z "$missing" ]; then
    echo "setup: every package is installed"
else
    echo "setup: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # The redis-server package would start a system-wide Redis; tests start their own on free ports.
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The web viewer's browser tests: puppeteer-core and ws at the versions of the committed lock file,
# driving Debian's chromium (puppeteer-core never downloads a browser). Skipped when the lock file
# has not changed since the last install.
web_tests="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
if [ -f "$web_tests/package-lock.json" ] && \
   ! cmp -s "$web_tests/package-lock.json" "$web_tests/node_modules/.package-lock.json.installed" 2>/dev/null; then
    echo "setup: npm ci in tests/web"
    (cd "$web_tests" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
        && cp package-lock.json node_modules/.package-lock.json.installed)
fi
echo "setup: done"
