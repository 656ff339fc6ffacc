#!/bin/sh
# Fails when a test of the last ctest run in <build dir> skipped something. On CI every tool the
# tests use is installed (installer/setup.sh), so a skip there means a check did not run: a
# failure, not a pass. Qt Test reports a QSKIP as "SKIP   : Class::function() reason" and CTest
# counts the executable as passed; CTest keeps every test's output in Testing/Temporary/LastTest.log.
#
#   .ci/no-skips.sh build
set -eu
log="${1:?usage: $0 <build dir>}/Testing/Temporary/LastTest.log"
[ -f "$log" ] || { echo "no-skips: $log not found (run ctest first)" >&2; exit 2; }

# Skips that are right on a headless CI machine, one extended regex per line, with the reason.
allowed='
# ASan keeps freed memory in quarantine, so an RSS bound cannot hold in the sanitizer build; the
# default build runs the same check.
^SKIP +: TestHostile::.*ASan keeps freed memory in quarantine
'
patterns=$(printf '%s\n' "$allowed" | grep -v -e '^#' -e '^$')
# node's test runner (tests/web) ends its spec report with "ℹ skipped N": a skipped browser test
# is reported in Qt Test's words so the same rules apply.
skips=$( (grep -E '^SKIP +:' "$log"; grep -E '^ℹ skipped [1-9]' "$log" | sed 's/^/SKIP   : web_viewer: /') || true)
[ -n "$skips" ] || { echo "no-skips: no test skipped"; exit 0; }
unexpected=$(printf '%s\n' "$skips" | grep -v -E -e "$patterns" || true)
printf '%s\n' "$skips" | grep -E -e "$patterns" | sed 's/^/no-skips: allowed: /' || true
if [ -n "$unexpected" ]; then
    printf '%s\n' "$unexpected" | sed 's/^/no-skips: NOT ALLOWED: /' >&2
    echo "no-skips: a test skipped on CI; install what it needs in installer/setup.sh" >&2
    exit 1
fi
