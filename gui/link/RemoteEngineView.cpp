#include "gui/link/RemoteEngineView.h"

#include "engine/SnapshotCodec.h"
#include "images/ImageHttp.h"
#include "images/ImageService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcRemote, "sender.console.remote", QtInfoMsg)

namespace sender {

namespace {

constexpr int kRequestTimeoutMs = 10000;
// The event samples a second this console asks the stream for (events_max_rate). Nobody reads
// more, the event stream keeps its rows for seconds even so, and the service counts the rest as
// dropped (the pane says how many it shows). Everything the socket carries (5 000/s) cost the
// service 50 us and this console 100 us of a core per event (tests/bench/monitor/watch.sh).
constexpr int kEventsMaxRate = 1000;

} // namespace

RemoteEngineView::RemoteEngineView(const QUrl &service, const QString &token, QObject *parent)
    : EngineFeed(parent)
    , m_service(service.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                 | QUrl::RemoveUserInfo))
    , m_token(token)
    , m_http(new QNetworkAccessManager(this))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteEngineView::connectNow);
    // As the local EngineHost: the overview and the lists from the start (the first stream
    // message, the overview, is what tells the link is up); setSampling adds the events.
    watch(this, Watch::Overview | Watch::Lists);
}

RemoteEngineView::~RemoteEngineView()
{
    if (m_socket) {
        m_socket->disconnect(this); // a close we asked for is not a lost link
        m_socket->abort();
    }
}

QString RemoteEngineView::instanceName() const
{
    return m_service.host() + u':'
        + QString::number(m_service.port(m_service.scheme() == u"https" ? 443 : 80));
}

int RemoteEngineView::nextRetryInMs() const
{
    return m_retry.isActive() ? m_retry.remainingTime() : -1;
}

QNetworkRequest RemoteEngineView::request(const QString &path) const
{
    QUrl url = m_service;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(kRequestTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy); // never carry the token elsewhere
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

QString RemoteEngineView::replyError(QNetworkReply *reply, const QByteArray &body)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject error = QJsonDocument::fromJson(body).object();
    QString text = error.value(QStringLiteral("desc")).toString();
    const QString detail = error.value(QStringLiteral("detail")).toString();
    if (!detail.isEmpty() && detail != text)
        text = text.isEmpty() ? detail : tr("%1: %2").arg(text, detail);
    if (status == 0)
        return reply->errorString();
    if (text.isEmpty())
        text = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    return tr("HTTP %1: %2").arg(QString::number(status), text); // text is the peer's: no %N in it
}

void RemoteEngineView::start()
{
    m_attempts = 0;
    m_retry.stop();
    connectNow();
}

void RemoteEngineView::connectNow()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    setLinkState(LinkState::Connecting, tr("Connecting to %1…").arg(instanceName()));
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/monitor/v1/overview")));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { overviewAnswered(reply); });
}

void RemoteEngineView::overviewAnswered(QNetworkReply *reply)
{
    reply->deleteLater();
    const QByteArray body = reply->read(kMaxMessage);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 401 || status == 403) {
        m_retry.stop();
        const QString why = replyError(reply, body);
        setLinkState(LinkState::Refused,
                     m_token.isEmpty() ? tr("The service wants a token (%1)").arg(why)
                                       : tr("The service did not accept the token (%1)").arg(why));
        Q_EMIT startFailed(linkDetail());
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        lost(replyError(reply, body));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        lost(tr("%1 does not answer like a Luna Sender monitoring port").arg(instanceName()));
        return;
    }
    const EngineSnapshot snapshot = SnapshotCodec::decodeOverview(document.object());
    setListenAddress(snapshot.listenAddress);
    m_snapshot = snapshot;
    Q_EMIT snapshotReady(snapshot);
    openStream();
}

void RemoteEngineView::openStream()
{
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(kMaxMessage));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(kMaxMessage));
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_attempts = 0;
        m_everUp = true;
        // Up only once the service answers the subscription (streamMessage): what is read on
        // `started` (the alert log) must not miss an alert raised before the subscription
        // took effect on the service.
        sendSubscription();
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RemoteEngineView::streamMessage);
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        const QString reason = m_socket->closeReason();
        lost(reason.isEmpty() ? tr("the connection to %1 closed").arg(instanceName())
                              : tr("%1 closed the stream: %2").arg(instanceName(), reason));
    });
    QNetworkRequest streamRequest = request(QStringLiteral("/monitor/v1/stream"));
    QUrl url = streamRequest.url();
    url.setScheme(m_service.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    streamRequest.setUrl(url);
    m_socket->open(streamRequest);
}

