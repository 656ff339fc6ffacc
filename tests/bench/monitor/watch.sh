#!/usr/bin/env bash
# What watching costs (issue 29, point 1): a headless luna-sender with a Redis source, one
# Sender subscriber, a publisher at RATE events/s for DURATION s, and one console attached to the
# monitoring port (luna-sender --attach, offscreen). Reads each thread's CPU time from
# /proc/<pid>/task/*/stat over the publishing window and prints one TSV line per run:
#
#   label run mode events engine_s monitor_s monitor_us_per_event console_s console_core_pct
#
# engine_s is the server's main thread (the headless engine runs there), monitor_s its "monitor"
# thread (the monitoring port: snapshots in, JSON out), console_s every thread of the attached
# console. Several --bin are measured in turns (run 1 of each, then run 2 of each...), so a noisy
# machine hurts them alike; compare the ratios.
#
#   tests/bench/monitor/watch.sh --bin before=/work/main/build/app/luna-sender \
#       --bin after=build/app/luna-sender --runs 3
#
# Options: --bin LABEL=PATH (repeatable; default now=build/app/luna-sender), --runs N (3),
# --rate R (5000), --duration S (20), --modes "watched alone" (alone: no console attached).
# Needs redis-server and a C compiler; logs go to build-bench-monitor/<time>/ (ignored by git).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
bins=() runs=3 rate=5000 duration=20 modes="watched"
while [ $# -gt 0 ]; do
    case "$1" in
    --bin) bins+=("$2"); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#bins[@]} -gt 0 ] || bins=("now=$root/build/app/luna-sender")

out=$root/build-bench-monitor/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out/logs" "$out/tools" "$out/home"
# lib.sh: process bookkeeping (every process started here is stopped on exit), free_port,
# wait_listen, the private redis-server.
sched=none load_cpu=1
# shellcheck source=../fanout/lib.sh
. "$here/../fanout/lib.sh"
for t in fanout_sub fanout_pub; do
    cc -O2 -std=gnu11 -Wall -Wextra -o "$out/tools/$t" "$here/../fanout/$t.c" -lz
done
start_redis

# thread_ticks pid name: CPU ticks (user + system) of the threads called `name` ("*": all)
thread_ticks() {
    local total=0 stat comm rest fields
    for task in /proc/"$1"/task/*; do
        stat=$(cat "$task/stat" 2>/dev/null) || continue
        comm=${stat#*(}
        comm=${comm%)*}
        rest=${stat##*) }
        read -r -a fields <<<"$rest"
        # fields[0] is the state (field 3): utime and stime are fields 14 and 15
        if [ "$2" = "*" ] || [ "$comm" = "$2" ]; then total=$((total + fields[11] + fields[12])); fi
    done
    echo "$total"
}
secs() { awk -v t="$1" -v h="$clk_tck" 'BEGIN { printf "%.2f", t / h }'; }

token=bench-monitor-token
printf '%s\n' "$token" >"$out/token"
chmod 600 "$out/token"

run_one() { # label bin run mode
    local label=$1 bin=$2 run=$3 mode=$4 tag="$1-$3-$4"
    local port monitor_port account server_pid console_pid="" sub_pid
    port=$(free_port) monitor_port=$(free_port)
    account=$(cat /proc/sys/kernel/random/uuid)
    env QT_NO_GLIB=1 LUNA_SENDER_MONITOR_PORT="$monitor_port" LUNA_SENDER_MONITOR_TOKEN="$token" \
        taskset -c 0 "$bin" --headless --host 127.0.0.1 --port "$port" \
        --redis "redis://127.0.0.1:$redis_port" --set LOGGING.STATS_INTERVAL=0 --log-level warning \
        >"$out/logs/$tag.server.log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    wait_listen "$port" && wait_listen "$monitor_port" || { echo "server did not start" >&2; return 1; }
    rm -f "$out/ready"
    taskset -c 1 "$out/tools/fanout_sub" --port "$port" --path /2/ws --account "$account" -n 1 \
        --ready-file "$out/ready" >"$out/logs/$tag.sub.out" 2>&1 &
    sub_pid=$!
    pids+=("$sub_pid")
    local i
    for i in $(seq 200); do [ -f "$out/ready" ] && break; sleep 0.05; done
    if [ "$mode" = watched ]; then
        env HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" QT_QPA_PLATFORM=offscreen \
            taskset -c 1 "$bin" --attach "http://127.0.0.1:$monitor_port" --token-file "$out/token" \
            >"$out/logs/$tag.console.log" 2>&1 &
        console_pid=$!
        pids+=("$console_pid")
        # attached: the monitoring port has a stream open (its log says so at info level only,
        # so wait for the console's stream socket instead)
        for i in $(seq 200); do
            [ -n "$(ss -Htn state established "dport = :$monitor_port" 2>/dev/null)" ] && break
            sleep 0.05
        done
        sleep 2 # the window is up and has its first overview and lists
    fi
    sleep 1
    local e0 m0 c0=0 e1 m1 c1=0
    e0=$(thread_ticks "$server_pid" "$(basename "$bin" | cut -c1-15)") m0=$(thread_ticks "$server_pid" monitor)
    [ -n "$console_pid" ] && c0=$(thread_ticks "$console_pid" "*")
    taskset -c 1 "$out/tools/fanout_pub" --mode luna --port "$redis_port" --account "$account" \
        --rate "$rate" --duration "$duration" --sources 10 >"$out/logs/$tag.pub.out" 2>&1
    e1=$(thread_ticks "$server_pid" "$(basename "$bin" | cut -c1-15)") m1=$(thread_ticks "$server_pid" monitor)
    [ -n "$console_pid" ] && c1=$(thread_ticks "$console_pid" "*")
    local events
    events=$(sed -n 's/^published=//p' "$out/logs/$tag.pub.out" | head -1)
    [ -n "$events" ] || events=$((rate * duration))
    kill -USR1 "$sub_pid" 2>/dev/null || true
    wait "$sub_pid" 2>/dev/null || true
    forget "$sub_pid"
    [ -n "$console_pid" ] && stop_pid "$console_pid"
    stop_pid "$server_pid"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$run" "$mode" "$events" \
        "$(secs $((e1 - e0)))" "$(secs $((m1 - m0)))" \
        "$(awk -v t=$((m1 - m0)) -v h="$clk_tck" -v n="$events" 'BEGIN { printf "%.1f", t / h * 1e6 / n }')" \
        "$(secs $((c1 - c0)))" \
        "$(awk -v t=$((c1 - c0)) -v h="$clk_tck" -v d="$duration" 'BEGIN { printf "%.0f", t / h / d * 100 }')"
}

printf 'label\trun\tmode\tevents\tengine_s\tmonitor_s\tmonitor_us_per_event\tconsole_s\tconsole_core_pct\n' |
    tee "$out/results.tsv"
for run in $(seq "$runs"); do
    for b in "${bins[@]}"; do
        for mode in $modes; do
            run_one "${b%%=*}" "${b#*=}" "$run" "$mode" | tee -a "$out/results.tsv"
        done
    done
done
log "results in $out/results.tsv"
