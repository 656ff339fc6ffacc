#include "events/JsonTape.h"

#include "events/Utf8.h"
#include "util/HexDigit.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sender::json {

namespace { } // namespace

qint64 decimalExponent(QByteArrayView token) noexcept
{
    qsizetype i = token.startsWith('-') ? 1 : 0;
    qint64 exponent = 0;
    bool seenSignificant = false;
    qint64 integerDigits = 0;
    for (; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i) {
        seenSignificant = seenSignificant || token[i] != '0';
        integerDigits += seenSignificant;
    }
    if (seenSignificant) {
        exponent = integerDigits - 1;
    } else if (i < token.size() && token[i] == '.') {
        qint64 zeros = 0;
        for (++i; i < token.size() && token[i] == '0'; ++i)
            ++zeros;
        exponent = -(zeros + 1);
    }
    while (i < token.size() && token[i] != 'e' && token[i] != 'E')
        ++i;
    if (i < token.size()) {
        ++i;
        const bool negative = i < token.size() && token[i] == '-';
        if (i < token.size() && (token[i] == '-' || token[i] == '+'))
            ++i;
        qint64 value = 0;
        for (; i < token.size(); ++i)
            value = std::min<qint64>(value * 10 + (token[i] - '0'), qint64(1) << 40);
        exponent += negative ? -value : value;
    }
    return exponent;
}

bool Tape::keyEquals(quint32 i, QByteArrayView key) const
{
    const Node &node = m_nodes[i];
    const QByteArrayView raw = m_text.sliced(node.keyBegin, node.keyEnd - node.keyBegin);
    if (!(node.flags & Node::KeyEscaped))
        return raw == key;
    // Escaped keys are rare: decode them only when the escapes could make them equal.
    if (raw.size() < key.size())
        return false;
    std::string decoded;
    unescape(raw, decoded);
    return QByteArrayView(decoded.data(), qsizetype(decoded.size())) == key;
}

quint32 Tape::member(quint32 object, QByteArrayView key) const
{
    if (!isObject(object))
        return npos;
    quint32 found = npos;
    for (quint32 c = firstChild(object); c != npos; c = next(object, c)) {
        if (keyEquals(c, key))
            found = c;
    }
    return found;
}

quint32 Tape::path(quint32 object, std::initializer_list<QByteArrayView> keys) const
{
    quint32 at = object;
    for (const QByteArrayView key : keys) {
        at = member(at, key);
        if (at == npos)
            return npos;
    }
    return at;
}

void Tape::members(quint32 object, std::span<const QByteArrayView> keys,
                   std::span<quint32> found) const
{
    for (quint32 &f : found)
        f = npos;
    if (!isObject(object))
        return;
    for (quint32 c = firstChild(object); c != npos; c = next(object, c)) {
        for (size_t k = 0; k < keys.size() && k < found.size(); ++k) {
            if (keyEquals(c, keys[k])) {
                found[k] = c;
                break;
            }
        }
    }
}

std::optional<double> Tape::number(quint32 i) const
{
    if (type(i) != Type::Number)
        return std::nullopt;
    const QByteArrayView token = bytes(i);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    Q_UNUSED(ptr);
    // Underflow (1e-400) is a legitimate number close to zero; overflow is not a usable value.
    if (ec == std::errc::result_out_of_range)
        return decimalExponent(token) < 0 ? std::optional<double>(0.0) : std::nullopt;
    if (ec != std::errc() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

void Tape::unescape(QByteArrayView escaped, std::string &out)
{
    const auto *s = reinterpret_cast<const uchar *>(escaped.data());
    const qsizetype n = escaped.size();
    const auto hex4 = [s, n](qsizetype at) -> qint32 {
        if (n - at < 4)
            return -1;
        qint32 v = 0;
        for (int k = 0; k < 4; ++k) {
            const int h = hexDigitValue(char(s[at + k]));
            if (h < 0)
                return -1;
            v = v << 4 | h;
        }
        return v;
    };
    out.reserve(out.size() + size_t(n));
    for (qsizetype i = 0; i < n;) {
        if (s[i] != '\\' || i + 1 >= n) {
            out.push_back(char(s[i++]));
            continue;
        }
        const uchar e = s[i + 1];
        i += 2;
        switch (e) {
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'u': {
            qint32 unit = hex4(i);
            if (unit < 0)
                return; // not reachable for validated input
            i += 4;
            char32_t cp = char32_t(unit);
            if (unit >= 0xD800 && unit <= 0xDBFF && n - i >= 6 && s[i] == '\\' && s[i + 1] == 'u') {
                const qint32 low = hex4(i + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((char32_t(unit) - 0xD800) << 10) + (char32_t(low) - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD; // a lone surrogate has no UTF-8 form; validated input has none
            utf8::appendCodePoint(out, cp);
            break;
        }
        default: // '"', '\\', '/'
            out.push_back(char(e));
            break;
        }
    }
}

} // namespace sender::json
