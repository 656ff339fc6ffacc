#!/bin/sh
# Builds the Debian package from an existing build directory, inspects it, verifies the unit,
# installs it with apt, runs the installed binary (--version, then --headless answering
# /version as the service user), stops it, and removes and purges the package. Exits non-zero
# on the first failure. Run as root (CI is), after the project has been built:
#
#   installer/ci-package-check.sh [build-dir]        (default: build)
#
# systemd is not PID 1 in CI containers: the maintainer scripts must then stay quiet and not
# start anything, and `systemd-analyze verify` is as far as the unit can be checked.
set -eu

cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
out="$build/package"
pkg=luna-sender
pid=""

say() { printf 'package-check: %s\n' "$*"; }
fail() { printf 'package-check: FAILED: %s\n' "$*" >&2; exit 1; }

installed() { dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; }
apt_get() {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y "$@"
}
cleanup() {
    status=$?
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    if installed || dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "config-files"; then
        apt_get purge "$pkg" >/dev/null 2>&1 || true
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Lines that should never appear while the package is installed or removed: apt's and dpkg's
# progress lines (which name packages such as libgpg-error0) aside, nothing alarming.
check_quiet() {
    if grep -vE '^(Get:|Selecting |Preparing to unpack|Unpacking |Setting up |Processing triggers|Removing |Purging |\(Reading database)' "$1" \
        | grep -iE 'warn|error|fail|denied|not found|cannot|unable|no such' >"$1.alarming"; then
        cat "$1" >&2
        fail "apt/dpkg printed something alarming while $2:$(printf '\n'; cat "$1.alarming")"
    fi
}

[ "$(id -u)" -eq 0 ] || fail "run as root (it installs and removes the package)"
[ -f "$build/CPackConfig.cmake" ] || fail "$build is not a configured build directory"
command -v systemd-analyze >/dev/null || fail "systemd-analyze not found (Debian package systemd)"

# --- build ---------------------------------------------------------------------------------
say "building the package in $out"
cmake --build "$build" --target luna-sender luna-sender-package-files >/dev/null
rm -rf "$out"
mkdir -p "$out"
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log" >&2; fail "cpack"; }
version=$("$build/app/luna-sender" --version | awk '{print $2}')
deb="$out/${pkg}_${version}_amd64.deb"
[ -f "$deb" ] || fail "expected $deb; cpack made: $(ls "$out")"
# apt reads the file as the _apt user.
chmod 0755 "$out"
chmod 0644 "$deb"

# --- inspect -------------------------------------------------------------------------------
say "dpkg-deb -I $(basename "$deb")"
dpkg-deb -I "$deb"
say "dpkg-deb -c $(basename "$deb")"
dpkg-deb -c "$deb" | tee "$out/contents.txt"
for path in ./usr/bin/luna-sender ./lib/systemd/system/luna-sender.service \
    ./lib/systemd/system/luna-sender@.service \
    ./etc/luna-sender/luna-sender.conf ./usr/share/applications/luna-sender.desktop \
    ./usr/share/icons/hicolor/scalable/apps/luna-sender.svg \
    ./usr/share/man/man1/luna-sender.1.gz ./usr/share/doc/luna-sender/copyright \
    ./usr/share/doc/luna-sender/changelog.gz ./usr/share/doc/luna-sender/html/index.html \
    ./usr/share/doc/luna-sender/html/operations.html ./usr/share/doc/luna-sender/html/scaling.html; do
    awk '{print $6}' "$out/contents.txt" | grep -qxF "$path" || fail "the package lacks $path"
done
# The monitoring files for Prometheus and Grafana.
for doc in monitoring/prometheus.yml monitoring/grafana-dashboard.json; do
    grep -q "/usr/share/doc/luna-sender/$doc\$" "$out/contents.txt" \
        || fail "the package lacks $doc"
done
dpkg-deb -f "$deb" Depends | grep -q 'libqt6core6' || fail "Depends lacks the Qt libraries"
# The monitoring port is built on Qt's HTTP server (shlibdeps).
dpkg-deb -f "$deb" Depends | grep -q 'libqt6httpserver6' || fail "Depends lacks Qt HttpServer"
# The console keeps monitoring tokens in the system keyring through QtKeychain (shlibdeps).
dpkg-deb -f "$deb" Depends | grep -q 'libqt6keychain' || fail "Depends lacks QtKeychain"
# Exactly the two files an operator edits: the configuration and the alert rules.
[ "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles | sort)" = "$(printf '%s\n' \
    /etc/luna-sender/alerts.json /etc/luna-sender/luna-sender.conf)" ] \
    || fail "conffiles must list /etc/luna-sender/luna-sender.conf and /etc/luna-sender/alerts.json"
if command -v lintian >/dev/null; then
    say "lintian"
    # Errors and warnings fail. Accepted (informational): hardening-no-bindnow and
    # hardening-no-fortify-functions (the project's compiler flags), binary-has-unneeded-section
    # (CPack's strip keeps .comment), package-supports-alternative-init-but-no-init.d-script
    # (systemd only: readiness, reload and sandboxing live in the unit).
    lintian --fail-on error,warning -I "$deb" >"$out/lintian.log" 2>&1 \
        || { cat "$out/lintian.log" >&2; fail "lintian reports errors or warnings"; }
    grep -v 'running with root privileges' "$out/lintian.log" || true
else
    say "lintian not installed: skipped"
fi

# --- install -------------------------------------------------------------------------------
if installed; then
    say "purging a $pkg left installed before"
    apt_get purge "$pkg" >/dev/null
fi
say "apt install $(basename "$deb")"
apt_get install "$deb" >"$out/install.log" 2>&1 || { cat "$out/install.log" >&2; fail "apt install"; }
cat "$out/install.log"
check_quiet "$out/install.log" "installing"
installed || fail "$pkg is not installed after apt install"

say "systemd-analyze verify the installed unit"
man_check=--man=yes
command -v man >/dev/null && [ -f /usr/share/man/man1/luna-sender.1.gz ] || man_check=--man=no
systemd-analyze verify "$man_check" /lib/systemd/system/luna-sender.service \
    || fail "systemd-analyze verify"
# An instance of the template (the file it names need not exist for verify).
systemd-analyze verify "$man_check" /lib/systemd/system/luna-sender@.service \
    || fail "systemd-analyze verify luna-sender@.service"

getent passwd luna-sender >/dev/null || fail "no luna-sender system user"
[ "$(stat -c '%U:%G %a' /etc/luna-sender/luna-sender.conf)" = "root:luna-sender 640" ] \
    || fail "/etc/luna-sender/luna-sender.conf is $(stat -c '%U:%G %a' /etc/luna-sender/luna-sender.conf)"
[ -L /etc/systemd/system/multi-user.target.wants/luna-sender.service ] \
    || fail "the unit is not enabled"

say "/usr/bin/luna-sender --version"
/usr/bin/luna-sender --version | tee "$out/version.txt"
grep -q "^luna-sender $version " "$out/version.txt" || fail "--version does not say $version"

# --- run as the service would --------------------------------------------------------------
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
say "luna-sender --headless --port $port as user luna-sender"
setpriv --reuid=luna-sender --regid=luna-sender --init-groups \
    env -u DISPLAY -u WAYLAND_DISPLAY QT_NO_GLIB=1 \
    /usr/bin/luna-sender --headless --config /etc/luna-sender/luna-sender.conf \
    --host 127.0.0.1 --port "$port" >"$out/service.log" 2>&1 &
pid=$!
# curl retries (with its own back-off) until the port listens; no fixed sleeps here.
if ! curl -fsS --retry 8 --retry-connrefused --retry-max-time 30 \
    "http://127.0.0.1:$port/version" >"$out/version.json"; then
    cat "$out/service.log" >&2
    fail "/version did not answer"
fi
cat "$out/version.json"
echo
major=${version%%.*}
grep -q "\"major\": *$major" "$out/version.json" || fail "/version does not say major $major"
curl -fsS "http://127.0.0.1:$port/healthcheck" >/dev/null || fail "/healthcheck"

say "SIGTERM"
kill -TERM "$pid"
timeout 15 tail --pid="$pid" -f /dev/null || fail "luna-sender did not stop within 15 s"
code=0
wait "$pid" || code=$?
pid=""
cat "$out/service.log"
[ "$code" -eq 0 ] || fail "luna-sender exited with $code after SIGTERM"
grep -q "listening on 127.0.0.1:$port" "$out/service.log" || fail "no 'listening on' line"

# --- remove and purge ----------------------------------------------------------------------
say "apt remove $pkg"
apt_get remove "$pkg" >"$out/remove.log" 2>&1 || { cat "$out/remove.log" >&2; fail "apt remove"; }
cat "$out/remove.log"
check_quiet "$out/remove.log" "removing"
[ ! -e /usr/bin/luna-sender ] || fail "/usr/bin/luna-sender is still there after remove"
[ -f /etc/luna-sender/luna-sender.conf ] || fail "remove must keep the conffile"

say "apt purge $pkg"
apt_get purge "$pkg" >"$out/purge.log" 2>&1 || { cat "$out/purge.log" >&2; fail "apt purge"; }
cat "$out/purge.log"
check_quiet "$out/purge.log" "purging"
[ ! -e /etc/luna-sender ] || fail "/etc/luna-sender is still there after purge"
[ ! -e /etc/systemd/system/multi-user.target.wants/luna-sender.service ] \
    || fail "the unit is still enabled after purge"

say "OK: $(basename "$deb") built, inspected, installed, run and removed"
