#pragma once

#include <QList>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;

namespace sender {

// The monitoring port's TCP listener, in front of QHttpServer, which in Qt 6.4 has no limits of
// its own: at most kMaxConnections open connections (one more is closed at once), and at most
// kMaxRequestBytes received on a connection since its last response (a larger request, which
// QHttpServer would buffer whole before the token is even checked, is cut off). A connection
// upgraded to the stream leaves these checks (QHttpServer disconnects every signal of it) for
// QWebSocket's own message limits.
class MonitorListener : public QTcpServer
{
    Q_OBJECT
public:
    static constexpr int kMaxConnections = 256;
    static constexpr qint64 kMaxRequestBytes = 1 << 20;

    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    // Counted by state, not by signals: QHttpServer disconnects every signal of a socket it
    // hands to the stream, and that socket may outlive its connection.
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace sender
