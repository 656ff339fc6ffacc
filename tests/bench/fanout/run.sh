#!/usr/bin/env bash
# Fan-out benchmark (issue 7): luna-sender side by side with nchan and the raw epoll floor.
#
#   tests/bench/fanout/run.sh [--quick] [options]       (see --help; tests/bench/README.md explains)
#
# For each target, N subscribers and match ratio it finds saturation (the highest delivery rate with
# < 1 % lost and p99 < 100 ms) by stepping the event rate, runs once more at half of that rate for
# the latency comparison, and prints one table. When the search stopped on p99 alone (nothing lost),
# it goes on doubling to the throughput ceiling (the highest rate still delivered with < 1 % lost,
# whatever the p99), shown in the table's last columns. Server on core 0, load (subscribers, publisher and
# redis-server) on core 1. Every process it starts is stopped on exit, Ctrl-C included.
#
# --burst (issue 25): instead, for each N, find the floor's saturation rate (or take --burst-rate),
# offer FACTOR (1.5) times that event rate for --duration (10 s) to every target with its defaults,
# keep the subscribers reading for up to --catch-up seconds (20) after the publisher stops, and print
# delivered, closed, lost, gaps/duplicates, p50/p99, catch-up time, throughput and peak RSS side by side.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

duration=10
targets="luna luna-poll nchan floor"
ns="100 1000 5000"
matches="100 10"
start_deliveries=50000       # first step of the search, in deliveries/s
max_deliveries=3200000       # never step above this
max_rate=60000               # events/s the publisher is asked for at most
bisections=2
ceiling=1                    # after a p99-only failure, go on to the loss-based ceiling
bench_dir=${LUNA_BENCH_DIR:-$root/build-fanout}
luna_rev=HEAD
luna_bin=""
out=""
build=1
server_cpu=0
load_cpu=1
burst=0
burst_factor=1.5
burst_rate=""
catch_up=20

usage() {
    cat <<EOF
usage: $0 [--quick] [--duration S] [--targets "luna luna-poll nchan floor"] [--ns "100 1000 5000"]
          [--matches "100 10"] [--start D] [--bisections K] [--no-ceiling] [--out DIR] [--no-build]
          [--luna-rev REV | --luna-worktree | --luna-bin PATH]
  --quick        3 s per step, one bisection (about a quarter of the full run's time)
  --duration S   seconds of publishing per step (default $duration)
  --targets      luna = luna-sender with Qt's default (glib) dispatcher, luna-poll = QT_NO_GLIB=1,
                 luna-nohist = luna-poll with HISTORY.ENABLED=0 (the resume history of issue 15 off;
                 luna and luna-poll run with the default, history on),
                 luna-mon = luna-poll with one console's monitoring stream attached (overview,
                 lists and event samples, read by tests/bench/fanout/monitor_client.mjs),
                 nchan = nginx + nchan, floor = the raw epoll floor
  --start D      first step of the saturation search, deliveries/s (default $start_deliveries)
  --no-ceiling   stop at the first failure even when only p99 failed (by default the search then
                 goes on doubling while nothing is lost, to report the throughput ceiling too)
  --out DIR      where logs and results go (default $bench_dir/results/<time>)
  --no-build     use the binaries already built
  --sched S      fifo (default as root): server and load run SCHED_FIFO (publisher 30, redis 25,
                 server and subscribers 20), so other work on the machine only gets the cores when
                 they wait (the kernel's RT throttling still leaves it 5 %); nice: nice -15; none
  --luna-rev REV build luna-sender from this commit (default HEAD), exported with git archive into
                 $bench_dir/src-<key> and built there (Release, no GUI; <key> hashes the folders
                 that go into the binary, so a docs-only commit reuses the build): other people's uncommitted
                 edits in the work tree never end up in the measurement
  --luna-worktree  build the work tree as it is, in build-bench/ (the command of issue 7)
  --luna-bin P   use this luna-sender binary
  --burst [F]    the burst case of issue 25 (defaults: --targets "luna-poll floor" --ns "1000 5000"
                 --matches 100 --duration 10): per N, the floor's saturation search, then one step
                 per target at F (default $burst_factor) times the floor's saturation event rate
  --burst-rate R skip the search: the saturation rate is R events/s (for every N)
  --catch-up S   after the publisher stops, subscribers read for up to S s more (default $catch_up)
EOF
    exit 2
}

cmdline="$0 $*"
sched=$([ "$(id -u)" = 0 ] && echo fifo || echo none)
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) duration=3; bisections=1 ;;
    --duration) duration=$2; shift ;;
    --targets) targets=$2; shift ;;
    --ns) ns=$2; shift ;;
    --matches) matches=$2; shift ;;
    --start) start_deliveries=$2; shift ;;
    --bisections) bisections=$2; shift ;;
    --no-ceiling) ceiling=0 ;;
    --out) out=$2; shift ;;
    --no-build) build=0 ;;
    --sched) sched=$2; shift ;;
    --luna-rev) luna_rev=$2; shift ;;
    --luna-worktree) luna_rev="" ;;
    --luna-bin) luna_bin=$2; shift ;;
    --burst)
        burst=1
        if [[ "${2:-}" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then burst_factor=$2; shift; fi
        ;;
    --burst-rate) burst_rate=$2; shift ;;
    --catch-up) catch_up=$2; shift ;;
    -h | --help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
    esac
    shift
