# Shared by run.sh and scale.sh (sourced, not run): process bookkeeping and cleanup, the helpers
# that read /proc, scheduling prefixes, building luna-sender and the load tools, the private redis.
# The sourcing script sets: root, here, bench_dir, out, tools, luna_rev, luna_bin, build, sched,
# load_cpu.

# resolve_luna: sets luna (the binary), luna_desc, and for a build luna_src, luna_build, sha
resolve_luna() {
    if [ -n "$luna_bin" ]; then
        luna=$luna_bin luna_desc="$luna_bin"
    elif [ -n "$luna_rev" ]; then
        sha=$(git -C "$root" rev-parse --short "$luna_rev^{commit}")
        # one build per content of what goes into the binary, so a commit that only touches tests or docs
        # reuses the previous build
        key=$(git -C "$root" ls-tree "$sha" -- CMakeLists.txt cmake server app resources translations installer |
            sha1sum | cut -c1-10)
        luna_src=$bench_dir/src-$key luna_build=$bench_dir/luna-$key
        luna=$luna_build/app/luna-sender luna_desc="commit $sha"
    else
        luna_src=$root luna_build=$root/build-bench
        luna=$luna_build/app/luna-sender
        luna_desc="work tree at $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- server app 2>/dev/null || echo ' + uncommitted changes')"
    fi
}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$out/run.log" >&2; }

# ---------------------------------------------------------------- processes and cleanup
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    sleep 0.3
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    pids=()
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM
forget() { local p keep=(); for p in "${pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done; pids=("${keep[@]}"); }
stop_pid() { # pid: TERM, wait up to 5 s, then KILL
    local p=$1 i
    kill -TERM "$p" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
    forget "$p"
}

# build_binaries: luna-sender (unless --luna-bin) and the three C load tools, then checks them
build_binaries() {
    if [ "$build" = 1 ]; then
        if [ -z "$luna_bin" ]; then
            if [ -n "$luna_rev" ] && [ ! -f "$luna_src/CMakeLists.txt" ]; then
                mkdir -p "$luna_src"
                git -C "$root" archive "$sha" | tar -x -C "$luna_src"
            fi
            log "building luna-sender ($luna_desc; Release, no GUI) in $luna_build"
            if [ ! -f "$luna_build/build.ninja" ]; then
                local launcher=()
                command -v ccache >/dev/null &&
                    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
                cmake -S "$luna_src" -B "$luna_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_GUI=OFF \
                    -DBUILD_TESTING=OFF "${launcher[@]}" >"$out/logs/cmake.log" 2>&1 || { tail -20 "$out/logs/cmake.log"; exit 1; }
            fi
            cmake --build "$luna_build" --target luna-sender >"$out/logs/build.log" 2>&1 ||
                { tail -20 "$out/logs/build.log"; exit 1; }
        fi
        mkdir -p "$tools"
        for t in fanout_sub fanout_pub fanout_floor; do
            cc -O2 -std=gnu11 -Wall -Wextra -o "$tools/$t" "$here/$t.c" -lz
        done
    fi
    for b in "$luna" "$tools/fanout_sub" "$tools/fanout_pub" "$tools/fanout_floor"; do
        [ -x "$b" ] || { echo "missing $b (run without --no-build)" >&2; exit 1; }
    done
}

# ---------------------------------------------------------------- helpers
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 12000))
        [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ] && { echo "$p"; return; }
    done
}
wait_listen() { # port
    local i
    for i in $(seq 200); do
        [ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ] && return 0
        sleep 0.05
    done
    return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Minor page faults of a process so far (all its threads): memory the allocator gave back to the
# kernel and touched again shows here.
min_faults() { awk '{print $10}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
core_busy() { awk -v c="cpu$1" '$1 == c {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
clk_tck=$(getconf CLK_TCK)
kv() { sed -n "s/^$1=//p" "$2" | head -1; }
redis_cli() { redis-cli -p "$redis_port" "$@" 2>/dev/null; }

# launch role command...: runs the command with the role's scheduling (see --sched)
prefix=()
set_prefix() {
    case "$sched:$1" in
    fifo:pub) prefix=(chrt -f 30) ;;
    fifo:redis) prefix=(chrt -f 25) ;;
    fifo:*) prefix=(chrt -f 20) ;;
    nice:*) prefix=(nice -n -15) ;;
    *) prefix=() ;;
    esac
}
# (background launches call set_prefix and start the command themselves: a function run with &
# would be a subshell, and $! its pid instead of the program's)
launch() { set_prefix "$1"; shift; "${prefix[@]}" "$@"; }

# start_redis: a private redis-server on a free port, on the load core (sets redis_port, redis_pid)
start_redis() {
    # ---------------------------------------------------------------- redis
    redis_port=$(free_port)
    set_prefix redis
    "${prefix[@]}" taskset -c "$load_cpu" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --logfile "$out/logs/redis.log" &
    redis_pid=$!
    pids+=("$redis_pid")
    wait_listen "$redis_port" || { echo "redis-server did not start" >&2; exit 1; }
    log "redis-server pid $redis_pid on port $redis_port (core $load_cpu); results in $out"
}
