#pragma once

#include "TestTimeouts.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTcpSocket>

#include <optional>

namespace sender::test {

// A decoded RESP2 reply, for tests (a plain tree; nothing clever).
struct RespReply
{
    enum class Type { String, Array, Integer, Nil, Status, Error };
    Type type = Type::Nil;
    QByteArray string;
    qint64 integer = 0;
    QList<RespReply> elements;

    bool isError() const { return type == Type::Error; }
    // "+OK", "-ERR x", ":3", "[...]": for test failure messages.
    QByteArray toDebugText() const;
};

// A blocking Redis client over its own QTcpSocket: for tests and test fixtures, which may block.
// Parses with hiredis's default reader, independently of the code under test.
class RespClient
{
public:
    RespClient();
    ~RespClient();
    RespClient(const RespClient &) = delete;
    RespClient &operator=(const RespClient &) = delete;

    bool connectTo(const QString &host, quint16 port, int timeoutMs = timeouts::kSignal);
    void close();
    bool isConnected() const;
    // Sends one command and waits for its reply; nothing on timeout or I/O error (see
    // errorString()).
    std::optional<RespReply> command(const QList<QByteArray> &args,
                                     int timeoutMs = timeouts::kSignal);
    // Sends all commands in one write, then reads one reply per command (fewer on error).
    QList<RespReply> pipeline(const QList<QList<QByteArray>> &commands,
                              int timeoutMs = timeouts::kRoundTrip);
    // Waits for the next reply without sending anything (pub/sub pushes).
    std::optional<RespReply> readReply(int timeoutMs = timeouts::kSignal);
    QString errorString() const { return m_error; }

private:
    QTcpSocket m_socket;
    void *m_reader = nullptr;
    QString m_error;
};

} // namespace sender::test
