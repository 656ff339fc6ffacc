#!/usr/bin/env bash
# Scale benchmark (issue 17 point 10, issue 27 point 2): 100 000 WebSocket subscribers, on one
# instance when the file limit allows it, else on as many instances as it needs, sharing one port.
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
#
# Several instances (issue 27): when one process may not hold N connections (a hard RLIMIT_NOFILE
# that cannot be raised, 20 000 in these containers) or --instances K says so, each target runs K
# server processes on one port with SO_REUSEPORT (luna-sender with SERVER.REUSE_PORT = true, the
# floor with --reuse-port), all on core 0 and on the one redis-server, and the idle subscribers are
# split over as many fanout_sub processes as the limit needs (--index-base keeps the filters and
# source addresses those of one process). Memory, CPU and idle CPU are summed over the instances;
# how the kernel spread the connections (per-instance descriptor counts) is printed and checked.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

targets="luna floor"
n=100000
receivers=1000
groups=1000
rates="1000 4000"
duration=10
idle_s=5
floor_pings=20
bind_from=127.0.0.2
bind_count=16
concurrency=128
instances=auto
per_process=18000
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
          [--duration S] [--idle S] [--floor-pings S] [--bind-count A] [--concurrency C] [--instances K] [--per-process C]
          [--out DIR] [--no-build] [--sched S] [--luna-rev REV | --luna-worktree | --luna-bin PATH]
  --targets      luna = luna-sender (Qt's default dispatcher), luna-poll = QT_NO_GLIB=1, floor = the
                 raw epoll floor (default "$targets")
  --n N          subscribers in all (default $n)
  --receivers K  of them, subscribers with ?sources=cam-1 that get one event in ten (default $receivers)
  --groups G     the idle ones use sources=idle-<i mod G>: G distinct filters that never match
                 (default $groups)
  --rates "R..." events/s published, one step each, D seconds (default "$rates")
  --duration S   seconds of publishing per rate (default $duration)
  --idle S       seconds of the idle window (everyone connected, nothing published) whose server CPU
                 is reported (default $idle_s). --idle 20 is one WEBSOCKET.PING_INTERVAL: the window
                 begins 2 s after the last upgrade and each subscriber's first ping comes 10 to 20 s
                 after its own, so when the connects took under 8 s it holds one ping per
                 subscriber, the steady-state keepalive cost
  --floor-pings S  the floor pings each subscriber every S seconds, the first a random half to
                 whole interval after its upgrade, as luna-sender does with its default
                 WEBSOCKET.PING_INTERVAL (default $floor_pings: the contract's keepalive is part of the
                 job the floor is the least cost of; 0: the floor pings nobody, as before issue 27)
  --bind-count A source addresses $bind_from and up (default $bind_count)
  --concurrency C  handshakes in flight per subscriber process (default $concurrency)
  --instances K  server processes per target on one port (SO_REUSEPORT). Default auto: 1 when one
                 process may hold N + 1 024 files (the hard limit is high enough or can be raised),
                 else ceil(N / --per-process); --instances 1 is the single-instance run as before
  --per-process C  with several instances: connections planned per server instance, and at most
                 this many per subscriber process (default $per_process; the hard file limit here
                 is $(ulimit -Hn))
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
    --idle) idle_s=$2; shift ;;
    --floor-pings) floor_pings=$2; shift ;;
    --bind-count) bind_count=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --instances) instances=$2; shift ;;
    --per-process) per_process=$2; shift ;;
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
# One instance holds one descriptor per connection (N + its listener, Redis, epoll, files): raise the
# soft and hard file limits for this shell and its children. Raising the hard limit needs
# CAP_SYS_RESOURCE (root outside a container that drops it). Without it, N is split over several
# instances (and the idle subscribers over several processes), each under the limit.
need_fds=$((n + 1024))
nr_open=$(cat /proc/sys/fs/nr_open)
hard=$(ulimit -Hn)
[ "$hard" = unlimited ] && hard=$nr_open
can_hold() { # files: succeeds when one process here may hold that many (raising the hard limit if it can)
    [ "$hard" -ge "$1" ] || (ulimit -Hn "$1") 2>/dev/null
}
case "$instances" in
auto)
    if [ "$nr_open" -ge "$need_fds" ] && can_hold "$need_fds"; then
        instances=1
    else
        instances=$(((n + per_process - 1) / per_process))
        [ "$instances" -ge 2 ] || instances=2
    fi
    ;;
