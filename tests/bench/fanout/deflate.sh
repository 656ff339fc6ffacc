#!/usr/bin/env bash
# permessage-deflate side by side (issue 28): N subscribers of one account, all plain or all offering
# permessage-deflate (as browsers and Python's websockets do), the same ~1.5 KB face events at the
# same rate from Redis. Prints, per mode, the bytes each delivery took on the wire (what the
# subscribers read, handshakes included) and the server's CPU per delivery.
#
#   tests/bench/fanout/deflate.sh [-n 1000] [--rate 200] [--duration 10] [--luna-bin PATH]
#
# Uses the luna-sender of build/ unless told otherwise; the load tools are built into a temporary
# directory. Server on core 0, load on core 1, as run.sh does. Everything it starts is stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
n=1000 rate=200 duration=10 luna="$root/build/app/luna-sender"
while [ $# -gt 0 ]; do
    case "$1" in
    -n) n=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --luna-bin) luna=$2; shift 2 ;;
    *) echo "usage: $0 [-n N] [--rate R] [--duration S] [--luna-bin PATH]" >&2; exit 2 ;;
    esac
done
[ -x "$luna" ] || { echo "no $luna (build it, or pass --luna-bin)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
for t in fanout_sub fanout_pub; do
    cc -O2 -std=gnu11 -Wall -Wextra -o "$work/$t" "$here/$t.c" -lz
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
account=8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a
clk=$(getconf CLK_TCK)

redis_port=$(free_port)
taskset -c 1 redis-server --port "$redis_port" --save '' --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.05; done

printf '%-8s %6s %10s %14s %16s %18s %14s\n' mode N delivered compressed "wire B/delivery" "server CPU us/dlv" "server CPU s"
for mode in plain deflate; do
    port=$(free_port)
    compression=0 offer=()
    [ "$mode" = deflate ] && compression=1 offer=(--deflate)
    LUNA_SENDER_MONITOR_ENABLED=0 taskset -c 0 "$luna" --headless --host 127.0.0.1 --port "$port" \
        --redis "redis://127.0.0.1:$redis_port" --set WEBSOCKET.COMPRESSION=$compression \
        --set LOGGING.STATS_INTERVAL=0 --log-level warning --set SERVER.MAX_CONNECTIONS_PER_ADDRESS=60000 \
        --set SERVER.MAX_HANDSHAKES_PER_ADDRESS=60000 >"$work/$mode.server.log" 2>&1 &
    server=$!
    pids+=("$server")
    for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/healthcheck" >/dev/null 2>&1 && break; sleep 0.05; done
    rm -f "$work/ready"
    taskset -c 1 "$work/fanout_sub" --port "$port" --path /1/ws --account "$account" -n "$n" \
        --ready-file "$work/ready" "${offer[@]}" >"$work/$mode.sub.out" 2>"$work/$mode.sub.err" &
    sub=$!
    pids+=("$sub")
    for _ in $(seq 1200); do [ -f "$work/ready" ] && break; sleep 0.05; done
    sleep 1
    c0=$(cpu_ticks "$server")
    taskset -c 1 "$work/fanout_pub" --mode luna --port "$redis_port" --account "$account" \
        --rate "$rate" --duration "$duration" --sources 10 >"$work/$mode.pub.out"
    kill -USR1 "$sub"
    wait "$sub" || true
    c1=$(cpu_ticks "$server")
    kill "$server"
    wait "$server" 2>/dev/null || true
    get() { sed -n "s/^$1=//p" "$work/$mode.sub.out"; }
    delivered=$(get delivered) wire=$(get wire_bytes) compressed=$(get compressed_messages)
    awk -v m="$mode" -v n="$n" -v d="$delivered" -v c="$compressed" -v w="$wire" -v t0="$c0" -v t1="$c1" -v clk="$clk" \
        'BEGIN { s = (t1 - t0) / clk; printf "%-8s %6d %10d %14d %16.0f %18.2f %14.2f\n", m, n, d, c, w / d, s * 1e6 / d, s }'
done
