#!/bin/sh
# Builds the libFuzzer targets (the fuzz preset of CMakePresets.json: clang, ASan + UBSan) in
# build-fuzz (on CI, .ci/sanitizers.sh has built that tree already) and runs each from its committed
# seed corpus for FUZZ_SECONDS (default 60), FUZZ_JOBS (default: the number of cores) at a time. A
# crash, a sanitizer report, a leak, a timeout or running out of memory fails the script; the
# reproducer is left in build-fuzz/fuzz-artifacts/.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}

.ci/install-clang.sh

targets="fuzz_query_filter fuzz_event_message fuzz_http_request fuzz_ws_frames fuzz_request_ids fuzz_monitor_frames"
cmake --preset fuzz
# shellcheck disable=SC2086
cmake --build --preset fuzz --target $targets
# shellcheck disable=SC2086
tests/fuzz/run.sh "$seconds" build-fuzz $targets
