#include "engine/EngineHost.h"

#include "engine/Engine.h"
#include "sources/EmbeddedBus.h"

#include <QTimer>

namespace sender {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<EngineSnapshot>();
    qRegisterMetaType<QList<ConnectionSnapshot>>();
    qRegisterMetaType<QList<FilterSetSnapshot>>();
    qRegisterMetaType<QList<AlertSnapshot>>();
    qRegisterMetaType<QList<EventSample>>();
    m_thread.setObjectName(QStringLiteral("engine"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

EngineHost::~EngineHost()
{
    // Nobody listens any more: the stop below must not queue signals to receivers that are
    // going away with their owner.
    QObject::disconnect(this, nullptr, nullptr, nullptr);
    // Stop on the engine's own event loop (clients get their 1001 before the process goes),
    // then let the thread end. No nested QEventLoop inside a blocking call: events the engine
    // posted to itself before this call (the server's reap after a stop already under way)
    // were not always delivered inside one, and the stop never finished.
    QMetaObject::invokeMethod(m_worker, [this] {
        Engine *engine = m_engine;
        if (!engine || !engine->isRunning()) {
            m_thread.quit();
            return;
        }
        connect(engine, &Engine::stopped, m_worker, [this] { m_thread.quit(); });
        engine->stop(2000);
    });
    // The engine (a child of m_worker) goes with the worker when the thread has finished.
    m_thread.wait();
}

void EngineHost::start(const Settings &settings)
{
    m_settings = settings;
    QMetaObject::invokeMethod(m_worker, [this, settings] {
        if (m_engine)
            stopOnThread(true, settings);
        else
            startOnThread(settings);
    });
}

void EngineHost::stop()
{
    QMetaObject::invokeMethod(m_worker, [this] { stopOnThread(false, {}); });
}

void EngineHost::startOnThread(const Settings &settings)
{
    auto *engine = new Engine(settings, m_worker);
    QString error;
    if (!engine->start(&error)) {
        delete engine;
        m_running = false;
        Q_EMIT startFailed(error);
        return;
    }
    m_engine = engine;
    m_engine->setSampling(m_sampling, m_rates.sampleCap);
    // Alerts are few (quiet periods) and must never be sampled: one queued signal each.
    connect(&m_engine->alerts(), &EngineAlerts::alertRaised, this, &EngineHost::alertRaised);
    connect(&m_engine->alerts(), &EngineAlerts::alertAcknowledged, this,
            &EngineHost::alertAcknowledged);
    auto *snapshots = new QTimer(m_engine);
    connect(snapshots, &QTimer::timeout, m_engine, [this] { tick(); });
    snapshots->start(m_rates.snapshotMs);
    auto *lists = new QTimer(m_engine);
    connect(lists, &QTimer::timeout, m_engine, [this] { tickLists(); });
    lists->start(m_rates.listsMs);
    m_running = true;
    Q_EMIT started(m_engine->listenAddress());
    tick();
    tickLists();
}

void EngineHost::stopOnThread(bool thenStart, const Settings &next)
{
    if (!m_engine) {
        if (thenStart)
            startOnThread(next);
        return;
    }
    Engine *engine = m_engine;
    connect(engine, &Engine::stopped, m_worker, [this, engine, thenStart, next] {
        if (m_engine == engine)
            m_engine = nullptr;
        engine->deleteLater();
        m_running = false;
        Q_EMIT stopped();
        if (thenStart)
            startOnThread(next);
    });
    engine->stop(2000);
}

void EngineHost::tick()
{
    if (!m_engine)
        return;
    Q_EMIT snapshotReady(m_engine->snapshot());
    if (m_sampling) {
        quint64 dropped = 0;
        QList<EventSample> samples = m_engine->takeSamples(&dropped);
        if (!samples.isEmpty() || dropped)
            Q_EMIT eventsSampled(samples, dropped);
    }
}

void EngineHost::tickLists()
{
    if (!m_engine)
        return;
    Q_EMIT connectionsReady(m_engine->connectionSnapshots());
    Q_EMIT filterSetsReady(m_engine->filterSetSnapshots());
}

void EngineHost::disconnectClient(quint64 id, const QString &reason)
{
    QMetaObject::invokeMethod(m_worker, [this, id, reason] {
        if (m_engine)
            m_engine->disconnectClient(id, reason);
    });
}

void EngineHost::disconnectClient(quint64 id, const QString &reason, std::function<void(bool)> done)
{
    QMetaObject::invokeMethod(m_worker, [this, id, reason, done = std::move(done)] {
        done(m_engine && m_engine->isRunning() && m_engine->disconnectClient(id, reason));
    });
}

void EngineHost::setSampling(bool on)
{
    m_sampling = on;
    QMetaObject::invokeMethod(m_worker, [this, on] {
        if (m_engine)
            m_engine->setSampling(on, m_rates.sampleCap);
    });
}

void EngineHost::publish(const QByteArray &account, const QByteArray &message)
{
    QMetaObject::invokeMethod(m_worker, [this, account, message] {
        if (m_engine && m_engine->embeddedBus())
            m_engine->embeddedBus()->publish(account, message);
    });
}

void EngineHost::requestRecentEvents(int limit)
{
    QMetaObject::invokeMethod(m_worker, [this, limit] {
        if (!m_engine || !m_engine->isRunning()) {
            Q_EMIT recentEventsReady({}, false);
            return;
        }
        Q_EMIT recentEventsReady(m_engine->recentEvents(limit), m_engine->history().isEnabled());
    });
}

void EngineHost::recentEvents(int limit, std::optional<QUuid> account, RecentEventsDone done)
{
    QMetaObject::invokeMethod(m_worker, [this, limit, account, done = std::move(done)] {
        if (!m_engine || !m_engine->isRunning())
            done(std::nullopt, false);
        else
            done(m_engine->recentEvents(limit, account), m_engine->history().isEnabled());
    });
}

void EngineHost::acknowledgeAlert(quint64 id, const QString &by, const QString &comment)
{
    QMetaObject::invokeMethod(m_worker, [this, id, by, comment] {
        QString error;
        if (!m_engine)
            Q_EMIT alertError(QStringLiteral("the engine is not running"));
        else if (!m_engine->alerts().acknowledge(id, by, comment, &error))
            Q_EMIT alertError(error);
    });
}

void EngineHost::requestAlertRules()
{
    QMetaObject::invokeMethod(m_worker, [this] {
        if (m_engine)
            Q_EMIT alertRulesReady(m_engine->alerts().rulesJson(), m_engine->alerts().rulesError());
    });
}

void EngineHost::setAlertRules(const QByteArray &json)
{
    QMetaObject::invokeMethod(m_worker, [this, json] {
        QString error;
        if (!m_engine)
            Q_EMIT alertError(QStringLiteral("the engine is not running"));
        else if (!m_engine->alerts().setRules(json, &error))
            Q_EMIT alertError(error);
        else
            Q_EMIT alertRulesReady(m_engine->alerts().rulesJson(), QString());
    });
}

void EngineHost::requestAlerts(int limit)
{
    QMetaObject::invokeMethod(m_worker, [this, limit] {
        if (!m_engine)
            return;
        alerts::AlertLog::Query q;
        q.limit = limit;
        Q_EMIT alertsReady(m_engine->alerts().log().query(q),
                           m_engine->alerts().log().unacknowledged());
    });
}

} // namespace sender

namespace sender {

void EngineHost::withAlerts(std::function<void(EngineAlerts *)> task)
{
    QMetaObject::invokeMethod(m_worker, [this, task = std::move(task)] {
        task(m_engine && m_engine->isRunning() ? &m_engine->alerts() : nullptr);
    });
}

} // namespace sender
