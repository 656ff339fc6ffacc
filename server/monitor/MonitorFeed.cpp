#include "monitor/MonitorFeed.h"

#include "engine/Engine.h"
#include "engine/EngineHost.h"

namespace sender {

namespace {
// The rates EngineHost uses for the console, so a local and an attached console see the same.
constexpr int kSnapshotMs = 100;
constexpr int kListsMs = 500;
constexpr int kSampleCap = 20000;
} // namespace

EngineFeed::EngineFeed(Engine *engine, QObject *parent)
    : MonitorFeed(parent)
    , m_engine(engine)
{
    qRegisterMetaType<EngineSnapshot>();
    qRegisterMetaType<QList<ConnectionSnapshot>>();
    qRegisterMetaType<QList<FilterSetSnapshot>>();
    qRegisterMetaType<QList<EventSample>>();
    connect(&m_snapshots, &QTimer::timeout, this, &EngineFeed::tick);
    connect(&m_lists, &QTimer::timeout, this, &EngineFeed::tickLists);
    qRegisterMetaType<AlertSnapshot>();
    connect(&engine->alerts(), &EngineAlerts::alertRaised, this, &MonitorFeed::alertRaised);
    connect(&engine->alerts(), &EngineAlerts::alertAcknowledged, this,
            &MonitorFeed::alertAcknowledged);
    m_snapshots.setInterval(kSnapshotMs);
    m_lists.setInterval(kListsMs);
}

void EngineFeed::updateTimers()
{
    if (m_overviewWatched || m_sampling) {
        if (!m_snapshots.isActive()) {
            m_snapshots.start();
            tick(); // a new watcher sees the state at once
        }
    } else {
        m_snapshots.stop();
    }
    if (m_listsWatched) {
        if (!m_lists.isActive()) {
            m_lists.start();
            tickLists();
        }
    } else {
        m_lists.stop();
    }
}

void EngineFeed::setWatched(bool overview, bool lists)
{
    QMetaObject::invokeMethod(this, [this, overview, lists] {
        m_overviewWatched = overview;
        m_listsWatched = lists;
        updateTimers();
    });
}

void EngineFeed::fetch(Fetched done)
{
    QMetaObject::invokeMethod(this, [this, done = std::move(done)] {
        done(m_engine->snapshot(), m_engine->connectionSnapshots(), m_engine->filterSetSnapshots());
    });
}

void EngineFeed::tick()
{
    if (m_overviewWatched)
        Q_EMIT snapshotReady(m_engine->snapshot());
    if (m_sampling) {
        quint64 dropped = 0;
        QList<EventSample> samples = m_engine->takeSamples(&dropped);
        if (!samples.isEmpty() || dropped)
            Q_EMIT eventsSampled(samples, dropped);
    }
}

void EngineFeed::tickLists()
{
    Q_EMIT connectionsReady(m_engine->connectionSnapshots());
    Q_EMIT filterSetsReady(m_engine->filterSetSnapshots());
}

void EngineFeed::setSampling(bool on)
{
    QMetaObject::invokeMethod(this, [this, on] {
        if (on == m_sampling)
            return;
        m_sampling = on;
        m_engine->setSampling(on, kSampleCap);
        updateTimers();
    });
}

void EngineFeed::closeConnection(quint64 id, const QString &reason,
                                 std::function<void(bool found)> done)
{
    QMetaObject::invokeMethod(this, [this, id, reason, done = std::move(done)] {
        done(m_engine->isRunning() && m_engine->disconnectClient(id, reason));
    });
}

void EngineFeed::withAlerts(std::function<void(EngineAlerts *)> task)
{
    QMetaObject::invokeMethod(this, [this, task = std::move(task)] {
        task(m_engine->isRunning() ? &m_engine->alerts() : nullptr);
    });
}

void EngineFeed::recentEvents(int limit, std::optional<QUuid> account, RecentDone done)
{
    QMetaObject::invokeMethod(this, [this, limit, account, done = std::move(done)] {
        if (!m_engine->isRunning())
            done(std::nullopt, false);
        else
            done(m_engine->recentEvents(limit, account), m_engine->history().isEnabled());
    });
}

HostFeed::HostFeed(EngineHost *host, QObject *parent)
    : MonitorFeed(parent)
    , m_host(host)
{
    connect(host, &EngineHost::snapshotReady, this, [this](const EngineSnapshot &s) {
        {
            const QMutexLocker lock(&m_mutex);
            m_snapshot = s;
        }
        Q_EMIT snapshotReady(s);
    });
    connect(host, &EngineHost::connectionsReady, this,
            [this](const QList<ConnectionSnapshot> &list) {
                {
                    const QMutexLocker lock(&m_mutex);
                    m_connections = list;
                }
                Q_EMIT connectionsReady(list);
            });
    connect(host, &EngineHost::filterSetsReady, this, [this](const QList<FilterSetSnapshot> &list) {
        {
            const QMutexLocker lock(&m_mutex);
            m_filterSets = list;
        }
        Q_EMIT filterSetsReady(list);
    });
    connect(host, &EngineHost::eventsSampled, this, &MonitorFeed::eventsSampled);
    connect(host, &EngineHost::alertRaised, this, &MonitorFeed::alertRaised);
    connect(host, &EngineHost::alertAcknowledged, this, &MonitorFeed::alertAcknowledged);
}

void HostFeed::fetch(Fetched done)
{
    const QMutexLocker lock(&m_mutex);
    done(m_snapshot, m_connections, m_filterSets);
}

void HostFeed::withAlerts(std::function<void(EngineAlerts *)> task)
{
    m_host->withAlerts(std::move(task));
}

void HostFeed::recentEvents(int limit, std::optional<QUuid> account, RecentDone done)
{
    m_host->recentEvents(limit, account, std::move(done));
}

void HostFeed::setSampling(bool on)
{
    // Only ever on: the console that owns the host samples for its own event stream, and a
    // monitor leaving must not switch that off.
    if (on)
        QMetaObject::invokeMethod(m_host, [this] { m_host->setSampling(true); });
}

void HostFeed::closeConnection(quint64 id, const QString &reason,
                               std::function<void(bool found)> done)
{
    m_host->disconnectClient(id, reason, std::move(done));
}

} // namespace sender
