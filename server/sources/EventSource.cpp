#include "sources/EventSource.h"

namespace sender {

QLatin1StringView sourceKindName(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Redis:
        return QLatin1StringView("redis");
    case SourceKind::Embedded:
        return QLatin1StringView("embedded");
    case SourceKind::Publish:
        return QLatin1StringView("publish");
    case SourceKind::Demo:
        return QLatin1StringView("demo");
    }
    return QLatin1StringView("unknown");
}

} // namespace sender
