#pragma once

#include "engine/EngineAlerts.h"
#include "engine/EngineSnapshot.h"

#include <QMutex>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace sender {

class Engine;
class EngineHost;

// What the monitoring port reads from an engine: periodic snapshots only (the overview at about
// 10 Hz, the lists at about 2 Hz, sampled events in batches), never a call per event, so a busy
// monitor cannot slow delivery. The signals are emitted on the engine's thread and reach the
// monitoring port's own thread queued; the two methods may be called from any thread.
class MonitorFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Events are sampled only while some stream wants them (sampling costs the engine a copy).
    virtual void setSampling(bool on) = 0;
    // Closes subscriber `id` (1008 with `reason`, or 1000 without); `done(found)` runs on the
    // engine's thread once it is done.
    virtual void closeConnection(quint64 id, const QString &reason,
                                 std::function<void(bool found)> done) = 0;

    // Which periodic snapshots someone watches (a stream subscribed to them). Nobody watching,
    // the engine is not asked at all: its snapshot walks every connection.
    virtual void setWatched(bool overview, bool lists) = 0;
    // One fresh overview and both lists, for a request while nobody watches; `done` runs on the
    // engine's thread (or at once, with the latest ones, when they are taken anyway).
    using Fetched = std::function<void(const EngineSnapshot &, const QList<ConnectionSnapshot> &,
                                       const QList<FilterSetSnapshot> &)>;
    virtual void fetch(Fetched done) = 0;

    // Runs `task` on the engine's thread with the engine's alerts (nullptr when the engine is
    // not running): the alert resources read and change them there, never across threads.
    virtual void withAlerts(std::function<void(EngineAlerts *)> task) = 0;

    // The newest `limit` events of the engine's history (of one account, or of every account in
    // arrival order), oldest first; `done` runs on the engine's thread, with nothing when the
    // engine is not running, and whether the history is on.
    using RecentDone =
        std::function<void(std::optional<QList<EventSample>> events, bool historyEnabled)>;
    virtual void recentEvents(int limit, std::optional<QUuid> account, RecentDone done) = 0;

Q_SIGNALS:
    void snapshotReady(const sender::EngineSnapshot &snapshot);
    void connectionsReady(const QList<sender::ConnectionSnapshot> &connections);
    void filterSetsReady(const QList<sender::FilterSetSnapshot> &filterSets);
    void eventsSampled(const QList<sender::EventSample> &events, quint64 droppedBefore);
    // Alerts are few and never sampled: one signal each.
    void alertRaised(const sender::AlertSnapshot &alert);
    void alertAcknowledged(const sender::AlertSnapshot &alert);
};

// The feed of an Engine that runs on the caller's thread (the headless service): two timers on
// that thread copy the snapshots out as EngineHost does for the console, but only while a stream
// watches them; otherwise the engine is asked once per request.
class EngineFeed : public MonitorFeed
{
    Q_OBJECT
public:
    // Lives on the engine's thread; must not outlive the engine.
    explicit EngineFeed(Engine *engine, QObject *parent = nullptr);

    void setSampling(bool on) override;
    void closeConnection(quint64 id, const QString &reason,
                         std::function<void(bool found)> done) override;
    void withAlerts(std::function<void(EngineAlerts *)> task) override;
    void recentEvents(int limit, std::optional<QUuid> account, RecentDone done) override;
    void setWatched(bool overview, bool lists) override;
    void fetch(Fetched done) override;

private:
    void tick();
    void tickLists();
    void updateTimers();

    Engine *m_engine;
    QTimer m_snapshots;
    QTimer m_lists;
    bool m_sampling = false;
    bool m_overviewWatched = false;
    bool m_listsWatched = false;
};

// The feed of an EngineHost (the console's engine on its own thread): its signals, passed on.
class HostFeed : public MonitorFeed
{
    Q_OBJECT
public:
    explicit HostFeed(EngineHost *host, QObject *parent = nullptr);

    void setSampling(bool on) override;
    void closeConnection(quint64 id, const QString &reason,
                         std::function<void(bool found)> done) override;
    void withAlerts(std::function<void(EngineAlerts *)> task) override;
    void recentEvents(int limit, std::optional<QUuid> account, RecentDone done) override;
    // The host takes its snapshots for its own console anyway: nothing to switch, and a fetch
    // gets the latest it passed on.
    void setWatched(bool, bool) override { }
    void fetch(Fetched done) override;

private:
    EngineHost *m_host;
    QMutex m_mutex; // the latest ones, written on this object's thread, read on the port's
    EngineSnapshot m_snapshot;
    QList<ConnectionSnapshot> m_connections;
    QList<FilterSetSnapshot> m_filterSets;
};

} // namespace sender