done

if [ "$burst" = 1 ]; then
    # the issue's case unless told otherwise (an explicit option above wins: it was parsed first)
    [[ "$cmdline" == *"--targets"* ]] || targets="luna-poll floor"
    [[ "$cmdline" == *"--ns"* ]] || ns="1000 5000"
    [[ "$cmdline" == *"--matches"* ]] || matches=100
    [[ "$cmdline" == *"--duration"* || "$cmdline" == *"--quick"* ]] || duration=10
fi
[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores (server on core 0, load on core 1)" >&2; exit 2; }
out=${out:-$bench_dir/results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out/logs"
tools=$bench_dir/tools
# shellcheck source=tests/bench/fanout/lib.sh
source "$here/lib.sh"
resolve_luna
build_binaries
if [[ " $targets " == *" nchan "* ]] && [ ! -f /usr/lib/nginx/modules/ngx_nchan_module.so ]; then
    echo "nchan needs: apt-get install -y --no-install-recommends nginx-light libnginx-mod-nchan" >&2
    exit 1
fi

# 5 000 subscribers + as many server sockets: raise the limit (root may raise the hard one too).
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -gt 11000 ] || log "warning: ulimit -n is $(ulimit -n); 5 000 subscribers need more"
nofile=$(ulimit -n)

clk_tck=$(getconf CLK_TCK)
start_redis

# ---------------------------------------------------------------- one measured step
# run_step target N match rate label -> prints one TSV line to stdout, details into logs
server_pid="" measure_pid="" monitor_pid="" monitor_port=""
start_server() { # target port tag
    local target=$1 port=$2 tag=$3
    case "$target" in
    luna | luna-poll | luna-nohist | luna-mon)
        local envs=(-u QT_NO_GLIB)
        # luna-mon: luna-poll (the packaged unit's dispatcher) with one console's stream attached
        [ "$target" = luna ] || envs=(QT_NO_GLIB=1)
        # luna-nohist: luna-poll without the resume history (a revision without one ignores it)
        [ "$target" = luna-nohist ] && envs+=(LUNA_SENDER_HISTORY_ENABLED=0)
        if [ "$target" = luna-mon ]; then
            monitor_port=$(free_port)
            envs+=(LUNA_SENDER_MONITOR_PORT="$monitor_port" LUNA_SENDER_MONITOR_TOKEN=bench-monitor-token)
        else
            # No monitoring port here (a revision without one ignores the variable).
            envs+=(LUNA_SENDER_MONITOR_ENABLED=0)
        fi
        set_prefix server
        env "${envs[@]}" "${prefix[@]}" taskset -c "$server_cpu" "$luna" --headless --host 127.0.0.1 --port "$port" \
            --redis "redis://127.0.0.1:$redis_port" --set WEBSOCKET.SEND_QUEUE_BYTES=4194304 \
            --set SERVER.MAX_CONNECTIONS=60000 --set LOGGING.STATS_INTERVAL=0 --log-level warning \
            --set SERVER.MAX_CONNECTIONS_PER_ADDRESS=60000 --set SERVER.MAX_HANDSHAKES_PER_ADDRESS=60000 \
            >"$out/logs/$tag.server.log" 2>&1 &
        server_pid=$!
        measure_pid=$server_pid
        ;;
    floor)
        set_prefix server
        "${prefix[@]}" taskset -c "$server_cpu" "$tools/fanout_floor" --port "$port" --redis-port "$redis_port" \
            >"$out/logs/$tag.server.log" 2>&1 &
        server_pid=$!
        measure_pid=$server_pid
        ;;
    nchan)
        local dir="$out/nginx-$tag"
        mkdir -p "$dir/tmp"
        cat >"$dir/nginx.conf" <<EOF
