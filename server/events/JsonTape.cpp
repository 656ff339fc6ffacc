#include "events/JsonTape.h"

#include "events/Utf8.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

using namespace Qt::StringLiterals;

namespace sender::json {

namespace {

// Bytes a string may hold literally without further checks: printable ASCII except '"' and '\'.
constexpr std::array<bool, 256> kPlainStringByte = [] {
    std::array<bool, 256> table {};
    for (int c = 0x20; c < 0x80; ++c)
        table[c] = c != '"' && c != '\\';
    return table;
}();

int hexValue(uchar c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The power of ten of a JSON number's leading significant digit (saturated), enough to tell an
// overflow from an underflow when from_chars reports that the value is out of range.
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

class Scanner
{
public:
    Scanner(QByteArrayView text, std::vector<Node> &nodes)
        : m_s(reinterpret_cast<const uchar *>(text.data()))
        , m_n(quint32(text.size()))
        , m_nodes(nodes)
    { }

    bool run();
    QString error() const
    {
        return u"%1 at byte %2"_s.arg(QLatin1StringView(m_what)).arg(m_errorAt);
    }

private:
    bool fail(quint32 at, const char *what)
    {
        m_errorAt = at;
        m_what = what;
        return false;
    }
    int peek() const { return m_p < m_n ? m_s[m_p] : -1; }
    void skipWhitespace()
    {
        while (m_p < m_n) {
            const uchar c = m_s[m_p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_p;
        }
    }
    bool addNode(Type type, quint32 begin);
    bool scanString(quint8 *escaped);
    bool scanEscape(quint32 *codeUnit);
    bool scanNumber();
    bool scanLiteral(const char *word, quint32 length, Type type);

    const uchar *m_s;
    const quint32 m_n;
    quint32 m_p = 0;
    std::vector<Node> &m_nodes;
    // The key just read, waiting for the value node it names.
    quint32 m_keyBegin = 0;
    quint32 m_keyEnd = 0;
    quint8 m_keyFlags = 0;
    quint32 m_errorAt = 0;
    const char *m_what = "";
};

bool Scanner::addNode(Type type, quint32 begin)
{
    if (m_nodes.size() >= size_t(Tape::kMaxValues))
        return fail(begin, "too many values in one document");
    Node node;
    node.begin = begin;
    node.type = type;
    node.keyBegin = m_keyBegin;
    node.keyEnd = m_keyEnd;
    node.flags = m_keyFlags;
    m_keyBegin = m_keyEnd = 0;
    m_keyFlags = 0;
    m_nodes.push_back(node);
    return true;
}

// Reads four hex digits after "\u" (m_p is on the 'u').
bool Scanner::scanEscape(quint32 *codeUnit)
{
    if (m_n - m_p < 5)
        return fail(m_p, "truncated \\u escape");
    quint32 value = 0;
    for (quint32 i = 1; i <= 4; ++i) {
        const int h = hexValue(m_s[m_p + i]);
        if (h < 0)
            return fail(m_p + i, "invalid hex digit in \\u escape");
        value = value << 4 | quint32(h);
    }
    m_p += 5;
    *codeUnit = value;
    return true;
}

// m_p is on the opening quote; leaves m_p after the closing quote.
bool Scanner::scanString(quint8 *escaped)
{
    ++m_p;
    for (;;) {
        while (m_p < m_n && kPlainStringByte[m_s[m_p]])
            ++m_p;
        if (m_p >= m_n)
            return fail(m_p, "unterminated string");
        const uchar c = m_s[m_p];
        if (c == '"') {
            ++m_p;
            return true;
        }
        if (c == '\\') {
            *escaped = 1;
            const quint32 at = m_p;
            if (++m_p >= m_n)
                return fail(at, "unterminated escape");
            switch (m_s[m_p]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                ++m_p;
                break;
            case 'u': {
                quint32 unit = 0;
                if (!scanEscape(&unit))
                    return false;
                if (unit >= 0xDC00 && unit <= 0xDFFF)
                    return fail(at, "lone low surrogate in \\u escape");
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    if (m_n - m_p < 2 || m_s[m_p] != '\\' || m_s[m_p + 1] != 'u')
                        return fail(at, "high surrogate not followed by a low surrogate");
                    ++m_p;
                    quint32 low = 0;
                    if (!scanEscape(&low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail(at, "high surrogate not followed by a low surrogate");
                }
                break;
            }
            default:
                return fail(at, "invalid escape");
            }
            continue;
        }
        if (c < 0x20)
            return fail(m_p, "control character in string");
        const int length = utf8::sequenceLength(m_s + m_p, m_s + m_n);
        if (length == 0)
            return fail(m_p, "invalid UTF-8");
        m_p += quint32(length);
    }
}

bool Scanner::scanNumber()
{
    const auto digits = [this] {
        const quint32 start = m_p;
        while (m_p < m_n && m_s[m_p] >= '0' && m_s[m_p] <= '9')
            ++m_p;
        return m_p - start;
    };
    if (peek() == '-')
        ++m_p;
    if (peek() == '0') {
        ++m_p;
        if (const int c = peek(); c >= '0' && c <= '9')
            return fail(m_p - 1, "leading zero in number");
    } else if (digits() == 0) {
        return fail(m_p, "expected a digit");
    }
    if (peek() == '.') {
        ++m_p;
        if (digits() == 0)
            return fail(m_p, "expected a digit after the decimal point");
    }
    if (const int c = peek(); c == 'e' || c == 'E') {
        ++m_p;
        if (const int sign = peek(); sign == '+' || sign == '-')
            ++m_p;
        if (digits() == 0)
            return fail(m_p, "expected a digit in the exponent");
    }
    return true;
}

bool Scanner::scanLiteral(const char *word, quint32 length, Type type)
{
    if (m_n - m_p < length || std::memcmp(m_s + m_p, word, length) != 0)
        return fail(m_p, "invalid literal");
    if (!addNode(type, m_p))
        return false;
    m_p += length;
    m_nodes.back().end = m_p;
    m_nodes.back().after = quint32(m_nodes.size());
    return true;
}

bool Scanner::run()
{
    std::array<quint32, Tape::kMaxDepth> stack {};
    int depth = 0;
    skipWhitespace();

    // A small state machine instead of recursion: after every value we come back to "afterValue".
value : {
    const quint32 begin = m_p;
    switch (peek()) {
    case -1:
        return fail(m_p, "unexpected end of input");
    case '{':
    case '[': {
        const bool isObject = m_s[m_p] == '{';
        if (depth == Tape::kMaxDepth)
            return fail(m_p, "nesting too deep");
        if (!addNode(isObject ? Type::Object : Type::Array, begin))
            return false;
        stack[depth++] = quint32(m_nodes.size() - 1);
        ++m_p;
        skipWhitespace();
        if (peek() == (isObject ? '}' : ']'))
            goto close;
        if (isObject)
            goto key;
        goto value;
    }
    case '"': {
        quint8 escaped = 0;
        if (!addNode(Type::String, begin))
            return false;
        const size_t index = m_nodes.size() - 1;
        if (!scanString(&escaped))
            return false;
        Node &node = m_nodes[index];
        node.end = m_p;
        node.after = quint32(index + 1);
        if (escaped)
            node.flags |= Node::Escaped;
        break;
    }
    case 't':
        if (!scanLiteral("true", 4, Type::True))
            return false;
        break;
    case 'f':
        if (!scanLiteral("false", 5, Type::False))
            return false;
        break;
    case 'n':
        if (!scanLiteral("null", 4, Type::Null))
            return false;
        break;
    default: {
        const int c = peek();
        if (c != '-' && (c < '0' || c > '9'))
            return fail(m_p, "unexpected character");
        if (!addNode(Type::Number, begin))
            return false;
        const size_t index = m_nodes.size() - 1;
        if (!scanNumber())
            return false;
        m_nodes[index].end = m_p;
        m_nodes[index].after = quint32(index + 1);
        break;
    }
    }
}

afterValue:
    skipWhitespace();
    if (depth == 0) {
        if (m_p != m_n)
            return fail(m_p, "trailing data after the document");
        return true;
    }
    {
        const bool inObject = m_nodes[stack[depth - 1]].type == Type::Object;
        const int c = peek();
        if (c == ',') {
            ++m_p;
            skipWhitespace();
            if (inObject)
                goto key;
            goto value;
        }
        if (c == (inObject ? '}' : ']'))
            goto close;
        return fail(m_p, inObject ? "expected ',' or '}'" : "expected ',' or ']'");
    }

close : {
    Node &container = m_nodes[stack[--depth]];
    ++m_p;
    container.end = m_p;
    container.after = quint32(m_nodes.size());
    goto afterValue;
}

key : {
    if (peek() != '"')
        return fail(m_p, "expected a string key");
    quint8 escaped = 0;
    const quint32 begin = m_p;
    if (!scanString(&escaped))
        return false;
    const quint32 keyBegin = begin + 1;
    const quint32 keyEnd = m_p - 1;
    skipWhitespace();
    if (peek() != ':')
        return fail(m_p, "expected ':'");
    ++m_p;
    skipWhitespace();
    m_keyBegin = keyBegin;
    m_keyEnd = keyEnd;
    m_keyFlags = escaped ? Node::KeyEscaped : 0;
    goto value;
}
}

} // namespace

bool Tape::parse(QByteArrayView text, QString *error)
{
    m_text = text;
    m_nodes.clear();
    if (text.size() > kMaxSize) {
        if (error)
            *error = u"document larger than %1 bytes"_s.arg(kMaxSize);
        return false;
    }
    // A guess that avoids most regrowth for typical events (about one value per 8 bytes).
    m_nodes.reserve(size_t(text.size() / 8 + 4));
    Scanner scanner(text, m_nodes);
    if (!scanner.run()) {
        if (error)
            *error = scanner.error();
        m_nodes.clear();
        return false;
    }
    return true;
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
            const int h = hexValue(s[at + k]);
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
