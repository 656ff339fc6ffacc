#pragma once

#include "util/HexDigit.h"

#include <QByteArrayView>
#include <QUuid>

#include <optional>

namespace sender {

// Exactly 8-4-4-4-12 hexadecimal digits (either case), nothing around them: stricter than
// QUuid::fromString, which also takes braces. Checked and decoded in one pass (the history reads
// every event's id with it).
inline std::optional<QUuid> parseStrictUuid(QByteArrayView text) noexcept
{
    if (text.size() != 36)
        return std::nullopt;
    char bytes[16];
    int n = 0;
    for (qsizetype i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-')
                return std::nullopt;
            ++i;
            continue;
        }
        const int high = hexDigitValue(text[i]);
        const int low = hexDigitValue(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes[n++] = char(high << 4 | low);
        i += 2;
    }
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16));
}

} // namespace sender