load_module /usr/lib/nginx/modules/ngx_nchan_module.so;
daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile $nofile;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections $((nofile - 100)); }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    keepalive_requests 100000000;
    nchan_shared_memory_size 256m;
    server {
        listen 127.0.0.1:$port backlog=4096;
        location ~ ^/sub/([\w-]+)\$ {
            nchan_subscriber websocket;
            nchan_channel_id \$1;
            nchan_subscriber_first_message newest;
        }
        location ~ ^/pub/([\w-]+)\$ {
            nchan_publisher;
            nchan_channel_id \$1;
            nchan_message_buffer_length 10;
            nchan_message_timeout 60s;
        }
    }
}
EOF
        set_prefix server
        "${prefix[@]}" taskset -c "$server_cpu" nginx -p "$dir" -c "$dir/nginx.conf" >"$out/logs/$tag.server.log" 2>&1 &
        server_pid=$!
        measure_pid=""
        ;;
    esac
    pids+=("$server_pid")
    wait_listen "$port" || return 1
    if [ "$target" = nchan ]; then
        local i
        for i in $(seq 100); do
            measure_pid=$(pgrep -P "$server_pid" | head -1 || true)
            [ -n "$measure_pid" ] && break
            sleep 0.05
        done
        [ -n "$measure_pid" ] || return 1
        pids+=("$measure_pid")
    else
        # the server must hold its Redis subscription before anything is published
        local i subscribed=0
        for i in $(seq 200); do
            [ "$(redis_cli pubsub numpat)" = 1 ] && { subscribed=1; break; }
            sleep 0.05
        done
        [ "$subscribed" = 1 ] || return 1
        if [ "$target" = luna-mon ]; then
            # one console's stream (overview, lists, event samples), read on the load core
            wait_listen "$monitor_port" || return 1
            rm -f "$out/monitor-ready"
            launch sub taskset -c "$load_cpu" node "$here/monitor_client.mjs" "$monitor_port" \
                bench-monitor-token "$out/monitor-ready" >"$out/logs/$tag.monitor.out" 2>&1 &
            monitor_pid=$!
            pids+=("$monitor_pid")
            for i in $(seq 200); do
                [ -f "$out/monitor-ready" ] && return 0
                kill -0 "$monitor_pid" 2>/dev/null || return 1
                sleep 0.05
            done
            return 1
        fi
    fi
}

