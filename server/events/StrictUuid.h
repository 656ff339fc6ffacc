#pragma once

#include <QByteArrayView>
#include <QUuid>

#include <optional>

namespace sender {

// Exactly 8-4-4-4-12 hexadecimal digits (either case), nothing around them: stricter than
// QUuid::fromString, which also takes braces.
inline std::optional<QUuid> parseStrictUuid(QByteArrayView text) noexcept
{
    if (text.size() != 36)
        return std::nullopt;
    for (qsizetype i = 0; i < 36; ++i) {
        const char c = text[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex)
            return std::nullopt;
    }
    return QUuid::fromString(QLatin1StringView(text.data(), text.size()));
}

} // namespace sender
