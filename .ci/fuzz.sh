#!/bin/sh
# Builds the libFuzzer targets (the fuzz preset of CMakePresets.json: clang, ASan + UBSan) in
# build-fuzz and runs each from its committed seed corpus for FUZZ_SECONDS (default 60). A crash,
# a sanitizer report, a leak, a timeout or running out of memory fails the script; the reproducer
# is left in build-fuzz/fuzz-artifacts/.
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}

# clang and its libFuzzer runtime are not part of installer/setup.sh (only CI fuzzes).
missing=""
for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

targets="fuzz_query_filter fuzz_event_message fuzz_http_request fuzz_ws_frames fuzz_request_ids"
cmake --preset fuzz
# shellcheck disable=SC2086
cmake --build --preset fuzz --target $targets
# shellcheck disable=SC2086
tests/fuzz/run.sh "$seconds" build-fuzz $targets
