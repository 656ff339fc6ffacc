#!/usr/bin/env bash
# Runs every built libFuzzer target for N seconds each, starting from the committed seed corpus,
# and fails on the first crash, leak, timeout or out-of-memory. Builds nothing:
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
#         -DBUILD_FUZZERS=ON -DBUILD_GUI=OFF
#   cmake --build build-fuzz --target fuzz_query_filter fuzz_event_message fuzz_http_request \
#         fuzz_ws_frames fuzz_request_ids
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
                       [fuzz_http_request]=http.dict [fuzz_ws_frames]= [fuzz_request_ids]=ids.dict)
declare -A max_len=([fuzz_query_filter]=4096 [fuzz_event_message]=65536 [fuzz_http_request]=8192
                    [fuzz_ws_frames]=8192 [fuzz_request_ids]=128)
targets=(fuzz_query_filter fuzz_event_message fuzz_http_request fuzz_ws_frames fuzz_request_ids)
if [[ $# -gt 2 ]]; then
    targets=("${@:3}")
fi

status=0
for target in "${targets[@]}"; do
    exe="$build/tests/fuzz/$target"
    if [[ ! -x "$exe" ]]; then
        echo "$target: not built in $build" >&2
        exit 2
    fi
    scratch="$build/fuzz-corpus/$target"
    mkdir -p "$scratch"
    # corpus-grown/: inputs earlier long runs found that add coverage (libFuzzer -merge=1 into the
    # seeds), so that a short CI run starts where those runs ended.
    grown="$here/corpus-grown/$target"
    [[ -d "$grown" ]] || grown=""
    echo "== $target for ${seconds}s"
    if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len="${max_len[$target]}" ${dictionary[$target]:+-dict="$here/dict/${dictionary[$target]}"} \
            -artifact_prefix="$artifacts/$target-" -print_final_stats=1 \
            "$scratch" "$here/corpus/$target" ${grown:+"$grown"}; then
        echo "$target: FAILED; reproducer in $artifacts" >&2
        status=1
    fi
done
exit $status
