#include "monitor/MonitorServer.h"

#include "engine/EngineFeed.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorListener.h"
#include "monitor/MonitorLog.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorStream.h"
#include "util/Bytes.h"
#include "web/WebRoute.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QHttpServerRouterRule>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QWebSocket>

namespace sender {

namespace {

constexpr QLatin1StringView kStreamPath("/monitor/v1/stream");

bool isUpgrade(const QHttpServerRequest &request)
{
    return monitor::header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

// Whether a stream handshake may come from the page that opens it: no Origin (not a browser), the
// port's own origin (the web viewer, served from this port: http://<Host>), or one of
// MONITOR.ALLOWED_ORIGINS. A page of another site cannot open the stream (issue 30, point 2).
bool originAllowed(const MonitorState &state, const QHttpServerRequest &request)
{
    const QByteArray origin = monitor::header(request, "origin").trimmed().toLower();
    if (origin.isEmpty())
        return true;
    const QByteArray host = monitor::header(request, "host").trimmed().toLower();
    if (!host.isEmpty() && origin == "http://" + host)
        return true;
    return state.allowedOrigins.contains(QString::fromUtf8(origin));
}

// Qt 6.4 upgrades every request that matches a route, after running the route's handler: the
// only place to refuse a handshake before the 101 is the rule's match. This rule matches the
// stream only for an upgrade from an allowed origin with the right token while there is room;
// everything else falls through to MonitorServer::missing, which answers 401, 403, 426 or 503
// in JSON. (Qt 6.8 has addWebSocketUpgradeVerifier for this; the check stays in this one class.)
// A handshake with no token at all passes too: its first message must then be
// {"auth": "<token>"} (MonitorStream), which is how a browser signs in without putting the
// token in a URL.
class StreamRule : public QHttpServerRouterRule
{
public:
    StreamRule(const MonitorState *state, const MonitorStream *stream, const QString &pattern,
               RouterHandler handler)
        : QHttpServerRouterRule(pattern, std::move(handler))
        , m_state(state)
        , m_stream(stream)
    { }

protected:
    bool matches(const QHttpServerRequest &request, QRegularExpressionMatch *match) const override
    {
        // Not counted as a guess here: missing() checks (and counts) a token that does not open.
        return QHttpServerRouterRule::matches(request, match) && isUpgrade(request)
            && originAllowed(*m_state, request)
            && (!MonitorAuth::presentsToken(request, true)
                || m_state->token.wouldAccept(MonitorAuth::presented(request, true),
                                              request.remoteAddress()))
            && m_stream->count() < m_state->maxClients;
    }

private:
    const MonitorState *m_state;
    const MonitorStream *m_stream;
};

} // namespace

MonitorServer::MonitorServer(const Options &options, const Settings &settings, EngineFeed *feed,
                             QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_http(std::make_unique<QHttpServer>())
{
    m_state.token = MonitorAuth(options.token);
    m_state.maxClients = options.maxClients;
    for (const QString &origin : options.allowedOrigins)
        m_state.allowedOrigins.append(origin.toLower());
    m_state.settings = settings;
    m_state.feed = feed;
    m_stream = new MonitorStream(m_state, this);

    monitor::addServiceRoutes(*m_http, m_state);
    monitor::addConnectionRoutes(*m_http, m_state);
    monitor::addAlertRoutes(*m_http, m_state);
    monitor::addHistoryRoutes(*m_http, m_state);
    monitor::addInstanceRoutes(*m_http, m_state);
    monitor::addImageRoutes(*m_http, m_state, this);
    // The web viewer (issue 16) at /monitor/: public static files, after the API's routes.
    web::addWebViewerRoutes(*m_http);
    // The stream's route runs just before the upgrade; it writes nothing (the 101 follows).
    m_http->route<StreamRule>(static_cast<const MonitorState *>(&m_state),
                              static_cast<const MonitorStream *>(m_stream), QString(kStreamPath),
                              [](QHttpServerResponder &&) {});
    m_http->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            missing(request, std::move(responder));
        });
    m_http->afterRequest([](QHttpServerResponse &&response) {
        // The viewer's files carry their own headers (and caching: ETag, no-cache).
        monitor::addSecurityHeaders(response);
        return std::move(response);
    });
    connect(m_http.get(), &QHttpServer::newWebSocketConnection, this,
            &MonitorServer::acceptStreams);

