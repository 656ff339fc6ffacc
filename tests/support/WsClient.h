#pragma once

#include "HttpProbe.h"
#include "TestTimeouts.h"

#include <QByteArray>
#include <QList>
#include <QUrl>
#include <QWebSocket>

namespace sender::test {

// A real QWebSocket client that records what it receives.
class WsClient
{
public:
    WsClient();

    // Opens url with Luna-Account-Id (when not empty) and the extra headers; waits until it is
    // connected (false, with errorString(), when it is refused or times out).
    bool open(const QUrl &url, const QByteArray &account, const RawHeaders &extra = {},
              int timeoutMs = timeouts::kSignal);

    QList<QByteArray> messages; // text messages as UTF-8 bytes
    QList<QByteArray> binaryMessages;
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool wasDisconnected() const { return m_disconnected; }
    QString errorString() const { return m_error; }

    bool waitForMessages(qsizetype count, int timeoutMs = timeouts::kSignal);
    bool waitForDisconnected(int timeoutMs = timeouts::kSignal);

    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    bool m_disconnected = false;
    QString m_error;
};

} // namespace sender::test
