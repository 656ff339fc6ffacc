#!/usr/bin/env bash
# Runs every built libFuzzer target for N seconds each, starting from the committed seed corpus,
# and fails when one of them crashes, leaks, times out or runs out of memory (FUZZ_JOBS targets at
# a time, default the number of cores). Builds nothing:
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
#         -DBUILD_FUZZERS=ON -DBUILD_GUI=OFF
#   cmake --build build-fuzz --target fuzz_query_filter fuzz_event_message fuzz_http_request \
#         fuzz_ws_frames fuzz_request_ids fuzz_monitor_frames
#   tests/fuzz/run.sh 300 build-fuzz [target...]
# New interesting inputs go to a scratch corpus (kept under the build dir), never into the
# committed ones; crash inputs are written to <build>/fuzz-artifacts/. To keep what a long run
# found: <target> -merge=1 <fresh dir> corpus/<target> corpus-grown/<target> <scratch>, then
# replace corpus-grown/<target> with what the fresh dir holds beyond the seeds.
set -euo pipefail

if [[ $# -lt 1 || ! "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 <seconds-per-target> [build-dir] [target...]" >&2
    exit 2
fi
seconds=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${2:-$here/../../build-fuzz}" && pwd)
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

declare -A dictionary=([fuzz_query_filter]=query.dict [fuzz_event_message]=json.dict
                       [fuzz_http_request]=http.dict [fuzz_ws_frames]= [fuzz_request_ids]=ids.dict
                       [fuzz_monitor_frames]=)
declare -A max_len=([fuzz_query_filter]=4096 [fuzz_event_message]=65536 [fuzz_http_request]=8192
                    [fuzz_ws_frames]=8192 [fuzz_request_ids]=128 [fuzz_monitor_frames]=8192)
targets=(fuzz_query_filter fuzz_event_message fuzz_http_request fuzz_ws_frames fuzz_request_ids
         fuzz_monitor_frames)
if [[ $# -gt 2 ]]; then
    targets=("${@:3}")
fi

# FUZZ_JOBS targets at a time (default: the number of cores); each one's output goes to its own log,
# printed whole when it ends, so parallel runs do not interleave.
jobs=${FUZZ_JOBS:-$(nproc)}
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "FUZZ_JOBS must be a positive number" >&2; exit 2; }
for target in "${targets[@]}"; do
    if [[ ! -x "$build/tests/fuzz/$target" ]]; then
        echo "$target: not built in $build" >&2
        exit 2
    fi
done

fuzz_one() {
    local target=$1 exe="$build/tests/fuzz/$1" scratch="$build/fuzz-corpus/$1"
    mkdir -p "$scratch"
    # corpus-grown/: inputs earlier long runs found that add coverage (libFuzzer -merge=1 into the
    # seeds), so that a short CI run starts where those runs ended.
    local grown="$here/corpus-grown/$target"
    [[ -d "$grown" ]] || grown=""
    "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="${max_len[$target]}" ${dictionary[$target]:+-dict="$here/dict/${dictionary[$target]}"} \
        -artifact_prefix="$artifacts/$target-" -print_final_stats=1 \
        "$scratch" "$here/corpus/$target" ${grown:+"$grown"}
}

status=0
declare -A running=()
# Waits for any one running target (bash 5.1's wait -n -p), prints its log and records a failure.
finish_one() {
    local pid rc=0
    wait -n -p pid || rc=$?
    local target=${running[$pid]}
    unset "running[$pid]"
    echo "== $target for ${seconds}s"
    cat "$artifacts/$target.log"
    if [[ $rc -ne 0 ]]; then
        echo "$target: FAILED; reproducer in $artifacts" >&2
        status=1
    fi
}
for target in "${targets[@]}"; do
    [[ ${#running[@]} -lt $jobs ]] || finish_one
    fuzz_one "$target" >"$artifacts/$target.log" 2>&1 &
    running[$!]=$target
done
while [[ ${#running[@]} -gt 0 ]]; do
    finish_one
done
exit $status
