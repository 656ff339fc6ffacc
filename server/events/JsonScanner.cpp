#include "events/JsonTape.h"
#include "events/Utf8.h"
#include "util/HexDigit.h"

#include <array>
#include <cstring>

using namespace Qt::StringLiterals;

// The validating half of the tape: one pass over the bytes that checks RFC 8259 strictly and
// records every value's byte range.

namespace sender::json {

namespace {

// Bytes a string may hold literally without further checks: printable ASCII except '"' and '\'.
constexpr std::array<bool, 256> kPlainStringByte = [] {
    std::array<bool, 256> table {};
    for (int c = 0x20; c < 0x80; ++c)
        table[c] = c != '"' && c != '\\';
    return table;
}();

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
    // Field by field into the vector: building a Node on the stack and copying it stalls on
    // store forwarding, which cost half of the scan.
    Node &node = m_nodes.emplace_back();
    node.begin = begin;
    node.type = type;
    node.keyBegin = m_keyBegin;
    node.keyEnd = m_keyEnd;
    node.flags = m_keyFlags;
    m_keyBegin = m_keyEnd = 0;
    m_keyFlags = 0;
    return true;
}

// Reads four hex digits after "\u" (m_p is on the 'u').
bool Scanner::scanEscape(quint32 *codeUnit)
{
    if (m_n - m_p < 5)
        return fail(m_p, "truncated \\u escape");
    quint32 value = 0;
    for (quint32 i = 1; i <= 4; ++i) {
        const int h = hexDigitValue(char(m_s[m_p + i]));
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

} // namespace sender::json