'' | *[!0-9]* | 0) echo "--instances must be a positive number or auto" >&2; exit 2 ;;
esac
[ "$per_process" -gt 0 ] 2>/dev/null || { echo "--per-process must be a positive number" >&2; exit 2; }
if [ "$instances" = 1 ]; then
    log "fs.nr_open = $nr_open (a process can hold at most this many files); the server needs $need_fds"
    if [ "$nr_open" -lt "$need_fds" ]; then
        echo "fs.nr_open is $nr_open, $need_fds needed: sysctl -w fs.nr_open=$need_fds (or run several instances: --instances K)" >&2
        exit 1
    fi
    if [ "$hard" -lt "$need_fds" ]; then
        if ! ulimit -Hn "$need_fds" 2>/dev/null; then
            cap=$(awk '/^CapEff/ {print $2}' /proc/self/status) has="does not have"
            (((0x$cap >> 24) & 1)) && has=has
            echo "cannot raise the hard file limit from $hard to $need_fds: that needs CAP_SYS_RESOURCE, which" \
                "this process $has (CapEff $cap);" \
                "under this limit --n can be at most $((hard - 1024)) on one instance (leave out --instances 1" \
                "to run several)" >&2
            exit 1
        fi
    fi
    ulimit -n "$need_fds"
    # the load tools may hold as many as the server (one idle process, as before)
    load_cap=$((n > 0 ? n : 1))
else
    # An instance gets N / K on average; SO_REUSEPORT picks the listener by a hash of the connection's
    # addresses and ports, so the counts scatter around that (binomially, about ±sqrt(N / K)), and
    # the script checks the real spread after the connects. Each must stay under the limit.
    per_instance=$(((n + instances - 1) / instances))
    ulimit -n "$hard"
    if [ $((per_instance + 1024)) -gt "$hard" ]; then
        echo "$instances instances would hold $per_instance connections each, over the file limit $hard" \
            "(less 1 024 for the rest): raise --instances" >&2
        exit 1
    fi
    load_cap=$((per_process < hard - 1024 ? per_process : hard - 1024))
    log "file limit $hard per process (hard; no CAP_SYS_RESOURCE needed): $instances instances per target" \
        "on one port (SO_REUSEPORT), about $per_instance connections each; at most $load_cap per subscriber process"
