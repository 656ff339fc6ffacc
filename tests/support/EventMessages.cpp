#include "EventMessages.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace sender::test {

QByteArray redisMessage(const QList<QByteArray> &events, const MessageMeta &meta)
{
    QByteArray message = "{\"handler_id\": \"" + meta.handlerId + "\", \"Luna-Request-Id\": \""
        + meta.requestId + "\", \"events\": [";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            message += ", ";
        message += events.at(i);
    }
    return message + "], \"event_create_time\": \"" + meta.createTime + "\", \"event_end_time\": \""
        + meta.endTime + "\"}";
}

namespace {
class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_text(text)
    { }

    void skipSpace()
    {
        while (m_pos < m_text.size()
               && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n'
                   || m_text[m_pos] == '\r'))
            ++m_pos;
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // A string starting at the current '"'; its inner text.
    std::optional<QByteArray> string()
    {
        if (!take('"'))
            return std::nullopt;
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c == '\\') {
                m_pos += 2;
                continue;
            }
            if (c == '"') {
                const QByteArray inner = m_text.sliced(start, m_pos - start).toByteArray();
                ++m_pos;
                return inner;
            }
            ++m_pos;
        }
        return std::nullopt;
    }
    // Any value; its exact bytes.
    std::optional<QByteArray> value()
    {
        const qsizetype start = m_pos;
        const char c = peek();
        if (c == '"') {
            if (!string())
                return std::nullopt;
        } else if (c == '{' || c == '[') {
            int depth = 0;
            while (!atEnd()) {
                const char d = m_text[m_pos];
                if (d == '"') {
                    if (!string())
                        return std::nullopt;
                    continue;
                }
                ++m_pos;
                if (d == '{' || d == '[')
                    ++depth;
                else if ((d == '}' || d == ']') && --depth == 0)
                    break;
            }
            if (depth != 0)
                return std::nullopt;
        } else {
            while (!atEnd()) {
                const char d = m_text[m_pos];
                if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n'
                    || d == '\r')
                    break;
                ++m_pos;
            }
            if (m_pos == start)
                return std::nullopt;
        }
        return m_text.sliced(start, m_pos - start).toByteArray();
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};
} // namespace

std::optional<QList<RawMember>> rawMembers(QByteArrayView object)
{
    Scanner s(object);
    QList<RawMember> members;
    s.skipSpace();
    if (!s.take('{'))
        return std::nullopt;
    s.skipSpace();
    if (!s.take('}')) {
        for (;;) {
            s.skipSpace();
            const std::optional<QByteArray> key = s.string();
            s.skipSpace();
            if (!key || !s.take(':'))
                return std::nullopt;
            s.skipSpace();
            const std::optional<QByteArray> value = s.value();
            if (!value)
                return std::nullopt;
            members.append({*key, *value});
            s.skipSpace();
            if (s.take('}'))
                break;
            if (!s.take(','))
                return std::nullopt;
        }
    }
    s.skipSpace();
    if (!s.atEnd())
        return std::nullopt;
    return members;
}

std::optional<QList<QByteArray>> rawElements(QByteArrayView array)
{
    Scanner s(array);
    QList<QByteArray> elements;
    s.skipSpace();
    if (!s.take('['))
        return std::nullopt;
    s.skipSpace();
    if (!s.take(']')) {
        for (;;) {
            s.skipSpace();
            const std::optional<QByteArray> value = s.value();
            if (!value)
                return std::nullopt;
            elements.append(*value);
            s.skipSpace();
            if (s.take(']'))
                break;
            if (!s.take(','))
                return std::nullopt;
        }
    }
    s.skipSpace();
    if (!s.atEnd())
        return std::nullopt;
    return elements;
}

QString frameProblem(const QByteArray &frame, const QByteArray &rawEvent, const MessageMeta &meta)
{
    const auto members = rawMembers(frame);
    const QString shown = QStringLiteral("\n--- frame: ") + QString::fromUtf8(frame.left(400));
    if (!members)
        return QStringLiteral("the frame is not one JSON object") + shown;
    QList<QByteArray> keys;
    for (const RawMember &m : *members)
        keys.append(m.key);
    const QList<QByteArray> expectedKeys = {"event", "handler_id", "event-create-time",
                                            "event-end-time", "Luna-Request-id"};
    if (keys != expectedKeys)
        return QStringLiteral("keys %1, expected %2")
                   .arg(QString::fromUtf8(keys.join(',')),
                        QString::fromUtf8(expectedKeys.join(',')))
            + shown;
    QStringList problems;
    if (members->at(0).value != rawEvent)
        problems << QStringLiteral(
                        "the event is not byte-for-byte the one published:\n  got  %1\n  "
                        "want %2")
                        .arg(QString::fromUtf8(members->at(0).value.left(300)),
                             QString::fromUtf8(rawEvent.left(300)));
    const QJsonObject object = QJsonDocument::fromJson(frame).object();
    const auto expectString = [&](const QString &key, const QByteArray &want) {
        const QJsonValue v = object.value(key);
        if (!v.isString() || v.toString() != QString::fromUtf8(want))
            problems << QStringLiteral("%1 is %2, expected \"%3\"")
                            .arg(key,
                                 QString::fromUtf8(QJsonDocument(QJsonObject {{key, v}})
                                                       .toJson(QJsonDocument::Compact)),
                                 QString::fromUtf8(want));
    };
    expectString(QStringLiteral("handler_id"), meta.handlerId);
    expectString(QStringLiteral("event-create-time"), meta.createTime);
    expectString(QStringLiteral("event-end-time"), meta.endTime);
    expectString(QStringLiteral("Luna-Request-id"), meta.requestId);
    if (problems.isEmpty())
        return {};
    return problems.join(u'\n') + shown;
}

QByteArray eventField(const QByteArray &frame, const QString &name)
{
    const QJsonObject object = QJsonDocument::fromJson(frame).object();
    return object.value(u"event").toObject().value(name).toString().toUtf8();
}

} // namespace sender::test
