#pragma once

#include <QByteArrayView>
#include <QUuid>

#include <optional>

namespace sender {

namespace detail {
inline int hexDigit(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace detail

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
        const int high = detail::hexDigit(text[i]);
        const int low = detail::hexDigit(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes[n++] = char(high << 4 | low);
        i += 2;
    }
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16));
}

} // namespace sender
