#include "net/TlsTransport.h"

#include "net/NetLog.h"

#include <QHostAddress>
#include <QSslCipher>
#include <QSslSocket>

#include <unistd.h>

namespace sender {

namespace {

QString describePeer(const QSslSocket &socket)
{
    QHostAddress host = socket.peerAddress();
    bool isV4 = false;
    if (const QHostAddress v4(host.toIPv4Address(&isV4)); isV4)
        host = v4; // ::ffff:192.0.2.7 is shown as 192.0.2.7, as FdTransport does
    const QString text = host.toString();
    return (host.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + text + u']' : text) + u':'
        + QString::number(socket.peerPort());
}

} // namespace

TlsTransport::TlsTransport(int fd, const QSslConfiguration &configuration, qint64 queueLimit)
    : Transport(queueLimit)
    , m_fd(fd)
    , m_configuration(configuration)
{ }

TlsTransport::~TlsTransport()
{
    if (m_socket) {
        // No callbacks into a half-destroyed transport while the socket goes.
        m_socket->disconnect(this);
        m_socket->abort();
    } else if (m_fd >= 0) {
        ::close(m_fd);
    }
}

bool TlsTransport::start()
{
    m_socket = std::make_unique<QSslSocket>();
    m_socket->setSslConfiguration(m_configuration);
    if (!m_socket->setSocketDescriptor(m_fd)) {
        qCWarning(lcNet, "cannot adopt an accepted socket for TLS: %s",
                  qUtf8Printable(m_socket->errorString()));
        m_socket.reset();
        ::close(m_fd);
        m_fd = -1;
        m_state = State::Closed;
        return false;
    }
    m_fd = -1; // the socket owns it now
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peer = describePeer(*m_socket);

    QSslSocket *socket = m_socket.get();
    connect(socket, &QSslSocket::encrypted, this, [this] {
        qCDebug(lcNet, "%s: TLS established (%s)", qUtf8Printable(m_peer),
                qUtf8Printable(m_socket->sessionCipher().name()));
        readAvailable();
        flush();
    });
    connect(socket, &QSslSocket::readyRead, this, &TlsTransport::readAvailable);
    // Both mean room in QSslSocket's buffers: move more of the queue there.
    connect(socket, &QSslSocket::bytesWritten, this, [this] {
        if (!m_holdCallbacks)
            flush();
    });
    connect(socket, &QSslSocket::encryptedBytesWritten, this, [this] {
        if (!m_holdCallbacks)
            flush();
    });
    connect(socket, &QSslSocket::disconnected, this, [this] {
        if (m_holdCallbacks)
            m_failedWhileHeld = true;
        else
            closeNow();
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (m_state == State::Closed)
            return;
        if (m_holdCallbacks) {
            m_failedWhileHeld = true;
            return;
        }
        // A scanner, a plain-HTTP client or a client refusing our certificate ends up here.
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcNet, "%s: %s%s", qUtf8Printable(m_peer),
                    isEncrypted() ? "" : "TLS handshake failed: ",
                    qUtf8Printable(m_socket->errorString()));
        closeNow();
    });
    m_socket->startServerEncryption();
    return true;
}

bool TlsTransport::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

qint64 TlsTransport::bufferedInSocket() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

void TlsTransport::readAvailable()
{
    if (m_state == State::Closed || !isEncrypted())
        return;
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    m_bytesRead += quint64(data.size());
    if (m_state != State::Open)
        return; // closing: what the peer still says is discarded
    m_inbox.append(data);
    if (m_handler)
        m_handler->transportReceived(m_inbox);
}

void TlsTransport::flush()
{
    if (m_state == State::Closed)
        return;
    if (!isEncrypted()) {
        // Nothing can be written before the handshake; closing then means just closing.
        if (m_state == State::Closing)
            closeNow();
        return;
    }
    if (!handOver()) {
        closeNow();
        return;
    }
    if (m_state == State::Closing && m_queue.isEmpty())
        finishClosing();
}

bool TlsTransport::handOver()
{
    // QSslSocket::write() takes everything and buffers it: hand over only what keeps its buffers
    // small, the rest stays in our bounded queue until bytesWritten says there is room.
    for (;;) {
        if (!moveQueued())
            return false;
        // Room left and nothing queued: a subscriber that is behind is handed more of its stream.
        if (!m_queue.isEmpty() || bufferedInSocket() >= kSocketBufferBytes || m_state != State::Open
            || !m_handler || m_holdCallbacks || !m_handler->transportDrained())
            return true;
    }
}

bool TlsTransport::moveQueued()
{
    while (!m_queue.isEmpty() && bufferedInSocket() < kSocketBufferBytes) {
        iovec iov[16];
        const int count = m_queue.fillIoVec(iov, 16);
        qint64 handed = 0;
        for (int i = 0; i < count; ++i) {
            const auto length = qint64(iov[i].iov_len);
            if (m_socket->write(static_cast<const char *>(iov[i].iov_base), length) != length)
                return false;
            handed += length;
            if (bufferedInSocket() >= kSocketBufferBytes)
                break;
        }
        m_queue.consume(handed);
        m_bytesWritten += quint64(handed);
    }
    return true;
}

void TlsTransport::writeWithoutClosing()
{
    if (m_state != State::Open || !isEncrypted() || m_holdCallbacks)
        return;
    m_holdCallbacks = true;
    bool ok = handOver();
    if (ok) {
        m_socket->flush(); // encrypt and write to the kernel now, not on the next loop turn
        ok = handOver(); // what the kernel took made room
    }
    m_holdCallbacks = false;
    if (!ok || m_failedWhileHeld) {
        m_failedWhileHeld = false;
        // Closing calls back into the connection, which must not happen mid-round.
        QMetaObject::invokeMethod(this, &TlsTransport::closeNow, Qt::QueuedConnection);
    }
}

void TlsTransport::finishClosing()
{
    if (m_disconnecting)
        return;
    m_disconnecting = true;
    // Writes what QSslSocket still holds, sends close_notify, closes; disconnected() follows.
    m_socket->disconnectFromHost();
}

void TlsTransport::closeGracefully()
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_inbox.clear();
    flush();
}

void TlsTransport::abort()
{
    closeNow();
}

void TlsTransport::closeNow()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_queue.clear();
    m_inbox.clear();
    if (m_socket)
        m_socket->abort(); // may emit disconnected(): ignored, we are closed already
    if (m_handler)
        m_handler->transportClosed();
}

} // namespace sender
