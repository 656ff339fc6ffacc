// Fuzzes WsFrameParser with the client-to-server byte stream of one connection, cut into pieces as
// the network may cut it. Beyond "never crash": every cut gives the same messages and the same
// close code; what it accepts respects RFC 6455 and our bound (text is valid UTF-8 by the other,
// independent validator of the code base, control payloads at most 125 bytes, messages within
// maxMessageBytes); and the two UTF-8 validators agree on every input.
#include "FuzzChunks.h"
#include "events/Utf8.h"
#include "publicport/WsFrameParser.h"

#include <QList>

#include <cstddef>
#include <cstdint>

namespace {

using sender::WsFrameParser;
constexpr qint64 kMaxMessage = 512;

struct Outcome
{
    QList<WsFrameParser::Message> messages;
    quint16 closeCode = 0;
};

void checkMessage(const WsFrameParser::Message &m)
{
    using Op = WsFrameParser::Opcode;
    switch (m.opcode) {
    case Op::Text:
        fuzz::check(sender::utf8::isValid(m.payload));
        fuzz::check(m.payload.size() <= kMaxMessage);
        break;
    case Op::Binary:
        fuzz::check(m.payload.isEmpty()); // binary payloads are ignored, not kept
        break;
    case Op::Close:
        fuzz::check(m.payload.size() != 1);
        if (m.payload.size() >= 2) {
            const int code = (uchar(m.payload[0]) << 8) | uchar(m.payload[1]);
            fuzz::check(code >= 1000 && code != 1004 && code != 1005 && code != 1006
                        && code < 5000);
            fuzz::check(sender::utf8::isValid(QByteArrayView(m.payload).sliced(2)));
        }
        Q_FALLTHROUGH();
    case Op::Ping:
    case Op::Pong:
        fuzz::check(m.payload.size() <= 125);
        break;
    case Op::Continuation:
        fuzz::check(false); // reassembled messages never surface as continuations
        break;
    }
}

Outcome run(const std::vector<QByteArrayView> &chunks)
{
    WsFrameParser parser(kMaxMessage);
    QByteArray inbox;
    Outcome out;
    for (const QByteArrayView chunk : chunks) {
        inbox.append(chunk);
        for (;;) {
            WsFrameParser::Message message;
            const WsFrameParser::Result result = parser.next(inbox, &message);
            if (result == WsFrameParser::Result::NeedMore)
                break;
            if (result == WsFrameParser::Result::Error) {
                out.closeCode = parser.errorCloseCode();
                fuzz::check(out.closeCode == 1002 || out.closeCode == 1007
                            || out.closeCode == 1009);
                fuzz::check(!parser.errorReason().isEmpty());
                fuzz::check(parser.next(inbox, &message) == WsFrameParser::Result::Error);
                return out;
            }
            checkMessage(message);
            out.messages.append(message);
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzz::check(sender::isValidUtf8(input) == sender::utf8::isValid(input));

    const std::vector<std::vector<QByteArrayView>> cuts = fuzz::chunkings(input);
    const Outcome whole = run(cuts.front());
    for (size_t i = 1; i < cuts.size(); ++i) {
        const Outcome other = run(cuts[i]);
        fuzz::check(other.closeCode == whole.closeCode);
        fuzz::check(other.messages.size() == whole.messages.size());
        for (qsizetype m = 0; m < whole.messages.size(); ++m) {
            fuzz::check(other.messages[m].opcode == whole.messages[m].opcode);
            fuzz::check(other.messages[m].payload == whole.messages[m].payload);
        }
    }
    return 0;
}
