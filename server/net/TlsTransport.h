#pragma once

#include "net/Transport.h"

#include <QObject>
#include <QSslConfiguration>

#include <memory>

class QSslSocket;

namespace sender {

// A TLS connection (https, wss) through QSslSocket on the accepted descriptor. It obeys the same
// rules as FdTransport: output only from the bounded SendQueue, and only as fast as the socket
// drains it, so a client that never reads fills our queue (and hits the slow-consumer policy)
// instead of QSslSocket's unbounded write buffers. Until the TLS handshake is done nothing is
// read or written; the owner's request timeout cuts a handshake that never completes.
class TlsTransport final : public QObject, public Transport
{
public:
    // Takes ownership of fd (a connected, accepted socket).
    TlsTransport(int fd, const QSslConfiguration &configuration, qint64 queueLimit);
    ~TlsTransport() override;

    // Adopts the descriptor and starts the server handshake; false if the descriptor could not
    // be adopted (it is then closed).
    bool start();

    void flush() override;
    // Hands the queue to QSslSocket and has it encrypt and write what the kernel takes now. Its
    // signals are held back meanwhile; a failure is acted on from the event loop, not here.
    void writeWithoutClosing() override;
    void closeGracefully() override;
    void abort() override;
    QString peerAddress() const override { return m_peer; }

    bool isEncrypted() const;

    // Plain bytes handed to QSslSocket but not yet encrypted and written to the kernel are kept
    // under this many; the rest waits in the SendQueue, where the bound applies.
    static constexpr qint64 kSocketBufferBytes = 64 * 1024;

private:
    void readAvailable();
    // moveQueued(), then more from the handler (transportDrained) while there is room.
    bool handOver();
    // Moves queued frames into QSslSocket while it holds under kSocketBufferBytes; false if it
    // refused them (the socket is gone).
    bool moveQueued();
    void closeNow();
    void finishClosing();
    qint64 bufferedInSocket() const;

    int m_fd;
    QSslConfiguration m_configuration;
    std::unique_ptr<QSslSocket> m_socket;
    bool m_disconnecting = false;
    bool m_holdCallbacks = false; // inside writeWithoutClosing()
    bool m_failedWhileHeld = false;
    QByteArray m_inbox;
    QString m_peer;
};

} // namespace sender