run_step() {
    local target=$1 n=$2 match=$3 rate=$4 label=$5
    local tag="${target}-n${n}-m${match}-r${rate}-${label}"
    local port account path step first mode subacc
    port=$(free_port)
    account=$(cat /proc/sys/kernel/random/uuid)
    step=1 first=0
    local query=""
    if [ "$match" = 10 ]; then query="?sources=cam-1"; step=10; first=1; fi
    case "$target" in
    nchan) path="/sub/$account"; mode=nchan ;;
    floor) path="/2/ws$query"; mode=frame ;;
    *) path="/2/ws$query"; mode=luna ;;
    esac
    local status=ok
    if ! start_server "$target" "$port" "$tag"; then
        status=server-did-not-start
    fi
    local drain_opts=()
    # a burst step: after the publisher stops, the subscribers go on reading until nothing came for
    # 2 s or --catch-up passed, so that "lost" is what never arrived, not what was still on its way
    [ "$label" = burst ] && drain_opts=(--idle-ms 2000 --drain-max-ms "$((catch_up * 1000))")
    local hwm=0
    local rss0=0 rss1=0 rss2=0 c0=0 c1=0 f0=0 f1=0 sub_pid="" pubport=$redis_port
    [ "$target" = nchan ] && pubport=$port
    if [ "$status" = ok ]; then
        sleep 0.3
        rss0=$(rss_kb "$measure_pid")
        rm -f "$out/ready"
        set_prefix sub
        "${prefix[@]}" taskset -c "$load_cpu" "$tools/fanout_sub" --port "$port" --path "$path" --account "$account" \
            -n "$n" --ready-file "$out/ready" --seq-step "$step" --seq-first "$first" "${drain_opts[@]}" \
            >"$out/logs/$tag.sub.out" 2>"$out/logs/$tag.sub.err" &
        sub_pid=$!
        pids+=("$sub_pid")
        local i
        for i in $(seq 1200); do
            [ -f "$out/ready" ] && break
            kill -0 "$sub_pid" 2>/dev/null || break
            sleep 0.05
        done
        if [ "$(awk '{print $2}' "$out/ready" 2>/dev/null)" != "$n" ]; then
            status=connect-failed
        fi
    fi
    local b0 b1 l0 l1 s0=0 s1=0 r0=0 r1=0 w0=0 w1=1
    if [ "$status" = ok ]; then
        sleep 1
        rss1=$(rss_kb "$measure_pid")
        c0=$(cpu_ticks "$measure_pid") f0=$(min_faults "$measure_pid")
        b0=$(core_busy "$server_cpu") l0=$(core_busy "$load_cpu")
        s0=$(cpu_ticks "$sub_pid") r0=$(cpu_ticks "$redis_pid") w0=$(date +%s%N)
        launch pub taskset -c "$load_cpu" "$tools/fanout_pub" --mode "$mode" --port "$pubport" --account "$account" \
            --rate "$rate" --duration "$duration" --sources 10 \
            >"$out/logs/$tag.pub.out" 2>"$out/logs/$tag.pub.err" || status=publisher-failed
    fi
    if [ -n "$sub_pid" ] && [ "$status" = ok ]; then
        s1=$(cpu_ticks "$sub_pid") r1=$(cpu_ticks "$redis_pid") w1=$(date +%s%N)
    fi
    if [ -n "$sub_pid" ]; then
        kill -USR1 "$sub_pid" 2>/dev/null || true
        wait "$sub_pid" 2>/dev/null || true
        forget "$sub_pid"
    fi
    if [ "$status" = ok ] || [ "$status" = publisher-failed ]; then
        c1=$(cpu_ticks "$measure_pid") f1=$(min_faults "$measure_pid")
        rss2=$(rss_kb "$measure_pid")
        hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$measure_pid/status" 2>/dev/null || echo 0)
        b1=$(core_busy "$server_cpu") l1=$(core_busy "$load_cpu")
        kill -0 "$measure_pid" 2>/dev/null || status=server-died
    fi
    if [ -n "$measure_pid" ] && [ "$measure_pid" != "$server_pid" ]; then forget "$measure_pid"; fi
    if [ -n "$monitor_pid" ]; then
        stop_pid "$monitor_pid"
        monitor_pid=""
    fi
    [ -n "$server_pid" ] && stop_pid "$server_pid"
    # luna and the floor must have dropped their subscription before the next step starts one
    local i
    for i in $(seq 100); do [ "$(redis_cli pubsub numpat)" = 0 ] && break; sleep 0.05; done

    local so="$out/logs/$tag.sub.out" po="$out/logs/$tag.pub.out"
    [ -f "$so" ] || : >"$so"
    [ -f "$po" ] || : >"$po"
    awk -v target="$target" -v n="$n" -v mr="$match" -v rate="$rate" -v label="$label" \
        -v status="$status" -v tck="$clk_tck" -v c0="$c0" -v c1="$c1" -v f0="${f0:-0}" -v f1="${f1:-0}" \
        -v subpct="$(awk -v a="$s0" -v b="$s1" -v w0="$w0" -v w1="$w1" -v t="$clk_tck" 'BEGIN { print 100 * (b - a) / t / ((w1 - w0) / 1e9) }')" \
        -v loadpct="$(awk -v a="$s0" -v b="$s1" -v c="$r0" -v d="$r1" -v p="$(kv cpu_s "$out/logs/$tag.pub.out" 2>/dev/null)" -v w0="$w0" -v w1="$w1" -v t="$clk_tck" 'BEGIN { w = (w1 - w0) / 1e9; print 100 * ((b - a + d - c) / t + p) / w }')" \
        -v rss0="$rss0" -v rss1="$rss1" -v rss2="$rss2" \
        -v b="${b0:-0 0} ${b1:-0 0}" -v l="${l0:-0 0} ${l1:-0 0}" \
        -v published="$(kv published "$po")" -v matching="$(kv matching_cam1 "$po")" \
        -v achieved="$(kv rate_achieved "$po")" -v lag="$(kv max_lag_ms "$po")" \
        -v unheard="$(kv unheard "$po")" \
        -v delivered="$(kv delivered "$so")" -v window="$(kv window_s "$so")" \
        -v p50="$(kv p50_us "$so")" -v p99="$(kv p99_us "$so")" -v pmax="$(kv max_us "$so")" \
        -v closed="$(kv closed_by_server "$so")" -v errs="$(kv conn_errors "$so")" \
        -v gaps="$(kv gaps "$so")" -v dups="$(kv duplicates "$so")" \
        -v cmin="$(kv per_conn_min "$so")" -v cmax="$(kv per_conn_max "$so")" -v hwm="${hwm:-0}" \
        'BEGIN {
            split(b, B, " "); split(l, L, " ");
            expected = n * (mr == 10 ? matching : published);
            lost = expected > 0 ? expected - delivered : 0;
            lostpct = expected > 0 ? 100 * lost / expected : 100;
            dps = window > 0 ? delivered / window : 0;
            cpu_us = delivered > 0 ? (c1 - c0) * 1e6 / tck / delivered : 0;
            srv_busy = (B[4] - B[2]) > 0 ? 100 * (B[3] - B[1]) / (B[4] - B[2]) : 0;
            srv_self = (B[4] - B[2]) > 0 ? 100 * (c1 - c0) / (B[4] - B[2]) : 0;
            load_busy = (L[4] - L[2]) > 0 ? 100 * (L[3] - L[1]) / (L[4] - L[2]) : 0;
            rss_conn = n > 0 ? (rss2 - rss0) / n : 0;
            rss_idle = n > 0 ? (rss1 - rss0) / n : 0;
            if (status == "ok") {
                if (achieved + 0 < 0.97 * rate) status = "publisher-behind";
                else if (closed + 0 > 0) status = "clients-closed";
                else if (lostpct >= 1) status = "lost";
                else if (p99 + 0 >= 100000) status = "p99";
                else if (delivered + 0 == 0) status = "nothing";
                else status = "pass";
                # the load core (subscribers + redis + publisher) ran out: not a limit of the server
                if (status != "pass" && loadpct + 0 >= 90) status = "load-bound:" status;
            }
            faults = published > 0 ? (f1 - f0) / published : 0;
            printf "%s\t%d\t%d\t%d\t%s\t%s\t%.0f\t%d\t%.3f\t%d\t%d\t%d\t%.3f\t%.1f\t%.1f\t%.0f\t%.0f\t%.0f\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t%.0f\t%.3f\t%d\t%.3f\n",
                target, n, mr, rate, label, status, dps, lost, lostpct, p50, p99, pmax, cpu_us,
                rss_conn, rss_idle, srv_busy, srv_self, load_busy, expected, delivered,
                closed + 0, errs + 0, gaps + 0, dups + 0, lag, unheard + 0, subpct, loadpct, faults,
                hwm, window
        }'
}
header="target\tN\tmatch\trate\tlabel\tstatus\tdelivered_per_s\tlost\tlost_pct\tp50_us\tp99_us\tmax_us\tcpu_us_per_delivery\trss_kb_per_conn\trss_kb_per_conn_idle\tcore0_busy_pct\tserver_cpu_pct\tcore1_busy_pct\texpected\tdelivered\tclosed_by_server\tconn_errors\tgaps\tduplicates\tpub_max_lag_ms\tunheard\tsubscriber_cpu_pct\tload_cpu_pct\tserver_minflt_per_event\tpeak_rss_kb\twindow_s"
printf '%b\n' "$header" >"$out/steps.tsv"
printf '%b\n' "$header" >"$out/points.tsv"

