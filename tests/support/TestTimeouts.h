#pragma once

// How long a test waits for something before it calls the wait failed: one named default per kind
// of wait instead of a number at every call. They are upper bounds for failure only (a passing
// test never waits them out), so they are generous: the machines that run the suite are shared
// and slow under sanitizers. Never use them to assert a duration; speed belongs in benchmarks.
//
// tests/support/calm-timeouts.py writes these names in place of literal timeouts (run it again
// after adding tests that spell out a number). It picks the kind from the call (a process start or
// exit) and otherwise from the number the author wrote, never choosing a shorter wait than that
// number.
namespace timeouts {

// An in-process signal, a loopback request and its answer, a model or widget catching up.
inline constexpr int kSignal = 5000;
// An exchange with real peers: redis-server or the Sentinels, a reconnect with its back-off, an
// attached console's link, several round trips in a row.
inline constexpr int kRoundTrip = 15000;
// A child process (the service, redis-server) reaching the running state.
inline constexpr int kProcessStart = 10000;
// A child process stopping after it was asked to.
inline constexpr int kProcessExit = 15000;
// Watching for something that must not happen (no reconnect, no further message): always waited
// out, so short; only as long as the thing would take to show up if it were going to.
inline constexpr int kAbsence = 1000;
// Soaks, package builds, thousands of events, anything measured in tens of seconds.
inline constexpr int kLongOperation = 60000;

} // namespace timeouts
