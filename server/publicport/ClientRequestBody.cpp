// The request-body half of ClientConnection (issue 18, finding 4): a body is read only when its
// route takes one, only as its bytes arrive, and what unfinished bodies hold across all
// connections has a bound, so heads announcing large bodies cannot make the server hold memory.
#include "http/RequestId.h"
#include "http/Router.h"
#include "publicport/BodyAdmission.h"
#include "publicport/ClientConnection.h"
#include "publicport/ConnectionServer.h"
#include "publicport/WsLog.h"

namespace sender {

bool ClientConnection::admitAnnouncedBody()
{
    const HttpRequest &head = m_parser.request();
    const Router::Match match = m_server->router()->match(head.method, head.path);
    const BodyAdmission admission = m_refusal
        ? BodyAdmission {*m_refusal, 0}
        : admitBody(match, head, m_parser.announcedBodyBytes());
    if (!admission.refusal) {
        m_parser.acceptBody(qsizetype(admission.maxBytes));
        return true;
    }
    // Answered from the head alone; the body is never read, so the connection cannot go on.
    const QByteArray clientRequestId = head.header("luna-request-id");
    m_requestId = head.headerCount("luna-request-id") == 1 && requestid::isValid(clientRequestId)
        ? clientRequestId
        : requestid::generate();
    m_route = QString::fromLatin1(match.route);
    m_headRequest = head.method == "HEAD";
    if (admission.refusal->httpStatus == 405)
        m_allow = match.allow;
    qCInfo(lcWs, "[%s] %s: %s %s with a body refused: %d %s", m_requestId.constData(),
           qUtf8Printable(peer()), head.method.constData(), head.path.left(200).constData(),
           admission.refusal->httpStatus, qUtf8Printable(admission.refusal->detail));
    respondError(*admission.refusal, false);
    m_allow.clear();
    return false;
}

bool ClientConnection::holdBody(HttpRequestParser::Status status)
{
    // Only unfinished requests count: a complete one is handled and let go at once.
    const qint64 held =
        status == HttpRequestParser::Status::Complete || status == HttpRequestParser::Status::Error
        ? 0
        : qint64(m_parser.bodyBytesHeld());
    if (held == m_bodyHeld)
        return true;
    const bool within = m_server->holdBodyBytes(m_bodyHeld, held);
    m_bodyHeld = held;
    if (within)
        return true;
    qCInfo(lcWs,
           "%s: request refused, unfinished request bodies hold %lld bytes (over "
           "SERVER.MAX_PENDING_BODY_BYTES)",
           qUtf8Printable(peer()), m_server->pendingBodyBytes());
    m_requestId = requestid::generate();
    m_route.clear();
    m_headRequest = false;
    respondError(ApiError::serverBusy(QStringLiteral(
                     "the server holds too many unfinished request bodies; retry later")),
                 false);
    return false;
}

void ClientConnection::releaseBody()
{
    if (m_bodyHeld != 0)
        m_server->holdBodyBytes(m_bodyHeld, 0);
    m_bodyHeld = 0;
}

void ClientConnection::sendContinueIfAsked()
{
    if (m_parser.expectsContinue() && !m_sentContinue) {
        m_transport->queue().pushUnbounded(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        m_transport->flush();
        m_sentContinue = true;
    }
}

} // namespace sender
