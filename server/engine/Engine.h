#pragma once

#include "config/Settings.h"
#include "engine/EngineAlerts.h"
#include "engine/EngineImages.h"
#include "fanout/Hub.h"
#include "history/EventHistory.h"
#include "http/Router.h"
#include "http/ServiceResources.h"
#include "metrics/LatencyHistogram.h"
#include "publicport/ConnectionServer.h"
#include "publicport/HandshakeGate.h"
#include "publicport/ResumeGate.h"
#include "snapshots/EngineSnapshot.h"
#include "sources/EventSource.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace sender {

class ConnectionServer;
class DemoGenerator;
class EventMessage;
class EmbeddedBus;
class FleetWatch;
class InfluxWriter;
class RedisSubscriber;

// The whole server on one thread: sources -> parse once -> hub -> connections, plus the HTTP
// resources. Headless, it runs on the main thread; under the console, on a thread of its own.
class Engine : public QObject, public MessageSink, public ServiceContext
{
    Q_OBJECT
public:
    explicit Engine(const Settings &settings, QObject *parent = nullptr);
    ~Engine() override;

    // Listens and starts the sources. On failure *error says why (e.g. the port is taken).
    bool start(QString *error);
    // Closes every client with 1001, stops the sources; stopped() follows (within graceMs).
    void stop(int graceMs = 3000);
    // Graceful: /healthcheck says not ready, new subscriptions are refused, the subscribers are
    // closed with 1001 over SERVER.DRAIN_SECONDS; then stop(graceMs), and stopped() follows.
    void drain(int graceMs = 3000);
    bool isDraining() const;
    // Applies new settings without dropping clients: limits, tokens and the demo at once, a new
    // port by listening there (open connections stay), a new Redis address with a new subscriber.
    // Returns what could not be applied, one sentence each (the old value then stays in force).
    QStringList applySettings(const Settings &settings);

    bool isRunning() const { return m_running; }
    quint16 port() const;
    QString listenAddress() const;
    EngineSnapshot snapshot() const;
    // Every connection, or only the subscribers behind their stream (what the lag rules read).
    QList<ConnectionSnapshot> connections(bool behindOnly = false) const;
    QList<GroupSnapshot> filterGroups() const { return m_hub.groups(); }
    // The filter sets as the engine's snapshot type (server/engine/EngineSnapshot.h), for the
    // console and the monitoring port.
    QList<FilterSetSnapshot> filterSetSnapshots() const;
    // The instances sharing this one's Redis, this one first (EngineFleet.cpp); with the
    // embedded bus, this one alone. Read from what the fleet watch last read: no Redis call.
    FleetSnapshot fleet() const;
    QUuid instanceId() const { return m_instanceId; }
    // Where this instance's monitoring port listens ("127.0.0.1:5081"), for its announcement.
    void setMonitorAddress(const QString &address) { m_monitorAddress = address; }
    // GET /metrics: the Prometheus text exposition of everything the engine counts.
    QByteArray metricsText() const;
    const LatencyHistogram &dispatchLatency() const { return m_latency; }
    bool disconnectClient(quint64 id, const QString &reason);

    // The console's event stream: when on, every dispatched event is kept (up to a cap) until
    // taken.
    void setSampling(bool on, int cap = 20000);
    QList<EventSample> takeSamples(quint64 *droppedSinceLastTake = nullptr);

    // Alert rules, log and signals (alertRaised, alertAcknowledged).
    EngineAlerts &alerts() { return m_alerts; }
    // The pictures of the events it has seen (EngineFeed::requestImage).
    EngineImages &images() { return m_images; }

    EmbeddedBus *embeddedBus() const { return m_bus; }
    RedisSubscriber *redis() const { return m_redis; }
    DemoGenerator *demo() const { return m_demo; }
    Hub &hub() { return m_hub; }
    // The recent events of every account, for resuming clients (HISTORY.*).
    EventHistory &history() { return m_history; }
    // The newest `limit` events the history holds (of one account, or of every account in
    // arrival order), oldest first, as the console's event stream shows them; empty when off.
    QList<EventSample> recentEvents(int limit, std::optional<QUuid> account = {});
    ConnectionServer *connectionServer() const { return m_server; }

    // MessageSink
    void acceptMessage(QByteArrayView accountId, const QByteArray &payload,
                       SourceKind kind) override;
    // ServiceContext
    const Settings &settings() const override { return m_settings; }
    QList<HealthProblem> healthProblems() const override;

Q_SIGNALS:
    void stopped();
    void sourceStateChanged();

private:
    void dispatchParsed(const QUuid &account, const std::shared_ptr<const EventMessage> &message,
                        SourceKind kind, qint64 receivedNs);
    void addMetricsResource();
    void startInflux(); // EngineInflux.cpp
    void startFleet(); // EngineFleet.cpp
    void leaveFleet();
    void influxMetrics(class PrometheusText &out) const;
    // A warning when /metrics is open to other hosts without METRICS.TOKEN.
    void warnIfMetricsExposed() const;
    void addSource(EventSource *source);
    void createDemo();
    void scheduleFlush();
    void flush();
    void countMalformed(SourceKind kind, QByteArrayView account, const QString &why);
    void logStats();
    void applyLimits();
    void configureHistory(); // EngineHistory.cpp
    HistorySnapshot historySnapshot() const;
    void addPublishResource();
    HttpResponse publish(const HttpRequest &request, const RequestContext &context);

    Settings m_settings;
    Router m_router;
    SenderHandshakeGate m_gate;
    EventHistory m_history;
    ResumeGate m_resumeGate {&m_gate, &m_history}; // the gate clients meet: m_gate plus resume
    Hub m_hub;
    EngineAlerts m_alerts;
    EngineImages m_images {&m_history};
    ConnectionServer *m_server = nullptr;
    EmbeddedBus *m_bus = nullptr;
    RedisSubscriber *m_redis = nullptr;
    DemoGenerator *m_demo = nullptr;
    InfluxWriter *m_influx = nullptr; // [INFLUX] set: pushes metricsText() to InfluxDB
    FleetWatch *m_fleet = nullptr; // while running
    const QUuid m_instanceId = QUuid::createUuid();
    QString m_monitorAddress;
    QList<EventSource *> m_sources;
    bool m_running = false;
    bool m_stopping = false;
    bool m_flushScheduled = false;
    QDateTime m_startedAt;
    QElapsedTimer m_clock;
    QTimer m_statsTimer;

    std::array<quint64, kSourceKinds> m_messagesIn {};
    std::array<quint64, kSourceKinds> m_eventsIn {};
    quint64 m_malformed = 0;
    // Malformed messages are logged at most this many times per window, then summarised.
    int m_malformedLogged = 0;
    qint64 m_malformedWindowStart = 0;
    quint64 m_malformedSuppressed = 0;

    bool m_sampling = false;
    int m_sampleCap = 20000;
    QList<EventSample> m_samples;
    quint64 m_samplesDropped = 0;

    EngineSnapshot m_lastStats; // for the periodic stats line's rates

    LatencyHistogram m_latency;
    std::vector<qint64> m_awaitingFlushNs; // when each message with queued frames arrived
};

} // namespace sender
