#!/usr/bin/env bash
# Scale benchmark (issue 17 point 10): 100 000 WebSocket subscribers on one instance.
#
#   tests/bench/fanout/scale.sh [options]          (see --help; tests/bench/README.md explains)
#
# Per target (luna-sender, the raw epoll floor): start the server on core 0, connect N - receivers
# idle subscribers whose filters never match (sources=idle-<i mod groups>: `groups` distinct filters),
# spread over several source addresses in 127.0.0.0/8 (one address has only ~28 000 ephemeral ports
# towards one server port), then per event rate R: connect `receivers` subscribers with
# ?sources=cam-1 (the publisher rotates cam-0..9, so they get one event in ten), publish R events/s
# for D seconds and measure latency, loss and the server's CPU per delivery and per event. The idle
# subscribers stay connected through every rate and must receive nothing. Server on core 0, load
# (subscribers, publisher, redis) on core 1, SCHED_FIFO as run.sh. It raises the file limit itself.
# Every process it starts is stopped on exit, Ctrl-C included.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

targets="luna floor"
n=100000
receivers=1000
groups=1000
rates="1000 4000"
duration=10
bind_from=127.0.0.2
bind_count=16
concurrency=128
bench_dir=${LUNA_BENCH_DIR:-$root/build-fanout}
luna_rev=HEAD
luna_bin=""
out=""
build=1
server_cpu=0
load_cpu=1

usage() {
    cat <<EOF
usage: $0 [--targets "luna floor"] [--n N] [--receivers K] [--groups G] [--rates "1000 4000"]
          [--duration S] [--bind-count A] [--concurrency C] [--out DIR] [--no-build] [--sched S]
          [--luna-rev REV | --luna-worktree | --luna-bin PATH]
  --targets      luna = luna-sender (Qt's default dispatcher), luna-poll = QT_NO_GLIB=1, floor = the
                 raw epoll floor (default "$targets")
  --n N          subscribers in all (default $n)
  --receivers K  of them, subscribers with ?sources=cam-1 that get one event in ten (default $receivers)
  --groups G     the idle ones use sources=idle-<i mod G>: G distinct filters that never match
                 (default $groups)
  --rates "R..." events/s published, one step each, D seconds (default "$rates")
  --duration S   seconds of publishing per rate (default $duration)
  --bind-count A source addresses $bind_from and up (default $bind_count)
  --concurrency C  handshakes in flight per subscriber process (default $concurrency)
  --sched, --luna-rev, --luna-worktree, --luna-bin, --no-build, --out: as run.sh
EOF
    exit 2
}

cmdline="$0 $*"
sched=$([ "$(id -u)" = 0 ] && echo fifo || echo none)
while [ $# -gt 0 ]; do
    case "$1" in
    --targets) targets=$2; shift ;;
    --n) n=$2; shift ;;
    --receivers) receivers=$2; shift ;;
    --groups) groups=$2; shift ;;
    --rates) rates=$2; shift ;;
    --duration) duration=$2; shift ;;
    --bind-count) bind_count=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --out) out=$2; shift ;;
    --no-build) build=0 ;;
    --sched) sched=$2; shift ;;
    --luna-rev) luna_rev=$2; shift ;;
    --luna-worktree) luna_rev="" ;;
    --luna-bin) luna_bin=$2; shift ;;
    -h | --help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
    esac
    shift
done
idle=$((n - receivers))
[ "$idle" -ge 0 ] || { echo "--receivers is larger than --n" >&2; exit 2; }

