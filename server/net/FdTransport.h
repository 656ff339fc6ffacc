#pragma once

#include "net/IoLoop.h"
#include "net/Transport.h"

namespace sender {

// A plain TCP connection written with sendmsg() straight from the SendQueue (one call for many
// queued frames, no copy into a socket buffer object) and read when epoll says so.
class FdTransport final : public Transport, private IoWatcher
{
public:
    // Takes ownership of fd (a connected, accepted socket).
    FdTransport(IoLoop *loop, int fd, qint64 queueLimit);
    ~FdTransport() override;

    bool start(); // registers with the loop; false if that failed (the fd is then closed)

    void flush() override;
    void writeWithoutClosing() override;
    void closeGracefully() override;
    void abort() override;
    QString peerAddress() const override { return m_peer; }

private:
    void ioEvents(std::uint32_t events) override;
    void readAvailable();
    void flushNow(); // flush() without waiting for EPOLLOUT
    void closeNow();
    void setWantWrite(bool on);
    // False when the socket failed (closing is left to the caller).
    bool writeQueue();

    IoLoop *m_loop;
    int m_fd;
    bool m_wantWrite = false;
    bool m_shutdownSent = false;
    QByteArray m_inbox;
    QString m_peer;
};

} // namespace sender
