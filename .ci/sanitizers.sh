#!/bin/sh
# The whole test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (the asan preset of
# CMakePresets.json) in build-asan. Any report is fatal: the test that triggers it fails, and so
# does this script. Run after installer/setup.sh (gcc's sanitizer runtimes come with
# build-essential).
set -eu
cd "$(dirname "$0")/.."

cmake --preset asan
cmake --build --preset asan

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
# Instrumented code runs 2-5 times slower: the asan preset sets SENDER_TEST_TIMEOUT=900, which
# becomes every test's TIMEOUT property (ctest --timeout would not override those).
ctest --test-dir build-asan --output-on-failure -E '^tst_filteralloc$' "$@"
.ci/no-skips.sh build-asan
