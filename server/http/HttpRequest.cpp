#include "http/HttpRequest.h"

#include "http/HttpSyntax.h"
#include "util/Bytes.h"

#include <algorithm>

namespace sender {

using httpsyntax::fieldLineProblem;
using httpsyntax::isToken;

namespace {

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    QByteArray result;
    bool first = true;
    for (const auto &[name, value] : headers) {
        if (name != lowerName)
            continue;
        if (!first)
            result += ", ";
        result += value;
        first = false;
    }
    return result;
}

bool HttpRequest::hasHeader(QByteArrayView lowerName) const
{
    return headerCount(lowerName) > 0;
}

int HttpRequest::headerCount(QByteArrayView lowerName) const
{
    return int(std::count_if(headers.cbegin(), headers.cend(),
                             [&](const auto &h) { return h.first == lowerName; }));
}

bool HttpRequest::headerHasToken(QByteArrayView lowerName, QByteArrayView token) const
{
    for (const auto &[name, value] : headers) {
        if (name != lowerName)
            continue;
        for (QByteArrayView item : splitView(value, ',')) {
            if (equalsIgnoreCase(trimmedView(item), token))
                return true;
        }
    }
    return false;
}

bool HttpRequest::wantsKeepAlive() const
{
    if (headerHasToken("connection", "close"))
        return false;
    if (versionMinor == 0)
        return headerHasToken("connection", "keep-alive");
    return true;
}

bool HttpRequestParser::expectsContinue() const
{
    return (m_state == State::Body || m_state == State::ChunkSize)
        && m_request.headerHasToken("expect", "100-continue");
}

void HttpRequestParser::reset()
{
    m_state = State::Head;
    m_headStarted = false;
    m_scanned = 0;
    m_bodyExpected = 0;
    m_bodyLimit = 0;
    m_chunked = false;
    m_chunkLeft = 0;
    m_trailerCount = 0;
    m_trailerBytes = 0;
    m_request = HttpRequest();
    m_errorStatus = 0;
    m_errorDetail.clear();
}

void HttpRequestParser::acceptBody(qsizetype maxBytes)
{
    if (m_state != State::BodyAnnounced)
        return;
    m_bodyLimit = std::min(maxBytes, m_limits.maxBodyBytes);
    if (!m_chunked && m_bodyExpected > m_bodyLimit) {
        fail(413,
             "the body of " + QByteArray::number(m_bodyExpected) + " bytes exceeds "
                 + QByteArray::number(m_bodyLimit) + " bytes");
        return;
    }
    m_state = m_chunked ? State::ChunkSize : State::Body;
}

qsizetype HttpRequestParser::bodyBytesHeld() const
{
    switch (m_state) {
    case State::Body:
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkEnd:
    case State::Trailers:
        return m_request.body.size();
    default:
        return 0;
    }
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest r = std::move(m_request);
    reset();
    return r;
}

HttpRequestParser::Status HttpRequestParser::fail(int status, QByteArray detail)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorDetail = std::move(detail);
    return Status::Error;
}

