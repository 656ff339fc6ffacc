#pragma once

#include "net/SendQueue.h"

#include <QByteArray>
#include <QString>

namespace sender {

// The protocol side of a connection (HTTP, then maybe WebSocket): gets bytes, learns of the end.
class TransportHandler
{
public:
    virtual ~TransportHandler() = default;
    // inbox holds everything received and not yet consumed; the handler removes what it used.
    virtual void transportReceived(QByteArray &inbox) = 0;
    // Called once when the connection is gone (peer closed, error, abort, graceful close done).
    virtual void transportClosed() = 0;
    // The queue went empty and the socket takes more: queue more now if there is any (returns
    // whether it did; the transport then goes on writing). Must not close the connection.
    virtual bool transportDrained() { return false; }
};

// A byte stream to one client: a plain socket driven by epoll, or TLS through QSslSocket. Output
// always goes through the bounded SendQueue so that every kind of write obeys the same limits.
class Transport
{
public:
    enum class State { Open, Closing, Closed };

    explicit Transport(qint64 queueLimit)
        : m_queue(queueLimit)
    { }
    virtual ~Transport() = default;
    Transport(const Transport &) = delete;
    Transport &operator=(const Transport &) = delete;

    void setHandler(TransportHandler *handler) { m_handler = handler; }
    SendQueue &queue() { return m_queue; }
    State state() const { return m_state; }

    // Writes as much of the queue as the socket takes now; the rest goes out when it can.
    virtual void flush() = 0;
    // The same, but never closes or calls back on an error (the next I/O round notices it), so
    // it is safe in the middle of a dispatch round. Transports that cannot do that do nothing.
    virtual void writeWithoutClosing() { }
    // Stops reading, writes what is queued, then closes. The owner bounds how long that may take.
    virtual void closeGracefully() = 0;
    // Closes at once and drops the queue.
    virtual void abort() = 0;

    virtual QString peerAddress() const = 0; // "192.0.2.7:51234", "[::1]:51234"
    quint64 bytesWritten() const { return m_bytesWritten; }
    quint64 bytesRead() const { return m_bytesRead; }

protected:
    SendQueue m_queue;
    TransportHandler *m_handler = nullptr;
    State m_state = State::Open;
    quint64 m_bytesWritten = 0;
    quint64 m_bytesRead = 0;
};

} // namespace sender
