#pragma once

#include <QByteArrayView>
#include <QVarLengthArray>

namespace sender {

// Splits a view on a separator without allocating for up to 16 parts (Qt 6.4's QByteArrayView has
// no split()).
using ByteViewParts = QVarLengthArray<QByteArrayView, 16>;

inline ByteViewParts splitView(QByteArrayView text, char separator)
{
    ByteViewParts parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == separator) {
            parts.append(text.sliced(start, i - start));
            start = i + 1;
        }
    }
    parts.append(text.sliced(start));
    return parts;
}

inline QByteArrayView trimmedView(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}

} // namespace sender

namespace sender {

// Compares secrets without an early exit, so timing does not tell how much of a guess was right.
inline bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = qMax(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? uchar(a[i]) : 0;
        const unsigned char y = i < b.size() ? uchar(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0;
}

} // namespace sender
