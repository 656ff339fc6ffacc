// Fuzzes ClientFrameScanner, which walks the frame headers a monitoring-stream client sends in
// front of QWebSocket's reader (MonitorSocket) and refuses an unmasked frame with 1002. It must
// stay in step with the frames whatever they hold, however the network cuts them: every cut gives
// the same verdict at the same byte and the same number of frames, and both agree with a plain
// reference walk of RFC 6455 section 5.2's header layout written here from the RFC, not from the
// scanner.
#include "FuzzChunks.h"
#include "monitor/ClientFrameScanner.h"

#include <cstddef>
#include <cstdint>

namespace {

using sender::ClientFrameScanner;

struct Outcome
{
    bool unmasked = false;
    qsizetype stoppedAt = -1; // the byte at which an unmasked frame was seen
    quint64 frames = 0;
    quint64 payloadLeft = 0;
};

bool operator==(const Outcome &a, const Outcome &b)
{
    return a.unmasked == b.unmasked && a.stoppedAt == b.stoppedAt && a.frames == b.frames
        && a.payloadLeft == b.payloadLeft;
}

// As MonitorSocket feeds it: payload bytes are skipped in bulk, header bytes pushed one by one.
Outcome scan(const std::vector<QByteArrayView> &chunks)
{
    ClientFrameScanner scanner;
    Outcome out;
    qsizetype offset = 0;
    for (const QByteArrayView chunk : chunks) {
        qsizetype at = 0;
        while (at < chunk.size()) {
            if (scanner.payloadLeft() > 0) {
                const quint64 n = qMin<quint64>(scanner.payloadLeft(), quint64(chunk.size() - at));
                scanner.skip(n);
                at += qsizetype(n);
                continue;
            }
            if (scanner.push(quint8(chunk[at])) == ClientFrameScanner::Verdict::Unmasked) {
                out.unmasked = true;
                out.stoppedAt = offset + at;
                out.frames = scanner.frames();
                return out;
            }
            ++at;
        }
        offset += chunk.size();
    }
    out.frames = scanner.frames();
    out.payloadLeft = scanner.payloadLeft();
    return out;
}

// The reference: walk whole frames over all the bytes at once.
Outcome reference(QByteArrayView data)
{
    Outcome out;
    qsizetype at = 0;
    for (;;) {
        if (data.size() - at < 2)
            return out;
        const quint8 second = quint8(data[at + 1]);
        if ((second & 0x80) == 0) {
            out.unmasked = true;
            out.stoppedAt = at + 1;
            return out;
        }
        const quint8 length7 = second & 0x7f;
        const qsizetype extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        const qsizetype header = 2 + extended + 4;
        if (data.size() - at < header)
            return out;
        quint64 payload = length7;
        if (extended > 0) {
            payload = 0;
            for (qsizetype i = 0; i < extended; ++i)
                payload = (payload << 8) | quint8(data[at + 2 + i]);
        }
        ++out.frames;
        at += header;
        const quint64 available = quint64(data.size() - at);
        if (payload > available) {
            out.payloadLeft = payload - available;
            return out;
        }
        at += qsizetype(payload);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const Outcome expected = reference(input);
    for (const std::vector<QByteArrayView> &cut : fuzz::chunkings(input))
        fuzz::check(scan(cut) == expected);
    return 0;
}
