#pragma once

#include <QTcpServer>

#include <functional>

namespace sender {

// Listens like any QTcpServer, but hands accepted sockets over as raw descriptors: they are driven
// by the epoll-backed IoLoop (or wrapped in QSslSocket for TLS), not by a QTcpSocket each.
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    using AcceptHandler = std::function<void(qintptr fd)>;

    explicit Listener(AcceptHandler handler, QObject *parent = nullptr)
        : QTcpServer(parent)
        , m_handler(std::move(handler))
    {
        // Qt's default backlog is 50: in a burst of connects (clients coming back after a restart,
        // a load balancer's failover) the SYNs past it are dropped, and those clients retry only
        // after TCP's 1 s initial timeout. The kernel caps this at net.core.somaxconn.
        setListenBacklogSize(4096);
    }

    // listen(), with SO_REUSEPORT when reusePort: several processes may then listen on the same
    // address and port and the kernel spreads new connections over them. QTcpServer cannot set
    // an option between socket() and bind(), so that socket is made here and handed over.
    bool open(const QHostAddress &address, quint16 port, bool reusePort, QString *error);

protected:
    void incomingConnection(qintptr fd) override { m_handler(fd); }

private:
    AcceptHandler m_handler;
};

} // namespace sender
