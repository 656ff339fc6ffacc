#!/bin/sh
# Delivery with the console against headless, side by side on this machine: the same demo rate,
# the same number of WebSocket clients, the same measuring window. Prints the probe's line and the
# server's CPU time (user+system, from /proc) for each mode. The console needs a display: an Xvfb
# on :99 is started when DISPLAY is unset.
#
#   compare_delivery.sh <build dir> [rate=200] [clients=300] [seconds=30]
set -eu
build=$1; rate=${2:-200}; clients=${3:-300}; seconds=${4:-30}
sender=$build/app/luna-sender
probe=$build/tests/gui/delivery_probe
export XDG_CONFIG_HOME=$(mktemp -d)
# Both modes open their monitoring port; on a free port each, so a service on 5081 does not matter.
export LUNA_SENDER_MONITOR_PORT=0
# The console's own demo clients would add receivers that headless does not have.
mkdir -p "$XDG_CONFIG_HOME/luna-sender"
printf '[console]\ndemoClients=false\n' > "$XDG_CONFIG_HOME/luna-sender/console.conf"
if [ -z "${DISPLAY:-}" ]; then
    Xvfb :99 -screen 0 1600x1000x24 >/dev/null 2>&1 &
    xvfb=$!
    export DISPLAY=:99
    trap 'kill $xvfb' EXIT
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
    mode=$1; shift
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
    "$sender" "$@" --demo --port "$port" --host 127.0.0.1 --set DEMO.RATE="$rate" \
        --set LOGGING.LEVEL=warning >/dev/null 2>&1 &
    pid=$!
    # Wait until the server answers (curl retries refused connections with its own back-off).
    curl -s --retry 30 --retry-connrefused --retry-max-time 20 "http://127.0.0.1:$port/version" \
        >/dev/null || { echo "$mode: server did not start"; kill $pid; return 1; }
    before=$(cpu_ticks $pid)
    start=$(date +%s.%N)
    line=$("$probe" "$port" "$clients" "$seconds")
    after=$(cpu_ticks $pid)
    end=$(date +%s.%N)
    kill $pid; wait $pid 2>/dev/null || true
    hz=$(getconf CLK_TCK)
    cpu=$(echo "$before $after $start $end $hz" | awk '{printf "%.1f", 100 * ($2 - $1) / $5 / ($4 - $3)}')
    echo "$mode: $line  server CPU ${cpu}%"
}

run headless --headless
run console