step_and_log() { # target n match rate label -> sets line, succeeds when the step passed
    # not $(run_step): a subshell would hide the pids it starts from the cleanup trap
    run_step "$@" >"$out/step.line"
    line=$(cat "$out/step.line")
    printf '%s\n' "$line" >>"$out/steps.tsv"
    local f
    IFS=$'\t' read -r -a f <<<"$line"
    log "$(printf '%-9s N=%-5s %3s%% R=%-6s %-10s %-16s %9s/s lost %5s%% p50 %6sus p99 %7sus cpu %5sus/d rss %5sKB/conn core0 %3s%% (server %3s%%) load %3s%% (subscriber %3s%%)' \
        "${f[0]}" "${f[1]}" "${f[2]}" "${f[3]}" "${f[4]}" "${f[5]}" "${f[6]}" "${f[8]}" "${f[9]}" "${f[10]}" \
        "${f[12]}" "${f[13]}" "${f[15]}" "${f[16]}" "${f[27]}" "${f[26]}")"
    [ "${f[5]}" = pass ]
}

rate_for() { # deliveries/s n match -> events/s
    awk -v d="$1" -v n="$2" -v m="$3" 'BEGIN { r = d / (n * m / 100); r = int(r + 0.999); if (r < 1) r = 1; print r }'
}

