#include "net/FdTransport.h"

#include "net/NetLog.h"

#include <QHostAddress>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sender {

namespace {

QString describePeer(int fd)
{
    sockaddr_storage addr {};
    socklen_t len = sizeof(addr);
    if (getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return QStringLiteral("?");
    QHostAddress host(reinterpret_cast<const sockaddr *>(&addr));
    quint16 port = 0;
    if (addr.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&addr)->sin_port);
    else if (addr.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&addr)->sin6_port);
    if (const QHostAddress v4(host.toIPv4Address());
        host.protocol() == QAbstractSocket::IPv6Protocol
        && host.isEqual(v4, QHostAddress::ConvertV4MappedToIPv4))
        host = v4;
    const QString text = host.toString();
    return (host.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + text + u']' : text) + u':'
        + QString::number(port);
}

} // namespace

FdTransport::FdTransport(IoLoop *loop, int fd, qint64 queueLimit)
    : Transport(queueLimit)
    , m_loop(loop)
    , m_fd(fd)
{
    const int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    const int one = 1;
    // Frames are coalesced by us; waiting for more (Nagle) would only add latency.
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    m_peer = describePeer(fd);
}

FdTransport::~FdTransport()
{
    if (m_fd >= 0) {
        m_loop->remove(m_fd);
        ::close(m_fd);
    }
}

bool FdTransport::start()
{
    if (m_loop->add(m_fd, this))
        return true;
    ::close(m_fd);
    m_fd = -1;
    m_state = State::Closed;
    return false;
}

void FdTransport::ioEvents(std::uint32_t events)
{
    if (m_state == State::Closed)
        return;
    if (events & EPOLLOUT)
        flushNow();
    if (m_state != State::Closed && (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
        readAvailable();
}

void FdTransport::readAvailable()
{
    char buffer[65536];
    // Bounded per wake-up so one fast sender cannot monopolise the thread.
    for (int i = 0; i < 4 && m_state != State::Closed; ++i) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
        if (n > 0) {
            m_bytesRead += quint64(n);
            if (m_state == State::Open)
                m_inbox.append(buffer, n);
            if (size_t(n) < sizeof(buffer))
                break;
            continue;
        }
        if (n == 0) { // orderly shutdown by the peer
            closeNow();
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            closeNow();
        break;
    }
    if (m_state == State::Open && !m_inbox.isEmpty() && m_handler)
        m_handler->transportReceived(m_inbox);
    // Consumed: give the capacity back. An idle subscriber would otherwise keep what its upgrade
    // request needed (about 250 bytes) for as long as it stays connected.
    if (m_inbox.isEmpty() && m_inbox.capacity() > 0)
        m_inbox = QByteArray();
}

bool FdTransport::writeQueue()
{
    while (!m_queue.isEmpty()) {
        iovec iov[64];
        const int count = m_queue.fillIoVec(iov, 64);
        msghdr msg {};
        msg.msg_iov = iov;
        msg.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(m_fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                setWantWrite(true);
                return true;
            }
            return false; // EPIPE, ECONNRESET...: the peer is gone
        }
        m_bytesWritten += quint64(n);
        m_queue.consume(n);
    }
    setWantWrite(false);
    return true;
}

void FdTransport::flush()
{
    // While the socket is known to be full, EPOLLOUT tells when it takes more (and flushNow runs
    // then). Trying before that is a sendmsg that fails with EAGAIN, or writes the few bytes the
    // peer has just read, for every recipient on every dispatch round: the work an overloaded
    // server can least afford, and what kept its queues full once they had filled.
    if (m_wantWrite)
        return;
    flushNow();
}

void FdTransport::flushNow()
{
    if (m_state == State::Closed)
        return;
    for (;;) {
        if (!writeQueue()) {
            closeNow();
            return;
        }
        // The socket took all of it: a subscriber that is behind is handed its next frames
        // (a window of its stream) here, as soon as there is room, not on the next event.
        if (!m_queue.isEmpty() || m_state != State::Open || !m_handler
            || !m_handler->transportDrained())
            break;
    }
    if (m_queue.isEmpty() && m_state == State::Closing && !m_shutdownSent) {
        // Everything is out: send FIN, then wait for the peer's (reads are discarded meanwhile).
        ::shutdown(m_fd, SHUT_WR);
        m_shutdownSent = true;
    }
}

void FdTransport::writeWithoutClosing()
{
    if (m_state != State::Open)
        return;
    if (!writeQueue())
        setWantWrite(true); // the next round's EPOLLERR/EPOLLHUP closes it
}

void FdTransport::closeGracefully()
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_inbox.clear();
    flush();
}

void FdTransport::abort()
{
    if (m_fd >= 0) {
        // A reset, not a FIN: whatever the peer has not read is dropped at once instead of staying
        // in kernel memory for as long as a peer that never reads wants (an orphaned socket with
        // a full send buffer), and the peer learns the connection is gone on its next read.
        const linger reset {1, 0};
        setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
    }
    closeNow();
}

void FdTransport::setWantWrite(bool on)
{
    if (on == m_wantWrite || m_fd < 0)
        return;
    m_wantWrite = on;
    m_loop->setWantWrite(m_fd, this, on);
}

void FdTransport::closeNow()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_loop->remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
    m_queue.clear();
    m_inbox.clear();
    if (m_handler)
        m_handler->transportClosed();
}

} // namespace sender
