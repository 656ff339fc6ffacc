#pragma once

#include "sources/EventSource.h"
#include "sources/redis/PubSubSession.h"
#include "sources/redis/ReconnectBackoff.h"
#include "sources/redis/RedisSettings.h"
#include "sources/redis/RespReader.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QList>
#include <QTimer>

class QTcpSocket;

namespace sender {

class SentinelResolver;

// The production event source: one PSUBSCRIBE to "<prefix>*" on a real Redis (directly or through
// Sentinel), every pmessage handed to the sink in arrival order. Survives Redis going away: Down
// with a reason, reconnect with back-off, Ready again once the subscription is confirmed.
// Lives on one thread (the engine's); not thread-safe. The destructor is safe in every state; from
// inside MessageSink::acceptMessage or a slot of stateChanged, call stop() or deleteLater(), not
// delete (the socket or sentinel query that called us is still on the stack).
class RedisSubscriber final : public EventSource
{
    Q_OBJECT
public:
    explicit RedisSubscriber(const RedisSettings &settings, QObject *parent = nullptr);
    ~RedisSubscriber() override;

    SourceKind kind() const override { return SourceKind::Redis; }
    void start() override;
    void stop() override;
    State state() const override { return m_state; }
    QString stateDetail() const override { return m_detail; }
    qint64 nextRetryInMs() const override;
    // Connection attempts after the first one, since start().
    quint64 reconnectCount() const override { return m_reconnects; }
    // Times Redis closed the connection while we were subscribed (see onDisconnected).
    quint64 droppedByServerCount() const { return m_droppedByServer; }

    const RedisSettings &settings() const { return m_settings; }
    // Messages handed to the sink.
    quint64 messagesReceived() const { return m_messages; }
    // Replies the protocol does not allow at that point, oversized messages, protocol errors.
    quint64 malformedCount() const { return m_malformed; }
    // Bytes read from Redis, framing included.
    quint64 bytesReceived() const { return m_bytes; }
    // "host:port" of the Redis server connected to (or last tried); empty before start().
    QString endpoint() const;

private:
    void beginAttempt();
    void connectToServer(const QString &host, quint16 port);
    void onSentinelResolved(const QString &host, quint16 port, const QString &sentinel);
    void onSentinelFailed(const QString &detail);
    void onConnected();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void onDeadline();
    void onPingTimer();
    void onRetryTimer();
    void onSentinelCheckTimer();

    // False when the connection is gone (dropped, stopped or this object deleted) and the caller
    // must return without touching anything.
    bool processInput();
    void handleReply(const RespValue &reply);
    void countMalformed(const QString &what);
    void becomeReady();
    void fail(const QString &detail);
    // Cancels everything of the current connection; polite: PUNSUBSCRIBE and QUIT first.
    void closeConnection(bool polite);
    void setState(State state, const QString &detail);

    const RedisSettings m_settings;
    State m_state = State::Stopped;
    QString m_detail = QStringLiteral("stopped");
    QTcpSocket *m_socket = nullptr;
    SentinelResolver *m_resolver = nullptr;
    RespReader m_reader;
    ReconnectBackoff m_backoff;
    QTimer m_retryTimer;
    // Bounds the connect + login + subscribe, then the wait for each PING's answer.
    QTimer m_deadline;
    QTimer m_pingTimer;
    QTimer m_sentinelCheckTimer;
    // Running while a fresh subscription proves itself; when it fires the back-off starts over.
    QTimer m_stableTimer;
    PubSubSession m_session;
    QString m_host;
    quint16 m_port = 0;
    QString m_viaSentinel;
    // Bumped whenever a connection ends: a loop still running for the old one sees it and stops.
    quint64 m_generation = 0;
    // Nonzero while one of our slots runs for a socket signal (see closeConnection()).
    int m_inSocketSlot = 0;
    bool m_destroying = false;
    int m_malformedLogged = 0;
    // Failure logging without flooding: the last failure reported at warning level, when, and how
    // many identical failures have gone to the debug level since.
    QString m_lastFailure;
    QElapsedTimer m_lastWarning;
    int m_quietFailures = 0;
    quint64 m_reconnects = 0;
    quint64 m_droppedByServer = 0;
    quint64 m_messages = 0;
    quint64 m_malformed = 0;
    quint64 m_bytes = 0;
};

} // namespace sender
