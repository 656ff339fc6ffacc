#pragma once

#include "snapshots/EngineSnapshot.h"
#include "sources/redis/RedisSettings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace sender {

class RedisCommandLink;
struct RespValue;

// The fleet: the instances that share one Redis. Every announce interval this instance writes
// its announcement (FleetAnnouncement) under its key with a TTL of three intervals, then reads
// everybody's (SCAN MATCH on the key prefix, then MGET), so the list it shows is at most one
// interval old and costs the event path nothing. An instance whose key expired (it died, or its
// Redis did) is shown as gone for goneKeepMs, then forgotten; one that stopped cleanly leaves a
// "stopped" announcement and is dropped at once. Everything read is bounded (maxInstances keys,
// FleetAnnouncement::kMaxBytes each) and checked; what fails a check is ignored and logged, at
// most a few lines a minute. Without Redis (the embedded bus) the fleet is this instance alone.
// Lives on the engine's thread and never blocks it.
class FleetWatch : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::optional<RedisSettings> redis;
        int intervalMs = 5000;
        qint64 goneKeepMs = 600000;
        int maxInstances = 1000;
    };
    // This instance now, and its counters for the rates.
    struct Self
    {
        InstanceSnapshot instance;
        quint64 eventsIn = 0;
        quint64 deliveries = 0;
    };
    using SelfSource = std::function<Self()>;

    FleetWatch(const Options &options, SelfSource self, QObject *parent = nullptr);
    ~FleetWatch() override;

    // Announces at once, then every interval.
    void start();
    // A clean stop: says "stopped" for one TTL, then closes the link.
    void leave();
    // This instance (now, with the rates of the last interval) first, then the others by name.
    FleetSnapshot fleet() const;

private:
    void tick();
    void scanPage(const QByteArray &cursor, int page);
    void fetch(qsizetype from);
    void finishRound(bool complete, const QString &problem);
    void consider(const QByteArray &key, const RespValue &value);
    void ignore(const QByteArray &key, const QString &why);
    InstanceSnapshot selfNow(Self *counters = nullptr) const;
    int ttlMs() const { return 3 * m_options.intervalMs; }

    const Options m_options;
    const SelfSource m_selfSource;
    const QByteArray m_prefix; // <channel prefix>instances:
    QByteArray m_key;
    RedisCommandLink *m_link = nullptr;
    QTimer m_timer;

    // The rates of the last interval.
    QElapsedTimer m_sinceTick;
    quint64 m_lastEvents = 0;
    quint64 m_lastDeliveries = 0;
    double m_eventsPerSecond = 0;
    double m_deliveriesPerSecond = 0;

    // The round in progress: the keys found so far, the instances read.
    bool m_reading = false;
    bool m_overflow = false;
    QList<QByteArray> m_keys;
    QHash<QUuid, InstanceSnapshot> m_seen;
    QList<QUuid> m_stopped;
    QString m_announceProblem;

    QHash<QUuid, InstanceSnapshot> m_known; // the others, as of the last complete round
    bool m_redisUp = false;
    QString m_redisDetail;

    // At most kLogLines lines about ignored announcements per minute.
    QElapsedTimer m_logWindow;
    int m_logged = 0;
    int m_suppressed = 0;
};

} // namespace sender
