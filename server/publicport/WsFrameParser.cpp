#include "publicport/WsFrameParser.h"

#include "events/WsDeflate.h"

#include <cstring>

namespace sender {

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        unsigned int cp;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000)
            || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        p += extra + 1;
    }
    return true;
}

WsFrameParser::Result WsFrameParser::fail(quint16 code, QString reason)
{
    m_errorCode = code;
    m_errorReason = std::move(reason);
    return Result::Error;
}

WsFrameParser::Result WsFrameParser::next(QByteArray &inbox, Message *out)
{
    if (m_errorCode)
        return Result::Error;
    for (;;) {
        if (inbox.size() < 2)
            return Result::NeedMore;
        const auto *b = reinterpret_cast<const unsigned char *>(inbox.constData());
        const bool fin = b[0] & 0x80;
        const quint8 rsv = b[0] & 0x70;
        const quint8 op = b[0] & 0x0F;
        const bool masked = b[1] & 0x80;
        quint64 length = b[1] & 0x7F;
        qsizetype header = 2;
        const bool control = op >= 8;
        // RSV1 is permessage-deflate's "compressed" bit: on the first frame of a data message
        // only, never on a control frame or a continuation (RFC 7692 section 6.1).
        const bool compressedBit = m_deflate && rsv == 0x40 && op != 0 && !control;
        if (rsv && !compressedBit)
            return fail(1002,
                        m_deflate ? QStringLiteral("reserved bits set where "
                                                   "permessage-deflate allows none")
                                  : QStringLiteral("reserved bits set without a "
                                                   "negotiated extension"));
        if (!masked)
            return fail(1002, QStringLiteral("client frames must be masked"));
        if (op != 0 && op != 1 && op != 2 && op != 8 && op != 9 && op != 10)
            return fail(1002, QStringLiteral("unknown opcode %1").arg(op));
        if (control && (!fin || length > 125))
            return fail(1002, QStringLiteral("control frames must be final and at most 125 bytes"));
        if (length == 126) {
            if (inbox.size() < 4)
                return Result::NeedMore;
            length = (quint64(b[2]) << 8) | b[3];
            header = 4;
            if (length < 126)
                return fail(1002, QStringLiteral("non-minimal length encoding"));
        } else if (length == 127) {
            if (inbox.size() < 10)
                return Result::NeedMore;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | b[i];
            header = 10;
            if (length >> 63)
                return fail(1002, QStringLiteral("frame length has the most significant bit set"));
            if (length <= 0xFFFF)
                return fail(1002, QStringLiteral("non-minimal length encoding"));
        }
        if (!control) {
            const bool continuation = op == 0;
            if (continuation && !m_inFragmentedMessage)
                return fail(1002,
                            QStringLiteral("continuation frame without a message to continue"));
            if (!continuation && m_inFragmentedMessage)
                return fail(1002, QStringLiteral("new message before the fragmented one ended"));
            const quint64 total = quint64(continuation ? m_fragmentBytes : 0) + length;
            if (total > quint64(m_maxMessage))
                return fail(1009, QStringLiteral("message larger than %1 bytes").arg(m_maxMessage));
        }
        const qsizetype frameSize = header + 4 + qsizetype(length);
        if (inbox.size() < frameSize)
            return Result::NeedMore;

        unsigned char mask[4];
        std::memcpy(mask, b + header, 4);
        QByteArray payload(inbox.constData() + header + 4, qsizetype(length));
        char *p = payload.data();
        for (qsizetype i = 0; i < payload.size(); ++i)
            p[i] = char(p[i] ^ mask[i & 3]);
        inbox.remove(0, frameSize);

        if (control) {
            out->opcode = Opcode(op);
            out->payload = std::move(payload);
            if (out->opcode == Opcode::Close && !out->payload.isEmpty()) {
                if (out->payload.size() == 1)
                    return fail(1002, QStringLiteral("close frame with a one-byte payload"));
                const auto *c = reinterpret_cast<const unsigned char *>(out->payload.constData());
                const int code = (c[0] << 8) | c[1];
                const bool validCode = (code >= 1000 && code <= 1003)
                    || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
                if (!validCode)
                    return fail(1002, QStringLiteral("invalid close code %1").arg(code));
                if (!isValidUtf8(QByteArrayView(out->payload).sliced(2)))
                    return fail(1007, QStringLiteral("close reason is not valid UTF-8"));
            }
            return Result::Message;
        }

        if (op != 0) {
            m_inFragmentedMessage = true;
            m_compressedMessage = compressedBit;
            m_fragmentOpcode = Opcode(op);
            m_fragments.clear();
            m_fragmentBytes = 0;
        }
        // Binary payloads are ignored, so only text needs to be kept (for the UTF-8 check);
        // a compressed message is kept whole, to be inflated.
        if (m_fragmentOpcode == Opcode::Text || m_compressedMessage)
            m_fragments += payload;
        m_fragmentBytes += qint64(length);
        if (!fin)
            continue;
        m_inFragmentedMessage = false;
        out->opcode = m_fragmentOpcode;
        out->payload = std::move(m_fragments);
        m_fragments = QByteArray();
        m_fragmentBytes = 0;
        if (std::exchange(m_compressedMessage, false)) {
            bool tooLarge = false;
            std::optional<QByteArray> plain =
                wsdeflate::decompress(out->payload, qsizetype(m_maxMessage), &tooLarge);
            if (tooLarge)
                return fail(1009, QStringLiteral("message larger than %1 bytes").arg(m_maxMessage));
            if (!plain)
                return fail(1007, QStringLiteral("compressed message is not valid DEFLATE"));
            out->payload = out->opcode == Opcode::Text ? std::move(*plain) : QByteArray();
        }
        if (out->opcode == Opcode::Text && !isValidUtf8(out->payload))
            return fail(1007, QStringLiteral("text message is not valid UTF-8"));
        return Result::Message;
    }
}

} // namespace sender
