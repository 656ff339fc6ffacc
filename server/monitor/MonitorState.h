#pragma once

#include "config/Settings.h"
#include "monitor/MonitorAuth.h"
#include "snapshots/EngineSnapshot.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <memory>

namespace sender {

class EngineFeed;

// What the monitoring port knows of its engine: the latest snapshots as they arrived from the
// feed, already in the contract's JSON (encoded with SnapshotCodec, so an attached console
// decodes exactly what is sent). Lives on the monitoring port's thread; the resource groups
// (MonitorRoutes.h) and the stream read it.
class MonitorState
{
public:
    // The port's token check (MonitorAuth; without a token, loopback only, everyone is let in).
    MonitorAuth token;
    int maxClients = 16;
    // Origins besides the port's own that may open the stream (MONITOR.ALLOWED_ORIGINS, lower
    // case, "scheme://host[:port]").
    QStringList allowedOrigins;
    QString monitorAddress; // "127.0.0.1:5081"
    Settings settings;
    EngineFeed *feed = nullptr;

    // The overview's "alerts": written on the engine's thread whenever an alert is raised or
    // acknowledged (and once at start), read here; shared, so a late write never dangles.
    struct AlertCounts
    {
        std::atomic<bool> known = false;
        std::atomic<quint64> total = 0;
        std::atomic<quint64> unacknowledged = 0;
    };
    std::shared_ptr<AlertCounts> alertCounts = std::make_shared<AlertCounts>();
    // Reads the engine's counts into alertCounts, on the engine's thread.
    void refreshAlertCounts();

    // For a request: what the feed does not deliver anyway (nobody watches it: not a stream of
    // this port, not the console) is fetched from the engine now (waiting on this thread only).
    // False when the engine did not answer.
    bool refresh();

    // The overview with "listen.monitor" and "rates" added; rates from the previous snapshot.
    void setSnapshot(const EngineSnapshot &snapshot);
    // Each returns whether the list differs from the previous one.
    bool setConnections(const QList<ConnectionSnapshot> &connections);
    bool setFilterSets(const QList<FilterSetSnapshot> &filterSets);

    bool hasSnapshot() const { return m_hasSnapshot; }
    const QJsonObject &overview() const { return m_overview; }
    const QJsonArray &connections() const { return m_connections; }
    const QJsonArray &filterSets() const { return m_filterSets; }
    // The connection with this id, or an empty object.
    QJsonObject connection(quint64 id) const;

private:
    // The parsed conditions of a canonical query, as the contract's "conditions" array.
    QJsonArray conditions(const QString &query);

    bool m_hasSnapshot = false;
    QJsonObject m_overview;
    QJsonArray m_connections;
    QJsonArray m_filterSets;
    QHash<quint64, qsizetype> m_connectionIndex;
    QHash<QString, QJsonArray> m_conditions; // cache: filter sets repeat across lists
    quint64 m_lastEventsIn = 0;
    quint64 m_lastDeliveries = 0;
    QElapsedTimer m_lastSnapshot;
};

} // namespace sender
