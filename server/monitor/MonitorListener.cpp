#include "monitor/MonitorListener.h"

#include "monitor/MonitorLog.h"

#include <QTcpSocket>

#include <memory>

namespace sender {

void MonitorListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    m_sockets.removeIf([](const QPointer<QTcpSocket> &s) {
        return !s || s->state() == QAbstractSocket::UnconnectedState;
    });
    if (m_sockets.size() >= kMaxConnections) {
        qCWarning(lcMonitor, "%d connections open on the monitoring port: refusing one more",
                  int(m_sockets.size()));
        socket->abort();
        socket->deleteLater();
        return;
    }
    m_sockets.append(socket);
    // Connected before QHttpServer's own slot, so this sees every chunk before it is read.
    auto received = std::make_shared<qint64>(0);
    connect(socket, &QTcpSocket::readyRead, socket, [socket, received] {
        *received += socket->bytesAvailable();
        if (*received > kMaxRequestBytes) {
            qCWarning(lcMonitor,
                      "a request of more than %lld bytes on the monitoring port: "
                      "closing that connection",
                      kMaxRequestBytes);
            socket->abort();
        }
    });
    // A response written: the next request starts from zero.
    connect(socket, &QTcpSocket::bytesWritten, socket, [received] { *received = 0; });
    addPendingConnection(socket);
}

} // namespace sender
