#include "monitor/MonitorListener.h"

#include "http/ApiError.h"
#include "monitor/MonitorLog.h"
#include "monitor/MonitorSocket.h"
#include "publicport/ClientAddress.h"

#include <QTcpSocket>

#include <algorithm>

namespace sender {

namespace {

constexpr QByteArrayView kHeadEnd = "\r\n\r\n";
constexpr int kSweepMs = 500;
constexpr qint64 kEvictionLogMs = 60000;

QByteArray statusLine(int status)
{
    switch (status) {
    case 408:
        return "408 Request Timeout";
    case 413:
        return "413 Payload Too Large";
    case 431:
        return "431 Request Header Fields Too Large";
    default:
        return "503 Service Unavailable";
    }
}

// The whole answer of a refusal this listener writes itself (QHttpServer never answers it), with
// the headers every answer of the port carries.
QByteArray refusal(int status, const QByteArray &body)
{
    return "HTTP/1.1 " + statusLine(status)
        + "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
          "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
          "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
          "Connection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

MonitorListener::MonitorListener(const MonitorLimits &limits, const TokenCheck &token,
                                 QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_token(token)
{
    m_clock.start();
    m_sweepTimer.setInterval(kSweepMs);
    connect(&m_sweepTimer, &QTimer::timeout, this, &MonitorListener::sweep);
    m_sweepTimer.start();
}

MonitorListener::~MonitorListener() = default;

int MonitorListener::connectionCount()
{
    prune();
    return int(m_tracked.size());
}

int MonitorListener::anonymousCount()
{
    prune();
    return int(std::count_if(m_tracked.begin(), m_tracked.end(),
                             [](const auto &t) { return !t->signedIn; }));
}

void MonitorListener::prune()
{
    for (auto it = m_tracked.begin(); it != m_tracked.end();) {
        Tracked *t = it->get();
        const bool gone = !t->socket || t->socket->state() == QAbstractSocket::UnconnectedState;
        // QHttpServer disconnects every signal of a socket it hands to the stream: ours too.
        const bool streamed = !gone && !t->cut && !t->reading;
        if (gone || streamed || t->cut) {
            release(t);
            // What is left of it (closing) no longer reaches this entry.
            if (t->socket)
                QObject::disconnect(t->socket, nullptr, this, nullptr);
            it = m_tracked.erase(it);
        } else {
            ++it;
        }
    }
}

void MonitorListener::release(Tracked *t)
{
    m_pendingBytes -= t->held;
    t->held = 0;
}

void MonitorListener::incomingConnection(qintptr descriptor)
{
    // A MonitorSocket: it checks the stream's frames once QHttpServer upgrades it.
    auto *socket = new MonitorSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    prune();
    const QByteArray address = clientAddressKey(socket->peerAddress());
    if (!makeRoom(address)) {
        qCWarning(lcMonitor,
                  "%d signed-in connections open on the monitoring port: refusing one more",
                  int(m_tracked.size()));
        // Never handed to QHttpServer: this listener answers and deletes it.
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(refusal(503, ApiError::tooManyConnections(m_limits.maxConnections).toJson()));
        socket->disconnectFromHost();
        QTimer::singleShot(m_limits.closingTimeoutMs, socket, &QTcpSocket::abort);
        return;
    }
    auto tracked = std::make_unique<Tracked>();
    Tracked *t = tracked.get();
    t->socket = socket;
    t->address = address;
    t->order = m_nextOrder++;
    t->openedMs = m_clock.elapsed();
    // Connected before QHttpServer's own slot, so this sees every chunk before it is read.
    t->reading = connect(socket, &QTcpSocket::readyRead, this, [this, t] { received(t); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, t] {
        if (t->socket && t->socket->bytesToWrite() == 0)
            responded(t);
    });
    m_tracked.push_back(std::move(tracked));
    addPendingConnection(socket);
}

MonitorListener::Tracked *MonitorListener::oldestAnonymous(const QByteArray &address)
{
    Tracked *oldest = nullptr;
    for (const auto &t : m_tracked) {
        if (!t->signedIn && (address.isEmpty() || t->address == address)
            && (!oldest || t->order < oldest->order))
            oldest = t.get();
    }
    return oldest;
}

bool MonitorListener::makeRoom(const QByteArray &address)
{
    struct Counts
    {
        int fromAddress = 0;
        int anonymousFromAddress = 0;
        int anonymous = 0;
    };
    const auto counts = [this, &address] {
        Counts c;
        for (const auto &t : m_tracked) {
            const bool same = t->address == address;
            c.fromAddress += same ? 1 : 0;
            c.anonymous += t->signedIn ? 0 : 1;
            c.anonymousFromAddress += same && !t->signedIn ? 1 : 0;
        }
        return c;
    };
    const auto evict = [this](Tracked *t) {
        if (!t)
            return false;
        noteEvicted();
        cut(t, 503, ApiError::tooManyConnections(m_limits.maxConnections).toJson(), nullptr);
        prune();
        return true;
    };
    // The newcomer is anonymous too: it takes the place of the oldest anonymous connection of
    // its own address first, else of the oldest on the port.
    Counts c = counts();
    if (c.anonymousFromAddress >= m_limits.maxAnonymousPerAddress)
        evict(oldestAnonymous(address));
    else if (c.anonymous >= m_limits.maxAnonymous)
        evict(oldestAnonymous({}));
    c = counts();
    if (c.fromAddress >= m_limits.maxConnectionsPerAddress && !evict(oldestAnonymous(address)))
        return false;
    if (int(m_tracked.size()) >= m_limits.maxConnections && !evict(oldestAnonymous({})))
        return false;
    return true;
}

void MonitorListener::noteEvicted()
{
    ++m_evictedUnlogged;
    const qint64 now = m_clock.elapsed();
    if (m_evictedLoggedMs >= 0 && now - m_evictedLoggedMs < kEvictionLogMs)
        return;
    qCWarning(lcMonitor,
              "%llu connections without a token closed on the monitoring port to make room for "
              "new ones (at most %d such connections are kept; one such line a minute)",
              m_evictedUnlogged, m_limits.maxAnonymous);
    m_evictedLoggedMs = now;
    m_evictedUnlogged = 0;
}

void MonitorListener::received(Tracked *t)
{
    QTcpSocket *socket = t->socket;
    if (!socket || t->cut)
        return;
    const qint64 now = m_clock.elapsed();
    // QHttpServer reads whatever is there in the slot after this one: all of it is new.
    const qint64 arrived = socket->bytesAvailable();
    if (t->requestStartMs < 0) {
        t->requestStartMs = now;
        t->head.clear();
        t->headDone = false;
    }
    if (!t->headDone) {
        t->head += socket->peek(
            qMax<qint64>(0, qMin(arrived, m_limits.maxHeadBytes + 4 - t->head.size())));
        scanHead(t);
        if (t->cut)
            return;
    }
    t->held += arrived;
    m_pendingBytes += arrived;
    if (t->held > m_limits.maxRequestBytes) {
        cut(t, 413,
            ApiError::payloadTooLarge(QStringLiteral("a monitoring request takes at most %1 bytes")
                                          .arg(m_limits.maxRequestBytes))
                .toJson(),
            nullptr);
        qCWarning(lcMonitor,
                  "a request of more than %lld bytes on the monitoring port: closing that "
                  "connection",
                  m_limits.maxRequestBytes);
        return;
    }
    if (m_pendingBytes > m_limits.maxPendingBytes) {
        cut(t, 503,
            ApiError::serverBusy(QStringLiteral("unfinished requests hold more than %1 bytes on "
                                                "the monitoring port: try again later")
                                     .arg(m_limits.maxPendingBytes))
                .toJson(),
            "unfinished requests hold more than the monitoring port's bound");
    }
}

void MonitorListener::scanHead(Tracked *t)
{
    const qsizetype end = t->head.indexOf(kHeadEnd);
    if (end < 0) {
        if (t->head.size() > m_limits.maxHeadBytes)
            cut(t, 431,
                ApiError::headTooLarge(QStringLiteral("a request head of more than %1 bytes")
                                           .arg(m_limits.maxHeadBytes))
                    .toJson(),
                "a request head over the monitoring port's limit");
        return;
    }
    t->headDone = true;
    const QByteArrayView head = QByteArrayView(t->head).first(end);
    const ByteViewParts lines = splitView(head, '\n');
    const QByteArrayView requestLine = trimmedView(lines.value(0));
    const bool http10 = requestLine.endsWith("HTTP/1.0");
    bool keepAlive = !http10;
    std::optional<QByteArray> presented;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArrayView line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmedView(line.sliced(colon + 1));
        if (name.compare("authorization", Qt::CaseInsensitive) == 0) {
            presented = bearerOf(value);
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            for (QByteArrayView token : splitView(value, ',')) {
                token = trimmedView(token);
                if (token.compare("close", Qt::CaseInsensitive) == 0)
                    keepAlive = false;
                else if (token.compare("keep-alive", Qt::CaseInsensitive) == 0 && http10)
                    keepAlive = true;
            }
        }
    }
    if (!presented) {
        // The stream's handshake may carry the token in its query (MonitorAuth::presented).
        const qsizetype space = requestLine.indexOf(' ');
        const QByteArrayView target = space < 0 ? QByteArrayView() : requestLine.sliced(space + 1);
        const qsizetype query = target.indexOf('?');
        if (query >= 0) {
            const qsizetype stop = target.indexOf(' ', query);
            presented = takeQueryToken(
                            target.sliced(query + 1, (stop < 0 ? target.size() : stop) - query - 1),
                            "token")
                            .value;
        }
    }
    t->closeAfterResponse = !keepAlive;
    // Signed in for the connection's life once one head carried the token (without a token,
    // loopback only, once one head came whole). The routes check the token themselves.
    if (!t->signedIn)
        t->signedIn = m_token.isSet() ? m_token.accepts(presented) : true;
}

void MonitorListener::responded(Tracked *t)
{
    if (t->cut || !t->socket)
        return;
    release(t);
    t->requestStartMs = -1;
    t->lastResponseMs = m_clock.elapsed();
    t->head.clear();
    t->headDone = false;
    ++t->served;
    // QHttpServer 6.4 keeps a connection open whatever the request asked.
    if (t->closeAfterResponse)
        closeConnection(t);
}

void MonitorListener::closeConnection(Tracked *t)
{
    QTcpSocket *socket = t->socket;
    if (t->cut || !socket)
        return;
    t->cut = true;
    release(t);
    // QHttpServer sees nothing more of this connection, and answers nothing on it.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    QObject::disconnect(socket, nullptr, this, nullptr);
    socket->disconnectFromHost();
    QTimer::singleShot(m_limits.closingTimeoutMs, socket, &QTcpSocket::abort);
}

void MonitorListener::cut(Tracked *t, int status, const QByteArray &body, const char *why)
{
    QTcpSocket *socket = t->socket;
    if (t->cut || !socket)
        return;
    if (why)
        qCInfo(lcMonitor, "%s on the monitoring port (%s): answering %d and closing", why,
               t->address.constData(), status);
    socket->write(refusal(status, body));
    closeConnection(t);
}

void MonitorListener::sweep()
{
    prune();
    const qint64 now = m_clock.elapsed();
    std::vector<Tracked *> all;
    for (const auto &t : m_tracked)
        all.push_back(t.get());
    for (Tracked *t : all) {
        if (t->requestStartMs >= 0) {
            const qint64 age = now - t->requestStartMs;
            if ((!t->headDone && age > m_limits.headerTimeoutMs) || age > m_limits.requestTimeoutMs)
                cut(t, 408, ApiError::requestTimeout().toJson(), nullptr);
            continue;
        }
        // Between requests: a first one must begin within the header timeout, a next one
        // within the keep-alive timeout.
        const qint64 idle = now - (t->served == 0 ? t->openedMs : t->lastResponseMs);
        if (idle > (t->served == 0 ? m_limits.headerTimeoutMs : m_limits.keepAliveTimeoutMs))
            closeConnection(t);
    }
    prune();
}

} // namespace sender
