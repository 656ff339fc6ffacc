#pragma once

#include "sources/redis/RedisSettings.h"
#include "sources/redis/RespReader.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace sender {

class SentinelResolver;

// One ordinary (not pub/sub) connection to the Redis of RedisSettings, for the few keys the
// engine keeps there besides its subscription: commands are pipelined and every one gets
// exactly one answer. It connects when a command comes and nothing is connected (directly, or
// to the master Sentinel names), logs in (AUTH, SELECT), and bounds every wait by
// connectTimeoutMs: a Redis that does not answer fails the commands waiting, never hangs them.
// Nothing blocks; lives on one thread (the engine's).
class RedisCommandLink : public QObject
{
    Q_OBJECT
public:
    // `reply` is valid only during the call (nullptr on failure, with `error` saying why). An
    // error reply (-ERR ...) is a reply.
    using Done = std::function<void(const RespValue *reply, const QString &error)>;

    // Strings longer than maxStringBytes arrive marked oversized, not copied.
    RedisCommandLink(const RedisSettings &settings, qint64 maxStringBytes,
                     QObject *parent = nullptr);
    ~RedisCommandLink() override;

    void send(const QList<QByteArray> &args, Done done);
    // Writes `args` and QUIT if connected, then forgets the connection; nobody waits for the
    // answer (a clean stop's last word).
    void sendAndQuit(const QList<QByteArray> &args);
    // Fails what is waiting and closes the connection.
    void close(const QString &why = QStringLiteral("closed"));

    bool isUp() const { return m_ready; }
    // Why the last command failed, empty after one succeeded.
    QString lastError() const { return m_lastError; }

private:
    struct Waiting
    {
        Done done;
        bool internal = false; // a login step: its failure fails the connection
    };

    void connectNow();
    void connectTo(const QString &host, quint16 port);
    void onConnected();
    void onReadyRead();
    void fail(const QString &why);
    void armDeadline();

    const RedisSettings m_settings;
    RespReader m_reader;
    SentinelResolver *m_resolver = nullptr;
    QTcpSocket *m_socket = nullptr;
    bool m_ready = false;
    QByteArray m_outbox; // written once connected and logged in
    QList<Waiting> m_waiting; // in the order of the replies to come
    QTimer m_deadline;
    QString m_endpoint;
    QString m_lastError;
};

} // namespace sender