[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores (server on core 0, load on core 1)" >&2; exit 2; }
out=${out:-$bench_dir/results/scale-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out/logs"
tools=$bench_dir/tools
# shellcheck source=tests/bench/fanout/lib.sh
source "$here/lib.sh"
resolve_luna
build_binaries
clk_tck=$(getconf CLK_TCK)

# ---------------------------------------------------------------- kernel limits
# The server holds one descriptor per connection (N + its listener, Redis, epoll, files): raise the
# soft and hard file limits for this shell and its children. Raising the hard limit needs
# CAP_SYS_RESOURCE (root outside a container that drops it).
need_fds=$((n + 1024))
nr_open=$(cat /proc/sys/fs/nr_open)
log "fs.nr_open = $nr_open (a process can hold at most this many files); the server needs $need_fds"
if [ "$nr_open" -lt "$need_fds" ]; then
    echo "fs.nr_open is $nr_open, $need_fds needed: sysctl -w fs.nr_open=$need_fds" >&2
    exit 1
fi
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$need_fds" ]; then
    if ! ulimit -Hn "$need_fds" 2>/dev/null; then
        cap=$(awk '/^CapEff/ {print $2}' /proc/self/status) has="does not have"
        (((0x$cap >> 24) & 1)) && has=has
        echo "cannot raise the hard file limit from $hard to $need_fds: that needs CAP_SYS_RESOURCE, which" \
            "this process $has (CapEff $cap);" \
            "under this limit --n can be at most $((hard - 1024))" >&2
        exit 1
    fi
fi
ulimit -n "$need_fds"
log "ulimit -n raised to $(ulimit -n) (hard $(ulimit -Hn))"
read -r port_lo port_hi </proc/sys/net/ipv4/ip_local_port_range
ports=$((port_hi - port_lo + 1))
per_addr=$(((n + bind_count - 1) / bind_count))
log "net.ipv4.ip_local_port_range = $port_lo-$port_hi: $ports ports per source address; $bind_count addresses" \
    "from $bind_from, $per_addr connections each"
if [ "$per_addr" -gt $((ports * 9 / 10)) ]; then
    echo "$per_addr connections per source address but only $ports ephemeral ports: raise --bind-count" >&2
    exit 1
fi
if [ -r /proc/sys/net/netfilter/nf_conntrack_max ]; then
    log "nf_conntrack is loaded: max $(cat /proc/sys/net/netfilter/nf_conntrack_max), in use $(cat /proc/sys/net/netfilter/nf_conntrack_count)"
fi
log "fs.file-nr (open, free, max): $(tr '\t' ' ' </proc/sys/fs/file-nr)"

start_redis

# ---------------------------------------------------------------- one target
server_pid=""
start_server() { # target port tag
    local target=$1 port=$2 tag=$3
    set_prefix server
    case "$target" in
    luna | luna-poll)
        local envs=(-u QT_NO_GLIB LUNA_SENDER_MONITOR_ENABLED=0)
        [ "$target" = luna-poll ] && envs+=(QT_NO_GLIB=1)
        env "${envs[@]}" "${prefix[@]}" taskset -c "$server_cpu" "$luna" --headless --host 127.0.0.1 --port "$port" \
            --redis "redis://127.0.0.1:$redis_port" --set LOGGING.STATS_INTERVAL=0 --log-level warning \
            --set SERVER.MAX_CONNECTIONS=$((n + 1000)) --set SERVER.MAX_CONNECTIONS_PER_ADDRESS=$((n + 1000)) \
            --set SERVER.MAX_HANDSHAKES_PER_ADDRESS=$((n + 1000)) \
            >"$out/logs/$tag.server.log" 2>&1 &
        server_pid=$!
        ;;
    floor)
        "${prefix[@]}" taskset -c "$server_cpu" "$tools/fanout_floor" --port "$port" --redis-port "$redis_port" \
            >"$out/logs/$tag.server.log" 2>&1 &
        server_pid=$!
        ;;
    *) echo "unknown target $target" >&2; return 1 ;;
    esac
    pids+=("$server_pid")
    wait_listen "$port" || return 1
    local i
    for i in $(seq 200); do
        [ "$(redis_cli pubsub numpat)" = 1 ] && return 0
        sleep 0.05
    done
    return 1
}

idle_pid=""
# start_sub name n ready-file args...: a subscriber process on the load core (sets sub_pid)
sub_pid=""
start_sub() {
    local name=$1 count=$2 ready=$3
    shift 3
    rm -f "$ready"
    set_prefix sub
    "${prefix[@]}" taskset -c "$load_cpu" "$tools/fanout_sub" --port "$port" --account "$account" -n "$count" \
        --bind-from "$bind_from" --bind-count "$bind_count" --concurrency "$concurrency" --ready-file "$ready" "$@" \
        >"$out/logs/$tag.$name.out" 2>"$out/logs/$tag.$name.err" &
    sub_pid=$!
    pids+=("$sub_pid")
}
wait_ready() { # pid ready-file count timeout_s -> succeeds when all count are upgraded
    local i
    for i in $(seq $(($4 * 20))); do
        [ -f "$2" ] && break
        kill -0 "$1" 2>/dev/null || break
        sleep 0.05
    done
    [ "$(awk '{print $2}' "$2" 2>/dev/null)" = "$3" ]
}
finish_sub() { # pid: drain and report
    kill -USR1 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    forget "$1"
}
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

header="target\tN\treceivers\tgroups\trate\tstatus\tconnect_s\thandshakes_per_s\trss0_kb\trss_conn_kb\trss_kb_per_conn\trss_after_kb\tidle_cpu_pct\tpublished\tmatching\texpected\tdelivered\tlost\tp50_us\tp99_us\tmax_us\tcpu_s\tcpu_us_per_delivery\tcpu_us_per_event\tserver_core_pct\thandshake_failures\tclosed_by_server\tgaps\tpub_rate_achieved\tidle_delivered\tidle_open_at_end"
printf '%b\n' "$header" >"$out/steps.tsv"