fi
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
max_conn=$((instances > 1 ? hard - 1024 : n + 1000))
server_pids=()
# start_servers target port tag: $instances server processes on core 0, all on one port (with
# SO_REUSEPORT when more than one), each holding its Redis subscription (sets server_pids)
start_servers() {
    local target=$1 port=$2 tag=$3 k slog
    server_pids=()
    set_prefix server
    for k in $(seq "$instances"); do
        slog=$out/logs/$tag.server.log
        [ "$instances" = 1 ] || slog=$out/logs/$tag.server-$k.log
        case "$target" in
        luna | luna-poll)
            # no monitoring port, and no drain at the end (the subscribers are gone by then; a
            # revision without these keys ignores the variables)
            local envs=(-u QT_NO_GLIB LUNA_SENDER_MONITOR_ENABLED=0 LUNA_SENDER_SERVER_DRAIN_SECONDS=0) sets=()
            [ "$target" = luna-poll ] && envs+=(QT_NO_GLIB=1)
            [ "$instances" = 1 ] || sets=(--set SERVER.REUSE_PORT=true)
            env "${envs[@]}" "${prefix[@]}" taskset -c "$server_cpu" "$luna" --headless --host 127.0.0.1 --port "$port" \
                --redis "redis://127.0.0.1:$redis_port" --set LOGGING.STATS_INTERVAL=0 --log-level warning \
                --set SERVER.MAX_CONNECTIONS=$max_conn --set SERVER.MAX_CONNECTIONS_PER_ADDRESS=$((n + 1000)) \
                --set SERVER.MAX_HANDSHAKES_PER_ADDRESS=$((n + 1000)) "${sets[@]}" \
                >"$slog" 2>&1 &
            ;;
        floor)
            local fopts=(--ping-interval "$floor_pings")
            [ "$instances" = 1 ] || fopts+=(--reuse-port)
            "${prefix[@]}" taskset -c "$server_cpu" "$tools/fanout_floor" --port "$port" --redis-port "$redis_port" \
                "${fopts[@]}" >"$slog" 2>&1 &
            ;;
        *) echo "unknown target $target" >&2; return 1 ;;
        esac
        server_pids+=("$!")
        pids+=("$!")
    done
    local i
    for i in $(seq 200); do
        [ "$(ss -Htln "sport = :$port" 2>/dev/null | wc -l)" -ge "$instances" ] && break
        sleep 0.05
    done
    [ "$(ss -Htln "sport = :$port" 2>/dev/null | wc -l)" -ge "$instances" ] || return 1
    # every instance must hold its Redis subscription before anything is published
    for i in $(seq 200); do
        [ "$(redis_psubscribers)" -ge "$instances" ] && return 0
        sleep 0.05
    done
    return 1
}
redis_psubscribers() { redis_cli client list | grep -c ' psub=[1-9]' || true; }
servers_alive() { local p; for p in "${server_pids[@]}"; do kill -0 "$p" 2>/dev/null || return 1; done; }
stop_servers() { # TERM to every instance at once, wait up to 5 s for all, then KILL what is left
    local p i
    for p in "${server_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for i in $(seq 50); do servers_gone && break; sleep 0.1; done
    for p in "${server_pids[@]}"; do
        kill -KILL "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
        forget "$p"
    done
    server_pids=()
}
servers_gone() { local p; for p in "${server_pids[@]}"; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }
sum_over() { # function pid...: the sum of the function's number over the pids
    local f=$1 p s=0
    shift
    for p in "$@"; do s=$((s + $($f "$p"))); done
    echo "$s"
}
servers_rss() { sum_over rss_kb "${server_pids[@]}"; }
servers_cpu() { sum_over cpu_ticks "${server_pids[@]}"; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }

