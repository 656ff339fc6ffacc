#!/bin/sh
# Installs what building, running and testing Luna Sender needs on Debian 12 (as root, or with
# sudo available), and fetches the npm packages the build and CI use into .deps/ of this checkout.
# Configure and build never download anything: what they need from npm comes from here. Safe to run
# again: apt and npm skip what is already there.
set -eu

packages="build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libhiredis-dev libsystemd-dev redis-server redis-tools influxdb zlib1g-dev
  libbenchmark-dev libgtest-dev python3-websockets python3-yaml curl openssl
  qtkeychain-qt6-dev
  systemd lintian file desktop-file-utils nodejs
  chromium"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# npm comes with nodejs from some sources; Debian's own nodejs needs the npm package besides.
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -z "$missing" ]; then
    echo "setup: every Debian package is installed"
else
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "setup: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # The redis-server and influxdb packages would start system-wide servers; tests start their
    # own on free ports (influxdb: tests/integration/metrics/tst_influx.cpp).
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm packages, with npm's own client, which honours the user's npm configuration (registry,
# proxy, cache, credentials): nothing here names a registry. Pinned versions; into .deps/, which
# is not committed and which CMake (cmake/Redoc.cmake) and .ci/run look at.
deps="$(cd "$(dirname "$0")/.." && pwd)/.deps"
mkdir -p "$deps"
# The ReDoc bundle that renders /docs/spec. The version and its sha512 are pinned in
# cmake/Redoc.cmake, which checks the tarball before using it.
REDOC_VERSION=2.5.4
if [ ! -f "$deps/redoc-$REDOC_VERSION.tgz" ]; then
    echo "setup: npm pack redoc@$REDOC_VERSION"
    (cd "$deps" && npm pack --silent "redoc@$REDOC_VERSION" >/dev/null)
fi
# The OpenAPI linter of .ci/run (.ci/lint-openapi.sh), project-local, not global.
REDOCLY_CLI_VERSION=1.34.5
if [ "$(cat "$deps/tools/redocly.version" 2>/dev/null)" != "$REDOCLY_CLI_VERSION" ]; then
    echo "setup: npm install @redocly/cli@$REDOCLY_CLI_VERSION into $deps/tools"
    npm install --prefix "$deps/tools" --no-audit --no-fund --loglevel=error \
        "@redocly/cli@$REDOCLY_CLI_VERSION" >/dev/null
    echo "$REDOCLY_CLI_VERSION" >"$deps/tools/redocly.version"
fi
# The web viewer's browser tests (tests/web): puppeteer-core and ws at the versions of the committed
# lock file, into tests/web/node_modules (npm ci, no install scripts), driving Debian's chromium above
# (puppeteer-core never downloads a browser). Skipped when the lock file is unchanged since the last install.
web_tests="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
if [ -f "$web_tests/package-lock.json" ] && \
   ! cmp -s "$web_tests/package-lock.json" "$web_tests/node_modules/.package-lock.json.installed" 2>/dev/null; then
    echo "setup: npm ci in tests/web"
    (cd "$web_tests" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
        && cp package-lock.json node_modules/.package-lock.json.installed)
fi
echo "setup: done"
