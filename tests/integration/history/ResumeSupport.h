#pragma once

// What the resume tests share: events with known ids, the Redis wiring, and a publisher process.

#include "EventMessages.h"
#include "RawWebSocket.h"
#include "RedisProcess.h"
#include "SenderServer.h"
#include "TestTimeouts.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

namespace sender::test::resume {

inline const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
inline const QByteArray kAccountB = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

// The server's answer to a WebSocket handshake for target (path and query) of account.
inline HttpResult handshake(SenderServer &server, const QByteArray &target,
                            const QByteArray &account = kAccount)
{
    RawWebSocket client;
    client.openFor(server.port(), target, account);
    return client.handshake();
}

inline QByteArray eventId(int n)
{
    return QByteArray("00000000-0000-4000-8000-") + QByteArray::number(n).rightJustified(12, '0');
}

// Event n, padded to about 2 KB, so that socket buffers fill after a few thousand (the lag tests).
inline QByteArray paddedMessage(int n)
{
    static const QByteArray pad(2000, 'p');
    return redisMessage({"{\"event_id\": \"" + eventId(n) + "\", \"user_data\": \"" + pad + "\"}"});
}

// Event n from camera "cam-<n % 3>", one event per message.
inline QByteArray message(int n)
{
    return redisMessage({"{\"event_id\": \"" + eventId(n) + "\", \"source\": \"cam-"
                         + QByteArray::number(n % 3) + "\"}"});
}

inline QByteArray channel(const QByteArray &account)
{
    return "luna-sender:" + account;
}

inline QString redisUrl(const RedisProcess &redis)
{
    return QStringLiteral("redis://%1:%2/2").arg(redis.host()).arg(redis.port());
}

// Connections subscribed to the account's channel (by name or by pattern): CLIENT LIST TYPE
// pubsub, since PUBSUB NUMPAT counts patterns, not the instances that share one.
inline qint64 redisSubscribers(RedisServerProcess &redis)
{
    const auto list = redis.command({"CLIENT", "LIST", "TYPE", "pubsub"});
    if (!list)
        return 0;
    qint64 n = 0;
    for (const QByteArray &line : list->string.split('\n'))
        n += line.contains(" psub=1") || line.contains(" sub=1") ? 1 : 0;
    return n;
}

inline QByteArray resp(const QList<QByteArray> &args)
{
    QByteArray out = '*' + QByteArray::number(args.size()) + "\r\n";
    for (const QByteArray &a : args)
        out += '$' + QByteArray::number(a.size()) + "\r\n" + a + "\r\n";
    return out;
}

// redis-cli --pipe publishing events first..last as fast as Redis takes them: a real publisher
// in another process, so events keep arriving while the test's clients connect.
class Publisher
{
public:
    bool start(const RedisProcess &redis, const QByteArray &account, int first, int last)
    {
        const QString cli = QStandardPaths::findExecutable(QStringLiteral("redis-cli"));
        if (cli.isEmpty()) {
            m_error =
                QStringLiteral("redis-cli not found (installer/setup.sh installs redis-tools)");
            return false;
        }
        m_process.setProgram(cli);
        m_process.setArguments({QStringLiteral("-h"), redis.host(), QStringLiteral("-p"),
                                QString::number(redis.port()), QStringLiteral("--pipe")});
        m_process.start();
        if (!m_process.waitForStarted(timeouts::kProcessStart)) {
            m_error = m_process.errorString();
            return false;
        }
        QByteArray commands;
        for (int n = first; n <= last; ++n)
            commands += resp({"PUBLISH", channel(account), message(n)});
        m_process.write(commands);
        m_process.closeWriteChannel();
        return true;
    }
    // With the event loop running (the server is on this thread).
    bool waitForFinished(int timeoutMs = timeouts::kLongOperation)
    {
        if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; },
                             timeoutMs))
            return false;
        m_output = m_process.readAll();
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }
    QString errorString() const
    {
        return m_error.isEmpty() ? QString::fromUtf8(m_output) : m_error;
    }

private:
    QProcess m_process;
    QString m_error;
    QByteArray m_output;
};

inline QList<QByteArray> ids(const QList<QByteArray> &frames)
{
    QList<QByteArray> out;
    for (const QByteArray &frame : frames)
        out.append(eventField(frame, QStringLiteral("event_id")));
    return out;
}

inline QList<QByteArray> idRange(int first, int last)
{
    QList<QByteArray> out;
    for (int n = first; n <= last; ++n)
        out.append(eventId(n));
    return out;
}

inline QByteArray metricLine(const QByteArray &metrics, const QByteArray &prefix)
{
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith(QByteArray(prefix + ' ')))
            return line.mid(prefix.size() + 1);
    }
    return "(absent)";
}

inline QByteArray replayedHeader(const RawWebSocket &client)
{
    return client.handshake().header("Luna-Replayed-Events");
}

} // namespace sender::test::resume