# start_subs name count ready args...: the count subscribers split over as few subscriber processes
# on the load core as the file limit allows (load_cap each, numbered on with --index-base so that
# filters and source addresses go round as in one process); sets sub_pids, sub_ready, sub_counts,
# sub_outs. One process keeps the old file names (ready, $tag.name.out); several add -<j>.
sub_pids=() sub_ready=() sub_counts=() sub_outs=()
start_subs() {
    local name=$1 count=$2 ready=$3
    shift 3
    local procs=$(((count + load_cap - 1) / load_cap)) j c base=0 sfx=""
    sub_pids=() sub_ready=() sub_counts=() sub_outs=()
    set_prefix sub
    for j in $(seq 0 $((procs - 1))); do
        c=$((count / procs + (j < count % procs ? 1 : 0)))
        [ "$procs" = 1 ] || sfx=-$j
        rm -f "$ready$sfx"
        "${prefix[@]}" taskset -c "$load_cpu" "$tools/fanout_sub" --port "$port" --account "$account" -n "$c" \
            --index-base "$base" --bind-from "$bind_from" --bind-count "$bind_count" --concurrency "$concurrency" \
            --ready-file "$ready$sfx" "$@" >"$out/logs/$tag.$name$sfx.out" 2>"$out/logs/$tag.$name$sfx.err" &
        sub_pids+=("$!")
        pids+=("$!")
        sub_ready+=("$ready$sfx")
        sub_counts+=("$c")
        sub_outs+=("$out/logs/$tag.$name$sfx.out")
        base=$((base + c))
    done
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
wait_subs_ready() { # timeout_s: every process of the last start_subs is ready, all upgraded
    local j ok=0
    for j in "${!sub_pids[@]}"; do
        wait_ready "${sub_pids[$j]}" "${sub_ready[$j]}" "${sub_counts[$j]}" "$1" || ok=1
    done
    return $ok
}
finish_subs() { # pid...: the publisher is done: each drains and reports
    local p
    for p in "$@"; do kill -USR1 "$p" 2>/dev/null || true; done
    for p in "$@"; do
        wait "$p" 2>/dev/null || true
        forget "$p"
    done
}
# kv_sum / kv_max key file...: a report's number summed, or the largest, over several processes
kv_sum() { local k=$1; shift; awk -F= -v k="$k" '$1 == k { s += $2; seen = 1 } END { if (seen) print s }' "$@"; }
kv_max() {
    local k=$1
    shift
    awk -F= -v k="$k" '$1 == k && (!seen || $2 + 0 > m) { m = $2 + 0; seen = 1 } END { if (seen) print m }' "$@"
}
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

header="target\tN\treceivers\tgroups\trate\tstatus\tconnect_s\thandshakes_per_s\trss0_kb\trss_conn_kb\trss_kb_per_conn\trss_after_kb\tidle_cpu_pct\tpublished\tmatching\texpected\tdelivered\tlost\tp50_us\tp99_us\tmax_us\tcpu_s\tcpu_us_per_delivery\tcpu_us_per_event\tserver_core_pct\thandshake_failures\tclosed_by_server\tgaps\tpub_rate_achieved\tidle_delivered\tidle_open_at_end\tinstances\tidle_processes\tconns_per_instance_min\tconns_per_instance_max"
printf '%b\n' "$header" >"$out/steps.tsv"

run_target() {
    local target=$1
    tag="$target-n$n"
    port=$(free_port)
    account=$(cat /proc/sys/kernel/random/uuid)
    local status=ok rss0=0 rss1=0 connect_s=0 hs_rate=0 idle_cpu=0 recv_pids=() recv_outs=() idle_pids=()
    local idle_outs=() fd0=() spread_min=0 spread_max=0
    log "== $target: N=$n ($idle idle in $groups filter groups + $receivers receivers) on $instances instance(s)"
    start_servers "$target" "$port" "$tag" || status=server-did-not-start
    if [ "$status" = ok ]; then
        sleep 0.5
        rss0=$(servers_rss)
        local p
        for p in "${server_pids[@]}"; do fd0+=("$(fd_count "$p")"); done
        local t0
        t0=$(date +%s%N)
        # the idle subscribers, in as few processes as the file limit allows (as the servers)
        if [ "$idle" -gt 0 ]; then
            start_subs idle "$idle" "$out/ready-idle" --path '/2/ws?sources=idle-%d' --vary "$groups"
            idle_pids=("${sub_pids[@]}") idle_outs=("${sub_outs[@]}")
            wait_subs_ready 900 || status=idle-connect-failed
        fi
        local idle_ms
        idle_ms=$(ms_since "$t0")
        log "  $idle idle subscribers upgraded in $idle_ms ms (${#idle_pids[@]} process(es); $status); server RSS $(servers_rss) KB"
    fi
    local first=1 rate
    for rate in $rates; do
        local rstatus=$status rss2=0 c0=0 c1=0 b0="0 0" b1="0 0" t1
        tag="$target-n$n-r$rate"
        if [ "$rstatus" = ok ]; then
            t1=$(date +%s%N)
            start_subs recv "$receivers" "$out/ready-recv" --path '/2/ws?sources=cam-1' --seq-step 10 --seq-first 1
            recv_pids=("${sub_pids[@]}") recv_outs=("${sub_outs[@]}")
            wait_subs_ready 300 || rstatus=receivers-connect-failed
            if [ "$first" = 1 ]; then
                # connect time: first idle connect until the last receiver is upgraded (both tools)
                connect_s=$(awk -v a="$idle_ms" -v b="$(ms_since "$t1")" 'BEGIN { printf "%.2f", (a + b) / 1000 }')
                hs_rate=$(awk -v s="$connect_s" -v n="$n" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
                sleep 2
                rss1=$(servers_rss)
                # how the kernel spread the connections: each instance's descriptors now less before
                local k spread="" c
                for k in "${!server_pids[@]}"; do
                    c=$(($(fd_count "${server_pids[$k]}") - ${fd0[$k]}))
                    spread+="$c "
                    if [ "$instances" = 1 ]; then
                        cp "/proc/${server_pids[$k]}/smaps_rollup" "$out/logs/$target.smaps_rollup.connected" 2>/dev/null || true
                    else
                        cp "/proc/${server_pids[$k]}/smaps_rollup" "$out/logs/$target.smaps_rollup.connected-$((k + 1))" 2>/dev/null || true
                    fi
                done
                read -r spread_min spread_max < <(printf '%s\n' $spread | sort -n | awk 'NR == 1 { a = $1 } { b = $1 } END { print a, b }')
                log "  connections per instance (descriptors after − before): $spread(expected $((n / instances)) each," \
                    "$(awk -v a="$spread_min" -v b="$spread_max" -v e="$n" -v k="$instances" \
                        'BEGIN { printf "%+.1f%% to %+.1f%%", 100 * (a * k / e - 1), 100 * (b * k / e - 1) }'))"
                if [ "$spread_max" -gt $((hard - 1024)) ]; then
                    log "  an instance holds $spread_max connections, over its file budget $((hard - 1024)): raise --instances"
                    rstatus=uneven-spread
                fi
                # the servers' own CPU with everyone connected and nothing published (timers, pings)
                local ci0 ci1
                ci0=$(servers_cpu)
                sleep "$idle_s"
                ci1=$(servers_cpu)
                idle_cpu=$(awk -v a="$ci0" -v b="$ci1" -v t="$clk_tck" -v s="$idle_s" 'BEGIN { printf "%.1f", 100 * (b - a) / t / s }')
                log "  all $n upgraded in $connect_s s ($hs_rate/s); RSS $rss0 -> $rss1 KB" \
                    "($(awk -v a="$rss0" -v b="$rss1" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n }') KB/conn);" \
                    "server CPU idle $idle_cpu %"
                first=0
            else
                sleep 1
            fi
        fi
        if [ "$rstatus" = ok ]; then
            c0=$(servers_cpu)
            b0=$(core_busy "$server_cpu")
            launch pub taskset -c "$load_cpu" "$tools/fanout_pub" --mode "$([ "$target" = floor ] && echo frame || echo luna)" \
                --port "$redis_port" --account "$account" --rate "$rate" --duration "$duration" --sources 10 \
                >"$out/logs/$tag.pub.out" 2>"$out/logs/$tag.pub.err" || rstatus=publisher-failed
        fi
        [ "${#recv_pids[@]}" -gt 0 ] && finish_subs "${recv_pids[@]}"
        recv_pids=()
        if [ "$rstatus" = ok ] || [ "$rstatus" = publisher-failed ]; then
            c1=$(servers_cpu)
            b1=$(core_busy "$server_cpu")
            rss2=$(servers_rss)
            servers_alive || rstatus=server-died
        fi
        local po="$out/logs/$tag.pub.out"
        [ "${#recv_outs[@]}" -gt 0 ] || recv_outs=("$out/logs/$tag.recv.out")
        local f
        for f in "${recv_outs[@]}" "$po"; do [ -f "$f" ] || : >"$f"; done
        printf '%s\n' "$target $rate $rstatus $c0 $c1 $b0 $b1 $rss2" >"$out/logs/$tag.raw"
        # several receiver processes (more receivers than one may hold): counts are summed, p50/p99/max
        # are the largest of the processes'
        awk -v target="$target" -v n="$n" -v k="$receivers" -v g="$groups" -v rate="$rate" -v status="$rstatus" \
            -v connect_s="$connect_s" -v hs="$hs_rate" -v rss0="$rss0" -v rss1="$rss1" -v rss2="$rss2" \
            -v idle_cpu="$idle_cpu" -v tck="$clk_tck" -v c0="$c0" -v c1="$c1" -v b="$b0 $b1" \
            -v published="$(kv published "$po")" -v matching="$(kv matching_cam1 "$po")" \
            -v achieved="$(kv rate_achieved "$po")" \
            -v delivered="$(kv_sum delivered "${recv_outs[@]}")" -v p50="$(kv_max p50_us "${recv_outs[@]}")" \
            -v p99="$(kv_max p99_us "${recv_outs[@]}")" -v pmax="$(kv_max max_us "${recv_outs[@]}")" \
            -v closed="$(kv_sum closed_by_server "${recv_outs[@]}")" -v gaps="$(kv_sum gaps "${recv_outs[@]}")" \
            -v hsf="$(kv_sum handshake_failures "${recv_outs[@]}")" \
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
        recv_outs=()
    done
    # the idle subscribers: must have received nothing, and still be connected
    local idle_delivered=- idle_open=-
    if [ "${#idle_pids[@]}" -gt 0 ]; then
        finish_subs "${idle_pids[@]}"
        idle_delivered=$(kv_sum delivered "${idle_outs[@]}") idle_open=$(kv_sum open_at_end "${idle_outs[@]}")
        log "  idle subscribers: $idle_open of $idle open at the end, $idle_delivered deliveries (must be 0)," \
            "handshake failures $(kv_sum handshake_failures "${idle_outs[@]}"), connect $(kv_max connect_ms "${idle_outs[@]}") ms" \
            "in the tool (the slowest of ${#idle_outs[@]} process(es))"
    fi
    awk -F'\t' -v OFS='\t' -v d="$idle_delivered" -v o="$idle_open" -v t="$target" -v k="$instances" \
        -v ip="${#idle_pids[@]}" -v a="$spread_min" -v b="$spread_max" \
        '$1 == t { print $0, d, o, k, ip, a, b }' "$out/steps.partial" >>"$out/steps.tsv"
    idle_pids=()
    [ "${#server_pids[@]}" -gt 0 ] && stop_servers
    local i
    for i in $(seq 100); do [ "$(redis_psubscribers)" = 0 ] && break; sleep 0.05; done
}

{
    echo "command: $cmdline"
    echo "date: $(date -u -Is)"
    echo "host: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -r)"
    echo "luna-sender: $luna_desc"
    echo "N $n = $idle idle ($groups filter groups) + $receivers receivers; rates: $rates ev/s, ${duration}s each; scheduling $sched"
    echo "keepalive: luna-sender pings at its WEBSOCKET.PING_INTERVAL (20 s unless set), the floor every ${floor_pings} s (0: never); idle window ${idle_s} s"
    if [ "$instances" = 1 ]; then
        echo "one instance per target; file limit $(ulimit -n)"
    else
        echo "$instances instances per target on one port (SO_REUSEPORT), all on core $server_cpu; idle subscribers in" \
            "$(((idle + load_cap - 1) / load_cap)) processes of at most $load_cap; file limit $hard per process"
    fi
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
    printf "| target | N | instances | connections per instance | receivers | R ev/s | status | connect s | handshakes/s | RSS MB idle → all connected | RSS KB/conn | p50 ms | p99 ms | lost | CPU µs/delivery | CPU µs/event | CPU × floor | server CPU idle | idle subscribers: received / open |\n"
    printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    for (i = 1; i <= m; i++) {
        split(row[i], f, "\t")
        x = (f[5] in fc && fc[f[5]] > 0) ? sprintf("%.2f", f[23] / fc[f[5]]) : "-"
        spread = (f[34] == f[35]) ? f[34] : f[34] "–" f[35]
        printf "| %s | %d | %d | %s | %d | %d | %s | %.1f | %d | %.1f → %.1f | %.2f | %.2f | %.2f | %d | %.2f | %.1f | %s | %s %% | %s / %s |\n",
            f[1], f[2], f[32], spread, f[3], f[5], f[6], f[7], f[8], f[9] / 1024, f[10] / 1024, f[11], f[19] / 1000,
            f[20] / 1000, f[18], f[23], f[24], x, f[13], f[30], f[31]
    }
}' "$out/steps.tsv" >"$out/table.md"
echo
cat "$out/info.txt"
echo
cat "$out/table.md"
echo
echo "every step: $out/steps.tsv; logs: $out/logs"
