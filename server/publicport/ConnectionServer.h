#pragma once

#include "http/HttpRequest.h"
#include "publicport/SweepSchedule.h"
#include "snapshots/ConnectionSnapshot.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>
#include <unordered_map>

namespace sender {

class ClientConnection;
class HandshakeGate;
class Hub;
class IoLoop;
class Listener;
class Router;

struct ServerLimits
{
    qint64 maxConnections = 50000;
    HttpLimits http;
    qint64 requestTimeoutMs = 10000;
    qint64 keepAliveTimeoutMs = 30000;
    qint64 pingIntervalMs = 20000;
    qint64 pongTimeoutMs = 20000;
    qint64 sendQueueBytes = 4 * 1024 * 1024;
    qint64 maxClientMessageBytes = 65536;
    bool compression = false; // negotiate permessage-deflate (WEBSOCKET.COMPRESSION)
    qint64 closingTimeoutMs = 3000; // a close the peer does not complete is cut after this
    // Bytes of request bodies held by unfinished requests, all connections together.
    qint64 maxPendingBodyBytes = 64 * 1024 * 1024;
    // From one client address (a whole site behind a NAT shares one): open connections, and
    // those of them not (yet) a WebSocket (handshakes and HTTP requests in flight, idle
    // keep-alive connections).
    qint64 maxConnectionsPerAddress = 4096;
    qint64 maxHandshakesPerAddress = 512;
    bool reusePort = false; // SO_REUSEPORT (SERVER.REUSE_PORT), for listeners opened from now
};

struct ServerCounters
{
    quint64 accepted = 0;
    quint64 subscriptions = 0; // WebSocket upgrades accepted
    quint64 overCapacity = 0; // answered 503 (or, far beyond a bound, closed at once)
    QHash<int, quint64> rejectedHandshakes; // by error code
    QHash<QPair<QString, int>, quint64> httpRequests; // by (route, status)
    quint64 bytesSent = 0; // by connections that are gone (live ones add theirs)
};

// Accepts clients on one port, runs each through HTTP and, for /1/ws and /2/ws, the handshake gate
// and the upgrade; keeps timeouts and keepalive; closes everyone with 1001 on shutdown.
class ConnectionServer : public QObject
{
    Q_OBJECT
public:
    ConnectionServer(Router *router, const HandshakeGate *gate, Hub *hub,
                     QObject *parent = nullptr);
    ~ConnectionServer() override;

    // With a configuration, every connection accepted from then on speaks TLS (https, wss).
    void setTlsConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool isTls() const { return m_tls.has_value(); }

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    // Moves to another address or port; connections already open stay. On failure the old
    // listener keeps listening and *error says why.
    bool relisten(const QHostAddress &address, quint16 port, QString *error);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    // New limits apply to new connections; the send-queue bound also to open ones.
    void setLimits(const ServerLimits &limits);
    const ServerLimits &limits() const { return m_limits; }

    // Closes every WebSocket with 1001 and every HTTP connection; drained() follows once all are
    // gone, or after graceMs with the rest aborted.
    void shutdown(int graceMs);
    bool disconnectClient(quint64 id, const QString &reason);
    // Graceful drain before a shutdown: new subscriptions are refused (503 29102) and, with
    // reusePort, the listener closes so that the sibling instances take the new connections;
    // the subscribers are closed with 1001 at random moments spread over spreadMs, so that
    // they do not all reconnect at once. drainFinished() follows the last of them.
    void drain(qint64 spreadMs);
    bool isDraining() const { return m_draining; }

    int connectionCount() const { return int(m_connections.size()); }
    // Open connections, and those not (yet) a WebSocket, from one client address ("127.0.0.1").
    QPair<int, int> addressLoad(const QByteArray &address) const;
    int subscriberCount() const { return m_subscribers; }
    // Every connection, or (behindOnly) only the subscribers behind their stream: what the lag
    // alert rules read each second, without building a row for each of the thousands that keep up.
    QList<ConnectionSnapshot> connections(bool behindOnly = false) const;
    const ServerCounters &counters() const { return m_counters; }
    // Summed over the open connections in one pass, for the engine's snapshot (no row each).
    struct LiveTotals
    {
        quint64 bytesSent = 0;
        qint64 queueBytes = 0;
    };
    LiveTotals liveTotals() const;

    // --- for ClientConnection ---
    qint64 nowMs() const { return m_clock.elapsed(); }
    Router *router() const { return m_router; }
    const HandshakeGate *gate() const { return m_gate; }
    Hub *hub() const { return m_hub; }
    void recordHttp(const QString &route, int status);
    void recordRejectedHandshake(int errorCode);
    void connectionSubscribed(ClientConnection *connection);
    void connectionClosed(ClientConnection *connection);
    // Its next deadline (ClientConnection::nextSweepMs) is looked at in time: an entry is added
    // when it is earlier than the one the connection has.
    void scheduleSweep(ClientConnection *connection);
    // A connection's unfinished body went from `before` to `now` bytes. False when it grew and
    // the total is over maxPendingBodyBytes (the connection then refuses the request).
    bool holdBodyBytes(qint64 before, qint64 now);
    qint64 pendingBodyBytes() const { return m_pendingBodyBytes; }

Q_SIGNALS:
    void clientSubscribed(quint64 id);
    void clientGone(quint64 id);
    void drained();
    void drainFinished();

private:
    // Deadlines are looked at every 100 ms: at 100 000 subscribers pinged every 20 s, a round
    // sends about 500 pings, where rounds of 500 ms sent 2 500 at once and held events up behind
    // them (p99 65 ms against 21 ms at 300 ev/s in scale.sh). A round with nothing due costs a
    // map lookup and Hub::maintain over the groups with traffic.
    static constexpr qint64 kSweepTickMs = 100;

    void accept(qintptr fd);
    void sweep();
    void reap();
    void scheduleReap();
    void drainStep();

    Router *m_router;
    const HandshakeGate *m_gate;
    Hub *m_hub;
    IoLoop *m_loop;
    Listener *m_listener;
    ServerLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
    SweepSchedule m_sweepSchedule {kSweepTickMs};
    std::vector<std::pair<qint64, quint64>> m_sweepDue; // reused by each tick
    std::unordered_map<quint64, std::unique_ptr<ClientConnection>> m_connections;
    std::vector<std::unique_ptr<ClientConnection>> m_graveyard;
    bool m_reapScheduled = false;
    bool m_shuttingDown = false;
    bool m_draining = false;
    // (due after drain start, connection id), in due order; m_drainNext is the next to close.
    std::vector<std::pair<qint64, quint64>> m_drainPlan;
    size_t m_drainNext = 0;
    qint64 m_drainStartMs = 0;
    QTimer m_drainTimer;
    quint64 m_nextId = 1;
    int m_subscribers = 0;
    qint64 m_pendingBodyBytes = 0;
    struct AddressLoad
    {
        int connections = 0;
        int handshakes = 0; // connections not (yet) a WebSocket
    };
    QHash<QByteArray, AddressLoad> m_addressLoad;
    QHash<quint64, QByteArray> m_addressOf; // connection id -> client address
    ServerCounters m_counters;
};

} // namespace sender
