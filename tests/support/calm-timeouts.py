#!/usr/bin/env python3
"""Replaces literal timeouts in the tests with the named defaults of tests/support/TestTimeouts.h.

    tests/support/calm-timeouts.py            rewrite the files, print what changed
    tests/support/calm-timeouts.py --check    change nothing; exit 1 if a literal timeout is left

Idempotent: a second run finds nothing to do. What it rewrites (a literal integer only; a
variable or an expression is left as the author wrote it):
  - the last argument of QTRY_*_WITH_TIMEOUT(...) and QTest::qWaitFor(...),
  - the only or last argument of wait(N), waitFor*(N), waitUp(N), waitLinkUp(..., N) when N is
    at least 1000 (smaller numbers there are counts: waitForMessages(2)),
  - `int ...timeout... = N` defaults and constants.
QVERIFY(!QTest::qWaitFor(..., N)) checks that something does not happen within N: it is always
waited out, so N up to a second becomes kAbsence and a longer one is left as written.
The kind comes from the call (waitForStarted: a process start; waitForFinished, waitForExit: a
process exit) and otherwise from the number written, rounded up to the next named wait, so no
wait gets shorter than its author asked for. A file that gains a name gains
#include "TestTimeouts.h" too.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
HEADER = "TestTimeouts.h"

# (name, milliseconds) of the general waits, shortest first; see TestTimeouts.h.
GENERAL = [("kSignal", 5000), ("kRoundTrip", 15000), ("kLongOperation", 60000)]
PROCESS_START = ("kProcessStart", 10000)
PROCESS_EXIT = ("kProcessExit", 15000)
# QVERIFY(!QTest::qWaitFor(...)) watches for something that must not happen: the test always
# waits it out, so a generous failure bound would only make it slow.
ABSENCE = ("kAbsence", 1000)
ABSENCE_CHECK = re.compile(r"QVERIFY2?\(\s*!\s*(?:QTest::)?$")

CALLS = re.compile(r"\b(QTRY_[A-Z0-9_]+_WITH_TIMEOUT|qWaitFor|wait|waitFor[A-Za-z]*|waitUp|waitLinkUp)\s*\(")
DEFAULTS = re.compile(r"\b((?:int|qint64)\s+\w*[Tt]imeout\w*\s*=\s*)(\d+)\b")
LITERAL = re.compile(r"^(\s*)(\d+)(\s*)$")


def name_for(call, ms, absence=False):
    if absence:
        return ABSENCE[0] if ms <= ABSENCE[1] else None
    if call == "waitForStarted" and ms <= PROCESS_START[1]:
        return PROCESS_START[0]
    if call in ("waitForFinished", "waitForExit") and ms <= PROCESS_EXIT[1]:
        return PROCESS_EXIT[0]
    for name, limit in GENERAL:
        if ms <= limit:
            return name
    return None  # longer than any named wait: leave it, it says something particular


def closing_paren(text, open_at):
    """Index of the parenthesis that closes text[open_at], skipping strings and characters."""
    depth = 0
    i = open_at
    while i < len(text):
        c = text[i]
        if c in "\"'":
            quote = c
            i += 1
            while i < len(text) and text[i] != quote:
                i += 2 if text[i] == "\\" else 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def last_argument(text, open_at, close_at):
    """(start, end) of the last top-level argument between the parentheses."""
    depth = 0
    start = open_at + 1
    i = open_at + 1
    while i < close_at:
        c = text[i]
        if c in "\"'":
            quote = c
            i += 1
            while i < close_at and text[i] != quote:
                i += 2 if text[i] == "\\" else 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            start = i + 1
        i += 1
    return start, close_at


def rewrite(text):
    changes = 0
    out = []
    pos = 0
    for match in CALLS.finditer(text):
        if match.start() < pos:
            continue  # inside a call already rewritten (a nested wait is not a timeout)
        call = match.group(1)
        open_at = match.end() - 1
        close_at = closing_paren(text, open_at)
        if close_at < 0:
            continue
        start, end = last_argument(text, open_at, close_at)
        literal = LITERAL.match(text[start:end])
        if not literal:
            continue
        ms = int(literal.group(2))
        only_timeouts = call.startswith("QTRY_") or call == "qWaitFor"
        if not only_timeouts and ms < 1000:
            continue
        absence = call == "qWaitFor" and ABSENCE_CHECK.search(text, max(0, match.start() - 40), match.start()) is not None
        name = name_for(call, ms, absence)
        if not name:
            continue
        out.append(text[pos:start])
        out.append(f"{literal.group(1)}timeouts::{name}{literal.group(3)}")
        pos = end
        changes += 1
    out.append(text[pos:])
    text = "".join(out)

    def default(m):
        nonlocal changes
        name = name_for("", int(m.group(2)))
        if not name:
            return m.group(0)
        changes += 1
        return f"{m.group(1)}timeouts::{name}"

    text = DEFAULTS.sub(default, text)
    return text, changes


def add_include(text):
    if f'#include "{HEADER}"' in text or "timeouts::" not in text:
        return text
    lines = text.split("\n")
    quoted = [i for i, line in enumerate(lines)
              if line.startswith('#include "') and not line.endswith('.moc"')]
    if quoted:
        at = quoted[-1] + 1
    else:
        angled = [i for i, line in enumerate(lines) if line.startswith("#include <")]
        at = (angled[0] if angled else next(
            (i + 1 for i, line in enumerate(lines) if line.startswith("#pragma once")), 0))
        lines.insert(at, "")
    lines.insert(at, f'#include "{HEADER}"')
    return "\n".join(lines)


def main():
    check = "--check" in sys.argv[1:]
    total = 0
    for path in sorted(TESTS.rglob("*")):
        if path.suffix not in (".cpp", ".h") or path.name == HEADER:
            continue
        if any(part in ("node_modules", "bench", "fuzz") for part in path.relative_to(TESTS).parts):
            continue  # benchmarks and fuzzers time on purpose
        original = path.read_text(encoding="utf-8")
        # Again until nothing changes: a wait inside another rewritten call is reached next time.
        text, changes = rewrite(original)
        while True:
            text, more = rewrite(text)
            if not more:
                break
            changes += more
        text = add_include(text)
        if text == original:
            continue
        total += changes
        print(f"{path.relative_to(ROOT)}: {changes}")
        if not check:
            path.write_text(text, encoding="utf-8")
    print(f"{total} literal timeouts {'left' if check else 'replaced'}")
    return 1 if check and total else 0


if __name__ == "__main__":
    sys.exit(main())