HttpRequestParser::Status HttpRequestParser::feed(QByteArray &buffer)
{
    if (m_state == State::Failed)
        return Status::Error;
    if (m_state == State::Done)
        return Status::Complete;

    if (m_state == State::Head) {
        // RFC 9112 2.2: empty lines (CRLF) before the request line are ignored. Only whole CRLF
        // pairs: a bare LF is an error here as everywhere in the head.
        qsizetype skip = 0;
        while (skip + 1 < buffer.size() && buffer[skip] == '\r' && buffer[skip + 1] == '\n')
            skip += 2;
        if (skip > 0) {
            buffer.remove(0, skip);
            m_scanned = 0;
        }
        if (buffer.isEmpty() || buffer == "\r")
            return Status::NeedMore;
        m_headStarted = true;

        // Find the blank line that ends the head. Every line ends in CRLF: RFC 9112 2.2 lets a
        // recipient accept a bare LF, but a proxy in front that does not would read a different
        // request out of the same bytes (the stuff of request smuggling), so it is refused. A bare
        // CR inside a line fails the character checks of parseHead().
        // Only within the head's limit: whatever lies beyond it (a bare LF, the end) cannot make
        // an oversized head anything but 431, and the answer must not depend on how the bytes
        // were cut into reads (fuzz_http_request compares them).
        const qsizetype scanEnd = std::min<qsizetype>(buffer.size(), m_limits.maxHeadBytes);
        qsizetype end = -1;
        for (qsizetype i = std::max<qsizetype>(0, m_scanned - 3); i < scanEnd; ++i) {
            if (buffer[i] != '\n')
                continue;
            if (i == 0 || buffer[i - 1] != '\r')
                return fail(400,
                            "a line of the request head ends in a bare LF (lines end in CRLF)");
            if (i >= 3 && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                end = i - 3;
                break;
            }
        }
        constexpr qsizetype terminator = 4; // CRLF CRLF
        if (end < 0) {
            m_scanned = scanEnd;
            if (buffer.size() > m_limits.maxHeadBytes)
                return fail(431,
                            "the request line and headers exceed "
                                + QByteArray::number(m_limits.maxHeadBytes) + " bytes");
            return Status::NeedMore;
        }
        if (end + terminator > m_limits.maxHeadBytes)
            return fail(431,
                        "the request line and headers exceed "
                            + QByteArray::number(m_limits.maxHeadBytes) + " bytes");
        const Status status = parseHead(QByteArrayView(buffer).first(end));
        buffer.remove(0, end + terminator);
        m_scanned = 0;
        if (status == Status::Error)
            return status;
        if (!m_chunked && m_bodyExpected == 0) {
            m_state = State::Done;
            return Status::Complete;
        }
        // Nothing is reserved because of what a header says: the caller decides first whether
        // this route takes a body at all, and how much of one.
        m_state = State::BodyAnnounced;
        return Status::BodyAnnounced;
    }
    if (m_state == State::BodyAnnounced)
        return Status::BodyAnnounced;

    if (m_state != State::Body)
        return feedChunked(buffer);
    // The body grows as its bytes arrive (QByteArray grows geometrically), never ahead of them.
    const qsizetype take =
        std::min<qsizetype>(buffer.size(), m_bodyExpected - m_request.body.size());
    m_request.body.append(buffer.constData(), take);
    buffer.remove(0, take);
    if (m_request.body.size() < m_bodyExpected)
        return Status::HeadComplete;
    m_state = State::Done;
    return Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::parseHead(QByteArrayView head)
{
    // Every '\n' of the head follows a '\r' (checked while scanning): split on CRLF. The last
    // line lost its CRLF with the terminator, so a '\r' it still ends in is a bare CR, left for
    // the character checks to refuse.
    QList<QByteArrayView> lines;
    for (QByteArrayView line : splitView(head, '\n'))
        lines.append(line);
    for (qsizetype i = 0; i + 1 < lines.size(); ++i)
        lines[i].chop(1);
    if (lines.isEmpty())
        return fail(400, "empty request");

    const QByteArrayView requestLine = lines.first();
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return fail(400, "malformed request line");
    const QByteArrayView method = requestLine.first(sp1);
    QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method))
        return fail(400, "malformed method");
    if (version == "HTTP/1.1")
        m_request.versionMinor = 1;
    else if (version == "HTTP/1.0")
        m_request.versionMinor = 0;
    else if (version.startsWith("HTTP/"))
        return fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
    else
        return fail(400, "malformed HTTP version");
    for (char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) == 0x7f)
            return fail(400, "control character in the request target");
    }
    // Absolute form (a proxy-style target): keep only the path and query.
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const qsizetype slash = target.indexOf('/', target.indexOf("//") + 2);
        target = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
    }
    if (!target.startsWith('/'))
        return fail(400, "the request target must start with '/'");

    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    const qsizetype q = target.indexOf('?');
    m_request.path = (q < 0 ? target : target.first(q)).toByteArray();
    m_request.query = q < 0 ? QByteArray() : target.sliced(q + 1).toByteArray();
    if (const qsizetype hash = m_request.query.indexOf('#'); hash >= 0)
        m_request.query.truncate(hash);

    if (lines.size() - 1 > m_limits.maxHeaders)
        return fail(431, "more than " + QByteArray::number(m_limits.maxHeaders) + " headers");
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        if (const QByteArray problem = fieldLineProblem(line); !problem.isEmpty())
            return fail(400, problem);
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView value = trimmedView(line.sliced(colon + 1));
        m_request.headers.append({line.first(colon).toByteArray().toLower(), value.toByteArray()});
    }

    if (m_request.hasHeader("transfer-encoding")) {
        // Only chunked is understood, and it must be the one coding (RFC 9112 6.1); with a
        // Content-Length as well the message is ambiguous, the stuff of request smuggling.
        if (m_request.header("transfer-encoding").trimmed().toLower() != "chunked")
            return fail(501, "only the chunked Transfer-Encoding is supported");
        if (m_request.hasHeader("content-length"))
            return fail(400, "both Transfer-Encoding and Content-Length");
        if (m_request.versionMinor == 0)
            return fail(400, "Transfer-Encoding in an HTTP/1.0 request");
        m_chunked = true;
        return Status::HeadComplete;
    }
    if (m_request.hasHeader("content-length")) {
        // Repeated identical values are tolerated (RFC 9110 8.6); differing ones are not.
        QByteArray first;
        for (const auto &[name, value] : m_request.headers) {
            if (name != "content-length")
                continue;
            if (!first.isNull() && value != first)
                return fail(400, "conflicting Content-Length headers");
            first = value;
        }
        bool ok = !first.isEmpty() && std::all_of(first.cbegin(), first.cend(), [](char c) {
            return c >= '0' && c <= '9';
        });
        const qint64 length = ok && first.size() <= 18 ? first.toLongLong(&ok) : -1;
        if (!ok || length < 0)
            return fail(400, "malformed Content-Length");
        if (length > m_limits.maxBodyBytes)
            return fail(413,
                        "the body of " + QByteArray::number(length) + " bytes exceeds "
                            + QByteArray::number(m_limits.maxBodyBytes) + " bytes");
        m_bodyExpected = qsizetype(length);
    }
    return Status::HeadComplete;
}

} // namespace sender
