#pragma once

#include <QLatin1StringView>
#include <QtGlobal>

namespace sender {

// Where a message came from: a metrics label and a console column. Here, apart from the sources
// themselves, because the engine's snapshots (and the console that reads them) need the word but
// nothing of the sources.
enum class SourceKind : quint8 { Redis, Embedded, Publish, Demo };

QLatin1StringView sourceKindName(SourceKind kind);

} // namespace sender
