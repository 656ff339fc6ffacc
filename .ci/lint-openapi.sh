#!/bin/sh
# Lints every OpenAPI document in resources/openapi/ with Redocly's recommended rules. The linter
# is the pinned @redocly/cli that installer/setup.sh installs into .deps/tools (project-local);
# nothing is fetched here. Warnings count: a document passes with none.
set -eu
cd "$(dirname "$0")/.."
redocly=.deps/tools/node_modules/.bin/redocly
[ -x "$redocly" ] || { echo "lint-openapi: $redocly missing; run installer/setup.sh" >&2; exit 2; }
# No usage report and no update check from the linter: CI runs it, nobody else needs to know.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export REDOCLY_TELEMETRY REDOCLY_SUPPRESS_UPDATE_NOTICE
# redocly.yaml (the recommended rules) and .redocly.lint-ignore.yaml (the listed exceptions, with
# why) are read from the top of the checkout.
for document in resources/openapi/*.yaml; do
    output=$("$redocly" lint --format=stylish "$document" 2>&1) || { printf '%s\n' "$output" >&2; exit 1; }
    printf '%s\n' "$output"
    # lint exits non-zero on errors only; a warning fails here as well.
    if printf '%s\n' "$output" | grep -q -E '^ +[0-9]+:[0-9]+ +warning '; then
        echo "lint-openapi: $document has warnings" >&2
        exit 1
    fi
done