run_target() {
    local target=$1
    tag="$target-n$n"
    port=$(free_port)
    account=$(cat /proc/sys/kernel/random/uuid)
    local status=ok rss0=0 rss1=0 connect_s=0 hs_rate=0 idle_cpu=0 recv_pid=""
    log "== $target: N=$n ($idle idle in $groups filter groups + $receivers receivers)"
    start_server "$target" "$port" "$tag" || status=server-did-not-start
    if [ "$status" = ok ]; then
        sleep 0.5
        rss0=$(rss_kb "$server_pid")
        local t0
        t0=$(date +%s%N)
        # the idle subscribers, in one process (it has the same file limit as the server)
        if [ "$idle" -gt 0 ]; then
            start_sub idle "$idle" "$out/ready-idle" --path '/2/ws?sources=idle-%d' --vary "$groups"
            idle_pid=$sub_pid
            wait_ready "$idle_pid" "$out/ready-idle" "$idle" 900 || status=idle-connect-failed
        fi
        local idle_ms
        idle_ms=$(ms_since "$t0")
        log "  $idle idle subscribers upgraded in $idle_ms ms ($status); server RSS $(rss_kb "$server_pid") KB"
    fi
    local first=1 rate
    for rate in $rates; do
        local rstatus=$status rss2=0 c0=0 c1=0 b0="0 0" b1="0 0" t1
        tag="$target-n$n-r$rate"
        if [ "$rstatus" = ok ]; then
            t1=$(date +%s%N)
            start_sub recv "$receivers" "$out/ready-recv" --path '/2/ws?sources=cam-1' --seq-step 10 --seq-first 1
            recv_pid=$sub_pid
            wait_ready "$recv_pid" "$out/ready-recv" "$receivers" 300 || rstatus=receivers-connect-failed
            if [ "$first" = 1 ]; then
                # connect time: first idle connect until the last receiver is upgraded (both tools)
                connect_s=$(awk -v a="$idle_ms" -v b="$(ms_since "$t1")" 'BEGIN { printf "%.2f", (a + b) / 1000 }')
                hs_rate=$(awk -v s="$connect_s" -v n="$n" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
                sleep 2
                rss1=$(rss_kb "$server_pid")
                cp "/proc/$server_pid/smaps_rollup" "$out/logs/$target.smaps_rollup.connected" 2>/dev/null || true
                # the server's own CPU with everyone connected and nothing published (timers, pings)
                local ci0 ci1
                ci0=$(cpu_ticks "$server_pid")
                sleep 5
                ci1=$(cpu_ticks "$server_pid")
                idle_cpu=$(awk -v a="$ci0" -v b="$ci1" -v t="$clk_tck" 'BEGIN { printf "%.1f", 100 * (b - a) / t / 5 }')
                log "  all $n upgraded in $connect_s s ($hs_rate/s); RSS $rss0 -> $rss1 KB" \
                    "($(awk -v a="$rss0" -v b="$rss1" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n }') KB/conn);" \
                    "server CPU idle $idle_cpu %"
                first=0
            else
                sleep 1
            fi
        fi
        if [ "$rstatus" = ok ]; then
            c0=$(cpu_ticks "$server_pid")
            b0=$(core_busy "$server_cpu")
            launch pub taskset -c "$load_cpu" "$tools/fanout_pub" --mode "$([ "$target" = floor ] && echo frame || echo luna)" \
                --port "$redis_port" --account "$account" --rate "$rate" --duration "$duration" --sources 10 \
                >"$out/logs/$tag.pub.out" 2>"$out/logs/$tag.pub.err" || rstatus=publisher-failed
        fi
        [ -n "${recv_pid:-}" ] && finish_sub "$recv_pid"
        recv_pid=""
        if [ "$rstatus" = ok ] || [ "$rstatus" = publisher-failed ]; then
            c1=$(cpu_ticks "$server_pid")
            b1=$(core_busy "$server_cpu")
            rss2=$(rss_kb "$server_pid")
            kill -0 "$server_pid" 2>/dev/null || rstatus=server-died
        fi
        local so="$out/logs/$tag.recv.out" po="$out/logs/$tag.pub.out"
        [ -f "$so" ] || : >"$so"
        [ -f "$po" ] || : >"$po"
        printf '%s\n' "$target $rate $rstatus $c0 $c1 $b0 $b1 $rss2" >"$out/logs/$tag.raw"
        awk -v target="$target" -v n="$n" -v k="$receivers" -v g="$groups" -v rate="$rate" -v status="$rstatus" \
            -v connect_s="$connect_s" -v hs="$hs_rate" -v rss0="$rss0" -v rss1="$rss1" -v rss2="$rss2" \
            -v idle_cpu="$idle_cpu" -v tck="$clk_tck" -v c0="$c0" -v c1="$c1" -v b="$b0 $b1" \
            -v published="$(kv published "$po")" -v matching="$(kv matching_cam1 "$po")" \
            -v achieved="$(kv rate_achieved "$po")" \
            -v delivered="$(kv delivered "$so")" -v p50="$(kv p50_us "$so")" -v p99="$(kv p99_us "$so")" \
            -v pmax="$(kv max_us "$so")" -v closed="$(kv closed_by_server "$so")" -v gaps="$(kv gaps "$so")" \
            -v hsf="$(kv handshake_failures "$so")" \
            'BEGIN {
                split(b, B, " ")
                expected = k * matching
                lost = expected - delivered
                cpu = (c1 - c0) / tck
                cpud = delivered > 0 ? cpu * 1e6 / delivered : 0
                cpue = published > 0 ? cpu * 1e6 / published : 0
                core = (B[4] - B[2]) > 0 ? 100 * (c1 - c0) / (B[4] - B[2]) : 0
                if (status == "ok") {
                    if (achieved + 0 < 0.97 * rate) status = "publisher-behind"
                    else if (closed + 0 > 0) status = "clients-closed"
                    else if (expected > 0 && lost / expected >= 0.01) status = "lost"
                    else if (delivered + 0 == 0) status = "nothing"
                    else status = "pass"
                }
                printf "%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%d\t%d\t%.3f\t%d\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.2f\t%.3f\t%.1f\t%.0f\t%d\t%d\t%d\t%s\n",
                    target, n, k, g, rate, status, connect_s, hs, rss0, rss1, (n > 0 ? (rss1 - rss0) / n : 0),
                    rss2, idle_cpu, published, matching, expected, delivered, lost, p50, p99, pmax, cpu, cpud,
                    cpue, core, hsf, closed, gaps, achieved
            }' >"$out/step.line"
        log "  $(cut -f1,5,6,17,18,19,20,23,24,25 "$out/step.line" | tr '\t' ' ') (target rate status delivered lost p50 p99 cpu/delivery cpu/event core0%)"
        cat "$out/step.line" >>"$out/steps.partial"
    done
    # the idle subscribers: must have received nothing, and still be connected
    local idle_delivered=- idle_open=- f="$out/logs/$target-n$n.idle.out"
    if [ -n "$idle_pid" ]; then
        finish_sub "$idle_pid"
        idle_delivered=$(kv delivered "$f") idle_open=$(kv open_at_end "$f")
        log "  idle subscribers: $idle_open of $idle open at the end, $idle_delivered deliveries (must be 0)," \
            "handshake failures $(kv handshake_failures "$f"), connect $(kv connect_ms "$f") ms in the tool"
    fi
    idle_pid=""
    awk -F'\t' -v OFS='\t' -v d="$idle_delivered" -v o="$idle_open" -v t="$target" \
        '$1 == t { print $0, d, o }' "$out/steps.partial" >>"$out/steps.tsv"
    [ -n "$server_pid" ] && stop_pid "$server_pid"
    server_pid=""
    local i
    for i in $(seq 100); do [ "$(redis_cli pubsub numpat)" = 0 ] && break; sleep 0.05; done
}

