#pragma once

#include "config/Settings.h"
#include "engine/EngineAlerts.h"
#include "engine/EngineSnapshot.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <optional>

namespace sender {

class Engine;

// The console's only door into the engine: runs an Engine on a thread of its own (so a busy
// window never delays delivery), and reports through queued signals at a bounded rate —
// snapshots at about 10 Hz, connection and filter-set lists at about 2 Hz, events in batches —
// never one signal per event. Every method may be called from the thread that owns the host.
class EngineHost : public QObject
{
    Q_OBJECT
public:
    struct Rates
    {
        int snapshotMs = 100;
        int listsMs = 500;
        int sampleCap = 20000; // events kept between two batches; older ones are dropped
    };

    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override; // stops the engine and joins the thread

    void setRates(const Rates &rates) { m_rates = rates; }
    // Starts (or restarts, when running) the engine with these settings.
    void start(const Settings &settings);
    void stop();
    bool isRunning() const { return m_running; }
    const Settings &settings() const { return m_settings; }

    void disconnectClient(quint64 id, const QString &reason);
    // The same, and `done(found)` runs on the engine's thread afterwards (the monitoring port
    // answers 404 for an id the engine does not know).
    void disconnectClient(quint64 id, const QString &reason, std::function<void(bool)> done);
    void setSampling(bool on);
    // Publishes a Redis-format message into the embedded bus (the console's "send test event").
    void publish(const QByteArray &account, const QByteArray &message);

    // The newest `limit` events the engine's history holds, of every account in arrival order,
    // oldest first: answered by recentEventsReady (empty and not enabled when no engine runs).
    void requestRecentEvents(int limit);
    // The same of one account or all, for the monitoring port: `done` runs on the engine's
    // thread, with nothing when no engine runs.
    using RecentEventsDone =
        std::function<void(std::optional<QList<EventSample>> events, bool historyEnabled)>;
    void recentEvents(int limit, std::optional<QUuid> account, RecentEventsDone done);

    // Alerts. Results come back as signals: alertAcknowledged or alertError, alertRulesReady
    // (the rules JSON and the rules file's current error, if any), alertsReady (newest first).
    void acknowledgeAlert(quint64 id, const QString &by, const QString &comment);
    void requestAlertRules();
    void setAlertRules(const QByteArray &json);
    void requestAlerts(int limit = 500);
    // Runs `task` on the engine's thread with its alerts (nullptr when no engine runs), for the
    // monitoring port's alert resources.
    void withAlerts(std::function<void(EngineAlerts *)> task);

Q_SIGNALS:
    void started(const QString &listenAddress);
    void startFailed(const QString &error);
    void stopped();
    void snapshotReady(const sender::EngineSnapshot &snapshot);
    void connectionsReady(const QList<sender::ConnectionSnapshot> &connections);
    void filterSetsReady(const QList<sender::FilterSetSnapshot> &filterSets);
    void eventsSampled(const QList<sender::EventSample> &events, quint64 droppedBefore);
    void recentEventsReady(const QList<sender::EventSample> &events, bool historyEnabled);
    void alertRaised(const sender::AlertSnapshot &alert);
    void alertAcknowledged(const sender::AlertSnapshot &alert);
    void alertError(const QString &error);
    void alertRulesReady(const QByteArray &json, const QString &error);
    void alertsReady(const QList<sender::AlertSnapshot> &alerts, quint64 unacknowledged);

private:
    void startOnThread(const Settings &settings);
    void stopOnThread(bool thenStart, const Settings &next);
    void tick();
    void tickLists();

    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread; parent of the engine and the timers
    Engine *m_engine = nullptr; // touched only on m_thread
    Settings m_settings;
    Rates m_rates;
    std::atomic<bool> m_running = false; // written on the engine thread, read on the owner's
    std::atomic<bool> m_sampling = false;
};

} // namespace sender

Q_DECLARE_METATYPE(QList<sender::ConnectionSnapshot>)
Q_DECLARE_METATYPE(QList<sender::FilterSetSnapshot>)
Q_DECLARE_METATYPE(QList<sender::EventSample>)
Q_DECLARE_METATYPE(QList<sender::AlertSnapshot>)
