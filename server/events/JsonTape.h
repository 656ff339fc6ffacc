#pragma once

#include <QByteArrayView>
#include <QString>

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sender::json {

enum class Type : quint8 { Null, False, True, Number, String, Array, Object };

// One JSON value of a validated document, in document order. Offsets index the parsed text, so
// every value can be relayed byte-for-byte; a container's children are the nodes between it and
// its `after`, linked through their own `after`.
struct Node
{
    enum Flag : quint8 { Escaped = 1, KeyEscaped = 2 };
    quint32 begin = 0; // first byte of the value ('"', '{', '[', a digit, ...)
    quint32 end = 0; // one past the last byte
    quint32 after = 0; // index of the first node after this value's subtree
    quint32 keyBegin = 0; // object members only: the key's text between its quotes
    quint32 keyEnd = 0;
    Type type = Type::Null;
    quint8 flags = 0;
};

// A strict RFC 8259 validator (UTF-8 only) that records every value's byte range. Iterative, so
// hostile nesting cannot exhaust the stack; it never reads outside the given buffer.
class Tape
{
public:
    static constexpr int kMaxDepth = 128;
    // Bounds on what one document may cost (the tape takes 24 bytes per value): far above any
    // real event message, low enough that a hostile one cannot exhaust memory.
    static constexpr qsizetype kMaxSize = 16 * 1024 * 1024;
    static constexpr qsizetype kMaxValues = 2 * 1024 * 1024;
    static constexpr quint32 npos = ~0u;

    // Validates text (which must outlive the tape's use) and records its values. On failure
    // returns false and sets *error to "<what> at byte <offset>".
    bool parse(QByteArrayView text, QString *error);

    QByteArrayView text() const { return m_text; }
    qsizetype size() const { return qsizetype(m_nodes.size()); }
    const Node &operator[](quint32 i) const { return m_nodes[i]; }
    QByteArrayView bytes(quint32 i) const
    {
        return m_text.sliced(m_nodes[i].begin, m_nodes[i].end - m_nodes[i].begin);
    }
    Type type(quint32 i) const { return i == npos ? Type::Null : m_nodes[i].type; }
    bool isObject(quint32 i) const { return i != npos && m_nodes[i].type == Type::Object; }
    bool isArray(quint32 i) const { return i != npos && m_nodes[i].type == Type::Array; }

    // Iterates the children of a container: for (quint32 c = firstChild(i); c != npos; c = next(i,
    // c)).
    quint32 firstChild(quint32 container) const
    {
        return container + 1 < m_nodes[container].after ? container + 1 : npos;
    }
    quint32 next(quint32 container, quint32 child) const
    {
        return m_nodes[child].after < m_nodes[container].after ? m_nodes[child].after : npos;
    }

    // The value of the last member named key (duplicate keys: the last wins, as in Python), or npos
    // when object is npos, not an object, or has no such member.
    quint32 member(quint32 object, QByteArrayView key) const;
    // member() applied along a path of keys.
    quint32 path(quint32 object, std::initializer_list<QByteArrayView> keys) const;
    // One pass over object's members, storing in found[k] the value of the last member named
    // keys[k] (npos if none).
    void members(quint32 object, std::span<const QByteArrayView> keys,
                 std::span<quint32> found) const;

    bool keyEquals(quint32 member, QByteArrayView key) const;
    // Finite numbers only: an exponent beyond double's range reads as absent.
    std::optional<double> number(quint32 i) const;
    // The text between a string's quotes, still escaped if the Escaped flag is set.
    QByteArrayView rawString(quint32 i) const
    {
        return m_text.sliced(m_nodes[i].begin + 1, m_nodes[i].end - m_nodes[i].begin - 2);
    }
    // Decodes the escapes of a validated string's text and appends the UTF-8 result to out.
    static void unescape(QByteArrayView escaped, std::string &out);

    // Frees the node storage if it grew past maxNodes (a reused tape keeps its capacity otherwise).
    void releaseIfLarger(size_t maxNodes)
    {
        if (m_nodes.capacity() > maxNodes)
            std::vector<Node>().swap(m_nodes);
        m_text = {};
    }

private:
    QByteArrayView m_text;
    std::vector<Node> m_nodes;
};

// The power of ten of a decimal number's leading significant digit (saturated), for telling an
// overflow from an underflow when from_chars reports a value out of range. number: JSON syntax.
qint64 decimalExponent(QByteArrayView number) noexcept;

} // namespace sender::json
