#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace sender {

// One parsed HTTP/1.x request. Header names are lower-cased; values are as received (trimmed).
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as received, e.g. /2/ws?sources=cam1
    QByteArray path; // target up to '?', still percent-encoded
    QByteArray query; // after '?', still percent-encoded (empty when none)
    int versionMinor = 1; // HTTP/1.<minor>
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The value of a header (name in lower case), repeated headers joined with ", " as RFC 9110
    // allows for list-valued fields. Empty when absent; use hasHeader() to tell.
    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
    int headerCount(QByteArrayView lowerName) const;
    bool wantsKeepAlive() const;
    // Whether a header holds a token in its comma-separated list, case-insensitively
    // ("Connection: keep-alive, Upgrade" holds "upgrade").
    bool headerHasToken(QByteArrayView lowerName, QByteArrayView token) const;
};

struct HttpLimits
{
    qsizetype maxHeadBytes = 16384;
    qsizetype maxHeaders = 100;
    qsizetype maxBodyBytes = 16 * 1024 * 1024; // the most acceptBody() allows any route
    // Trailer fields of a chunked body count against maxHeaders and maxHeadBytes like headers.
};

// Incremental parser for one request at a time. Feed it what arrived; it consumes bytes from the
// front of the buffer as it goes, so pipelined requests stay in the buffer for the next round.
class HttpRequestParser
{
public:
    enum class Status {
        NeedMore, // nothing complete yet
        HeadComplete, // head parsed, body still expected (expectsContinue() may be true)
        Complete, // request() is whole
        Error, // errorStatus()/errorDetail() say why; the connection must be closed after answering
        // The head is parsed and announces a body (Content-Length over 0, or chunked). Nothing of
        // the body is read, and feed() says this again, until the caller, knowing the route, calls
        // acceptBody() (or answers and closes). So a header alone never makes us hold anything.
        BodyAnnounced,
    };

    using Limits = HttpLimits;

    explicit HttpRequestParser(Limits limits = {})
        : m_limits(limits)
    { }

    void setLimits(const Limits &limits) { m_limits = limits; }
    Status feed(QByteArray &buffer);
    // True while at least one byte of the next request has arrived (a started, unfinished head).
    bool inProgress() const { return m_state != State::Head || m_headStarted; }

    // After BodyAnnounced: read the body, at most maxBytes of it (and never more than the limits'
    // maxBodyBytes). A Content-Length over that makes the next feed() an Error with 413.
    void acceptBody(qsizetype maxBytes);
    // After BodyAnnounced: the Content-Length, or -1 for a chunked body (length unknown).
    qint64 announcedBodyBytes() const { return m_chunked ? -1 : m_bodyExpected; }
    // Bytes of a body read so far and held here while the request is unfinished (0 otherwise).
    qsizetype bodyBytesHeld() const;

    const HttpRequest &request() const { return m_request; }
    HttpRequest takeRequest();
    // After HeadComplete: the client sent "Expect: 100-continue" and waits for a 100 response.
    bool expectsContinue() const;

    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorDetail() const { return m_errorDetail; }

    void reset();

private:
    enum class State {
        Head,
        BodyAnnounced,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers,
        Done,
        Failed
    };

    Status fail(int status, QByteArray detail);
    Status parseHead(QByteArrayView head);
    Status feedChunked(QByteArray &buffer);

    Limits m_limits;
    State m_state = State::Head;
    bool m_headStarted = false;
    qsizetype m_scanned = 0; // bytes of the buffer already searched for the end of the head
    qsizetype m_bodyExpected = 0;
    qsizetype m_bodyLimit = 0; // set by acceptBody()
    bool m_chunked = false;
    qsizetype m_chunkLeft = 0;
    qsizetype m_trailerCount = 0;
    qsizetype m_trailerBytes = 0;
    HttpRequest m_request;
    int m_errorStatus = 0;
    QByteArray m_errorDetail;
};

} // namespace sender
