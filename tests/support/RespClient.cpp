#include "RespClient.h"

#include <QDeadlineTimer>

#include <hiredis/hiredis.h>

namespace sender::test {

namespace {
RespReply convert(const redisReply *reply)
{
    RespReply out;
    switch (reply->type) {
    case REDIS_REPLY_STRING:
        out.type = RespReply::Type::String;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_STATUS:
        out.type = RespReply::Type::Status;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = RespReply::Type::Error;
        out.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RespReply::Type::Integer;
        out.integer = reply->integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RespReply::Type::Array;
        for (size_t i = 0; i < reply->elements; ++i)
            out.elements.append(convert(reply->element[i]));
        break;
    default:
        out.type = RespReply::Type::Nil;
        break;
    }
    return out;
}
} // namespace

QByteArray RespReply::toDebugText() const
{
    switch (type) {
    case Type::String:
        return '"' + string.left(200) + '"';
    case Type::Status:
        return '+' + string;
    case Type::Error:
        return '-' + string;
    case Type::Integer:
        return ':' + QByteArray::number(integer);
    case Type::Nil:
        return "(nil)";
    case Type::Array: {
        QByteArray text = "[";
        for (qsizetype i = 0; i < elements.size(); ++i)
            text += (i ? ", " : "") + elements.at(i).toDebugText();
        return text + ']';
    }
    }
    return QByteArray();
}

RespClient::RespClient() = default;

RespClient::~RespClient()
{
    close();
}

bool RespClient::connectTo(const QString &host, quint16 port, int timeoutMs)
{
    close();
    m_reader = redisReaderCreate();
    m_socket.connectToHost(host, port);
    if (!m_socket.waitForConnected(timeoutMs)) {
        m_error = m_socket.errorString();
        close();
        return false;
    }
    return true;
}

void RespClient::close()
{
    m_socket.abort();
    if (m_reader)
        redisReaderFree(static_cast<redisReader *>(m_reader));
    m_reader = nullptr;
}

bool RespClient::isConnected() const
{
    return m_reader && m_socket.state() == QAbstractSocket::ConnectedState;
}

namespace {
void encode(QByteArray &out, const QList<QByteArray> &args)
{
    out += '*' + QByteArray::number(args.size()) + "\r\n";
    for (const QByteArray &arg : args)
        out += '$' + QByteArray::number(arg.size()) + "\r\n" + arg + "\r\n";
}
} // namespace

std::optional<RespReply> RespClient::command(const QList<QByteArray> &args, int timeoutMs)
{
    if (!isConnected()) {
        m_error = QStringLiteral("not connected");
        return std::nullopt;
    }
    QByteArray out;
    encode(out, args);
    m_socket.write(out);
    return readReply(timeoutMs);
}

QList<RespReply> RespClient::pipeline(const QList<QList<QByteArray>> &commands, int timeoutMs)
{
    QList<RespReply> replies;
    if (!isConnected()) {
        m_error = QStringLiteral("not connected");
        return replies;
    }
    QByteArray out;
    for (const auto &args : commands)
        encode(out, args);
    m_socket.write(out);
    const QDeadlineTimer deadline(timeoutMs);
    while (replies.size() < commands.size()) {
        auto reply = readReply(int(deadline.remainingTime()));
        if (!reply)
            break;
        replies.append(*reply);
    }
    return replies;
}

std::optional<RespReply> RespClient::readReply(int timeoutMs)
{
    auto *reader = static_cast<redisReader *>(m_reader);
    if (!reader) {
        m_error = QStringLiteral("not connected");
        return std::nullopt;
    }
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        void *object = nullptr;
        if (redisReaderGetReply(reader, &object) != REDIS_OK) {
            m_error = QString::fromLatin1(reader->errstr);
            return std::nullopt;
        }
        if (object) {
            RespReply reply = convert(static_cast<redisReply *>(object));
            freeReplyObject(object);
            return reply;
        }
        if (m_socket.bytesToWrite() > 0)
            m_socket.waitForBytesWritten(int(deadline.remainingTime()));
        if (m_socket.bytesAvailable() == 0
            && !m_socket.waitForReadyRead(int(deadline.remainingTime()))) {
            m_error =
                deadline.hasExpired() ? QStringLiteral("no reply in time") : m_socket.errorString();
            return std::nullopt;
        }
        const QByteArray data = m_socket.readAll();
        redisReaderFeed(reader, data.constData(), size_t(data.size()));
    }
}

} // namespace sender::test
