#include "engine/SnapshotCodec.h"

#include "SenderVersion.h"
#include "events/EventMessage.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sender::SnapshotCodec {

namespace {

QJsonObject bySource(const std::array<quint64, kSourceKinds> &counts)
{
    QJsonObject out;
    for (const SourceKindWords &words : kSourceKindWords)
        out.insert(QLatin1StringView(words.monitorName), double(counts[size_t(words.kind)]));
    return out;
}

std::array<quint64, kSourceKinds> bySource(const QJsonObject &json)
{
    std::array<quint64, kSourceKinds> out {};
    for (const SourceKindWords &words : kSourceKindWords)
        out[size_t(words.kind)] =
            quint64(qMax(0.0, json.value(QLatin1StringView(words.monitorName)).toDouble()));
    return out;
}

quint64 count(const QJsonObject &json, QLatin1StringView key)
{
    return quint64(qMax(0.0, json.value(key).toDouble()));
}

QJsonObject encodeHistory(const HistorySnapshot &h)
{
    return {
        {QStringLiteral("enabled"), h.enabled},
        {QStringLiteral("events"), double(h.events)},
        {QStringLiteral("bytes"), double(h.bytes)},
        {QStringLiteral("accounts"), h.accounts},
        {QStringLiteral("evictions"), double(h.evictions)},
    };
}

// An older service sends no "history": it reads as disabled, which is what it had.
HistorySnapshot decodeHistory(const QJsonObject &json)
{
    HistorySnapshot h;
    h.enabled = json.value(QLatin1StringView("enabled")).toBool();
    h.events = count(json, QLatin1StringView("events"));
    h.bytes = count(json, QLatin1StringView("bytes"));
    h.accounts = qMax(0, json.value(QLatin1StringView("accounts")).toInt());
    h.evictions = count(json, QLatin1StringView("evictions"));
    return h;
}

} // namespace

QString sourceName(SourceKind kind)
{
    const QLatin1StringView name = sourceKindMonitorName(kind);
    return name.isEmpty() ? QStringLiteral("embedded") : QString(name);
}

std::optional<SourceKind> sourceFromName(QStringView name)
{
    return sourceKindFromMonitorName(name);
}

QString sourceStateName(SourceState state)
{
    switch (state) {
    case SourceState::Stopped:
        break;
    case SourceState::Connecting:
        return QStringLiteral("connecting");
    case SourceState::Up:
        return QStringLiteral("up");
    case SourceState::Down:
        return QStringLiteral("down");
    }
    return QStringLiteral("stopped");
}

