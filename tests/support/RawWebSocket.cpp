#include "RawWebSocket.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <algorithm>

namespace sender::test {

QByteArray encodeWsFrame(quint8 opcode, const QByteArray &payload, bool fin, bool masked)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0x00) | (opcode & 0x0F)));
    const quint8 maskBit = masked ? 0x80 : 0x00;
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(maskBit | quint8(size)));
    } else if (size <= 0xFFFF) {
        frame.append(char(maskBit | 126));
        char length[2];
        qToBigEndian(quint16(size), length);
        frame.append(length, 2);
    } else {
        frame.append(char(maskBit | 127));
        char length[8];
        qToBigEndian(quint64(size), length);
        frame.append(length, 8);
    }
    if (!masked)
        return frame + payload;
    char key[4];
    const quint32 random = QRandomGenerator::global()->generate();
    qToBigEndian(random, key);
    frame.append(key, 4);
    QByteArray body = payload;
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(body[i] ^ key[i % 4]);
    return frame + body;
}

RawWebSocket::RawWebSocket()
{
    QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket, [this] { pull(); });
    QObject::connect(&m_socket, &QAbstractSocket::disconnected, &m_socket, [this] {
        m_eof = true;
        if (m_socket.isOpen())
            pull();
    });
    QObject::connect(&m_socket, &QAbstractSocket::errorOccurred, &m_socket,
                     [this](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError)
                             m_eof = true;
                     });
}

bool RawWebSocket::openFor(quint16 port, const QByteArray &target, const QByteArray &account,
                           int timeoutMs)
{
    return open(port, target, {{"Luna-Account-Id", account}}, timeoutMs);
}

bool RawWebSocket::open(quint16 port, const QByteArray &target, const RawHeaders &headers,
                        int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                         timeoutMs)) {
        m_error = QStringLiteral("cannot connect: ") + m_socket.errorString();
        return false;
    }
    QByteArray nonce(16, Qt::Uninitialized);
    for (char &c : nonce)
        c = char(QRandomGenerator::global()->bounded(256));
    m_key = nonce.toBase64();
    const RawHeaders defaults = {{"Upgrade", "websocket"},
                                 {"Connection", "Upgrade"},
                                 {"Sec-WebSocket-Key", m_key},
                                 {"Sec-WebSocket-Version", "13"}};
    RawHeaders all;
    for (const RawHeader &header : defaults) {
        const bool overridden =
            std::any_of(headers.begin(), headers.end(), [&](const RawHeader &h) {
                return h.first.compare(header.first, Qt::CaseInsensitive) == 0;
            });
        if (!overridden)
            all.append(header);
    }
    all += headers;
    sendRaw(requestBytes("GET", target, port, all));
    if (!QTest::qWaitFor([&] { return m_handshakeDone || m_eof; }, timeoutMs)) {
        m_error = QStringLiteral("no handshake response within %1 ms; got: %2")
                      .arg(timeoutMs)
                      .arg(QString::fromLatin1(m_received.left(300)));
        return false;
    }
    if (!m_handshakeDone) {
        m_error = QStringLiteral("the server closed before a complete response; got: ")
            + QString::fromLatin1(m_received.left(300));
        return false;
    }
    if (m_handshake.status != 101) {
        m_error = QStringLiteral("handshake refused:\n") + m_handshake.describe();
        return false;
    }
    const QByteArray expectedAccept =
        QCryptographicHash::hash(QByteArray(m_key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                 QCryptographicHash::Sha1)
            .toBase64();
    if (m_handshake.header("Sec-WebSocket-Accept") != expectedAccept) {
        m_error = QStringLiteral("wrong Sec-WebSocket-Accept:\n") + m_handshake.describe();
        return false;
    }
    if (m_handshake.header("Upgrade").toLower() != "websocket"
        || !m_handshake.header("Connection").toLower().contains("upgrade")) {
        m_error =
            QStringLiteral("101 without Upgrade/Connection headers:\n") + m_handshake.describe();
        return false;
    }
    return true;
}

void RawWebSocket::setReading(bool on)
{
    m_reading = on;
    if (on) {
        m_socket.setReadBufferSize(0);
        pull();
    } else {
        // Qt stops reading from the socket once its own buffer holds this much. (Shrinking the
        // kernel's buffer now would make it drop segments inside the window already advertised,
        // and TCP's retransmission back-off would then stall the connection for seconds.)
        m_socket.setReadBufferSize(1);
    }
}

