#include "events/WsFrame.h"

#include <cstring>

namespace sender::wsframe {

namespace {

QByteArray frame(Opcode opcode, QByteArrayView head, QByteArrayView payload)
{
    const qsizetype size = head.size() + payload.size();
    QByteArray bytes(headerSize(size) + size, Qt::Uninitialized);
    char *out = bytes.data();
    out += writeHeader(out, opcode, size);
    if (!head.isEmpty())
        std::memcpy(out, head.data(), size_t(head.size()));
    if (!payload.isEmpty())
        std::memcpy(out + head.size(), payload.data(), size_t(payload.size()));
    return bytes;
}

} // namespace

qsizetype writeHeader(char *out, Opcode opcode, qsizetype payloadSize) noexcept
{
    out[0] = char(0x80 | quint8(opcode));
    if (payloadSize <= 125) {
        out[1] = char(payloadSize);
        return 2;
    }
    if (payloadSize <= 0xFFFF) {
        out[1] = char(126);
        out[2] = char(payloadSize >> 8);
        out[3] = char(payloadSize & 0xFF);
        return 4;
    }
    out[1] = char(127);
    const quint64 size = quint64(payloadSize);
    for (int i = 0; i < 8; ++i)
        out[2 + i] = char((size >> (56 - 8 * i)) & 0xFF);
    return 10;
}

qsizetype headerSizeOfFrame(QByteArrayView frame) noexcept
{
    if (frame.size() < 2)
        return frame.size();
    const quint8 length = quint8(frame[1]) & 0x7F;
    return length == 127 ? 10 : length == 126 ? 4 : 2;
}

QByteArray text(QByteArrayView payload)
{
    return frame(Opcode::Text, {}, payload);
}

QByteArray ping(QByteArrayView payload)
{
    return frame(Opcode::Ping, {}, payload.first(qMin(payload.size(), kMaxControlPayload)));
}

QByteArray pong(QByteArrayView payload)
{
    return frame(Opcode::Pong, {}, payload.first(qMin(payload.size(), kMaxControlPayload)));
}

qsizetype countFrames(QByteArrayView bytes) noexcept
{
    qsizetype frames = 0;
    qsizetype at = 0;
    while (at + 2 <= bytes.size()) {
        const quint8 length = quint8(bytes[at + 1]) & 0x7F;
        qsizetype header = 2;
        quint64 payload = length;
        if (length == 126) {
            header = 4;
            if (at + header > bytes.size())
                return frames + 1;
            payload = (quint64(quint8(bytes[at + 2])) << 8) | quint8(bytes[at + 3]);
        } else if (length == 127) {
            header = 10;
            if (at + header > bytes.size())
                return frames + 1;
            payload = 0;
            for (int i = 2; i < 10; ++i)
                payload = (payload << 8) | quint8(bytes[at + i]);
        }
        ++frames;
        if (payload > quint64(bytes.size() - at - header))
            return frames; // truncated
        at += header + qsizetype(payload);
    }
    return at < bytes.size() ? frames + 1 : frames;
}

QByteArray close(quint16 code, QByteArrayView reasonUtf8)
{
    if (code == 1005)
        return frame(Opcode::Close, {}, {});
    const char head[2] = {char(code >> 8), char(code & 0xFF)};
    qsizetype keep = qMin(reasonUtf8.size(), kMaxControlPayload - 2);
    // Cut before a continuation byte would split a code point (the reason must be valid UTF-8).
    if (keep < reasonUtf8.size()) {
        while (keep > 0 && (quint8(reasonUtf8[keep]) & 0xC0) == 0x80)
            --keep;
    }
    return frame(Opcode::Close, QByteArrayView(head, 2), reasonUtf8.first(keep));
}

} // namespace sender::wsframe
