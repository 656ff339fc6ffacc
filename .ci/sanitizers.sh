#!/bin/sh
# The tests that parse input and talk to the network (labels unit and integration, the browser test
# of the web viewer included), built with AddressSanitizer + UndefinedBehaviorSanitizer. CI builds
# this with the fuzz preset (clang; every report fatal) in build-fuzz, the same build the libFuzzer
# targets of .ci/fuzz.sh come from, so the instrumented tree is compiled once. The console's widget
# tests (label gui) run in the default build only. For gcc's sanitizers over everything, the GUI
# included, use the asan preset: `.ci/sanitizers.sh asan`.
#
#   .ci/sanitizers.sh [fuzz|asan] [ctest arguments...]
set -eu
cd "$(dirname "$0")/.."
preset=${1:-fuzz}
[ $# -eq 0 ] || shift
case "$preset" in
fuzz) dir=build-fuzz; labels='^(unit|integration)$' ;;
asan) dir=build-asan; labels='' ;;
*) echo "usage: $0 [fuzz|asan] [ctest arguments...]" >&2; exit 2 ;;
esac

[ "$preset" != fuzz ] || .ci/install-clang.sh
cmake --preset "$preset"
cmake --build --preset "$preset"

# halt/abort_on_error: the first report ends the process with a non-zero status. detect_leaks:
# LeakSanitizer at exit. Third-party leaks we cannot fix are listed, with the reason, in
# tests/sanitizers/lsan.supp; nothing of ours is suppressed.
ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1"
UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:report_error_type=1"
LSAN_OPTIONS="suppressions=$(pwd)/tests/sanitizers/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
# tst_filteralloc is left out: it counts allocations by replacing malloc, free and
# posix_memalign with glibc's __libc_* functions, which bypasses the sanitizer's allocator (memory
# ASan hands out is freed behind its back, and LeakSanitizer reports it). It measures allocation
# counts, not memory safety; the default build runs it.
# Instrumented code runs 2-5 times slower: both presets set SENDER_TEST_TIMEOUT=900, which
# becomes every test's TIMEOUT property (ctest --timeout would not override those).
ctest --test-dir "$dir" --output-on-failure -E '^tst_filteralloc$' ${labels:+-L "$labels"} "$@"
.ci/no-skips.sh "$dir"
