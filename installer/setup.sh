#!/bin/sh
# Installs what building, running and testing Luna Sender needs on Debian 12 (as root, or with
# sudo available). Safe to run again: apt skips what is already there.
set -eu

packages="build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libhiredis-dev libsystemd-dev redis-server redis-tools
  libbenchmark-dev libgtest-dev python3-websockets python3-yaml curl openssl
  qtkeychain-qt6-dev
  systemd lintian file desktop-file-utils"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "setup: everything is installed"
    exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The redis-server package would start a system-wide Redis; tests start their own on free ports.
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "setup: done"
