#include "monitor/MonitorStream.h"

#include "engine/EngineFeed.h"
#include "engine/SnapshotCodec.h"
#include "http/ApiError.h"
#include "monitor/MonitorLog.h"
#include "monitor/MonitorState.h"
#include "publicport/ClientAddress.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

#include <cmath>

namespace sender {

namespace {

const QSet<QString> &knownKinds()
{
    // "alerts" brings the messages "alert" and "alert_ack".
    static const QSet<QString> kinds {QStringLiteral("overview"), QStringLiteral("connections"),
                                      QStringLiteral("filter_sets"), QStringLiteral("events"),
                                      QStringLiteral("alerts")};
    return kinds;
}

// What a text message costs on the wire: the payload plus the header of every frame it is cut
// into (server frames are not masked). QWebSocket::bytesWritten counts wire bytes.
qint64 wireBytes(qint64 payload, qint64 frameSize)
{
    qint64 total = 0;
    qint64 left = payload;
    do {
        const qint64 frame = qMin(left, frameSize);
        total += frame + (frame < 126 ? 2 : frame < 65536 ? 4 : 10);
        left -= frame;
    } while (left > 0);
    return total;
}

QJsonObject errorMessage(const ApiError &error)
{
    return {{QStringLiteral("type"), QStringLiteral("error")},
            {QStringLiteral("error_code"), error.code},
            {QStringLiteral("desc"), error.desc},
            {QStringLiteral("detail"), error.detail},
            {QStringLiteral("link"), error.link()}};
}

} // namespace

MonitorStream::MonitorStream(MonitorState &state, QObject *parent)
    : QObject(parent)
    , m_state(state)
{
    m_clock.start();
}

MonitorStream::~MonitorStream()
{
    closeAll();
}

void MonitorStream::accept(std::unique_ptr<QWebSocket> socket, bool authorized)
{
    auto subscriber = std::make_unique<Subscriber>();
    Subscriber *s = subscriber.get();
    s->authorized = authorized || !m_state.token.required();
    s->peer = socket->peerAddress().toString() + u':' + QString::number(socket->peerPort());
    s->address = clientAddressKey(socket->peerAddress());
    if (!s->authorized)
        makeSignInRoom(s->address);
    s->socket = std::move(socket);
    QWebSocket *ws = s->socket.get();
    ws->setMaxAllowedIncomingMessageSize(quint64(kMaxClientMessage));
    ws->setMaxAllowedIncomingFrameSize(quint64(kMaxClientMessage));
    connect(ws, &QWebSocket::textMessageReceived, this,
            [this, s](const QString &text) { received(s, text); });
    connect(ws, &QWebSocket::bytesWritten, this,
            [s](qint64 written) { s->pending = qMax<qint64>(0, s->pending - written); });
    // Queued: the socket must not be deleted inside its own signal.
    connect(
        ws, &QWebSocket::disconnected, this, [this, s] { remove(s); }, Qt::QueuedConnection);
    // A socket that has not signed in by then is closed (if it is still here at all).
    if (!s->authorized)
        QTimer::singleShot(kAuthMs, this, [this, s] {
            for (const auto &held : m_subscribers) {
                if (held.get() == s && !s->authorized && !s->refused) {
                    qCInfo(lcMonitor,
                           "monitor %s did not sign in to the stream in time: closing it",
                           qUtf8Printable(s->peer));
                    refuse(s);
                }
            }
        });
    m_subscribers.push_back(std::move(subscriber));
    qCInfo(lcMonitor, "monitor %s attached to the stream (%d open)", qUtf8Printable(s->peer),
           count());
}

void MonitorStream::makeSignInRoom(const QByteArray &address)
{
    Subscriber *oldestOfAddress = nullptr;
    Subscriber *oldest = nullptr;
    int ofAddress = 0;
    int all = 0;
    // m_subscribers is in the order they came.
    for (const auto &held : m_subscribers) {
        if (held->authorized || held->refused)
            continue;
        ++all;
        if (!oldest)
            oldest = held.get();
        if (held->address == address) {
            ++ofAddress;
            if (!oldestOfAddress)
                oldestOfAddress = held.get();
        }
    }
    Subscriber *gives = ofAddress >= kMaxSigningInPerAddress ? oldestOfAddress
        : all >= kMaxSigningIn                               ? oldest
                                                             : nullptr;
    if (!gives)
        return;
    qCInfo(lcMonitor, "monitor %s had not signed in to the stream yet: closing it to make room",
           qUtf8Printable(gives->peer));
    refuse(gives, kCloseBusy, QStringLiteral("too many monitors signing in"));
}

int MonitorStream::count() const
{
    int n = 0;
    for (const auto &s : m_subscribers)
        n += s->authorized && !s->refused ? 1 : 0;
    return n;
}

int MonitorStream::signingIn() const
{
    int n = 0;
    for (const auto &s : m_subscribers)
        n += !s->authorized && !s->refused ? 1 : 0;
    return n;
}

void MonitorStream::authenticate(Subscriber *s, const QJsonObject &message)
{
    const QJsonValue token = message.value(QLatin1StringView("auth"));
    const MonitorAuth::Verdict verdict = m_state.token.check(
        token.isString() ? std::optional<QByteArray>(token.toString().toUtf8()) : QByteArray(),
        s->socket->peerAddress());
    if (verdict != MonitorAuth::Verdict::Accepted) {
        // The token itself is never logged, right or wrong (MonitorAuth logs the failures).
        refuse(s, kCloseUnauthorized,
               verdict == MonitorAuth::Verdict::Throttled
                   ? QStringLiteral("too many wrong tokens from your address: try again later")
                   : QStringLiteral("the monitoring token is missing or wrong"));
        return;
    }
    if (count() >= m_state.maxClients) {
        refuse(s, kCloseBusy, QStringLiteral("too many monitors"));
        return;
    }
    s->authorized = true;
}

void MonitorStream::refuse(Subscriber *s, int code, const QString &reason)
{
    s->refused = true;
    // The close frame goes out; the peer answers it and `disconnected` removes the subscriber.
    // One that never answers is cut off after a second.
    QWebSocket *ws = s->socket.get();
    ws->close(QWebSocketProtocol::CloseCode(code), reason);
    QTimer::singleShot(1000, ws, [ws] { ws->abort(); });
}

void MonitorStream::remove(Subscriber *subscriber)
{
    for (auto it = m_subscribers.begin(); it != m_subscribers.end(); ++it) {
        if (it->get() != subscriber)
            continue;
        std::unique_ptr<Subscriber> gone = std::move(*it);
        m_subscribers.erase(it);
        gone->socket->disconnect(this);
        qCInfo(lcMonitor, "monitor %s left the stream (%d open)", qUtf8Printable(gone->peer),
               count());
        gone->socket.release()->deleteLater();
        break;
    }
    updateSampling();
}

void MonitorStream::closeAll()
{
    for (const auto &s : m_subscribers) {
        s->socket->disconnect(this);
        s->socket->close(QWebSocketProtocol::CloseCodeGoingAway,
                         QStringLiteral("the service is stopping"));
        s->socket.release()->deleteLater();
    }
    m_subscribers.clear();
    updateSampling();
}

void MonitorStream::received(Subscriber *s, const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (s->refused)
        return;
    if (!s->authorized) {
        authenticate(s, document.object());
        return;
    }
    // A client that signs in by message whatever the handshake carried: nothing more to do.
    if (document.object().contains(QLatin1StringView("auth"))
        && !document.object().contains(QLatin1StringView("subscribe")))
        return;
    const QJsonValue kinds = document.object().value(QLatin1StringView("subscribe"));
    if (!document.isObject() || !kinds.isArray()) {
        send(s,
             errorMessage(ApiError::invalidJson(
                 QStringLiteral("a stream message is {\"subscribe\": [kinds...], "
                                "\"events_filter\": \"query\", \"events_max_rate\": n}"))));
        return;
    }
    const QJsonValue filterValue = document.object().value(QLatin1StringView("events_filter"));
    std::optional<SubscriptionFilter> filter;
    if (filterValue.isString() && !filterValue.toString().isEmpty()) {
        FilterError error;
        filter = SubscriptionFilter::parse(filterValue.toString().toUtf8(), &error);
        if (!filter) {
            // The previous subscription stays as it was.
            send(s, errorMessage(ApiError::badQueryParameter(error.parameter, error.detail)));
            return;
        }
    }
    // events_max_rate: absent, the monitor gets what its socket takes, as before it existed.
    std::optional<SampleRateLimit> rate;
    const QJsonValue rateValue = document.object().value(QLatin1StringView("events_max_rate"));
    if (!rateValue.isUndefined()) {
        const double n = rateValue.toDouble(-1);
        if (!rateValue.isDouble() || n != std::floor(n) || n < SampleRateLimit::kMinPerSecond
            || n > SampleRateLimit::kMaxPerSecond) {
            send(s,
                 errorMessage(ApiError::badQueryParameter(
                     QStringLiteral("events_max_rate"),
                     QStringLiteral("event samples per second: an integer from %1 to %2")
                         .arg(SampleRateLimit::kMinPerSecond)
                         .arg(SampleRateLimit::kMaxPerSecond))));
            return;
        }
        // The same rate again keeps its bucket, so subscribing anew gives no extra burst.
        if (s->rate && s->rate->perSecond() == qint64(n))
            rate = s->rate;
        else
            rate.emplace(qint64(n), m_clock.nsecsElapsed());
    }
    QSet<QString> wanted;
    QStringList unknown;
    for (const QJsonValue &kind : kinds.toArray()) {
        if (knownKinds().contains(kind.toString()))
            wanted.insert(kind.toString());
        else
            unknown.append(kind.toString());
    }
    const QSet<QString> added = wanted - s->wanted;
    s->wanted = wanted;
    s->filter = filter;
    s->rate = rate;
    if (!unknown.isEmpty())
        send(s,
             errorMessage(ApiError::badQueryParameter(
                 QStringLiteral("subscribe"),
                 QStringLiteral("unknown message types: %1 (known: overview, connections, "
                                "filter_sets, events)")
                     .arg(unknown.join(QStringLiteral(", "))))));
    // What a monitor starts to watch it sees at once, not at the next change.
    if (added.contains(QStringLiteral("overview")) && m_state.hasSnapshot()) {
        QJsonObject overview = m_state.overview();
        overview.insert(QStringLiteral("type"), QStringLiteral("overview"));
        send(s, overview);
    }
    if (added.contains(QStringLiteral("connections")))
        sendConnections(s);
    if (added.contains(QStringLiteral("filter_sets")))
        sendFilterSets(s);
    updateSampling();
}

bool MonitorStream::send(Subscriber *s, const QJsonObject &message, bool force)
{
    return sendJson(s, QJsonDocument(message).toJson(QJsonDocument::Compact), force);
}

bool MonitorStream::sendJson(Subscriber *s, const QByteArray &json, bool force)
{
    if (s->pending > (force ? kHardLimit : kSoftLimit)) {
        if (!s->stalledSince.isValid())
            s->stalledSince.start();
        return false;
    }
    s->stalledSince.invalidate();
    s->pending += wireBytes(json.size(), qint64(s->socket->outgoingFrameSize()));
    s->socket->sendTextMessage(QString::fromUtf8(json));
    return true;
}

namespace {

// {"type": kind, kind: list} as compact JSON, written into `json` unless it holds it already (the
// caller's buffer, shared by every subscriber of one change).
const QByteArray &listMessage(QByteArray &json, const QString &kind, const QJsonArray &list)
{
    if (json.isEmpty())
        json = QJsonDocument(QJsonObject {{QStringLiteral("type"), kind}, {kind, list}})
                   .toJson(QJsonDocument::Compact);
    return json;
}

} // namespace

void MonitorStream::sendConnections(Subscriber *s, QByteArray *json)
{
    QByteArray own;
    s->connectionsStale = !sendJson(
        s, listMessage(json ? *json : own, QStringLiteral("connections"), m_state.connections()));
}

void MonitorStream::sendFilterSets(Subscriber *s, QByteArray *json)
{
    QByteArray own;
    s->filterSetsStale = !sendJson(
        s, listMessage(json ? *json : own, QStringLiteral("filter_sets"), m_state.filterSets()));
}

void MonitorStream::overviewChanged()
{
    // Written once for every monitor that wants it, and not at all when none does.
    QByteArray json;
    for (const auto &s : m_subscribers) {
        if (!s->wanted.contains(QStringLiteral("overview")))
            continue;
        if (json.isEmpty()) {
            QJsonObject overview = m_state.overview();
            overview.insert(QStringLiteral("type"), QStringLiteral("overview"));
            json = QJsonDocument(overview).toJson(QJsonDocument::Compact);
        }
        sendJson(s.get(), json);
    }
    reap();
}

void MonitorStream::connectionsChanged(bool changed)
{
    QByteArray json;
    for (const auto &s : m_subscribers) {
        if (s->wanted.contains(QStringLiteral("connections")) && (changed || s->connectionsStale))
            sendConnections(s.get(), &json);
    }
}

void MonitorStream::filterSetsChanged(bool changed)
{
    QByteArray json;
    for (const auto &s : m_subscribers) {
        if (s->wanted.contains(QStringLiteral("filter_sets")) && (changed || s->filterSetsStale))
            sendFilterSets(s.get(), &json);
    }
}

void MonitorStream::eventsSampled(const QList<EventSample> &events, quint64 droppedBefore)
{
    // Each event is written once, whoever gets it, and only if someone gets it: over their
    // events_max_rate most samples of a batch go to nobody and cost nothing.
    std::vector<QByteArray> encoded(size_t(events.size()));
    std::vector<qsizetype> matched;
    matched.reserve(size_t(events.size()));
    const qint64 now = m_clock.nsecsElapsed();
    for (const auto &s : m_subscribers) {
        if (!s->wanted.contains(QStringLiteral("events")))
            continue;
        matched.clear();
        for (qsizetype i = 0; i < events.size(); ++i) {
            const EventSample &sample = events.at(i);
            if (s->filter
                && (!sample.message || !s->filter->matches(*sample.message, sample.index)))
                continue;
            matched.push_back(i);
        }
        // Over events_max_rate: `allowed` of the matched samples, spread evenly over the batch
        // (sample j goes when floor((j+1)·allowed/m) steps up), so the monitor sees the whole
        // interval rather than its first events; the rest are dropped and counted.
        const qint64 m = qint64(matched.size());
        const qint64 allowed = s->rate ? s->rate->take(m, now) : m;
        const quint64 dropped = s->dropped + droppedBefore + quint64(m - allowed);
        if (allowed == 0 && dropped == 0)
            continue;
        // {"dropped": n, "events": [...], "type": "events"}, the keys in QJsonDocument's order.
        QByteArray json = "{\"dropped\":" + QByteArray::number(dropped) + ",\"events\":[";
        for (qint64 j = 0; j < m; ++j) {
            if (allowed < m && (j + 1) * allowed / m == j * allowed / m)
                continue;
            const qsizetype i = matched[size_t(j)];
            QByteArray &event = encoded[size_t(i)];
            if (event.isEmpty())
                event = SnapshotCodec::encodeEventSampleJson(events.at(i));
            if (!json.endsWith('['))
                json.append(',');
            json.append(event);
        }
        json.append("],\"type\":\"events\"}");
        const bool sent = sendJson(s.get(), json);
        s->dropped = sent ? 0 : dropped + quint64(allowed);
    }
}

void MonitorStream::alert(const QString &type, const AlertSnapshot &alert)
{
    const QJsonObject message {{QStringLiteral("type"), type},
                               {QStringLiteral("alert"), alert.toJson()}};
    for (const auto &s : m_subscribers) {
        if (s->wanted.contains(QStringLiteral("alerts")))
            send(s.get(), message, true);
    }
}

void MonitorStream::reap()
{
    std::vector<Subscriber *> slow;
    for (const auto &s : m_subscribers) {
        if (s->pending > kHardLimit
            || (s->pending > kSoftLimit && s->stalledSince.isValid()
                && s->stalledSince.elapsed() > kStallMs))
            slow.push_back(s.get());
    }
    for (Subscriber *s : slow) {
        qCWarning(lcMonitor, "monitor %s does not read its stream (%lld bytes waiting): closing it",
                  qUtf8Printable(s->peer), s->pending);
        s->socket->disconnect(this);
        // abort(): a close frame would only queue behind what it does not read.
        s->socket->abort();
        remove(s);
    }
}

void MonitorStream::updateSampling()
{
    EngineFeed::Watches what;
    for (const auto &s : m_subscribers) {
        if (s->wanted.contains(QStringLiteral("events")))
            what |= EngineFeed::Watch::Events;
        if (s->wanted.contains(QStringLiteral("overview")))
            what |= EngineFeed::Watch::Overview;
        if (s->wanted.contains(QStringLiteral("connections"))
            || s->wanted.contains(QStringLiteral("filter_sets")))
            what |= EngineFeed::Watch::Lists;
    }
    if (!m_state.feed || what == m_watched)
        return;
    m_watched = what;
    // The feed keeps what each watcher watches: a monitor leaving never switches off what the
    // console itself watches.
    m_state.feed->watch(this, what);
}

} // namespace sender
