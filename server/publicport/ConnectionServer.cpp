#include "publicport/ConnectionServer.h"

#include "fanout/Hub.h"
#include "filters/SubscriptionFilter.h"
#include "net/FdTransport.h"
#include "net/IoLoop.h"
#include "net/Listener.h"
#include "net/TlsTransport.h"
#include "publicport/ClientAddress.h"
#include "publicport/ClientConnection.h"
#include "publicport/WsLog.h"

#include <QRandomGenerator>

#include <algorithm>
#include <unistd.h>

namespace sender {

namespace {

// What a connection still has to write; nothing once its socket is closed.
qint64 queueBytesOf(const ClientConnection &c)
{
    return c.transport().state() == Transport::State::Closed
        ? 0
        : const_cast<ClientConnection &>(c).sendQueue().bytes();
}

// A connection's row for the console, the monitoring API and the lag rules.
ConnectionSnapshot infoOf(quint64 id, const ClientConnection &c, const RecipientLag &lag)
{
    ConnectionSnapshot info;
    info.id = id;
    info.peer = c.peer();
    info.connectedAt = c.connectedAt();
    info.requestId = QString::fromLatin1(c.requestId());
    info.bytesSent = c.transport().bytesWritten();
    info.queueBytes = queueBytesOf(c);
    if (c.phase() == ClientConnection::Phase::WebSocket) {
        const Subscription &s = c.subscription();
        info.subscribed = true;
        info.account = s.account.toString(QUuid::WithoutBraces);
        info.filterQuery = s.filter->canonicalQuery();
        info.filterText = s.filter->describe();
        info.apiVersion = s.apiVersion;
        info.subscribedAt = c.subscribedAt();
    }
    info.delivered = c.stats.delivered;
    info.dropped = c.stats.dropped;
    info.filteredOut = c.filteredOut();
    info.lag = {lag.events, lag.ms};
    return info;
}

} // namespace

ConnectionServer::ConnectionServer(Router *router, const HandshakeGate *gate, Hub *hub,
                                   QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_gate(gate)
    , m_hub(hub)
    , m_loop(new IoLoop(this))
    , m_listener(new Listener([this](qintptr fd) { accept(fd); }, this))
{
    m_clock.start();
    m_sweepTimer.setInterval(int(kSweepTickMs));
    connect(&m_sweepTimer, &QTimer::timeout, this, &ConnectionServer::sweep);
    m_sweepTimer.start();
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, &ConnectionServer::drainStep);
}

ConnectionServer::~ConnectionServer()
{
    // Connections unsubscribe from the hub in their destructors; the hub outlives us.
    m_connections.clear();
    m_graveyard.clear();
}

bool ConnectionServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_loop->isValid()) {
        *error = QStringLiteral("cannot create the epoll set");
        return false;
    }
    return m_listener->open(address, port, m_limits.reusePort, error);
}

quint16 ConnectionServer::serverPort() const
{
    return m_listener->serverPort();
}

QHostAddress ConnectionServer::serverAddress() const
{
    return m_listener->serverAddress();
}

bool ConnectionServer::relisten(const QHostAddress &address, quint16 port, QString *error)
{
    auto *next = new Listener([this](qintptr fd) { accept(fd); }, this);
    if (!next->open(address, port, m_limits.reusePort, error)) {
        delete next;
        return false;
    }
    delete m_listener;
    m_listener = next;
    return true;
}

void ConnectionServer::setLimits(const ServerLimits &limits)
{
    const bool queueChanged = limits.sendQueueBytes != m_limits.sendQueueBytes;
    // The timeouts apply to open connections too: shorter ones move their deadlines earlier.
    const bool timeoutsChanged = limits.requestTimeoutMs != m_limits.requestTimeoutMs
        || limits.keepAliveTimeoutMs != m_limits.keepAliveTimeoutMs
        || limits.pingIntervalMs != m_limits.pingIntervalMs
        || limits.pongTimeoutMs != m_limits.pongTimeoutMs
        || limits.closingTimeoutMs != m_limits.closingTimeoutMs;
    m_limits = limits;
    if (!queueChanged && !timeoutsChanged)
        return;
    for (const auto &[id, c] : m_connections) {
        if (queueChanged && c->phase() == ClientConnection::Phase::WebSocket)
            c->sendQueue().setLimit(limits.sendQueueBytes);
        if (timeoutsChanged)
            scheduleSweep(c.get());
    }
}