# Saturation search: start at $start_deliveries deliveries/s and double the event rate while a step
# passes (< 1 % lost, p99 < 100 ms, no client closed, publisher on schedule); then bisect
# (geometric mean) between the best pass and the first failure $bisections times. If the first
# step fails, halve down (at most 4 times). The best passing step is the saturation point; one
# more step runs at half its rate.
search() { # target n match
    local target=$1 n=$2 match=$3
    local rate best="" bestline="" fail="" why="" r d line top="" topwhy=""
    rate=$(rate_for "$start_deliveries" "$n" "$match")
    local steps=0
    while :; do
        steps=$((steps + 1))
        if step_and_log "$target" "$n" "$match" "$rate" search; then
            best=$rate bestline=$line
            d=$(awk -v r="$rate" -v n="$n" -v m="$match" 'BEGIN { print r * 2 * n * m / 100 }')
            if [ "$(awk -v d="$d" -v x="$max_deliveries" 'BEGIN { print (d > x) }')" = 1 ] ||
                [ $((rate * 2)) -gt "$max_rate" ]; then
                log "  $target N=$n $match%: stopped at the search's ceiling"
                why=ceiling
                break
            fi
            rate=$((rate * 2))
        else
            fail=$rate why=$(printf '%s\n' "$line" | cut -f6)
            top=$rate topwhy=$why
            if [ -n "$best" ] || [ $steps -ge 5 ]; then break; fi
            rate=$((rate / 2))
            [ "$rate" -ge 1 ] || break
        fi
    done
    if [ -n "$best" ] && [ -n "$fail" ]; then
        local k
        for k in $(seq "$bisections"); do
            r=$(awk -v a="$best" -v b="$fail" 'BEGIN { print int(sqrt(a * b) + 0.5) }')
            [ "$r" -gt "$best" ] && [ "$r" -lt "$fail" ] || break
            if step_and_log "$target" "$n" "$match" "$r" search; then
                best=$r bestline=$line
            else
                fail=$r why=$(printf '%s\n' "$line" | cut -f6)
            fi
        done
    fi
    if [ -z "$best" ]; then
        printf '%s\n' "$line" | awk -F'\t' -v OFS='\t' '{ $5 = "none"; print }' >>"$out/points.tsv"
        return
    fi
    printf '%s\n' "$bestline" | awk -F'\t' -v OFS='\t' -v why="$why" '{ $5 = "saturation"; $6 = why; print }' >>"$out/points.tsv"
    # p99 alone ended the search: every event still arrived. Go on doubling from the first failed
    # step while nothing is lost (any p99), so that the table also says what the target can carry,
    # not only what it carries within 100 ms.
    if [ "$ceiling" = 1 ] && [ "$topwhy" = p99 ]; then
        local cline cstatus
        cline=$(awk -F'\t' -v r="$top" '$1 == T && $2 == N && $3 == M && $4 == r && $5 == "search"' \
            T="$target" N="$n" M="$match" "$out/steps.tsv" | tail -1)
        rate=$top
        while :; do
            d=$(awk -v r="$rate" -v n="$n" -v m="$match" 'BEGIN { print r * 2 * n * m / 100 }')
            if [ "$(awk -v d="$d" -v x="$max_deliveries" 'BEGIN { print (d > x) }')" = 1 ] ||
                [ $((rate * 2)) -gt "$max_rate" ]; then
                log "  $target N=$n $match%: ceiling search stopped at the search's ceiling"
                break
            fi
            rate=$((rate * 2))
            step_and_log "$target" "$n" "$match" "$rate" ceiling-step || true
            cstatus=$(printf '%s\n' "$line" | cut -f6)
            if [ "$cstatus" = pass ] || [ "$cstatus" = p99 ]; then cline=$line; else break; fi
        done
        printf '%s\n' "$cline" | awk -F'\t' -v OFS='\t' '{ $5 = "ceiling"; print }' >>"$out/points.tsv"
    fi
    [ "$burst" = 1 ] && return # the burst case needs only the saturation point
    local half=$(((best + 1) / 2))
    step_and_log "$target" "$n" "$match" "$half" half || true
    printf '%s\n' "$line" >>"$out/points.tsv"
}

