#pragma once

#include "fanout/Recipient.h"
#include "http/ApiError.h"
#include "http/HttpRequest.h"
#include "net/Transport.h"
#include "publicport/HandshakeGate.h"
#include "publicport/WsFrameParser.h"

#include <QDateTime>

#include <memory>

namespace sender {

class ConnectionServer;
struct HttpResponse;

// One client: HTTP/1.1 requests (keep-alive, pipelining) until it asks for a subscription, then
// a WebSocket that only the server writes to. Owned by ConnectionServer, which deletes it only
// between rounds of I/O, never from inside one of its own callbacks.
class ClientConnection final : public TransportHandler, public Recipient
{
public:
    enum class Phase { Http, WebSocket, Closing, Closed };

    // With a refusal (over a connection bound), every request is answered with it and the
    // connection closed.
    ClientConnection(ConnectionServer *server, std::unique_ptr<Transport> transport, quint64 id,
                     std::optional<ApiError> refusal);
    ~ClientConnection() override;

    quint64 id() const { return m_id; }
    Phase phase() const { return m_phase; }
    const Transport &transport() const { return *m_transport; }
    QString peer() const { return m_transport->peerAddress(); }
    const Subscription &subscription() const { return m_subscription; } // valid in WebSocket phase
    const QByteArray &requestId() const { return m_requestId; }
    const QDateTime &connectedAt() const { return m_connectedAt; }
    const QDateTime &subscribedAt() const { return m_subscribedAt; }
    const QString &closeReason() const { return m_closeReason; }

    // TransportHandler
    void transportReceived(QByteArray &inbox) override;
    void transportClosed() override;
    bool transportDrained() override;

    // Recipient
    SendQueue &sendQueue() override { return m_transport->queue(); }
    void flushQueued() override;
    void closeAsSlowConsumer(const QString &reason) override;

    // Timeouts, keepalive and lingering closes; called by the server at (or soon after) the
    // moment nextSweepMs() gave, and harmless earlier.
    void sweep(qint64 nowMs);
    // The earliest moment sweep() may have something to do (the server's clock), -1 for never.
    qint64 nextSweepMs() const;
    // The SweepSchedule bucket of its live entry (kept by ConnectionServer).
    qint64 sweepBucket() const { return m_sweepBucket; }
    void setSweepBucket(qint64 bucket) { m_sweepBucket = bucket; }
    // Sends close with this code and reason, then closes once it is written.
    void closeWebSocket(quint16 code, const QString &reason);
    // Ends an HTTP connection, or a WebSocket with 1001 (server going away).
    void shutdown();

private:
    void handleHttp(QByteArray &inbox);
    void handleRequest(HttpRequest request);
    void handleWebSocket(QByteArray &inbox);
    // ClientRequestBody.cpp: a body announced by a head is admitted (or refused) by its route
    // before it is read, and what unfinished bodies hold is counted against the server's bound.
    bool admitAnnouncedBody();
    bool holdBody(HttpRequestParser::Status status);
    void releaseBody();
    void sendContinueIfAsked();
    void respond(const HttpResponse &response, bool keepAlive, bool headOnly = false);
    void respondError(const ApiError &error, bool keepAlive);
    void upgrade(const HttpRequest &request, Subscription subscription);
    void beginClosing();
    void endReplayAllowance();

    ConnectionServer *m_server;
    std::unique_ptr<Transport> m_transport;
    quint64 m_id;
    std::optional<ApiError> m_refusal;
    Phase m_phase = Phase::Http;
    HttpRequestParser m_parser;
    WsFrameParser m_frames;
    Subscription m_subscription;
    QByteArray m_requestId;
    QDateTime m_connectedAt;
    QDateTime m_subscribedAt;
    qint64 m_phaseStartMs = 0; // start of the current request, keep-alive wait or closing
    qint64 m_lastReceivedMs = 0;
    qint64 m_pingSentMs = -1; // -1: no ping outstanding
    qint64 m_lastPingMs = 0;
    qint64 m_requestStartMs = 0;
    qint64 m_sweepBucket = -1; // SweepSchedule::kNone
    quint64 m_requestsServed = 0;
    bool m_closeSent = false;
    bool m_sentContinue = false;
    qint64 m_bodyHeld = 0; // counted in ConnectionServer::pendingBodyBytes()
    bool m_headRequest = false;
    bool m_replayAllowance = false; // the queue's bound is raised by a resume's replay
    QString m_route; // of the request being answered (metrics label)
    QByteArray m_allow; // Allow header of a 405 being answered
    QString m_closeReason;
};

} // namespace sender
