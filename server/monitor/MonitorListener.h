#pragma once

#include "util/TokenDigest.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

#include <vector>

class QTcpSocket;

namespace sender {

// The monitoring port's limits (issue 30). Qt 6.4's QHttpServer has none of its own, so the
// listener in front of it keeps them. The timeouts and the byte bounds are the Sender port's own
// settings (SERVER.REQUEST_TIMEOUT, KEEP_ALIVE_TIMEOUT, MAX_REQUEST_HEAD_BYTES,
// MAX_PENDING_BODY_BYTES: the monitoring port has a budget of the same size of its own); the
// connection bounds are the port's, sized for the few guards and consoles it serves.
struct MonitorLimits
{
    int maxConnections = 256; // HTTP connections (streams are bounded by MonitorStream)
    int maxConnectionsPerAddress = 128;
    // Connections that have not presented an accepted token: their own smaller share, so that
    // strangers can never take the places of signed-in staff.
    int maxAnonymous = 64;
    int maxAnonymousPerAddress = 32;
    qint64 maxRequestBytes = 1 << 20; // one request, head and body
    qint64 maxHeadBytes = 16384;
    qint64 maxPendingBytes = 64 << 20; // held by unfinished requests, all connections together
    qint64 headerTimeoutMs = 5000; // for the head (and for a first request to begin)
    qint64 requestTimeoutMs = 10000; // for the whole request
    qint64 keepAliveTimeoutMs = 30000;
    qint64 closingTimeoutMs = 3000; // an answered connection the peer does not close is cut
};

// The monitoring port's TCP listener, in front of QHttpServer. It reads along with QHttpServer
// (its slot is connected first, and only peeks): every request head is scanned for the token,
// Connection: close and its size; the bytes of unfinished requests are counted, and a connection
// is cut (408, 431, 503 in the contract's JSON) past a timeout or a bound. When the anonymous
// share is full, a new connection takes the place of the oldest anonymous one: a legitimate
// client sends its head at once, so it gets in however many strangers keep connections open.
// A connection upgraded to the stream leaves these checks (QHttpServer disconnects every signal
// of it, which the listener notices) for MonitorStream's.
class MonitorListener : public QTcpServer
{
    Q_OBJECT
public:
    MonitorListener(const MonitorLimits &limits, const TokenCheck &token,
                    QObject *parent = nullptr);
    ~MonitorListener() override;

    // For tests and the log: HTTP connections open, of them anonymous, and bytes held.
    int connectionCount();
    int anonymousCount();
    qint64 pendingBytes() const { return m_pendingBytes; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Tracked
    {
        QPointer<QTcpSocket> socket;
        QByteArray address; // clientAddressKey
        quint64 order = 0; // accept order: the oldest anonymous one gives way first
        qint64 openedMs = 0;
        qint64 requestStartMs = -1; // -1: between requests
        qint64 lastResponseMs = -1;
        qint64 held = 0; // bytes of the request in progress, counted in m_pendingBytes
        QByteArray head; // of the request in progress, until complete
        bool headDone = false;
        bool signedIn = false;
        bool closeAfterResponse = false;
        bool cut = false; // answered and closing: no longer counted
        quint64 served = 0;
        QMetaObject::Connection reading; // broken once QHttpServer hands the socket to the stream
    };

    void received(Tracked *t);
    void scanHead(Tracked *t);
    void responded(Tracked *t);
    void sweep();
    // Forgets sockets gone or handed to the stream, and releases what they held.
    void prune();
    void release(Tracked *t);
    // Answers `status` with the JSON error and closes; QHttpServer reads nothing more of it.
    void cut(Tracked *t, int status, const QByteArray &body, const char *why);
    // Closes without an answer (or after the one given); the entry goes at the next prune().
    void closeConnection(Tracked *t);
    // Makes room for one more from `address`; false when every place is a signed-in one's.
    bool makeRoom(const QByteArray &address);
    Tracked *oldestAnonymous(const QByteArray &address); // empty address: any
    void noteEvicted();

    MonitorLimits m_limits;
    TokenCheck m_token;
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
    std::vector<std::unique_ptr<Tracked>> m_tracked;
    qint64 m_pendingBytes = 0;
    quint64 m_nextOrder = 0;
    quint64 m_evictedUnlogged = 0;
    qint64 m_evictedLoggedMs = -1;
};

} // namespace sender