{
    echo "command: $cmdline"
    echo "date: $(date -Is)"
    echo "host: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -r)"
    echo "luna-sender: $luna_desc"
    echo "nginx: $(nginx -v 2>&1 | sed 's/.*version: //'), nchan $(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null)"
    echo "duration per step: ${duration}s, bisections: $bisections, start: $start_deliveries deliveries/s, scheduling $sched"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/info.txt"
cat "$out/info.txt" >&2

if [ "$burst" = 1 ]; then
    ceiling=0
    printf '%b\tsaturation_ev_s\n' "$header" >"$out/burst.tsv"
    for n in $ns; do
        for match in $matches; do
            sat=$burst_rate
            if [ -z "$sat" ]; then
                log "== floor N=$n match $match%: saturation search"
                search floor "$n" "$match"
                sat=$(awk -F'\t' -v n="$n" -v m="$match" '$1 == "floor" && $2 == n && $3 == m && $5 == "saturation" { print $4 }' \
                    "$out/points.tsv" | tail -1)
                if [ -z "$sat" ]; then
                    log "  the floor found no saturation point at N=$n; skipped"
                    continue
                fi
            fi
            rate=$(awk -v r="$sat" -v f="$burst_factor" 'BEGIN { print int(r * f + 0.5) }')
            for target in $targets; do
                log "== burst: $target N=$n match $match%, $rate ev/s = ${burst_factor}x $sat for ${duration}s, catch-up up to ${catch_up}s"
                step_and_log "$target" "$n" "$match" "$rate" burst || true
                printf '%s\t%s\n' "$line" "$sat" >>"$out/burst.tsv"
            done
        done
    done
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/info.txt"
    awk -F'\t' -v dur="$duration" -v factor="$burst_factor" '
    NR == 1 { next }
    { rows[++n] = $0; split($0, f, "\t"); if (f[1] == "floor") fl[f[2] SUBSEP f[3]] = f[7] }
    END {
        printf "| target | N | offered ev/s (%s × the floor'"'"'s saturation) | deliveries offered | delivered | lost | closed | gaps / duplicates | p50 ms | p99 ms | catch-up s | delivered/s | × floor | peak RSS MiB | status |\n", factor
        printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        for (i = 1; i <= n; i++) {
            split(rows[i], f, "\t")
            k = f[2] SUBSEP f[3]; x = "-"
            if (f[1] != "floor" && (k in fl) && fl[k] > 0) x = sprintf("%.2f", f[7] / fl[k])
            cu = f[31] - dur; if (cu < 0) cu = 0
            printf "| %s | %s | %s (%s) | %d | %d | %d (%.2f%%) | %d | %d / %d | %.1f | %.1f | %.1f | %.0f | %s | %.0f | %s |\n",
                f[1], f[2], f[4], f[32], f[19], f[20], f[8], f[9], f[21], f[23], f[24], f[10] / 1000, f[11] / 1000,
                cu, f[7], x, f[30] / 1024, f[6]
        }
    }' "$out/burst.tsv" >"$out/burst.md"
    echo
    cat "$out/info.txt"
    echo
    cat "$out/burst.md"
    echo
    echo "every step: $out/steps.tsv; logs: $out/logs"
    exit 0
fi

for target in $targets; do
    for n in $ns; do
        for match in $matches; do
            if [ "$target" = nchan ] && [ "$match" != 100 ]; then continue; fi
            log "== $target N=$n match $match%"
            search "$target" "$n" "$match"
        done
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/info.txt"

