#include "filters/PercentEncoding.h"

#include "util/HexDigit.h"

namespace sender::filters {

namespace {

bool isUnreserved(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '.' || c == '_' || c == '~';
}

} // namespace

bool percentDecode(QByteArrayView in, QByteArray &out, qsizetype *badOffset)
{
    out.clear();
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '+') {
            out.append(' ');
        } else if (c != '%') {
            out.append(c);
        } else {
            const int high = i + 1 < in.size() ? hexDigitValue(in[i + 1]) : -1;
            const int low = i + 2 < in.size() ? hexDigitValue(in[i + 2]) : -1;
            if (high < 0 || low < 0) {
                if (badOffset)
                    *badOffset = i;
                return false;
            }
            out.append(char(high << 4 | low));
            i += 2;
        }
    }
    return true;
}

void percentEncodeAppend(QByteArrayView in, QByteArray &out)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : in) {
        if (isUnreserved(c)) {
            out.append(c);
        } else {
            const auto byte = quint8(c);
            out.append('%');
            out.append(kHex[byte >> 4]);
            out.append(kHex[byte & 0xF]);
        }
    }
}

} // namespace sender::filters
