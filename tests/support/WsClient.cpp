#include "WsClient.h"

#include <QNetworkRequest>
#include <QTest>

namespace sender::test {

WsClient::WsClient()
{
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                     [this](const QString &text) { messages.append(text.toUtf8()); });
    QObject::connect(&m_socket, &QWebSocket::binaryMessageReceived, &m_socket,
                     [this](const QByteArray &bytes) { binaryMessages.append(bytes); });
    QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket,
                     [this] { m_disconnected = true; });
    // Qt 6.4 names it error(); errorOccurred() comes in 6.5.
    QObject::connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                     &m_socket,
                     [this](QAbstractSocket::SocketError) { m_error = m_socket.errorString(); });
}

bool WsClient::open(const QUrl &url, const QByteArray &account, const RawHeaders &extra,
                    int timeoutMs)
{
    QNetworkRequest request(url);
    if (!account.isEmpty())
        request.setRawHeader("Luna-Account-Id", account);
    for (const auto &[name, value] : extra)
        request.setRawHeader(name, value);
    m_socket.open(request);
    const bool settled = QTest::qWaitFor(
        [&] {
            return m_socket.state() == QAbstractSocket::ConnectedState || m_disconnected
                || !m_error.isEmpty();
        },
        timeoutMs);
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        return true;
    if (!settled)
        m_error = QStringLiteral("not connected within %1 ms").arg(timeoutMs);
    else if (m_error.isEmpty())
        m_error = QStringLiteral("disconnected during the handshake");
    return false;
}

bool WsClient::waitForMessages(qsizetype count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return messages.size() >= count; }, timeoutMs);
}

bool WsClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_disconnected; }, timeoutMs);
}

} // namespace sender::test
