#include "engine/EngineHost.h"

#include "config/ConfigRender.h"
#include "engine/Engine.h"
#include "sources/EmbeddedBus.h"

namespace sender {

EngineHost::EngineHost(QObject *parent)
    : EngineFeed(parent)
{
    m_thread.setObjectName(QStringLiteral("engine"));
    createWorker();
    m_worker->moveToThread(&m_thread); // the timers, its children, go along
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    watch(this, Watch::Overview | Watch::Lists); // what the console shows from the start
}

EngineHost::EngineHost(Engine *running, QObject *parent)
    : EngineFeed(parent)
    , m_ownsEngine(false)
{
    m_settings = running->settings();
    createWorker();
    m_worker->setParent(this);
    adopt(running);
}

EngineHost::~EngineHost()
{
    // Nobody listens any more: the stop below must not queue signals to receivers that are
    // going away with their owner.
    QObject::disconnect(this, nullptr, nullptr, nullptr);
    if (!m_ownsEngine)
        return; // the worker and its timers go as children; the engine is the caller's
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

void EngineHost::createWorker()
{
    m_worker = new QObject;
    m_snapshots = new QTimer(m_worker);
    m_lists = new QTimer(m_worker);
    connect(m_snapshots, &QTimer::timeout, m_worker, [this] { tick(); });
    connect(m_lists, &QTimer::timeout, m_worker, [this] { tickLists(); });
}

void EngineHost::onOwnerThread(std::function<void()> what)
{
    QMetaObject::invokeMethod(this, std::move(what));
}

void EngineHost::start(const Settings &settings)
{
    if (!m_ownsEngine)
        return; // the caller's engine: its life is the caller's
    m_settings = settings;
    setLinkState(LinkState::Connecting);
    QMetaObject::invokeMethod(m_worker, [this, settings] {
        if (m_engine)
            stopOnThread(true, settings);
        else
            startOnThread(settings);
    });
}

void EngineHost::stop()
{
    if (m_ownsEngine)
        QMetaObject::invokeMethod(m_worker, [this] { stopOnThread(false, {}); });
}

void EngineHost::adopt(Engine *engine)
{
    m_engine = engine;
    m_sampling = false;
    // Alerts are few (quiet periods) and must never be sampled: one queued signal each.
    connect(&engine->alerts(), &EngineAlerts::alertRaised, this, &EngineFeed::alertRaised);
    connect(&engine->alerts(), &EngineAlerts::alertAcknowledged, this,
            &EngineFeed::alertAcknowledged);
    m_running = engine->isRunning();
    const QString address = engine->listenAddress();
    onOwnerThread([this, address] {
        setListenAddress(address);
        setLinkState(LinkState::Up);
        Q_EMIT started(address);
    });
    updateTimers(); // a watcher sees the state at once
}

void EngineHost::startOnThread(const Settings &settings)
{
    auto *engine = new Engine(settings, m_worker);
    engine->setMonitorAddress(m_monitorAddress);
    QString error;
    if (!engine->start(&error)) {
        delete engine;
        m_running = false;
        onOwnerThread([this, error] {
            setLinkState(LinkState::Down, error);
            Q_EMIT startFailed(error);
        });
        return;
    }
    adopt(engine);
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
        updateTimers();
        onOwnerThread([this] {
            setLinkState(LinkState::Down);
            Q_EMIT stopped();
        });
        if (thenStart)
            startOnThread(next);
    });
    engine->stop(2000);
}

void EngineHost::watchedChanged()
{
    QMetaObject::invokeMethod(m_worker, [this] { updateTimers(); });
}

void EngineHost::updateTimers()
{
    const Watches what = watched();
    const bool sampling = m_engine && what.testFlag(Watch::Events);
    if (m_engine && sampling != m_sampling)
        m_engine->setSampling(sampling, m_rates.sampleCap);
    m_sampling = sampling;
    if (m_engine && (what.testFlag(Watch::Overview) || sampling)) {
        if (!m_snapshots->isActive()) {
            m_snapshots->start(m_rates.snapshotMs);
            tick();
        }
    } else {
        m_snapshots->stop();
    }
    if (m_engine && what.testFlag(Watch::Lists)) {
        if (!m_lists->isActive()) {
            m_lists->start(m_rates.listsMs);
            tickLists();
        }
    } else {
        m_lists->stop();
    }
}

