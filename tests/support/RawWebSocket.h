#pragma once

#include "HttpProbe.h"
#include "TestTimeouts.h"

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

#include <optional>

namespace sender::test {

// One WebSocket frame as it came off the wire.
struct WsWireFrame
{
    bool fin = false;
    quint8 rsv = 0; // RSV1..3 bits
    quint8 opcode = 0;
    bool masked = false;
    QByteArray payload;
};

namespace WsOpcode {
inline constexpr quint8 Continuation = 0x0;
inline constexpr quint8 Text = 0x1;
inline constexpr quint8 Binary = 0x2;
inline constexpr quint8 Close = 0x8;
inline constexpr quint8 Ping = 0x9;
inline constexpr quint8 Pong = 0xA;
} // namespace WsOpcode

// Encodes a client frame (masked unless told otherwise).
QByteArray encodeWsFrame(quint8 opcode, const QByteArray &payload, bool fin = true,
                         bool masked = true);

// A WebSocket client written on a bare QTcpSocket (RFC 6455), for what QWebSocket will not do:
// exact handshake bytes, never reading, never answering pings, malformed or unmasked or oversized
// frames, and the server's frames and close codes exactly as sent.
class RawWebSocket
{
public:
    RawWebSocket();

    // Connects, sends the handshake for target (path and query, sent as given) with the usual
    // upgrade headers plus `headers` (a header given there replaces the usual one of that name),
    // and waits for the response. True when it is a valid 101.
    bool open(quint16 port, const QByteArray &target, const RawHeaders &headers,
              int timeoutMs = timeouts::kSignal);
    // Same, with Luna-Account-Id.
    bool openFor(quint16 port, const QByteArray &target, const QByteArray &account,
                 int timeoutMs = timeouts::kSignal);
    // The handshake response (the 101, or the HTTP error with its body).
    const HttpResult &handshake() const { return m_handshake; }
    QString errorString() const { return m_error; }

    void setAnswerPings(bool on) { m_answerPings = on; }
    // Off: the client stops reading from the socket at all (the kernel buffers fill up and the
    // server's writes block). On again: everything pending is read and parsed.
    void setReading(bool on);

    void sendRaw(const QByteArray &bytes);
    void sendFrame(quint8 opcode, const QByteArray &payload, bool fin = true, bool masked = true);
    void sendClose(quint16 code, const QByteArray &reason = {});

    // Every frame received, control frames included, in order.
    const QList<WsWireFrame> &frames() const { return m_frames; }
    QList<QByteArray> texts() const;
    int pingsReceived() const { return m_pings; }
    bool closeReceived() const { return m_closeReceived; }
    quint16 localPort() const { return m_socket.localPort(); }
    // -1 when the close frame had no code.
    int closeCode() const { return m_closeCode; }
    QByteArray closeReason() const { return m_closeReason; }
    bool isDisconnected() const;
    // Something the server sent that RFC 6455 forbids (masked frame, bad length, data after
    // close...). Empty when all is right.
    QString protocolProblem() const { return m_protocolProblem; }
    // Every byte received on the connection, the handshake response included.
    QByteArray received() const { return m_received; }

    bool waitForTexts(int count, int timeoutMs = timeouts::kSignal);
    bool waitForClose(int timeoutMs = timeouts::kSignal);
    bool waitForDisconnected(int timeoutMs = timeouts::kSignal);

    QTcpSocket &socket() { return m_socket; }

private:
    void pull();
    void parseFrames();

    enum class Stage { Handshake, Open, Rejected };

    QTcpSocket m_socket;
    Stage m_stage = Stage::Handshake;
    QByteArray m_buffer;
    QByteArray m_received;
    QByteArray m_key;
    HttpResult m_handshake;
    bool m_handshakeDone = false;
    bool m_reading = true;
    bool m_answerPings = true;
    bool m_eof = false;
    bool m_closeSent = false;
    QList<WsWireFrame> m_frames;
    int m_pings = 0;
    bool m_closeReceived = false;
    int m_closeCode = -1;
    QByteArray m_closeReason;
    QString m_protocolProblem;
    QString m_error;
};

} // namespace sender::test
