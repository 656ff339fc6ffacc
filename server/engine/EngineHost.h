#pragma once

#include "config/Settings.h"
#include "engine/EngineFeed.h"

#include <QThread>
#include <QTimer>

#include <atomic>

namespace sender {

class Engine;

// The engine in this process as an EngineFeed. The console's host runs an Engine on a thread of
// its own (so a busy window never delays delivery) and starts, restarts and stops it; the
// headless service's host reads an Engine that runs on the caller's thread and leaves its life
// to the caller. Either way snapshots are copied out on the engine's thread, by timers that run
// only while someone watches what they take, and reach watchers on other threads queued.
class EngineHost : public EngineFeed
{
    Q_OBJECT
public:
    struct Rates
    {
        int snapshotMs = 100;
        int listsMs = 500;
        int sampleCap = 20000; // events kept between two batches; older ones are dropped
    };

    // The console's engine, on its own thread, not started yet. It watches the overview and
    // the lists for the console from the start (setSampling adds the events).
    explicit EngineHost(QObject *parent = nullptr);
    // An engine that is running on this thread (the headless service); nothing is watched until
    // someone says so. Must not outlive the engine.
    explicit EngineHost(Engine *running, QObject *parent = nullptr);
    ~EngineHost() override; // the console's: stops the engine and joins the thread

    void setRates(const Rates &rates) { m_rates = rates; }
    // Starts (or restarts, when running) the console's engine with these settings.
    void start(const Settings &settings);
    void stop();
    bool isRunning() const { return m_running; }
    const Settings &settings() const { return m_settings; }
    // Where the monitoring port serving this engine listens, for the fleet's announcement.
    void setMonitorAddress(const QString &address);
    // Publishes a Redis-format message into the embedded bus (the console's "send test event").
    void publish(const QByteArray &account, const QByteArray &message);

    bool isRemote() const override { return false; }
    QString instanceName() const override { return listenAddress(); }
    void fetch(Fetched done) override;
    void recentEvents(int limit, std::optional<QUuid> account, RecentDone done) override;
    void requestRecentEvents(int limit) override;
    void fleet(FleetDone done) override;
    void closeConnection(quint64 id, const QString &reason,
                         std::function<void(bool)> done) override;
    void disconnectClient(quint64 id, const QString &reason) override;
    void requestConfig() override;
    void acknowledgeAlert(quint64 id, const QString &by, const QString &comment) override;
    void requestAlerts(int limit = 500) override;
    void requestAlertRules() override;
    void setAlertRules(const QByteArray &json) override;
    void withAlerts(std::function<void(EngineAlerts *)> task) override;
    void requestImage(const QUuid &eventId, images::ImageSlot slot, ImageDone done) override;

protected:
    void watchedChanged() override;

private:
    void createWorker();
    void adopt(Engine *engine); // on m_thread (or the caller's, for a running engine)
    void startOnThread(const Settings &settings);
    void stopOnThread(bool thenStart, const Settings &next);
    // On the engine's thread: the timers and the engine's sampling follow what is watched.
    void updateTimers();
    void tick();
    void tickLists();
    // Runs `what` on this object's own thread (the link state lives there).
    void onOwnerThread(std::function<void()> what);

    QThread m_thread;
    bool m_ownsEngine = true; // false for an engine running on the caller's thread
    QObject *m_worker = nullptr; // lives on the engine's thread; parent of the timers
    QTimer *m_snapshots = nullptr;
    QTimer *m_lists = nullptr;
    Engine *m_engine = nullptr; // touched only on the engine's thread
    Settings m_settings;
    Rates m_rates;
    std::atomic<bool> m_running = false; // written on the engine thread, read on the owner's
    bool m_sampling = false; // the engine's, on its thread
    QString m_monitorAddress; // on the engine's thread
};

} // namespace sender