void EngineHost::tick()
{
    if (!m_engine)
        return;
    if (watched().testFlag(Watch::Overview))
        Q_EMIT snapshotReady(m_engine->snapshot());
    if (m_sampling) {
        quint64 dropped = 0;
        QList<EventSample> samples = m_engine->takeSamples(&dropped);
        // What a watcher is shown is what it may ask the pictures of (by the event's id).
        for (const EventSample &sample : std::as_const(samples))
            m_engine->images().rememberSample(sample);
        if (!samples.isEmpty() || dropped)
            Q_EMIT eventsSampled(samples, dropped);
    }
}

void EngineHost::tickLists()
{
    if (!m_engine)
        return;
    Q_EMIT connectionsReady(m_engine->connections());
    Q_EMIT filterSetsReady(m_engine->filterSetSnapshots());
}

void EngineHost::fetch(Fetched done)
{
    QMetaObject::invokeMethod(m_worker, [this, done = std::move(done)] {
        if (!m_engine)
            done({}, {}, {});
        else
            done(m_engine->snapshot(), m_engine->connections(), m_engine->filterSetSnapshots());
    });
}

void EngineHost::closeConnection(quint64 id, const QString &reason, std::function<void(bool)> done)
{
    QMetaObject::invokeMethod(m_worker, [this, id, reason, done = std::move(done)] {
        done(m_engine && m_engine->isRunning() && m_engine->disconnectClient(id, reason));
    });
}

void EngineHost::disconnectClient(quint64 id, const QString &reason)
{
    closeConnection(id, reason, [](bool) {});
}

void EngineHost::requestConfig()
{
    Q_EMIT configReady(settingsToJson(m_settings));
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
    recentEvents(limit, std::nullopt,
                 [this](std::optional<QList<EventSample>> events, bool historyEnabled) {
                     Q_EMIT recentEventsReady(events.value_or(QList<EventSample>()),
                                              events && historyEnabled);
                 });
}

void EngineHost::setMonitorAddress(const QString &address)
{
    QMetaObject::invokeMethod(m_worker, [this, address] {
        m_monitorAddress = address;
        if (m_engine)
            m_engine->setMonitorAddress(address);
    });
}

void EngineHost::fleet(FleetDone done)
{
    QMetaObject::invokeMethod(m_worker, [this, done = std::move(done)] {
        if (!m_engine || !m_engine->isRunning())
            done(std::nullopt);
        else
            done(m_engine->fleet());
    });
}

void EngineHost::recentEvents(int limit, std::optional<QUuid> account, RecentDone done)
{
    QMetaObject::invokeMethod(m_worker, [this, limit, account, done = std::move(done)] {
        if (!m_engine || !m_engine->isRunning())
            done(std::nullopt, false);
        else
            done(m_engine->recentEvents(limit, account), m_engine->history().isEnabled());
    });
}

} // namespace sender

namespace sender {

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

void EngineHost::withAlerts(std::function<void(EngineAlerts *)> task)
{
    QMetaObject::invokeMethod(m_worker, [this, task = std::move(task)] {
        task(m_engine && m_engine->isRunning() ? &m_engine->alerts() : nullptr);
    });
}

void EngineHost::requestImage(const QUuid &eventId, images::ImageSlot slot, ImageDone done)
{
    QMetaObject::invokeMethod(m_worker, [this, eventId, slot, done = std::move(done)]() mutable {
        if (!m_engine || !m_engine->isRunning())
            done({images::ImageStatus::Unavailable,
                  {},
                  {},
                  QStringLiteral("the engine is not running")});
        else
            m_engine->images().request(eventId, slot, std::move(done));
    });
}

} // namespace sender