# ---------------------------------------------------------------- the table
awk -F'\t' -v targets="$targets" -v ns="$ns" -v matches="$matches" '
NR == 1 { next }
$5 == "saturation" || $5 == "none" { key = $1 SUBSEP $2 SUBSEP $3; sat[key] = $0 }
$5 == "half" { key = $1 SUBSEP $2 SUBSEP $3; half[key] = $0 }
$5 == "ceiling" { key = $1 SUBSEP $2 SUBSEP $3; ceil[key] = $0 }
END {
    printf "| target | N | match | R ev/s | delivered/s | lost | p50 ms | p99 ms | p99 ms @ R/2 | CPU µs/delivery | RSS KB/conn | × nchan | × floor | CPU × floor | load core CPU | next step up failed on | ceiling ev/s (< 1 %% lost, any p99) | delivered/s at ceiling | p99 ms at ceiling |\n"
    printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    nt = split(targets, T, " "); nn = split(ns, N, " "); nm = split(matches, M, " ")
    for (i = 1; i <= nt; i++) for (j = 1; j <= nn; j++) for (k = 1; k <= nm; k++) {
        t = T[i]; n = N[j]; m = M[k]; key = t SUBSEP n SUBSEP m
        if (t == "nchan" && m != 100) { printf "| nchan | %s | %s%% | n/a (no per-subscriber filters) ||||||||||||||||\n", n, m; continue }
        if (!(key in sat)) continue
        split(sat[key], f, "\t")
        if (f[5] == "none") { printf "| %s | %s | %s%% | none: fails at %s ev/s (%s) ||||||||||||||||\n", t, n, m, f[4], f[6]; continue }
        p99h = "-"
        if (key in half) { split(half[key], h, "\t"); p99h = sprintf("%.1f", h[11] / 1000) }
        xn = "-"; xf = "-"; cf = "-"
        nk = "nchan" SUBSEP n SUBSEP 100
        if (m == 100 && (nk in sat)) { split(sat[nk], g, "\t"); if (g[5] == "saturation" && g[7] > 0) xn = sprintf("%.2f", f[7] / g[7]) }
        if (m != 100) xn = "n/a"
        fk = "floor" SUBSEP n SUBSEP m
        if (fk in sat) { split(sat[fk], g, "\t"); if (g[5] == "saturation" && g[7] > 0) { xf = sprintf("%.2f", f[7] / g[7]); if (g[13] > 0) cf = sprintf("%.2f", f[13] / g[13]) } }
        cr = "-"; cd = "-"; cp = "-"
        if (key in ceil) { split(ceil[key], c, "\t"); cr = c[4]; cd = sprintf("%.0f", c[7]); cp = sprintf("%.1f", c[11] / 1000) }
        printf "| %s | %s | %s%% | %s | %.0f | %.2f%% | %.2f | %.1f | %s | %.2f | %.1f | %s | %s | %s | %s%% | %s | %s | %s | %s |\n",
            t, n, m, f[4], f[7], f[9], f[10] / 1000, f[11] / 1000, p99h, f[13], f[14], xn, xf, cf, f[28], f[6], cr, cd, cp
    }
}' "$out/points.tsv" >"$out/table.md"

# Same-rate comparison: every rate that all targets ran in their search, side by side. Near
# saturation a server keeps its core busy whatever the rate (it batches less when it can), so CPU per
# delivery compares efficiency only where the server core is not full.
awk -F'\t' -v targets="$targets" '
NR == 1 || $5 != "search" { next }
{ k = $2 SUBSEP $3 SUBSEP $4; row[k, $1] = $0; seen[k] = 1 }
END {
    nt = split(targets, T, " ")
    printf "| N | match | R ev/s | deliveries/s | target | status | p50 ms | p99 ms | CPU µs/delivery | server CPU (%% of core 0) |\n"
    printf "|---|---|---|---|---|---|---|---|---|---|\n"
    n = 0
    for (k in seen) keys[++n] = k
    # sort by N, match, R (numerically)
    for (i = 2; i <= n; i++) { v = keys[i]; split(v, a, SUBSEP); j = i - 1
        while (j > 0) { split(keys[j], b, SUBSEP)
            if (b[1] + 0 > a[1] + 0 || (b[1] == a[1] && (b[2] + 0 < a[2] + 0 || (b[2] == a[2] && b[3] + 0 > a[3] + 0)))) { keys[j + 1] = keys[j]; j-- } else break }
        keys[j + 1] = v }
    for (i = 1; i <= n; i++) {
        k = keys[i]; split(k, a, SUBSEP); all = 1; cnt = 0
        for (t = 1; t <= nt; t++) { if (T[t] == "nchan" && a[2] != 100) continue; cnt++; if (!((k, T[t]) in row)) all = 0 }
        if (!all || cnt < 2) continue
        for (t = 1; t <= nt; t++) { if (!((k, T[t]) in row)) continue
            split(row[k, T[t]], f, "\t")
            printf "| %s | %s%% | %s | %.0f | %s | %s | %.1f | %.1f | %.2f | %s%% |\n", a[1], a[2], a[3], f[7], T[t], f[6], f[10] / 1000, f[11] / 1000, f[13], f[17] }
    }
}' "$out/steps.tsv" >"$out/same-rate.md"

echo
cat "$out/info.txt"
echo
cat "$out/table.md"
echo
echo "Same event rate, side by side (every rate all targets ran):"
cat "$out/same-rate.md"
echo
echo "every step: $out/steps.tsv; logs: $out/logs"
