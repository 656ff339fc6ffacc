#include "publicport/ClientConnection.h"

#include "events/EventMessage.h"
#include "events/WsFrame.h"
#include "fanout/Hub.h"
#include "filters/SubscriptionFilter.h"
#include "http/ApiError.h"
#include "http/HttpResponse.h"
#include "http/RequestId.h"
#include "http/Router.h"
#include "publicport/ConnectionServer.h"
#include "publicport/SweepSchedule.h"
#include "publicport/WsHandshake.h"
#include "publicport/WsLog.h"

namespace sender {

ClientConnection::ClientConnection(ConnectionServer *server, std::unique_ptr<Transport> transport,
                                   quint64 id, std::optional<ApiError> refusal)
    : m_server(server)
    , m_transport(std::move(transport))
    , m_id(id)
    , m_refusal(std::move(refusal))
    , m_parser(server->limits().http)
    , m_frames(server->limits().maxClientMessageBytes)
    , m_connectedAt(QDateTime::currentDateTimeUtc())
{
    m_transport->setHandler(this);
    m_phaseStartMs = m_lastReceivedMs = m_server->nowMs();
}

ClientConnection::~ClientConnection()
{
    releaseBody();
    m_server->hub()->unsubscribe(this);
    m_transport->setHandler(nullptr);
}

void ClientConnection::transportReceived(QByteArray &inbox)
{
    m_lastReceivedMs = m_server->nowMs();
    switch (m_phase) {
    case Phase::Http:
        handleHttp(inbox);
        break;
    case Phase::WebSocket:
        handleWebSocket(inbox);
        break;
    case Phase::Closing:
    case Phase::Closed:
        inbox.clear();
        break;
    }
    // What arrived may have moved a deadline earlier (a request started, a resume's replay).
    m_server->scheduleSweep(this);
}

void ClientConnection::transportClosed()
{
    if (m_phase == Phase::Closed)
        return;
    releaseBody();
    m_server->hub()->unsubscribe(this);
    m_phase = Phase::Closed;
    m_server->connectionClosed(this);
}

bool ClientConnection::transportDrained()
{
    // The next window of its stream; a resume's replay stays ahead of it (it is already queued).
    return m_phase == Phase::WebSocket && m_server->hub()->refill(this);
}

void ClientConnection::flushQueued()
{
    m_transport->flush();
    endReplayAllowance();
}

void ClientConnection::endReplayAllowance()
{
    // A resume's replay went into the queue on top of its bound; once the client has read it
    // down to the bound, the bound is the configured one again.
    if (m_replayAllowance && m_transport->queue().bytes() <= m_server->limits().sendQueueBytes) {
        m_replayAllowance = false;
        m_transport->queue().setLimit(m_server->limits().sendQueueBytes);
    }
}

void ClientConnection::handleHttp(QByteArray &inbox)
{
    while (m_phase == Phase::Http && !inbox.isEmpty()) {
        if (!m_parser.inProgress())
            m_requestStartMs = m_server->nowMs();
        const HttpRequestParser::Status status = m_parser.feed(inbox);
        if (!holdBody(status)) {
            inbox.clear();
            return;
        }
        switch (status) {
        case HttpRequestParser::Status::NeedMore:
            return;
        case HttpRequestParser::Status::BodyAnnounced:
            if (!admitAnnouncedBody()) {
                inbox.clear();
                return;
            }
            if (inbox.isEmpty())
                sendContinueIfAsked(); // the body is all still to come
            continue;
        case HttpRequestParser::Status::HeadComplete:
            sendContinueIfAsked();
            return;
        case HttpRequestParser::Status::Error: {
            const int httpStatus = m_parser.errorStatus();
            const QString detail = QString::fromLatin1(m_parser.errorDetail());
            m_requestId = requestid::generate();
            m_route.clear();
            m_headRequest = false;
            const ApiError error = httpStatus == 431 ? ApiError::headTooLarge(detail)
                : httpStatus == 413                  ? ApiError::payloadTooLarge(detail)
                                    : ApiError::invalidHttpRequest(detail, httpStatus);
            respondError(error, false);
            inbox.clear();
            return;
        }
        case HttpRequestParser::Status::Complete:
            m_sentContinue = false;
            handleRequest(m_parser.takeRequest());
            ++m_requestsServed;
            m_phaseStartMs = m_server->nowMs();
            break;
        }
        // A client that pipelines requests but never reads the answers would grow our queue.
        if (m_transport->queue().bytes() > m_transport->queue().limit()) {
            qCInfo(lcWs, "%s: closing, answers not read (%lld bytes waiting)",
                   qUtf8Printable(peer()), m_transport->queue().bytes());
            m_transport->abort();
            return;
        }
    }
    if (m_phase == Phase::WebSocket && !inbox.isEmpty())
        handleWebSocket(inbox);
}

void ClientConnection::handleRequest(HttpRequest request)
{
    const bool keepAlive = request.wantsKeepAlive();
    const bool headOnly = request.method == "HEAD";
    m_headRequest = headOnly; // error answers to HEAD carry no body either

    const Router::Match match = m_server->router()->match(request.method, request.path);
    m_route = QString::fromLatin1(match.route);

    const int requestIdHeaders = request.headerCount("luna-request-id");
    const QByteArray clientRequestId = request.header("luna-request-id");
    if (requestIdHeaders == 1 && requestid::isValid(clientRequestId)) {
        m_requestId = clientRequestId;
    } else {
        m_requestId = requestid::generate();
        if (requestIdHeaders > 0) {
            if (match.isWebSocket)
                m_server->recordRejectedHandshake(12012);
            respondError(ApiError::badQueryParameter(
                             QStringLiteral("Luna-Request-Id"),
                             QStringLiteral("'Luna-Request-Id' must be one value like "
                                            "'1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a' "
                                            "(unix seconds, a comma, a lower-case UUID)")),
                         keepAlive);
            return;
        }
    }

    if (m_refusal) {
        respondError(*m_refusal, false);
        return;
    }
    if (match.error) {
        if (!match.route.isEmpty() && match.allow.size())
            m_allow = match.allow;
        if (match.isWebSocket || request.path.endsWith("/ws"))
            m_server->recordRejectedHandshake(match.error->code);
        respondError(*match.error, keepAlive);
        m_allow.clear();
        return;
    }
    if (match.isWebSocket && m_server->isDraining()) {
        // The client is to go to another instance: the same answer as a full server's.
        const ApiError error = ApiError::serverBusy(
            QStringLiteral("This instance is draining before it stops; connect again to reach "
                           "another one"));
        m_server->recordRejectedHandshake(error.code);
        respondError(error, false);
        return;
    }
    if (match.isWebSocket) {
        std::variant<Subscription, ApiError> admitted = m_server->gate()->admit(request);
        if (auto *error = std::get_if<ApiError>(&admitted)) {
            m_server->recordRejectedHandshake(error->code);
            qCInfo(lcWs, "[%s] %s: subscription refused: %d %d %s", m_requestId.constData(),
                   qUtf8Printable(peer()), error->httpStatus, error->code,
                   qUtf8Printable(error->detail));
            respondError(*error, keepAlive);
            return;
        }
        if (const auto problem = wshandshake::check(request)) {
            const ApiError error = problem->status == 426
                ? ApiError::upgradeRequired(problem->detail)
                : ApiError::invalidHttpRequest(problem->detail, problem->status);
            m_server->recordRejectedHandshake(error.code);
            respondError(error, keepAlive);
            return;
        }
        upgrade(request, std::get<Subscription>(std::move(admitted)));
        return;
    }

    const RequestContext context {m_requestId, peer().toUtf8()};
    HttpResponse response;
    try {
        response = (*match.handler)(request, context);
    } catch (const std::exception &e) {
        qCCritical(lcWs, "[%s] %s %s failed: %s", m_requestId.constData(),
                   request.method.constData(), request.path.constData(), e.what());
        const ApiError error = ApiError::internal();
        response = HttpResponse::json(error.httpStatus, error.toJson());
    }
    respond(response, keepAlive, headOnly);
}

void ClientConnection::respondError(const ApiError &error, bool keepAlive)
{
    HttpResponse response = HttpResponse::json(error.httpStatus, error.toJson());
    if (error.httpStatus == 405 && !m_allow.isEmpty())
        response.setHeader("Allow", m_allow);
    if (error.httpStatus == 401)
        response.setHeader("WWW-Authenticate", "Bearer realm=\"luna-sender\"");
    if (error.httpStatus == 426) {
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Sec-WebSocket-Version", "13");
    }
    respond(response, keepAlive && error.httpStatus < 500, m_headRequest);
}

void ClientConnection::respond(const HttpResponse &response, bool keepAlive, bool headOnly)
{
    HttpResponse r = response;
    r.setHeader("Luna-Request-Id", m_requestId);
    m_transport->queue().pushUnbounded(r.serialize(keepAlive, headOnly));
    m_server->recordHttp(m_route.isEmpty() ? QStringLiteral("unmatched") : m_route, r.status);
    if (keepAlive) {
        m_transport->flush();
    } else {
        beginClosing();
    }
}

void ClientConnection::upgrade(const HttpRequest &request, Subscription subscription)
{
    Hub *hub = m_server->hub();
    if (auto shared = hub->sharedFilter(subscription.filter->canonicalQuery()))
        subscription.filter = std::move(shared); // equal filter sets share one object
    QByteArray head = "HTTP/1.1 101 Switching Protocols\r\n"
                      "Upgrade: websocket\r\n"
                      "Connection: Upgrade\r\n"
                      "Sec-WebSocket-Accept: "
        + wshandshake::acceptKey(request.header("sec-websocket-key"))
        + "\r\nLuna-Request-Id: " + m_requestId + "\r\n";
    frameVariant = 0;
    if (m_server->limits().compression) {
        if (const std::optional<QByteArray> deflate = wshandshake::negotiateDeflate(request)) {
            head += "Sec-WebSocket-Extensions: " + *deflate + "\r\n";
            frameVariant = quint8(EventMessage::FrameVariant::Deflate);
            m_frames.setDeflate(true);
        }
    }
    // Only a resume (since_event_id, since) says how many events it replays: any other client
    // gets the 101 it always got.
    if (subscription.resumed)
        head += "Luna-Replayed-Events: " + QByteArray::number(subscription.replay.size()) + "\r\n";
    head += "\r\n";
    m_transport->queue().pushUnbounded(head);
    m_transport->queue().setLimit(m_server->limits().sendQueueBytes);
    if (subscription.resumed) {
        // The replay, then the subscription, in this one turn of the engine's thread: the live
        // stream starts exactly after the last replayed event. The frames are shared with the
        // history, so the queue's bound is raised by their size until the client has read them,
        // rather than refusing a replay larger than the bound.
        qint64 bytes = 0;
        for (const QByteArray &frame : std::as_const(subscription.replay)) {
            m_transport->queue().pushUnbounded(frame);
            bytes += frame.size();
        }
        stats.delivered += quint64(subscription.replay.size());
        stats.bytesQueued += quint64(bytes);
        if (bytes > 0) {
            m_replayAllowance = true;
            m_transport->queue().setLimit(m_server->limits().sendQueueBytes + bytes);
        }
        qCInfo(lcWs, "[%s] %s: resumed account %s, %lld events replayed", m_requestId.constData(),
               qUtf8Printable(peer()),
               qUtf8Printable(subscription.account.toString(QUuid::WithoutBraces)),
               subscription.replay.size());
        subscription.replay.clear();
    }
    m_server->recordHttp(m_route, 101);
    m_subscription = std::move(subscription);
    m_phase = Phase::WebSocket;
    m_subscribedAt = QDateTime::currentDateTimeUtc();
    // The first ping after a random half to whole interval (see firstPingDelayMs), then one
    // every interval.
    const qint64 interval = m_server->limits().pingIntervalMs;
    m_lastPingMs = m_server->nowMs() - (interval - firstPingDelayMs(interval));
    hub->subscribe(this, m_subscription.account, m_subscription.filter);
    m_transport->flush();
    m_server->connectionSubscribed(this);
}

void ClientConnection::handleWebSocket(QByteArray &inbox)
{
    while (m_phase == Phase::WebSocket) {
        WsFrameParser::Message message;
        switch (m_frames.next(inbox, &message)) {
        case WsFrameParser::Result::NeedMore:
            return;
        case WsFrameParser::Result::Error:
            inbox.clear();
            qCInfo(lcWs, "[%s] %s: closing: %s", m_requestId.constData(), qUtf8Printable(peer()),
                   qUtf8Printable(m_frames.errorReason()));
            closeWebSocket(m_frames.errorCloseCode(), m_frames.errorReason());
            return;
        case WsFrameParser::Result::Message:
            break;
        }
        m_pingSentMs = -1; // any frame shows the client is alive
        switch (message.opcode) {
        case WsFrameParser::Opcode::Ping:
            // Bounded: a client that floods pings without reading the pongs is a slow consumer.
            if (!m_transport->queue().push(wsframe::pong(message.payload))) {
                closeAsSlowConsumer(QStringLiteral("pongs not read"));
                return;
            }
            m_transport->flush();
            break;
        case WsFrameParser::Opcode::Close: {
            // Echo the code (RFC 6455 5.5.1), then close once it is written.
            quint16 code = 1000;
            if (message.payload.size() >= 2)
                code = quint16((uchar(message.payload[0]) << 8) | uchar(message.payload[1]));
            m_server->hub()->unsubscribe(this);
            if (!m_closeSent) {
                m_transport->queue().pushUnbounded(message.payload.isEmpty()
                                                       ? wsframe::close(1000, {})
                                                       : wsframe::close(code, {}));
                m_closeSent = true;
            }
            m_closeReason = QStringLiteral("client closed (%1)").arg(code);
            inbox.clear();
            beginClosing();
            return;
        }
        case WsFrameParser::Opcode::Pong:
        case WsFrameParser::Opcode::Text:
        case WsFrameParser::Opcode::Binary:
        case WsFrameParser::Opcode::Continuation:
            break; // client messages are read and ignored (the stream is server-to-client)
        }
    }
    inbox.clear();
}

void ClientConnection::closeWebSocket(quint16 code, const QString &reason)
{
    if (m_phase == Phase::Http) {
        beginClosing();
        return;
    }
    if (m_phase != Phase::WebSocket)
        return;
    m_server->hub()->unsubscribe(this);
    if (!m_closeSent) {
        m_transport->queue().pushUnbounded(wsframe::close(code, reason.toUtf8()));
        m_closeSent = true;
    }
    m_closeReason = QStringLiteral("%1 %2").arg(code).arg(reason);
    beginClosing();
}

void ClientConnection::closeAsSlowConsumer(const QString &reason)
{
    if (m_phase != Phase::WebSocket)
        return;
    const ApiError error = ApiError::slowConsumer(reason);
    qCWarning(lcWs, "[%s] %s account %s: error %d (%s): %s", m_requestId.constData(),
              qUtf8Printable(peer()),
              qUtf8Printable(m_subscription.account.toString(QUuid::WithoutBraces)), error.code,
              qUtf8Printable(error.desc), qUtf8Printable(reason));
    // Keep a frame that is half on the wire, or the close frame would land inside it. What is
    // dropped is counted in frames (a chunk may be a filter group's batch of them).
    stats.dropped += quint64(m_transport->queue().clearUnsent(&wsframe::countFrames));
    closeWebSocket(1008, reason);
}

void ClientConnection::beginClosing()
{
    if (m_phase == Phase::Closing || m_phase == Phase::Closed)
        return;
    m_server->hub()->unsubscribe(this);
    releaseBody();
    m_parser.reset(); // an unfinished body is not read any further
    m_phase = Phase::Closing;
    m_phaseStartMs = m_server->nowMs();
    m_transport->closeGracefully();
    m_server->scheduleSweep(this); // the closing timeout is shorter than the others
}

void ClientConnection::shutdown()
{
    if (m_phase == Phase::WebSocket)
        closeWebSocket(1001, QStringLiteral("server shutting down"));
    else
        beginClosing();
}

qint64 ClientConnection::nextSweepMs() const
{
    // The first moment at which a condition in sweep() can hold ("> timeout" needs one ms more).
    const ServerLimits &limits = m_server->limits();
    switch (m_phase) {
    case Phase::Http:
        if (m_parser.inProgress())
            return m_requestStartMs + limits.requestTimeoutMs + 1;
        return m_phaseStartMs
            + (m_requestsServed == 0 ? limits.requestTimeoutMs : limits.keepAliveTimeoutMs) + 1;
    case Phase::WebSocket:
        if (m_replayAllowance)
            return m_server->nowMs(); // looked at every tick until the replay is read
        if (m_pingSentMs >= 0)
            return m_pingSentMs + limits.pongTimeoutMs + 1;
        return m_lastPingMs + limits.pingIntervalMs;
    case Phase::Closing:
        return m_phaseStartMs + limits.closingTimeoutMs + 1;
    case Phase::Closed:
        break;
    }
    return -1;
}

void ClientConnection::sweep(qint64 now)
{
    const ServerLimits &limits = m_server->limits();
    switch (m_phase) {
    case Phase::Http:
        if (m_parser.inProgress()) {
            if (now - m_requestStartMs > limits.requestTimeoutMs) {
                m_requestId = requestid::generate();
                m_route.clear();
                m_headRequest = false;
                respondError(ApiError::requestTimeout(), false);
            }
        } else if (now - m_phaseStartMs > (m_requestsServed == 0 ? limits.requestTimeoutMs
                                                                 : limits.keepAliveTimeoutMs)) {
            beginClosing(); // an idle connection, or one that never sent a request
        }
        break;
    case Phase::WebSocket:
        endReplayAllowance();
        if (m_pingSentMs >= 0 && now - m_pingSentMs > limits.pongTimeoutMs) {
            qCInfo(lcWs, "[%s] %s: no answer to ping within %lld ms, dropping",
                   m_requestId.constData(), qUtf8Printable(peer()), limits.pongTimeoutMs);
            closeWebSocket(1001, QStringLiteral("ping timeout"));
            m_transport->abort();
        } else if (m_pingSentMs < 0 && now - m_lastPingMs >= limits.pingIntervalMs) {
            m_lastPingMs = m_pingSentMs = now;
            if (m_transport->queue().push(wsframe::ping()))
                m_transport->flush();
        }
        break;
    case Phase::Closing:
        if (now - m_phaseStartMs > limits.closingTimeoutMs)
            m_transport->abort();
        break;
    case Phase::Closed:
        break;
    }
}

} // namespace sender