    connect(feed, &EngineFeed::snapshotReady, this, [this](const EngineSnapshot &snapshot) {
        m_state.setSnapshot(snapshot);
        m_stream->overviewChanged();
    });
    connect(feed, &EngineFeed::connectionsReady, this,
            [this](const QList<ConnectionSnapshot> &list) {
                m_stream->connectionsChanged(m_state.setConnections(list));
            });
    connect(feed, &EngineFeed::filterSetsReady, this, [this](const QList<FilterSetSnapshot> &list) {
        m_stream->filterSetsChanged(m_state.setFilterSets(list));
    });
    connect(feed, &EngineFeed::eventsSampled, m_stream, &MonitorStream::eventsSampled);
    connect(feed, &EngineFeed::alertRaised, m_stream, [this](const AlertSnapshot &alert) {
        m_stream->alert(QStringLiteral("alert"), alert);
        m_state.refreshAlertCounts();
    });
    connect(feed, &EngineFeed::alertAcknowledged, m_stream, [this](const AlertSnapshot &alert) {
        m_stream->alert(QStringLiteral("alert_ack"), alert);
        m_state.refreshAlertCounts();
    });
    m_state.refreshAlertCounts();
}

MonitorServer::~MonitorServer()
{
    close();
}

bool MonitorServer::listen(QString *error)
{
    auto *listener = new MonitorListener(m_options.limits, TokenCheck(m_options.token));
    if (!listener->listen(m_options.address, m_options.port)) {
        *error = QStringLiteral("the monitoring port cannot listen on %1:%2: %3")
                     .arg(m_options.address.toString())
                     .arg(m_options.port)
                     .arg(listener->errorString());
        delete listener;
        return false;
    }
    const quint16 port = listener->serverPort();
    m_http->bind(listener); // QHttpServer takes it as its child
    m_listener = listener;
    const QString host = m_options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + m_options.address.toString() + u']'
        : m_options.address.toString();
    m_state.monitorAddress = host + u':' + QString::number(port);
    return true;
}

void MonitorServer::close()
{
    if (m_stream)
        m_stream->closeAll();
    if (m_http) {
        for (QTcpServer *server : m_http->servers())
            server->close();
    }
}

void MonitorServer::writeError(QHttpServerResponder &responder, const ApiError &error,
                               const QList<std::pair<QByteArray, QByteArray>> &extra)
{
    // Written by hand, not as a QHttpServerResponse: afterRequest() does not see these.
    const QByteArray body = monitor::errorBody(error);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(error.httpStatus));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    for (const auto &[name, value] : monitor::securityHeaders("application/json"))
        responder.writeHeader(name, value);
    for (const auto &[name, value] : extra)
        responder.writeHeader(name, value);
    responder.writeBody(body);
}

void MonitorServer::missing(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    // The path only: the query may hold a token, which never goes into a reply or the log.
    const QString path = request.url().path();
    const bool stream = path == kStreamPath;
    if (stream && isUpgrade(request) && !originAllowed(m_state, request)) {
        const QString origin = QString::fromUtf8(monitor::header(request, "origin").trimmed());
        qCInfo(lcMonitor, "a stream handshake from origin %s refused",
               qUtf8Printable(origin.left(200)));
        writeError(responder, ApiError::originNotAllowed(origin.left(200)));
        return;
    }
    // A handshake without a token signs in by message: here only when the stream is full.
    const bool signingInByMessage =
        stream && isUpgrade(request) && !MonitorAuth::presentsToken(request, true);
    const MonitorAuth::Verdict verdict = signingInByMessage
        ? MonitorAuth::Verdict::Accepted
        : m_state.token.check(MonitorAuth::presented(request, stream), request.remoteAddress());
    if (verdict != MonitorAuth::Verdict::Accepted) {
        const bool throttled = verdict == MonitorAuth::Verdict::Throttled;
        const int retry = qMax(1, m_state.token.retryAfterSeconds(request.remoteAddress()));
        const ApiError refusal = ApiError::unauthorized(
            throttled ? QStringLiteral("too many wrong tokens from your address: try again in %1 s")
                            .arg(retry)
                      : QStringLiteral("this monitoring port needs 'Authorization: Bearer "
                                       "<token>' with the token of [MONITOR]%1")
                            .arg(stream ? QStringLiteral(" (or ?token=<token> on the stream)")
                                        : QString()));
        QList<std::pair<QByteArray, QByteArray>> extra = {
            {"WWW-Authenticate", "Bearer realm=\"luna-sender monitor\""}};
        if (throttled)
            extra.append(
                std::pair<QByteArray, QByteArray>("Retry-After", QByteArray::number(retry)));
        writeError(responder, refusal, extra);
        return;
    }
    ApiError refusal = ApiError::notFound(path);
    if (stream && !isUpgrade(request))
        refusal = ApiError::upgradeRequired(
            QStringLiteral("the stream is a WebSocket: send an Upgrade: websocket handshake"));
    else if (stream)
        refusal = ApiError::tooManyConnections(m_state.maxClients);
    writeError(responder, refusal);
}

void MonitorServer::acceptStreams()
{
    while (m_http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http->nextPendingWebSocketConnection();
        if (!socket)
            break;
        // The rule let a handshake through with the right token or with none at all.
        const bool authorized = !m_state.token.required()
            || m_state.token.wouldAccept(MonitorAuth::presented(socket->request()),
                                         socket->peerAddress());
        // Two handshakes may have passed the rule's check together.
        if (authorized && m_stream->count() >= m_state.maxClients) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("too many monitors"));
            socket.release()->deleteLater();
            continue;
        }
        m_stream->accept(std::move(socket), authorized);
    }
}

} // namespace sender
