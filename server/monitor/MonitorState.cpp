#include "monitor/MonitorState.h"

#include "engine/EngineFeed.h"
#include "engine/SnapshotCodec.h"
#include "filters/SubscriptionFilter.h"

#include <chrono>
#include <future>

namespace sender {

namespace {
// Distinct filter queries remembered for their conditions; beyond it the cache starts again.
constexpr qsizetype kConditionCacheSize = 4096;
} // namespace

void MonitorState::setSnapshot(const EngineSnapshot &snapshot)
{
    quint64 eventsIn = 0;
    for (quint64 n : snapshot.eventsIn)
        eventsIn += n;
    double eventsRate = 0;
    double deliveriesRate = 0;
    if (m_lastSnapshot.isValid()) {
        const double seconds = double(qMax<qint64>(1, m_lastSnapshot.elapsed())) / 1000.0;
        // A restarted engine starts its counters again: no negative rates.
        eventsRate = eventsIn >= m_lastEventsIn ? double(eventsIn - m_lastEventsIn) / seconds : 0;
        deliveriesRate = snapshot.deliveries >= m_lastDeliveries
            ? double(snapshot.deliveries - m_lastDeliveries) / seconds
            : 0;
    }
    m_lastSnapshot.start();
    m_lastEventsIn = eventsIn;
    m_lastDeliveries = snapshot.deliveries;

    QJsonObject overview = SnapshotCodec::encodeOverview(snapshot);
    QJsonObject listen = overview.value(QLatin1StringView("listen")).toObject();
    listen.insert(QStringLiteral("monitor"), monitorAddress);
    overview.insert(QStringLiteral("listen"), listen);
    overview.insert(QStringLiteral("rates"),
                    QJsonObject {{QStringLiteral("events_in_per_s"), eventsRate},
                                 {QStringLiteral("deliveries_per_s"), deliveriesRate}});
    if (alertCounts->known)
        overview.insert(QStringLiteral("alerts"),
                        QJsonObject {{QStringLiteral("unacknowledged"),
                                      double(alertCounts->unacknowledged.load())},
                                     {QStringLiteral("total"), double(alertCounts->total.load())}});
    m_overview = overview;
    m_hasSnapshot = true;
}

void MonitorState::refreshAlertCounts()
{
    if (!feed)
        return;
    feed->withAlerts([counts = alertCounts](EngineAlerts *alerts) {
        if (!alerts)
            return;
        counts->total = alerts->total();
        counts->unacknowledged = alerts->log().unacknowledged();
        counts->known = true;
    });
}

QJsonArray MonitorState::conditions(const QString &query)
{
    const auto cached = m_conditions.constFind(query);
    if (cached != m_conditions.constEnd())
        return *cached;
    QJsonArray out;
    FilterError error;
    const std::optional<SubscriptionFilter> filter =
        SubscriptionFilter::parse(query.toUtf8(), &error);
    if (filter) {
        for (const FilterCondition &c : filter->conditions())
            out.append(
                QJsonObject {{QStringLiteral("parameter"), c.parameter},
                             {QStringLiteral("operator"), c.op},
                             {QStringLiteral("values"), QJsonArray::fromStringList(c.values)},
                             {QStringLiteral("text"), c.text()}});
    }
    if (m_conditions.size() >= kConditionCacheSize)
        m_conditions.clear();
    m_conditions.insert(query, out);
    return out;
}

bool MonitorState::setConnections(const QList<ConnectionSnapshot> &connections)
{
    QJsonArray list;
    QHash<quint64, qsizetype> index;
    index.reserve(connections.size());
    for (const ConnectionSnapshot &c : connections) {
        QJsonObject o = SnapshotCodec::encodeConnection(c);
        o.insert(QStringLiteral("conditions"), conditions(c.filterQuery));
        index.insert(c.id, list.size());
        list.append(o);
    }
    const bool changed = list != m_connections;
    m_connections = list;
    m_connectionIndex = index;
    return changed;
}

bool MonitorState::setFilterSets(const QList<FilterSetSnapshot> &filterSets)
{
    QJsonArray list;
    for (const FilterSetSnapshot &f : filterSets) {
        QJsonObject o = SnapshotCodec::encodeFilterSet(f);
        o.insert(QStringLiteral("conditions"), conditions(f.filterQuery));
        list.append(o);
    }
    const bool changed = list != m_filterSets;
    m_filterSets = list;
    return changed;
}

QJsonObject MonitorState::connection(quint64 id) const
{
    const qsizetype at = m_connectionIndex.value(id, -1);
    return at < 0 ? QJsonObject() : m_connections.at(at).toObject();
}

} // namespace sender

namespace sender {

bool MonitorState::refresh()
{
    if (!feed)
        return m_hasSnapshot;
    // Watched, the feed delivers them anyway (at most a period old); until the first has come,
    // one is fetched.
    const EngineFeed::Watches watched = feed->watched();
    const bool overviewStreamed = watched.testFlag(EngineFeed::Watch::Overview);
    const bool listsStreamed = watched.testFlag(EngineFeed::Watch::Lists);
    if (overviewStreamed && listsStreamed && m_hasSnapshot)
        return m_hasSnapshot;
    struct Fresh
    {
        EngineSnapshot snapshot;
        QList<ConnectionSnapshot> connections;
        QList<FilterSetSnapshot> filterSets;
    };
    auto answer = std::make_shared<std::promise<Fresh>>();
    std::future<Fresh> fresh = answer->get_future();
    feed->fetch([answer](const EngineSnapshot &s, const QList<ConnectionSnapshot> &c,
                         const QList<FilterSetSnapshot> &f) {
        answer->set_value({s, c, f});
    });
    if (fresh.wait_for(std::chrono::milliseconds(2000)) != std::future_status::ready)
        return m_hasSnapshot;
    const Fresh got = fresh.get();
    if (!overviewStreamed && got.snapshot.startedAt.isValid())
        setSnapshot(got.snapshot);
    if (!listsStreamed) {
        setConnections(got.connections);
        setFilterSets(got.filterSets);
    }
    return m_hasSnapshot;
}

} // namespace sender