SourceState sourceStateFromName(QStringView name)
{
    for (SourceState state : {SourceState::Connecting, SourceState::Up, SourceState::Down}) {
        if (name == sourceStateName(state))
            return state;
    }
    return SourceState::Stopped;
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFromText(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QJsonObject encodeOverview(const EngineSnapshot &s)
{
    QJsonArray sources;
    for (const SourceStatus &source : s.sources)
        sources.append(QJsonObject {{QStringLiteral("kind"), sourceName(source.kind)},
                                    {QStringLiteral("state"), sourceStateName(source.state)},
                                    {QStringLiteral("detail"), source.detail},
                                    {QStringLiteral("next_retry_ms"), double(source.nextRetryInMs)},
                                    {QStringLiteral("reconnects"), double(source.reconnects)}});
    const double uptime = s.startedAt.isValid()
        ? double(s.startedAt.msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0
        : 0.0;
    return {
        {QStringLiteral("version"), QStringLiteral(SENDER_VERSION_STRING)},
        {QStringLiteral("started_at"), timeText(s.startedAt)},
        {QStringLiteral("uptime_seconds"), uptime},
        {QStringLiteral("listen"), QJsonObject {{QStringLiteral("sender"), s.listenAddress}}},
        {QStringLiteral("running"), s.running},
        {QStringLiteral("redis_configured"), s.redisConfigured},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("connections"), s.connections},
        {QStringLiteral("subscribers"), s.subscribers},
        {QStringLiteral("accounts"), s.accounts},
        {QStringLiteral("filter_sets"), s.filterSets},
        {QStringLiteral("messages_in"), bySource(s.messagesIn)},
        {QStringLiteral("events_in"), bySource(s.eventsIn)},
        {QStringLiteral("malformed"), double(s.malformed)},
        {QStringLiteral("deliveries"), double(s.deliveries)},
        {QStringLiteral("filtered_out"), double(s.filteredOut)},
        {QStringLiteral("slow_consumer_closes"), double(s.slowConsumerCloses)},
        {QStringLiteral("dropped_frames"), double(s.droppedFrames)},
        {QStringLiteral("bytes_sent"), double(s.bytesSent)},
        {QStringLiteral("send_queue_bytes"), double(s.sendQueueBytes)},
        {QStringLiteral("history"), encodeHistory(s.history)},
    };
}

EngineSnapshot decodeOverview(const QJsonObject &json)
{
    EngineSnapshot s;
    s.startedAt = timeFromText(json.value(QLatin1StringView("started_at")).toString());
    s.listenAddress = json.value(QLatin1StringView("listen"))
                          .toObject()
                          .value(QLatin1StringView("sender"))
                          .toString();
    s.running = json.value(QLatin1StringView("running")).toBool();
    s.redisConfigured = json.value(QLatin1StringView("redis_configured")).toBool();
    for (const QJsonValue &item : json.value(QLatin1StringView("sources")).toArray()) {
        const QJsonObject o = item.toObject();
        const std::optional<SourceKind> kind =
            sourceFromName(o.value(QLatin1StringView("kind")).toString());
        if (!kind)
            continue; // a kind this console does not know yet
        s.sources.append({*kind,
                          sourceStateFromName(o.value(QLatin1StringView("state")).toString()),
                          o.value(QLatin1StringView("detail")).toString(),
                          qint64(o.value(QLatin1StringView("next_retry_ms")).toDouble(-1)),
                          count(o, QLatin1StringView("reconnects"))});
    }
    s.connections = json.value(QLatin1StringView("connections")).toInt();
    s.subscribers = json.value(QLatin1StringView("subscribers")).toInt();
    s.accounts = json.value(QLatin1StringView("accounts")).toInt();
    s.filterSets = json.value(QLatin1StringView("filter_sets")).toInt();
    s.messagesIn = bySource(json.value(QLatin1StringView("messages_in")).toObject());
    s.eventsIn = bySource(json.value(QLatin1StringView("events_in")).toObject());
    s.malformed = count(json, QLatin1StringView("malformed"));
    s.deliveries = count(json, QLatin1StringView("deliveries"));
    s.filteredOut = count(json, QLatin1StringView("filtered_out"));
    s.slowConsumerCloses = count(json, QLatin1StringView("slow_consumer_closes"));
    s.droppedFrames = count(json, QLatin1StringView("dropped_frames"));
    s.bytesSent = count(json, QLatin1StringView("bytes_sent"));
    s.sendQueueBytes = qint64(count(json, QLatin1StringView("send_queue_bytes")));
    s.history = decodeHistory(json.value(QLatin1StringView("history")).toObject());
    return s;
}

QJsonObject encodeConnection(const ConnectionSnapshot &c)
{
    return {
        {QStringLiteral("id"), double(c.id)},
        {QStringLiteral("peer"), c.peer},
        {QStringLiteral("subscribed"), c.subscribed},
        {QStringLiteral("account"), c.account},
        {QStringLiteral("api_version"), c.apiVersion},
        {QStringLiteral("filter_query"), c.filterQuery},
        {QStringLiteral("filter_text"), c.filterText},
        {QStringLiteral("connected_at"), timeText(c.connectedAt)},
        {QStringLiteral("subscribed_at"), timeText(c.subscribedAt)},
        {QStringLiteral("delivered"), double(c.delivered)},
        {QStringLiteral("dropped"), double(c.dropped)},
        {QStringLiteral("filtered_out"), double(c.filteredOut)},
        {QStringLiteral("queue_bytes"), double(c.queueBytes)},
        {QStringLiteral("bytes_sent"), double(c.bytesSent)},
        {QStringLiteral("request_id"), c.requestId},
        {QStringLiteral("lag"),
         QJsonObject {{QStringLiteral("events"), double(c.lag.events)},
                      {QStringLiteral("ms"), double(c.lag.ms)}}},
    };
}

ConnectionSnapshot decodeConnection(const QJsonObject &json)
{
    ConnectionSnapshot c;
    c.id = count(json, QLatin1StringView("id"));
    c.peer = json.value(QLatin1StringView("peer")).toString();
    c.subscribed = json.value(QLatin1StringView("subscribed")).toBool();
    c.account = json.value(QLatin1StringView("account")).toString();
    c.apiVersion = json.value(QLatin1StringView("api_version")).toInt();
    c.filterQuery = json.value(QLatin1StringView("filter_query")).toString();
    c.filterText = json.value(QLatin1StringView("filter_text")).toString();
    c.connectedAt = timeFromText(json.value(QLatin1StringView("connected_at")).toString());
    c.subscribedAt = timeFromText(json.value(QLatin1StringView("subscribed_at")).toString());
    c.delivered = count(json, QLatin1StringView("delivered"));
    c.dropped = count(json, QLatin1StringView("dropped"));
    c.filteredOut = count(json, QLatin1StringView("filtered_out"));
    c.queueBytes = qint64(count(json, QLatin1StringView("queue_bytes")));
    c.bytesSent = count(json, QLatin1StringView("bytes_sent"));
    c.requestId = json.value(QLatin1StringView("request_id")).toString();
    const QJsonObject lag = json.value(QLatin1StringView("lag")).toObject();
    c.lag = {count(lag, QLatin1StringView("events")), qint64(count(lag, QLatin1StringView("ms")))};
    return c;
}

QJsonObject encodeFilterSet(const FilterSetSnapshot &f)
{
    return {
        {QStringLiteral("account"), f.account.toString(QUuid::WithoutBraces)},
        {QStringLiteral("filter_query"), f.filterQuery},
        {QStringLiteral("filter_text"), f.filterText},
        {QStringLiteral("members"), f.members},
        {QStringLiteral("passed"), double(f.passed)},
        {QStringLiteral("filtered_out"), double(f.filteredOut)},
    };
}

FilterSetSnapshot decodeFilterSet(const QJsonObject &json)
{
    FilterSetSnapshot f;
    f.account = QUuid::fromString(json.value(QLatin1StringView("account")).toString());
    f.filterQuery = json.value(QLatin1StringView("filter_query")).toString();
    f.filterText = json.value(QLatin1StringView("filter_text")).toString();
    f.members = json.value(QLatin1StringView("members")).toInt();
    f.passed = count(json, QLatin1StringView("passed"));
    f.filteredOut = count(json, QLatin1StringView("filtered_out"));
    return f;
}

QJsonObject encodeEventSample(const EventSample &sample)
{
    QJsonObject event;
    if (sample.message)
        event = QJsonDocument::fromJson(sample.message->framePayload(sample.index).toByteArray())
                    .object();
    return {
        {QStringLiteral("received_at"), timeText(sample.receivedAt)},
        {QStringLiteral("account"), sample.account.toString(QUuid::WithoutBraces)},
        {QStringLiteral("source"), sourceName(sample.kind)},
        {QStringLiteral("recipients"), sample.recipients},
        {QStringLiteral("event"), event},
    };
}

QByteArray encodeEventSampleJson(const EventSample &sample)
{
    // The keys in the order QJsonDocument writes them (sorted), so the text reads as
    // encodeEventSample's would. The values written here are ASCII with nothing to escape: a
    // UUID, an ISO time, a source name, an integer.
    const QByteArrayView payload =
        sample.message ? sample.message->framePayload(sample.index) : QByteArrayView();
    const QByteArray time = timeText(sample.receivedAt).toLatin1();
    const QByteArray source = sourceName(sample.kind).toLatin1();
    QByteArray out;
    out.reserve(payload.size() + time.size() + source.size() + 120);
    out.append("{\"account\":\"");
    out.append(sample.account.toByteArray(QUuid::WithoutBraces));
    out.append("\",\"event\":");
    // A frame's payload is the object the engine built for its subscribers; anything else (no
    // message) is the empty object encodeEventSample gives.
    if (payload.startsWith('{'))
        out.append(payload);
    else
        out.append("{}");
    out.append(",\"received_at\":\"");
    out.append(time);
    out.append("\",\"recipients\":");
    out.append(QByteArray::number(sample.recipients));
    out.append(",\"source\":\"");
    out.append(source);
    out.append("\"}");
    return out;
}

std::optional<EventSample> decodeEventSample(const QJsonObject &json)
{
    // The subscriber's object back into the one-event message a handler would have published.
    const QJsonObject delivered = json.value(QLatin1StringView("event")).toObject();
    const QJsonValue event = delivered.value(QLatin1StringView("event"));
    if (!event.isObject())
        return std::nullopt;
    const QJsonObject published {
        {QStringLiteral("handler_id"), delivered.value(QLatin1StringView("handler_id"))},
        {QStringLiteral("Luna-Request-Id"), delivered.value(QLatin1StringView("Luna-Request-id"))},
        {QStringLiteral("event_create_time"),
         delivered.value(QLatin1StringView("event-create-time"))},
        {QStringLiteral("event_end_time"), delivered.value(QLatin1StringView("event-end-time"))},
        {QStringLiteral("events"), QJsonArray {event}},
    };
    QString error;
    std::shared_ptr<const EventMessage> message =
        EventMessage::parse(QJsonDocument(published).toJson(QJsonDocument::Compact), &error);
    if (!message || message->eventCount() != 1)
        return std::nullopt;
    EventSample sample;
    sample.receivedAt = timeFromText(json.value(QLatin1StringView("received_at")).toString());
    sample.account = QUuid::fromString(json.value(QLatin1StringView("account")).toString());
    sample.kind = sourceFromName(json.value(QLatin1StringView("source")).toString())
                      .value_or(SourceKind::Embedded);
    sample.recipients = json.value(QLatin1StringView("recipients")).toInt();
    sample.message = std::move(message);
    sample.index = 0;
    return sample;
}

QJsonObject encodeRecentEvents(const QList<EventSample> &events, bool historyEnabled)
{
    QJsonArray list;
    for (const EventSample &sample : events)
        list.append(encodeEventSample(sample));
    return {{QStringLiteral("enabled"), historyEnabled}, {QStringLiteral("events"), list}};
}

QList<EventSample> decodeRecentEvents(const QJsonObject &json, bool *historyEnabled)
{
    if (historyEnabled)
        *historyEnabled = json.value(QLatin1StringView("enabled")).toBool();
    QList<EventSample> events;
    const QJsonArray list = json.value(QLatin1StringView("events")).toArray();
    events.reserve(list.size());
    for (const QJsonValue &item : list) {
        std::optional<EventSample> sample = decodeEventSample(item.toObject());
        if (sample)
            events.append(std::move(*sample));
    }
    return events;
}

} // namespace sender::SnapshotCodec
