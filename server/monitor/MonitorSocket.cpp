#include "monitor/MonitorSocket.h"

#include "monitor/MonitorLog.h"

#include <QMetaMethod>
#include <QTimer>

namespace sender {

namespace {

constexpr int kCloseProtocolError = 1002;
constexpr int kClosingMs = 1000;

// The close frame the server sends itself (server frames are never masked).
QByteArray closeFrame(int code, QByteArrayView reason)
{
    QByteArray frame;
    frame.append(char(0x88));
    frame.append(char(2 + reason.size())); // reason is short: a 7-bit length
    frame.append(char((code >> 8) & 0xff));
    frame.append(char(code & 0xff));
    frame.append(reason.data(), reason.size());
    return frame;
}

} // namespace

MonitorSocket::MonitorSocket(QObject *parent)
    : QTcpSocket(parent)
{ }

void MonitorSocket::connectOwn(void (MonitorSocket::*slot)())
{
    // connectNotify() hears of this connection too: it is ours, not the WebSocket server's.
    m_connecting = true;
    connect(this, &QIODevice::readyRead, this, slot);
    m_connecting = false;
}

void MonitorSocket::disconnectNotify(const QMetaMethod &signal)
{
    // QHttpServer disconnects everything at once when it hands the socket to its WebSocket
    // server (MonitorListener's own disconnect(socket, nullptr, this, nullptr) when it closes a
    // connection looks the same, but then nothing connects to readyRead any more).
    if (!signal.isValid() && m_stage == Stage::Http)
        m_stage = Stage::Upgrading;
}

void MonitorSocket::connectNotify(const QMetaMethod &signal)
{
    if (m_connecting || signal != QMetaMethod::fromSignal(&QIODevice::readyRead))
        return;
    switch (m_stage) {
    case Stage::Upgrading:
        // QWebSocketServer's handshake slot: the scanner comes right after it, which puts it
        // before QWebSocket's reader, connected later.
        m_stage = Stage::Handshake;
        connectOwn(&MonitorSocket::beforeReader);
        break;
    case Stage::Handshake:
        // QWebSocket takes the socket over: the handshake has been read, to its last byte.
        m_stage = Stage::Frames;
        m_scanned = 0;
        connectOwn(&MonitorSocket::afterReader);
        break;
    default:
        break;
    }
}

void MonitorSocket::beforeReader()
{
    if (m_stage != Stage::Frames)
        return;
    const qint64 available = bytesAvailable();
    qint64 at = qMin(m_scanned, available);
    QByteArray peeked;
    while (at < available) {
        if (m_scanner.payloadLeft() > 0) {
            const quint64 step = qMin(m_scanner.payloadLeft(), quint64(available - at));
            m_scanner.skip(step);
            at += qint64(step);
            continue;
        }
        // Once per readyRead, and only for a header: a payload is never copied.
        if (peeked.isEmpty())
            peeked = peek(available);
        if (at >= peeked.size())
            break;
        if (m_scanner.push(quint8(peeked.at(at++))) == ClientFrameScanner::Verdict::Unmasked) {
            refuse();
            return;
        }
    }
    m_scanned = available;
}

void MonitorSocket::afterReader()
{
    // QWebSocket read from the front: what it left has all been scanned.
    if (m_stage == Stage::Frames)
        m_scanned = qMin(m_scanned, bytesAvailable());
}

void MonitorSocket::refuse()
{
    m_stage = Stage::Refused;
    qCInfo(lcMonitor,
           "monitor %s sent an unmasked frame on the stream (RFC 6455 5.1): closing it with 1002",
           qUtf8Printable(peerAddress().toString()));
    // QWebSocket, whose slot comes after this one, reads none of it, nor anything later.
    QObject::disconnect(this, &QIODevice::readyRead, nullptr, nullptr);
    skip(bytesAvailable());
    write(closeFrame(kCloseProtocolError, "client frames must be masked"));
    flush();
    disconnectFromHost();
    if (state() != QAbstractSocket::UnconnectedState)
        QTimer::singleShot(kClosingMs, this, &QAbstractSocket::abort);
}

} // namespace sender