void RemoteEngineView::sendSubscription()
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    // Alerts always: they are few (quiet periods), never sampled, and must not be missed. The
    // rest only as watched: the service encodes and sends nothing nobody here shows.
    const Watches what = watched();
    QJsonArray kinds {QStringLiteral("alerts")};
    if (what.testFlag(Watch::Overview))
        kinds.append(QStringLiteral("overview"));
    if (what.testFlag(Watch::Lists)) {
        kinds.append(QStringLiteral("connections"));
        kinds.append(QStringLiteral("filter_sets"));
    }
    if (m_sampling)
        kinds.append(QStringLiteral("events"));
    QJsonObject message {{QStringLiteral("subscribe"), kinds}};
    if (m_sampling)
        message.insert(QStringLiteral("events_max_rate"), kEventsMaxRate);
    m_socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void RemoteEngineView::streamMessage(const QString &text)
{
    if (linkState() != LinkState::Up) {
        // The first message answers the subscription: it is in force on the service now.
        qCInfo(lcRemote, "attached to %s", qUtf8Printable(instanceName()));
        setLinkState(LinkState::Up, tr("Attached to %1").arg(instanceName()));
        Q_EMIT started(listenAddress());
    }
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(QStringLiteral("type")).toString();
    if (type == u"overview") {
        const EngineSnapshot snapshot = SnapshotCodec::decodeOverview(message);
        if (snapshot.listenAddress != listenAddress()) {
            setListenAddress(snapshot.listenAddress);
            Q_EMIT started(snapshot.listenAddress);
        }
        m_snapshot = snapshot;
        Q_EMIT snapshotReady(snapshot);
    } else if (type == u"connections") {
        QList<ConnectionSnapshot> list;
        for (const QJsonValue &item : message.value(QStringLiteral("connections")).toArray())
            list.append(SnapshotCodec::decodeConnection(item.toObject()));
        m_connections = list;
        Q_EMIT connectionsReady(list);
    } else if (type == u"filter_sets") {
        QList<FilterSetSnapshot> list;
        for (const QJsonValue &item : message.value(QStringLiteral("filter_sets")).toArray())
            list.append(SnapshotCodec::decodeFilterSet(item.toObject()));
        m_filterSets = list;
        Q_EMIT filterSetsReady(list);
    } else if (type == u"events") {
        if (!m_sampling)
            return; // a batch sent before the unsubscription arrived
        QList<EventSample> samples;
        const QJsonArray events = message.value(QStringLiteral("events")).toArray();
        samples.reserve(events.size());
        for (const QJsonValue &item : events) {
            std::optional<EventSample> sample = SnapshotCodec::decodeEventSample(item.toObject());
            if (sample)
                samples.append(std::move(*sample));
        }
        Q_EMIT eventsSampled(samples, quint64(message.value(QStringLiteral("dropped")).toDouble()));
    } else if (type == u"alert" || type == u"alert_ack") {
        const std::optional<AlertSnapshot> alert =
            AlertSnapshot::fromJson(message.value(QStringLiteral("alert")).toObject());
        if (!alert)
            return;
        if (type == u"alert")
            Q_EMIT alertRaised(*alert);
        else
            Q_EMIT alertAcknowledged(*alert);
    } else if (type == u"error") {
        Q_EMIT actionFailed(message.value(QStringLiteral("desc")).toString());
    }
    // Other types (history...) belong to panes this console does not have yet.
}

void RemoteEngineView::lost(const QString &why)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    // Doubling from the first delay, capped: a restarting service is found quickly, a dead one
    // is not hammered.
    const int shift = qMin(m_attempts, 16);
    const qint64 delay = qMin<qint64>(qint64(m_backoff.firstMs) << shift, m_backoff.maxMs);
    ++m_attempts;
    qCInfo(lcRemote, "link to %s lost (%s); retrying in %lld ms", qUtf8Printable(instanceName()),
           qUtf8Printable(why), delay);
    m_retry.start(int(delay));
    setLinkState(LinkState::Down, why);
    if (!m_everUp && m_attempts == 1)
        Q_EMIT startFailed(why);
    else if (m_attempts == 1)
        Q_EMIT stopped();
}

void RemoteEngineView::watchedChanged()
{
    // watch() may come from any thread; the socket is this object's.
    QMetaObject::invokeMethod(this, [this] {
        m_sampling = watched().testFlag(Watch::Events);
        sendSubscription();
    });
}