void ConnectionServer::accept(qintptr fd)
{
    // Beyond a bound, connections still get a 503 with the JSON error; far beyond it (a flood),
    // they are closed at once so descriptors cannot run out. The bounds per client address keep
    // one client from taking every connection (or every slot for a handshake) by itself.
    const qint64 open = qint64(m_connections.size());
    const QByteArray address = clientAddressKey(int(fd));
    const AddressLoad load = m_addressLoad.value(address);
    constexpr qint64 kFlood = 1024;
    if (m_shuttingDown || open >= m_limits.maxConnections + kFlood
        || load.connections >= m_limits.maxConnectionsPerAddress + kFlood
        || load.handshakes >= m_limits.maxHandshakesPerAddress + kFlood) {
        ::close(int(fd));
        ++m_counters.overCapacity;
        return;
    }
    std::optional<ApiError> refusal;
    if (open >= m_limits.maxConnections)
        refusal = ApiError::tooManyConnections(m_limits.maxConnections);
    else if (load.connections >= m_limits.maxConnectionsPerAddress)
        refusal = ApiError::serverBusy(
            QStringLiteral("Too many connections from your address: the server accepts at most "
                           "%1 from one address")
                .arg(m_limits.maxConnectionsPerAddress));
    else if (load.handshakes >= m_limits.maxHandshakesPerAddress)
        refusal = ApiError::serverBusy(
            QStringLiteral("Too many requests in progress from your address: the server accepts "
                           "at most %1 connections that are not WebSockets from one address")
                .arg(m_limits.maxHandshakesPerAddress));
    if (refusal)
        ++m_counters.overCapacity;
    std::unique_ptr<Transport> transport;
    if (m_tls) {
        // QSslSocket, one notifier per socket: TLS costs far more per byte than the wake-ups.
        auto tls = std::make_unique<TlsTransport>(int(fd), *m_tls, m_limits.sendQueueBytes);
        if (!tls->start())
            return;
        transport = std::move(tls);
    } else {
        auto plain = std::make_unique<FdTransport>(m_loop, int(fd), m_limits.sendQueueBytes);
        if (!plain->start())
            return;
        transport = std::move(plain);
    }
    const quint64 id = m_nextId++;
    ++m_counters.accepted;
    AddressLoad &counted = m_addressLoad[address];
    ++counted.connections;
    ++counted.handshakes;
    m_addressOf.insert(id, address);
    auto connection =
        std::make_unique<ClientConnection>(this, std::move(transport), id, std::move(refusal));
    ClientConnection *c = connection.get();
    m_connections.emplace(id, std::move(connection));
    scheduleSweep(c);
}

QPair<int, int> ConnectionServer::addressLoad(const QByteArray &address) const
{
    const AddressLoad load = m_addressLoad.value(address);
    return {load.connections, load.handshakes};
}

void ConnectionServer::scheduleSweep(ClientConnection *c)
{
    const qint64 due = c->nextSweepMs();
    if (due < 0)
        return;
    const qint64 bucket = m_sweepSchedule.bucketOf(due);
    const qint64 live = c->sweepBucket();
    if (live != SweepSchedule::kNone && live <= bucket)
        return; // its entry comes in time; sweeping early only finds nothing to do
    c->setSweepBucket(bucket);
    m_sweepSchedule.add(bucket, c->id());
}

