#include "monitor/MonitorServer.h"

#include "monitor/MonitorFeed.h"
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
#include <QUrlQuery>
#include <QWebSocket>

namespace sender {

namespace {

constexpr QLatin1StringView kStreamPath("/monitor/v1/stream");

bool isUpgrade(const QHttpServerRequest &request)
{
    return monitor::header(request, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

// Qt 6.4 upgrades every request that matches a route, after running the route's handler: the
// only place to refuse a handshake before the 101 is the rule's match. This rule matches the
// stream only for an upgrade with the right token while there is room; everything else falls
// through to MonitorServer::missing, which answers 401, 426 or 503 in JSON. (Qt 6.8 has
// addWebSocketUpgradeVerifier for this; the check stays in this one class.) A handshake with no
// token at all passes too: its first message must then be {"auth": "<token>"} (MonitorStream),
// which is how a browser signs in without putting the token in a URL.
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
        return QHttpServerRouterRule::matches(request, match) && isUpgrade(request)
            && (monitor::tokenAccepted(m_state->token, request, true)
                || !monitor::presentsToken(request, true))
            && m_stream->count() < m_state->maxClients;
    }

private:
    const MonitorState *m_state;
    const MonitorStream *m_stream;
};

// Whether the stream's handshake carried the right token (the rule let it through either way
// when it carried none). The socket keeps the handshake's URL and headers.
bool handshakeAuthorized(const QByteArray &token, const QWebSocket &socket)
{
    if (token.isEmpty())
        return true;
    const QNetworkRequest request = socket.request();
    const QByteArray authorization = request.rawHeader("Authorization").trimmed();
    if (authorization.size() > 7
        && QByteArrayView(authorization).first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return constantTimeEquals(authorization.mid(7).trimmed(), token);
    const QUrlQuery query(request.url());
    return query.hasQueryItem(QStringLiteral("token"))
        && constantTimeEquals(
               query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8(), token);
}

} // namespace

MonitorServer::MonitorServer(const Options &options, const Settings &settings, MonitorFeed *feed,
                             QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_http(std::make_unique<QHttpServer>())
{
    m_state.token = options.token;
    m_state.maxClients = options.maxClients;
    m_state.settings = settings;
    m_state.feed = feed;
    m_stream = new MonitorStream(m_state, this);

    monitor::addServiceRoutes(*m_http, m_state);
    monitor::addConnectionRoutes(*m_http, m_state);
    monitor::addAlertRoutes(*m_http, m_state);
    monitor::addHistoryRoutes(*m_http, m_state);
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
        // The viewer's files carry their own caching (ETag, no-cache); the API is never stored.
        if (!response.hasHeader("Cache-Control"))
            response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        return std::move(response);
    });
    connect(m_http.get(), &QHttpServer::newWebSocketConnection, this,
            &MonitorServer::acceptStreams);

    connect(feed, &MonitorFeed::snapshotReady, this, [this](const EngineSnapshot &snapshot) {
        m_state.setSnapshot(snapshot);
        m_stream->overviewChanged();
    });
    connect(feed, &MonitorFeed::connectionsReady, this,
            [this](const QList<ConnectionSnapshot> &list) {
                m_stream->connectionsChanged(m_state.setConnections(list));
            });
    connect(feed, &MonitorFeed::filterSetsReady, this,
            [this](const QList<FilterSetSnapshot> &list) {
                m_stream->filterSetsChanged(m_state.setFilterSets(list));
            });
    connect(feed, &MonitorFeed::eventsSampled, m_stream, &MonitorStream::eventsSampled);
    connect(feed, &MonitorFeed::alertRaised, m_stream, [this](const AlertSnapshot &alert) {
        m_stream->alert(QStringLiteral("alert"), alert);
        m_state.refreshAlertCounts();
    });
    connect(feed, &MonitorFeed::alertAcknowledged, m_stream, [this](const AlertSnapshot &alert) {
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
    auto *listener = new MonitorListener;
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
    const QString host = m_options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + m_options.address.toString() + u']'
        : m_options.address.toString();
    m_state.monitorAddress = host + u':' + QString::number(port);
    return true;
}

void MonitorServer::seed(const EngineSnapshot &snapshot)
{
    m_state.setSnapshot(snapshot);
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

void MonitorServer::missing(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    // The path only: the query may hold a token, which never goes into a reply or the log.
    const QString path = request.url().path();
    const bool stream = path == kStreamPath;
    ApiError refusal = ApiError::notFound(path);
    if (!monitor::tokenAccepted(m_state.token, request, stream))
        refusal = ApiError::unauthorized(
            QStringLiteral("this monitoring port needs 'Authorization: Bearer <token>' with the "
                           "token of [MONITOR]%1")
                .arg(stream ? QStringLiteral(" (or ?token=<token> on the stream)") : QString()));
    else if (stream && !isUpgrade(request))
        refusal = ApiError::upgradeRequired(
            QStringLiteral("the stream is a WebSocket: send an Upgrade: websocket handshake"));
    else if (stream)
        refusal = ApiError::tooManyConnections(m_state.maxClients);
    responder.write(monitor::errorBody(refusal), "application/json",
                    QHttpServerResponder::StatusCode(refusal.httpStatus));
}

void MonitorServer::acceptStreams()
{
    while (m_http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http->nextPendingWebSocketConnection();
        if (!socket)
            break;
        // Two handshakes may have passed the rule's check together. Sockets still to sign in by
        // message have a bound of their own, so that they never crowd out signed-in monitors.
        const bool authorized = handshakeAuthorized(m_state.token, *socket);
        if (authorized ? m_stream->count() >= m_state.maxClients
                       : m_stream->signingIn() >= m_state.maxClients) {
            socket->close(authorized ? QWebSocketProtocol::CloseCodePolicyViolated
                                     : QWebSocketProtocol::CloseCode(MonitorStream::kCloseBusy),
                          QStringLiteral("too many monitors"));
            socket.release()->deleteLater();
            continue;
        }
        m_stream->accept(std::move(socket), authorized);
    }
}

} // namespace sender
