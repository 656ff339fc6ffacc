#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace sender::wsframe {

// Server-to-client WebSocket frames (RFC 6455): unmasked, FIN set, no extensions.
enum class Opcode : quint8 { Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// Control frames carry at most this many payload bytes (RFC 6455 section 5.5).
inline constexpr qsizetype kMaxControlPayload = 125;

constexpr qsizetype headerSize(qsizetype payloadSize) noexcept
{
    return payloadSize <= 125 ? 2 : payloadSize <= 0xFFFF ? 4 : 10;
}
// Writes the header of a final, unmasked frame into out (room for headerSize() bytes) and
// returns its size.
qsizetype writeHeader(char *out, Opcode opcode, qsizetype payloadSize) noexcept;
// The header size of a frame written by this module, read from its length byte.
qsizetype headerSizeOfFrame(QByteArrayView frame) noexcept;

// How many whole frames written by this module lie back to back in bytes (a queued chunk: one
// frame, or a filter group's batch of them); a truncated last frame counts as one.
qsizetype countFrames(QByteArrayView bytes) noexcept;

QByteArray text(QByteArrayView payload);
// Payloads longer than 125 bytes are truncated (a control frame cannot carry more).
QByteArray ping(QByteArrayView payload = {});
QByteArray pong(QByteArrayView payload);
// reason truncated to fit 125 bytes of payload, never inside a UTF-8 sequence. Code 1005 ("no
// status") must not appear on the wire, so it gives an empty close frame.
QByteArray close(quint16 code, QByteArrayView reasonUtf8);

} // namespace sender::wsframe
