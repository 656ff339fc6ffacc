#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QJsonObject>

#include <optional>

namespace sender {

// The engine's snapshot types as the monitoring contract's JSON (the monitoring port's OpenAPI,
// resources/openapi/monitor.yaml), both ways: the monitoring port encodes, an attached console
// decodes, so the two cannot drift. Decoding takes any JSON: a missing or mistyped field gets
// its default, never a crash.
namespace SnapshotCodec {

// GET /monitor/v1/overview and the stream's "overview" (without "type", "rates" or the parts
// later issues add; the port adds those).
QJsonObject encodeOverview(const EngineSnapshot &snapshot);
EngineSnapshot decodeOverview(const QJsonObject &json);

QJsonObject encodeConnection(const ConnectionSnapshot &connection);
ConnectionSnapshot decodeConnection(const QJsonObject &json);

QJsonObject encodeFilterSet(const FilterSetSnapshot &filterSet);
FilterSetSnapshot decodeFilterSet(const QJsonObject &json);

// "event" is the object exactly as subscribers get it; decoding rebuilds a one-event message
// from it, so the console's detail pane and filter playground read it as they read a local one.
// Nothing when the event cannot be rebuilt.
QJsonObject encodeEventSample(const EventSample &sample);
// The same object as compact JSON text, written directly: "event" is the subscribers' payload
// byte for byte instead of parsed and written again. What the stream sends for each sample, so
// it is built once per sample for every monitor and costs a copy, not a JSON round trip.
QByteArray encodeEventSampleJson(const EventSample &sample);
std::optional<EventSample> decodeEventSample(const QJsonObject &json);

// GET /monitor/v1/history: {"enabled": bool, "events": [EventSample objects, oldest first]}.
// Decoding skips the events it cannot rebuild; *historyEnabled is false when "enabled" is not
// true.
QJsonObject encodeRecentEvents(const QList<EventSample> &events, bool historyEnabled);
QList<EventSample> decodeRecentEvents(const QJsonObject &json, bool *historyEnabled = nullptr);

// GET /monitor/v1/instances (SnapshotCodecFleet.cpp): {"self": id, "shared", "redis": {"up",
// "detail"}, "announce_interval_ms", "instances": [Instance objects]}.
QJsonObject encodeInstance(const InstanceSnapshot &instance);
InstanceSnapshot decodeInstance(const QJsonObject &json);
QJsonObject encodeFleet(const FleetSnapshot &fleet);
FleetSnapshot decodeFleet(const QJsonObject &json);
// "serving", "draining", "gone".
QString instanceStateName(InstanceSnapshot::State state);
std::optional<InstanceSnapshot::State> instanceStateFromName(QStringView name);

// The monitoring API's word for a kind (kSourceKindWords in events/SourceKind.h): "redis",
// "embedded", "http" (the publish resource), "demo"; a kind outside the table reads "embedded".
QString sourceName(SourceKind kind);
std::optional<SourceKind> sourceFromName(QStringView name);
QString sourceStateName(SourceState state);
SourceState sourceStateFromName(QStringView name);

// ISO-8601 UTC with milliseconds, "2026-12-04T01:02:03.456Z".
QString timeText(const QDateTime &time);
QDateTime timeFromText(const QString &text);

} // namespace SnapshotCodec

} // namespace sender
