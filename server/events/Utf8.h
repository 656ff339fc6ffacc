#pragma once

#include <QByteArrayView>

namespace sender::utf8 {

// Length of the well-formed UTF-8 sequence that starts at p (Unicode table 3-7: no overlong forms,
// no encoded surrogates, nothing above U+10FFFF), or 0 when it is ill-formed. Never reads at or
// past end, so it is safe on untrusted buffers that are not NUL-terminated.
inline int sequenceLength(const uchar *p, const uchar *end) noexcept
{
    const uchar b0 = p[0];
    if (b0 < 0x80)
        return 1;
    const auto cont = [p, end](int i, uchar lo = 0x80, uchar hi = 0xBF) {
        return p + i < end && p[i] >= lo && p[i] <= hi;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return cont(1) ? 2 : 0;
    if (b0 == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (b0 == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (b0 == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (b0 == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

// Offset of the first byte that does not start a well-formed sequence, or -1 if all is valid.
inline qsizetype firstInvalidByte(QByteArrayView text) noexcept
{
    const auto *begin = reinterpret_cast<const uchar *>(text.data());
    const auto *end = begin + text.size();
    for (const uchar *p = begin; p < end;) {
        const int n = sequenceLength(p, end);
        if (n == 0)
            return p - begin;
        p += n;
    }
    return -1;
}

inline bool isValid(QByteArrayView text) noexcept
{
    return firstInvalidByte(text) < 0;
}

// Code points in text, which must be valid UTF-8: every byte that is not a continuation byte.
inline qsizetype codePointCount(QByteArrayView text) noexcept
{
    qsizetype n = 0;
    for (const char c : text)
        n += (static_cast<uchar>(c) & 0xC0) != 0x80;
    return n;
}

// Appends the UTF-8 form of a code point (any value up to U+10FFFF) to out.
template<typename Out>
void appendCodePoint(Out &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace sender::utf8
