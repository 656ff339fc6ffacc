#include "events/WsDeflate.h"

#include "events/WsFrame.h"

#include <cstring>
#include <zlib.h>

namespace sender::wsdeflate {

namespace {

constexpr int kWindowBits = 15;
constexpr char kTail[] = {0x00, 0x00, char(0xff), char(0xff)};

} // namespace

QByteArray compress(QByteArrayView payload)
{
    z_stream z {};
    // Level 6, zlib's default: measured in tests/bench/fanout (README) against the plain frames.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -kWindowBits, 8, Z_DEFAULT_STRATEGY)
        != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&z, uLong(payload.size()))) + 16, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(payload.data()));
    z.avail_in = uInt(payload.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_SYNC_FLUSH);
    const qsizetype produced = out.size() - qsizetype(z.avail_out);
    deflateEnd(&z);
    if (rc != Z_OK || z.avail_in != 0 || produced < 4
        || std::memcmp(out.constData() + produced - 4, kTail, 4) != 0)
        return {};
    out.truncate(produced - 4);
    return out;
}

QByteArray compressedTextFrame(QByteArrayView payload)
{
    const QByteArray compressed = compress(payload);
    if (compressed.isEmpty() && !payload.isEmpty())
        return {};
    const qsizetype header = wsframe::headerSize(compressed.size());
    QByteArray frame(header + compressed.size(), Qt::Uninitialized);
    wsframe::writeHeader(frame.data(), wsframe::Opcode::Text, compressed.size());
    frame[0] = char(quint8(frame[0]) | 0x40); // RSV1: this message is compressed
    std::memcpy(frame.data() + header, compressed.constData(), size_t(compressed.size()));
    return frame;
}

std::optional<QByteArray> decompress(QByteArrayView compressed, qsizetype maxBytes, bool *tooLarge)
{
    *tooLarge = false;
    z_stream z {};
    if (inflateInit2(&z, -kWindowBits) != Z_OK)
        return std::nullopt;
    QByteArray out;
    char chunk[16384];
    bool ok = true;
    // The message, then the tail the sender removed.
    const QByteArrayView parts[] = {compressed, QByteArrayView(kTail, 4)};
    for (const QByteArrayView part : parts) {
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(part.data()));
        z.avail_in = uInt(part.size());
        while (ok && z.avail_in > 0) {
            z.next_out = reinterpret_cast<Bytef *>(chunk);
            z.avail_out = sizeof chunk;
            const int rc = inflate(&z, Z_SYNC_FLUSH);
            const qsizetype produced = qsizetype(sizeof chunk) - qsizetype(z.avail_out);
            if (out.size() + produced > maxBytes) {
                *tooLarge = true;
                ok = false;
                break;
            }
            out.append(chunk, produced);
            // Z_STREAM_END: a final block; whatever follows it is not part of a valid message.
            if (rc == Z_STREAM_END && z.avail_in > 0 && part.data() != kTail)
                ok = false;
            else if (rc == Z_STREAM_END)
                break;
            else if (rc != Z_OK && !(rc == Z_BUF_ERROR && produced > 0))
                ok = false;
        }
    }
    inflateEnd(&z);
    if (!ok)
        return std::nullopt;
    return out;
}

} // namespace sender::wsdeflate