void ConnectionServer::sweep()
{
    const qint64 now = nowMs();
    // Only the connections with a deadline due. A sweep may close a connection, which moves it
    // to the graveyard (deleted after this round), so a pointer taken here stays valid.
    m_sweepSchedule.takeDue(now, m_sweepDue);
    for (const auto &[bucket, id] : m_sweepDue) {
        const auto it = m_connections.find(id);
        if (it == m_connections.end())
            continue; // gone
        ClientConnection *c = it->second.get();
        if (c->sweepBucket() != bucket)
            continue; // a stale entry: it was moved earlier, and its live one is elsewhere
        c->setSweepBucket(SweepSchedule::kNone);
        if (c->phase() == ClientConnection::Phase::Closed)
            continue;
        c->sweep(now);
        scheduleSweep(c);
    }
    m_sweepDue.clear();
    // The lag policy also while no event arrives (a subscriber stuck after the last one).
    m_hub->maintain();
}

void ConnectionServer::recordHttp(const QString &route, int status)
{
    ++m_counters.httpRequests[{route, status}];
}

bool ConnectionServer::holdBodyBytes(qint64 before, qint64 now)
{
    m_pendingBodyBytes += now - before;
    return now <= before || m_pendingBodyBytes <= m_limits.maxPendingBodyBytes;
}

void ConnectionServer::recordRejectedHandshake(int errorCode)
{
    ++m_counters.rejectedHandshakes[errorCode];
}

void ConnectionServer::connectionSubscribed(ClientConnection *c)
{
    if (const auto it = m_addressLoad.find(m_addressOf.value(c->id())); it != m_addressLoad.end())
        --it->handshakes;
    ++m_subscribers;
    ++m_counters.subscriptions;
    const Subscription &s = c->subscription();
    qCInfo(lcWs, "[%s] %s subscribed to account %s on /%d/ws: %s", c->requestId().constData(),
           qUtf8Printable(c->peer()), qUtf8Printable(s.account.toString(QUuid::WithoutBraces)),
           s.apiVersion, qUtf8Printable(s.filter->describe()));
    Q_EMIT clientSubscribed(c->id());
}

void ConnectionServer::connectionClosed(ClientConnection *c)
{
    const auto it = m_connections.find(c->id());
    if (it == m_connections.end())
        return;
    m_counters.bytesSent += c->transport().bytesWritten();
    if (!c->subscribedAt().isNull()) {
        --m_subscribers;
        qCInfo(lcWs, "[%s] %s unsubscribed after %lld s: %llu delivered, %llu dropped%s%s",
               c->requestId().constData(), qUtf8Printable(c->peer()),
               c->subscribedAt().secsTo(QDateTime::currentDateTimeUtc()), c->stats.delivered,
               c->stats.dropped, c->closeReason().isEmpty() ? "" : ": ",
               qUtf8Printable(c->closeReason()));
    }
    const quint64 id = c->id();
    if (const auto load = m_addressLoad.find(m_addressOf.take(id)); load != m_addressLoad.end()) {
        --load->connections;
        if (c->subscribedAt().isNull())
            --load->handshakes;
        if (load->connections <= 0)
            m_addressLoad.erase(load);
    }
    m_graveyard.push_back(std::move(it->second));
    m_connections.erase(it);
    scheduleReap();
    if (!c->subscribedAt().isNull())
        Q_EMIT clientGone(id);
}

void ConnectionServer::scheduleReap()
{
    if (m_reapScheduled)
        return;
    m_reapScheduled = true;
    QMetaObject::invokeMethod(this, &ConnectionServer::reap, Qt::QueuedConnection);
}

void ConnectionServer::reap()
{
    m_reapScheduled = false;
    m_graveyard.clear();
    if (m_shuttingDown && m_connections.empty())
        Q_EMIT drained();
}

void ConnectionServer::shutdown(int graceMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_listener->close();
    std::vector<ClientConnection *> all;
    for (const auto &[id, c] : m_connections)
        all.push_back(c.get());
    for (ClientConnection *c : all)
        c->shutdown();
    if (m_connections.empty()) {
        scheduleReap();
        return;
    }
    QTimer::singleShot(graceMs, this, [this] {
        std::vector<ClientConnection *> rest;
        for (const auto &[id, c] : m_connections)
            rest.push_back(c.get());
        for (ClientConnection *c : rest)
            const_cast<Transport &>(c->transport()).abort();
        scheduleReap();
    });
}

