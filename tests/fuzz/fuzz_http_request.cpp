// Fuzzes HttpRequestParser the way ClientConnection drives it: bytes arrive in pieces, complete
// requests are taken as they come (pipelining), the first error ends the connection. Beyond
// "never crash": every way of cutting the same bytes gives the same requests and the same error,
// and what the parser accepts is well-formed (a target starting with '/', lower-case token header
// names, a body of exactly Content-Length bytes or a chunked one, nothing over the limits).
#include "FuzzChunks.h"
#include "http/HttpRequest.h"

#include <cstddef>
#include <cstdint>

namespace {

using sender::HttpRequest;
using sender::HttpRequestParser;

const sender::HttpLimits kLimits {/*maxHeadBytes*/ 1024, /*maxHeaders*/ 16, /*maxBodyBytes*/ 2048};

struct Outcome
{
    QList<HttpRequest> requests;
    int errorStatus = 0;
    bool inProgress = false;
};

bool sameRequest(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query
        && a.versionMinor == b.versionMinor && a.headers == b.headers && a.body == b.body;
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

void checkRequest(const HttpRequest &r)
{
    fuzz::check(!r.method.isEmpty());
    fuzz::check(r.path.startsWith('/') && !r.path.contains('?'));
    fuzz::check(r.target.startsWith(r.path));
    fuzz::check(!r.query.contains('#'));
    fuzz::check(r.versionMinor == 0 || r.versionMinor == 1);
    fuzz::check(r.headers.size() <= kLimits.maxHeaders);
    qsizetype headBytes = r.target.size();
    for (const auto &[name, value] : r.headers) {
        fuzz::check(!name.isEmpty());
        for (char c : name)
            fuzz::check(isTokenChar(c)); // lower-cased tokens
        for (char c : value)
            fuzz::check((uchar(c) >= 0x20 && uchar(c) != 0x7f) || c == '\t');
        fuzz::check(value.isEmpty()
                    || (value.front() != ' ' && value.front() != '\t' && value.back() != ' '
                        && value.back() != '\t'));
        headBytes += name.size() + value.size();
    }
    fuzz::check(headBytes <= kLimits.maxHeadBytes);
    // Transfer-Encoding only as the single coding chunked, never with Content-Length.
    const bool chunked = r.hasHeader("transfer-encoding");
    if (chunked) {
        fuzz::check(r.header("transfer-encoding").trimmed().toLower() == "chunked");
        fuzz::check(!r.hasHeader("content-length") && r.versionMinor == 1);
    }
    fuzz::check(r.body.size() <= kLimits.maxBodyBytes);
    QByteArray length;
    for (const auto &[name, value] : r.headers) {
        if (name == "content-length") {
            fuzz::check(length.isNull() || value == length); // conflicting ones are refused
            length = value;
        }
    }
    if (!chunked)
        fuzz::check(length.isNull() ? r.body.isEmpty() : r.body.size() == length.toLongLong());
    // The accessors ClientConnection uses must cope with whatever was accepted.
    (void)r.wantsKeepAlive();
    (void)r.headerHasToken("connection", "upgrade");
    (void)r.header("luna-request-id");
}

Outcome run(const std::vector<QByteArrayView> &chunks)
{
    HttpRequestParser parser(kLimits);
    QByteArray inbox;
    Outcome out;
    for (const QByteArrayView chunk : chunks) {
        inbox.append(chunk);
        while (!inbox.isEmpty()) {
            const HttpRequestParser::Status status = parser.feed(inbox);
            if (status == HttpRequestParser::Status::NeedMore
                || status == HttpRequestParser::Status::HeadComplete)
                break;
            if (status == HttpRequestParser::Status::BodyAnnounced) {
                // Nothing of the body is held before the caller accepts it; every body is
                // accepted here, at the parser's own limit.
                fuzz::check(parser.bodyBytesHeld() == 0 && parser.request().body.isEmpty());
                parser.acceptBody(kLimits.maxBodyBytes);
                continue;
            }
            if (status == HttpRequestParser::Status::Error) {
                out.errorStatus = parser.errorStatus();
                fuzz::check(!parser.errorDetail().isEmpty());
                // Sticky: the connection is answered and closed.
                fuzz::check(parser.feed(inbox) == HttpRequestParser::Status::Error);
                return out;
            }
            const HttpRequest request = parser.takeRequest();
            checkRequest(request);
            out.requests.append(request);
        }
    }
    out.inProgress = parser.inProgress();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::vector<std::vector<QByteArrayView>> cuts = fuzz::chunkings(input);
    const Outcome whole = run(cuts.front());
    switch (whole.errorStatus) {
    case 0:
    case 400:
    case 413:
    case 431:
    case 501:
    case 505:
        break;
    default:
        fuzz::check(false);
    }
    for (size_t i = 1; i < cuts.size(); ++i) {
        const Outcome other = run(cuts[i]);
        fuzz::check(other.errorStatus == whole.errorStatus);
        fuzz::check(other.inProgress == whole.inProgress);
        fuzz::check(other.requests.size() == whole.requests.size());
        for (qsizetype r = 0; r < whole.requests.size(); ++r)
            fuzz::check(sameRequest(other.requests[r], whole.requests[r]));
    }
    return 0;
}
