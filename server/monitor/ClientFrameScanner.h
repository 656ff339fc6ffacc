#pragma once

#include <QtGlobal>

namespace sender {

// Follows the frames a WebSocket client sends, header by header, without keeping any of them:
// each header's bytes go in one at a time, the payload is only counted and skipped. It answers one
// question QWebSocket 6.4 never asks: is every client frame masked (RFC 6455 5.1)? Everything else
// (reserved bits, opcodes, control frame rules, sizes) QWebSocket checks itself; the scanner only
// has to stay in step with the frames, so it accepts whatever header follows.
class ClientFrameScanner
{
public:
    enum class Verdict { Fine, Unmasked };

    // Payload bytes of the current frame still to come: skip() them without looking at them.
    quint64 payloadLeft() const { return m_payloadLeft; }
    void skip(quint64 n) { m_payloadLeft -= qMin(n, m_payloadLeft); }
    // One byte of a frame header (only while payloadLeft() is 0).
    Verdict push(quint8 byte);
    // Frames whose header has been read completely.
    quint64 frames() const { return m_frames; }

private:
    quint8 m_header[14] = {};
    int m_have = 0; // header bytes seen of the current frame
    int m_need = 2; // header length, once byte 2 told it
    quint64 m_payloadLeft = 0;
    quint64 m_frames = 0;
};

} // namespace sender
