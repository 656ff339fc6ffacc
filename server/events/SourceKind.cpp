#include "events/SourceKind.h"

namespace sender {

namespace {

constexpr bool rowsInEnumOrder()
{
    for (int i = 0; i < kSourceKinds; ++i) {
        if (int(kSourceKindWords[i].kind) != i)
            return false;
    }
    return true;
}
static_assert(rowsInEnumOrder(), "kSourceKindWords is indexed by SourceKind");

const SourceKindWords *wordsOf(SourceKind kind)
{
    return int(kind) < kSourceKinds ? &kSourceKindWords[int(kind)] : nullptr;
}

} // namespace

QLatin1StringView sourceKindName(SourceKind kind)
{
    const SourceKindWords *words = wordsOf(kind);
    return QLatin1StringView(words ? words->name : "unknown");
}

QLatin1StringView sourceKindMonitorName(SourceKind kind)
{
    const SourceKindWords *words = wordsOf(kind);
    return words ? QLatin1StringView(words->monitorName) : QLatin1StringView();
}

std::optional<SourceKind> sourceKindFromMonitorName(QStringView name)
{
    for (const SourceKindWords &words : kSourceKindWords) {
        if (name == QLatin1StringView(words.monitorName))
            return words.kind;
    }
    return std::nullopt;
}

} // namespace sender
