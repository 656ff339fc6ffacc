// The chunked half of HttpRequestParser (RFC 9112 7.1): chunk sizes, data, trailers.
#include "http/HttpRequest.h"
#include "http/HttpSyntax.h"

namespace sender {

using httpsyntax::fieldLineProblem;

HttpRequestParser::Status HttpRequestParser::feedChunked(QByteArray &buffer)
{
    for (;;) {
        switch (m_state) {
        case State::ChunkSize:
        case State::ChunkEnd:
        case State::Trailers: {
            // The bound holds however the line arrives: a line read in one piece must not pass
            // where the same line read in two fails.
            const qsizetype lf = buffer.indexOf('\n');
            if (lf > 4096 || (lf < 0 && buffer.size() > 4096))
                return fail(400, "a chunk line longer than 4096 bytes");
            if (lf < 0)
                return Status::HeadComplete;
            // CRLF only, as in the head (RFC 9112 7.1).
            if (lf == 0 || buffer[lf - 1] != '\r')
                return fail(400,
                            "a line of the chunked body ends in a bare LF (lines end in CRLF)");
            const QByteArrayView line = QByteArrayView(buffer).first(lf - 1);
            if (m_state == State::ChunkEnd) {
                if (!line.isEmpty())
                    return fail(400, "chunk data longer than its size");
                m_state = State::ChunkSize;
            } else if (m_state == State::Trailers) {
                if (line.isEmpty()) {
                    buffer.remove(0, lf + 1);
                    m_state = State::Done;
                    return Status::Complete;
                }
                // Trailer fields are read and ignored, but held to the rules and limits of the
                // head: each a well-formed field line, no more of them than headers, and no more
                // bytes in all than a head may have.
                if (const QByteArray problem = fieldLineProblem(line); !problem.isEmpty())
                    return fail(400, problem + " in the trailer section");
                if (++m_trailerCount > m_limits.maxHeaders)
                    return fail(431,
                                "more than " + QByteArray::number(m_limits.maxHeaders)
                                    + " trailer fields");
                m_trailerBytes += lf + 1;
                if (m_trailerBytes > m_limits.maxHeadBytes)
                    return fail(431,
                                "the trailer section exceeds "
                                    + QByteArray::number(m_limits.maxHeadBytes) + " bytes");
            } else {
                // chunk-size [ chunk-ext ] CRLF: hexadecimal digits and nothing else, except the
                // bad whitespace RFC 9112 7.1.1 allows before a ';' (extensions are ignored).
                const qsizetype semicolon = line.indexOf(';');
                QByteArrayView hex = semicolon < 0 ? line : line.first(semicolon);
                if (semicolon >= 0) {
                    while (!hex.isEmpty() && (hex.back() == ' ' || hex.back() == '\t'))
                        hex.chop(1);
                    for (char c : line.sliced(semicolon)) {
                        if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
                            return fail(400, "control character in a chunk extension");
                    }
                }
                qint64 size = 0;
                if (hex.isEmpty() || hex.size() > 15)
                    return fail(400, "malformed chunk size");
                for (char c : hex) {
                    const int digit = (c >= '0' && c <= '9') ? c - '0'
                        : (c >= 'a' && c <= 'f')             ? c - 'a' + 10
                        : (c >= 'A' && c <= 'F')             ? c - 'A' + 10
                                                             : -1;
                    if (digit < 0)
                        return fail(400, "malformed chunk size");
                    size = size * 16 + digit;
                }
                if (m_request.body.size() + size > m_bodyLimit)
                    return fail(413,
                                "the body exceeds " + QByteArray::number(m_bodyLimit) + " bytes");
                m_chunkLeft = qsizetype(size);
                m_state = size == 0 ? State::Trailers : State::ChunkData;
            }
            buffer.remove(0, lf + 1);
            break;
        }
        case State::ChunkData: {
            if (buffer.isEmpty())
                return Status::HeadComplete;
            const qsizetype take = std::min(buffer.size(), m_chunkLeft);
            m_request.body.append(buffer.constData(), take);
            buffer.remove(0, take);
            m_chunkLeft -= take;
            if (m_chunkLeft == 0)
                m_state = State::ChunkEnd;
            break;
        }
        default:
            return fail(400, "unexpected parser state");
        }
    }
}

} // namespace sender