void RemoteEngineView::fetch(Fetched done)
{
    done(m_snapshot, m_connections, m_filterSets);
}

void RemoteEngineView::closeConnection(quint64 id, const QString &reason,
                                       std::function<void(bool found)> done)
{
    QNetworkRequest post = request(QStringLiteral("/monitor/v1/connections/%1/close").arg(id));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body {{QStringLiteral("reason"), reason}};
    QNetworkReply *reply = m_http->post(post, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, id, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray answer = reply->read(kMaxMessage);
        const bool ok = reply->error() == QNetworkReply::NoError;
        if (!ok)
            Q_EMIT actionFailed(tr("Could not disconnect client %1: %2")
                                    .arg(QString::number(id), replyError(reply, answer)));
        done(ok);
    });
}

void RemoteEngineView::disconnectClient(quint64 id, const QString &reason)
{
    closeConnection(id, reason, [](bool) {});
}

void RemoteEngineView::requestConfig()
{
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/monitor/v1/config")));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QByteArray body = reply->read(kMaxMessage);
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (reply->error() != QNetworkReply::NoError || !document.isObject()) {
            Q_EMIT actionFailed(
                tr("Could not read the service's configuration: %1").arg(replyError(reply, body)));
            return;
        }
        Q_EMIT configReady(document.object());
    });
}

void RemoteEngineView::requestRecentEvents(int limit)
{
    recentEvents(limit, std::nullopt,
                 [this](std::optional<QList<EventSample>> events, bool historyEnabled) {
                     if (events)
                         Q_EMIT recentEventsReady(*events, historyEnabled);
                 });
}

void RemoteEngineView::recentEvents(int limit, std::optional<QUuid> account, RecentDone done)
{
    QNetworkRequest get = request(QStringLiteral("/monitor/v1/history"));
    QUrl url = get.url();
    QString query = QStringLiteral("limit=%1").arg(limit);
    if (account)
        query += QStringLiteral("&account=") + account->toString(QUuid::WithoutBraces);
    url.setQuery(query);
    get.setUrl(url);
    QNetworkReply *reply = m_http->get(get);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray body = reply->read(kMaxMessage);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 404) {
            // A service from before the history: it has none to show.
            done(QList<EventSample>(), false);
            return;
        }
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (reply->error() != QNetworkReply::NoError || !document.isObject()) {
            Q_EMIT actionFailed(
                tr("Could not read the service's recent events: %1").arg(replyError(reply, body)));
            done(std::nullopt, false);
            return;
        }
        bool enabled = false; // set by the decoding: read only after it
        QList<EventSample> events = SnapshotCodec::decodeRecentEvents(document.object(), &enabled);
        done(std::move(events), enabled);
    });
}

} // namespace sender

// Pictures: the answer of GET /monitor/v1/events/{event_id}/images/{slot} mapped back to the
// ImageStatus the service's engine gave.
namespace sender {

using images::ImageStatus;

void RemoteEngineView::requestImage(const QUuid &eventId, images::ImageSlot slot, ImageDone done)
{
    QNetworkReply *reply = m_http->get(
        request(QStringLiteral("/monitor/v1/events/%1/images/%2")
                    .arg(eventId.toString(QUuid::WithoutBraces), images::imageSlotName(slot))));
    // Bounded as it arrives: a confused peer cannot make the console hold more than a picture.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxImage)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray body =
            reply->bytesAvailable() <= kMaxImage ? reply->readAll() : QByteArray();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200 && reply->error() == QNetworkReply::NoError) {
            const QByteArray type = images::agreedImageType(
                reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), body);
            if (!type.isEmpty())
                done({ImageStatus::Ok, type, body, {}});
            else
                done({ImageStatus::NotAnImage, {}, {}, tr("the service did not answer a picture")});
            return;
        }
        const QJsonObject error = QJsonDocument::fromJson(body).object();
        const std::optional<ImageStatus> known =
            images::imageStatusOfCode(error.value(QLatin1StringView("error_code")).toInt());
        if (known && *known != ImageStatus::Ok) {
            done({*known, {}, {}, error.value(QLatin1StringView("detail")).toString()});
            return;
        }
        done({ImageStatus::Unavailable,
              {},
              {},
              status == 404 ? tr("the service has no pictures (it is older than they are)")
                            : replyError(reply, body)});
    });
}

} // namespace sender