{
    echo "command: $cmdline"
    echo "date: $(date -u -Is)"
    echo "host: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -r)"
    echo "luna-sender: $luna_desc"
    echo "N $n = $idle idle ($groups filter groups) + $receivers receivers; rates: $rates ev/s, ${duration}s each; scheduling $sched"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/info.txt"
cat "$out/info.txt" >&2
: >"$out/steps.partial"
for target in $targets; do
    run_target "$target"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/info.txt"

# ---------------------------------------------------------------- the table
awk -F'\t' '
NR == 1 { next }
{ row[++m] = $0; if ($1 == "floor") { fc[$5] = $23; fe[$5] = $24 } }
END {
    printf "| target | N | receivers | R ev/s | status | connect s | handshakes/s | RSS KB/conn | p50 ms | p99 ms | lost | CPU µs/delivery | CPU µs/event | CPU × floor | server CPU idle | idle subscribers: received / open |\n"
    printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    for (i = 1; i <= m; i++) {
        split(row[i], f, "\t")
        x = (f[5] in fc && fc[f[5]] > 0) ? sprintf("%.2f", f[23] / fc[f[5]]) : "-"
        printf "| %s | %d | %d | %d | %s | %.1f | %d | %.2f | %.2f | %.2f | %d | %.2f | %.1f | %s | %s %% | %s / %s |\n",
            f[1], f[2], f[3], f[5], f[6], f[7], f[8], f[11], f[19] / 1000, f[20] / 1000, f[18], f[23], f[24], x, f[13], f[30], f[31]
    }
}' "$out/steps.tsv" >"$out/table.md"
echo
cat "$out/info.txt"
echo
cat "$out/table.md"
echo
echo "every step: $out/steps.tsv; logs: $out/logs"