void RawWebSocket::sendRaw(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

void RawWebSocket::sendFrame(quint8 opcode, const QByteArray &payload, bool fin, bool masked)
{
    sendRaw(encodeWsFrame(opcode, payload, fin, masked));
}

void RawWebSocket::sendClose(quint16 code, const QByteArray &reason)
{
    char bytes[2];
    qToBigEndian(code, bytes);
    sendFrame(WsOpcode::Close, QByteArray(bytes, 2) + reason);
    m_closeSent = true;
}

QList<QByteArray> RawWebSocket::texts() const
{
    QList<QByteArray> result;
    for (const WsWireFrame &frame : m_frames) {
        if (frame.opcode == WsOpcode::Text)
            result.append(frame.payload);
    }
    return result;
}

bool RawWebSocket::isDisconnected() const
{
    return m_eof || m_socket.state() == QAbstractSocket::UnconnectedState;
}

bool RawWebSocket::waitForTexts(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return texts().size() >= count; }, timeoutMs);
}

bool RawWebSocket::waitForClose(int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_closeReceived; }, timeoutMs);
}

bool RawWebSocket::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([&] { return isDisconnected(); }, timeoutMs);
}

void RawWebSocket::pull()
{
    if (!m_reading || !m_socket.isOpen())
        return;
    const QByteArray bytes = m_socket.readAll();
    m_received += bytes;
    m_buffer += bytes;
    if (m_stage == Stage::Handshake) {
        HttpResult result;
        const ParseResult state = parseHttpResponse(&m_buffer, false, m_eof, &result);
        if (state == ParseResult::Incomplete)
            return;
        m_handshakeDone = true;
        if (state == ParseResult::Error) {
            result.transportError = QStringLiteral("unparsable response");
            m_stage = Stage::Rejected;
        } else {
            m_stage = result.status == 101 ? Stage::Open : Stage::Rejected;
        }
        m_handshake = result;
    }
    if (m_stage == Stage::Open)
        parseFrames();
}

void RawWebSocket::parseFrames()
{
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const auto b0 = quint8(m_buffer.at(0));
        const auto b1 = quint8(m_buffer.at(1));
        WsWireFrame frame;
        frame.fin = b0 & 0x80;
        frame.rsv = (b0 >> 4) & 0x07;
        frame.opcode = b0 & 0x0F;
        frame.masked = b1 & 0x80;
        quint64 length = b1 & 0x7F;
        qsizetype offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = qFromBigEndian<quint16>(m_buffer.constData() + 2);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = qFromBigEndian<quint64>(m_buffer.constData() + 2);
            offset = 10;
        }
        QByteArray key;
        if (frame.masked) {
            if (m_buffer.size() < offset + 4)
                return;
            key = m_buffer.mid(offset, 4);
            offset += 4;
        }
        if (quint64(m_buffer.size() - offset) < length)
            return;
        frame.payload = m_buffer.mid(offset, qsizetype(length));
        m_buffer.remove(0, offset + qsizetype(length));
        if (frame.masked) {
            for (qsizetype i = 0; i < frame.payload.size(); ++i)
                frame.payload[i] = char(frame.payload[i] ^ key[i % 4]);
        }

        if (frame.masked && m_protocolProblem.isEmpty())
            m_protocolProblem = QStringLiteral("the server sent a masked frame");
        if (frame.rsv != 0 && m_protocolProblem.isEmpty())
            m_protocolProblem = QStringLiteral("the server set RSV bits");
        if (m_closeReceived && m_protocolProblem.isEmpty())
            m_protocolProblem = QStringLiteral("the server sent a frame after its close frame");
        if (frame.opcode >= 0x8 && (!frame.fin || frame.payload.size() > 125)
            && m_protocolProblem.isEmpty())
            m_protocolProblem = QStringLiteral("fragmented or oversized control frame");
        m_frames.append(frame);

        if (frame.opcode == WsOpcode::Ping) {
            ++m_pings;
            if (m_answerPings && !m_closeSent)
                sendFrame(WsOpcode::Pong, frame.payload);
        } else if (frame.opcode == WsOpcode::Close) {
            m_closeReceived = true;
            if (frame.payload.size() >= 2) {
                m_closeCode = qFromBigEndian<quint16>(frame.payload.constData());
                m_closeReason = frame.payload.mid(2);
            } else if (frame.payload.size() == 1 && m_protocolProblem.isEmpty()) {
                m_protocolProblem = QStringLiteral("close frame with a one-byte payload");
            }
            if (!m_closeSent)
                sendClose(m_closeCode > 0 ? quint16(m_closeCode) : quint16(1000));
        }
    }
}

} // namespace sender::test