void ConnectionServer::drain(qint64 spreadMs)
{
    if (m_draining || m_shuttingDown)
        return;
    m_draining = true;
    // Closed, the port's other listeners (SO_REUSEPORT) get every new connection; without
    // reusePort a balancer in front still reaches /healthcheck here and learns "not ready".
    if (m_limits.reusePort)
        m_listener->close();
    // Uniform random moments, not an even comb: instances drained together still do not
    // close their clients in step.
    QRandomGenerator *random = QRandomGenerator::global();
    for (const auto &[id, c] : m_connections) {
        if (c->phase() == ClientConnection::Phase::WebSocket)
            m_drainPlan.emplace_back(spreadMs > 0 ? qint64(random->bounded(double(spreadMs))) : 0,
                                     id);
    }
    std::sort(m_drainPlan.begin(), m_drainPlan.end());
    qCInfo(lcWs, "draining: closing %d subscribers with 1001 over %lld ms", int(m_drainPlan.size()),
           static_cast<long long>(spreadMs));
    m_drainStartMs = nowMs();
    drainStep();
}

void ConnectionServer::drainStep()
{
    const qint64 elapsed = nowMs() - m_drainStartMs;
    for (; m_drainNext < m_drainPlan.size() && m_drainPlan[m_drainNext].first <= elapsed;
         ++m_drainNext) {
        const auto it = m_connections.find(m_drainPlan[m_drainNext].second);
        if (it != m_connections.end() && it->second->phase() == ClientConnection::Phase::WebSocket)
            it->second->closeWebSocket(1001, QStringLiteral("server draining: reconnect"));
    }
    if (m_drainNext < m_drainPlan.size()) {
        m_drainTimer.start(int(m_drainPlan[m_drainNext].first - elapsed));
        return;
    }
    m_drainPlan.clear();
    Q_EMIT drainFinished();
}

bool ConnectionServer::disconnectClient(quint64 id, const QString &reason)
{
    const auto it = m_connections.find(id);
    // One already closing (its close frame sent, waiting for the peer's answer or the socket)
    // is gone for this purpose: a second close would change nothing, and 404 says so.
    if (it == m_connections.end() || it->second->phase() == ClientConnection::Phase::Closing
        || it->second->phase() == ClientConnection::Phase::Closed)
        return false;
    qCInfo(lcWs, "[%s] %s: disconnecting: %s", it->second->requestId().constData(),
           qUtf8Printable(it->second->peer()), qUtf8Printable(reason));
    it->second->closeWebSocket(1000, reason);
    return true;
}

ConnectionServer::LiveTotals ConnectionServer::liveTotals() const
{
    LiveTotals total;
    for (const auto &[id, c] : m_connections) {
        total.bytesSent += c->transport().bytesWritten();
        total.queueBytes += queueBytesOf(*c);
    }
    return total;
}

QList<ConnectionSnapshot> ConnectionServer::connections(bool behindOnly) const
{
    QList<ConnectionSnapshot> result;
    if (behindOnly) {
        // From the hub's groups with a backlog: a subscriber keeping up costs nothing here, so
        // the lag rules' once-a-second read does not visit every connection.
        m_hub->forEachBehind([&](const Recipient *r, const RecipientLag &lag) {
            const auto *c = dynamic_cast<const ClientConnection *>(r);
            if (!c)
                return;
            const auto it = m_connections.find(c->id());
            if (it != m_connections.end() && it->second.get() == c)
                result.append(infoOf(c->id(), *c, lag));
        });
        return result;
    }
    result.reserve(qsizetype(m_connections.size()));
    for (const auto &[id, c] : m_connections) {
        const bool subscribed = c->phase() == ClientConnection::Phase::WebSocket;
        result.append(infoOf(id, *c, subscribed ? m_hub->lagOf(c.get()) : RecipientLag {}));
    }
    return result;
}

} // namespace sender
