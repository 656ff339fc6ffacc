#pragma once

#include <QByteArray>
#include <QString>

namespace sender {

// Reads client-to-server WebSocket frames (RFC 6455 section 5) from the inbox. Strict, because the
// peer may be hostile: masking required, no RSV bits but RSV1 of permessage-deflate once it is
// negotiated (setDeflate: data messages only, inflated within the message bound), minimal length
// encodings, control frames short and unfragmented, fragmentation sequenced, text valid UTF-8, and
// every message bounded by maxMessageBytes (checked from the header, before buffering the payload).
class WsFrameParser
{
public:
    enum class Opcode : quint8 {
        Continuation = 0,
        Text = 1,
        Binary = 2,
        Close = 8,
        Ping = 9,
        Pong = 10
    };

    struct Message
    {
        Opcode opcode = Opcode::Text; // Text/Binary for data messages (reassembled), else control
        QByteArray payload; // unmasked
    };

    enum class Result { NeedMore, Message, Error };

    explicit WsFrameParser(qint64 maxMessageBytes)
        : m_maxMessage(maxMessageBytes)
    { }
    void setMaxMessageBytes(qint64 bytes) { m_maxMessage = bytes; }
    // permessage-deflate was negotiated: RSV1 marks a compressed data message (RFC 7692 6.1).
    void setDeflate(bool on) { m_deflate = on; }

    // Consumes bytes from the front of inbox; returns Message when *out holds one.
    Result next(QByteArray &inbox, Message *out);

    quint16 errorCloseCode() const { return m_errorCode; } // 1002, 1007 or 1009
    const QString &errorReason() const { return m_errorReason; }

private:
    Result fail(quint16 code, QString reason);

    qint64 m_maxMessage;
    bool m_deflate = false;
    bool m_compressedMessage = false; // the message being reassembled had RSV1
    bool m_inFragmentedMessage = false;
    Opcode m_fragmentOpcode = Opcode::Text;
    QByteArray m_fragments;
    qint64 m_fragmentBytes = 0;
    quint16 m_errorCode = 0;
    QString m_errorReason;
};

bool isValidUtf8(QByteArrayView bytes);

} // namespace sender
