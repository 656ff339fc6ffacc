#pragma once

#include <QLatin1StringView>
#include <QStringView>
#include <QtGlobal>

#include <iterator>
#include <optional>

namespace sender {

// Where a message came from: a metrics label and a console column. Here, apart from the sources
// themselves, because the engine's snapshots (and the console that reads them) need the word but
// nothing of the sources.
enum class SourceKind : quint8 { Redis, Embedded, Publish, Demo };

// Every word for a kind, in one table (row n is SourceKind n). `name` is the metrics label, the
// log's and the console's word; `monitorName` is the monitoring API's (its contract calls the
// publish resource "http"). A new kind is one row here.
struct SourceKindWords
{
    SourceKind kind;
    const char *name;
    const char *monitorName;
};
inline constexpr SourceKindWords kSourceKindWords[] = {
    {SourceKind::Redis, "redis", "redis"},
    {SourceKind::Embedded, "embedded", "embedded"},
    {SourceKind::Publish, "publish", "http"},
    {SourceKind::Demo, "demo", "demo"},
};
inline constexpr int kSourceKinds = int(std::size(kSourceKindWords));

QLatin1StringView sourceKindName(SourceKind kind); // "unknown" outside the table
// The monitoring API's word; empty outside the table.
QLatin1StringView sourceKindMonitorName(SourceKind kind);
std::optional<SourceKind> sourceKindFromMonitorName(QStringView name);

} // namespace sender
