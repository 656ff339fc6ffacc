#include "engine/Engine.h"

#include "config/RedisTls.h"
#include "engine/EngineLog.h"
#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"
#include "metrics/InfluxWriter.h"
#include "net/TlsConfiguration.h"
#include "publicport/ConnectionServer.h"
#include "sources/DemoGenerator.h"
#include "sources/EmbeddedBus.h"
#include "sources/redis/RedisSubscriber.h"
#include "util/Bytes.h"
#include "util/StrictUuid.h"
#include "util/TokenDigest.h"

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sender {

namespace {

SourceState sourceState(EventSource::State state)
{
    switch (state) {
    case EventSource::State::Stopped:
        break;
    case EventSource::State::Connecting:
        return SourceState::Connecting;
    case EventSource::State::Ready:
        return SourceState::Up;
    case EventSource::State::Down:
        return SourceState::Down;
    }
    return SourceState::Stopped;
}

} // namespace

namespace {

RedisSettings redisSettingsFrom(const Settings &s)
{
    RedisSettings r;
    if (const auto url = s.redisUrl())
        r.url = *url;
    // Validated when the settings were loaded (the same function); a file gone since then shows
    // as refused authentication.
    r.url.password = s.redisPassword(nullptr).value_or(QString());
    r.tls = redisTlsConfiguration(s, nullptr).value_or(QSslConfiguration::defaultConfiguration());
    r.sentinels = s.redisSentinels();
    r.sentinelMaster = s.string(u"REDIS.SENTINEL_MASTER");
    r.sentinelUser = s.string(u"REDIS.SENTINEL_USER");
    r.sentinelPassword = s.string(u"REDIS.SENTINEL_PASSWORD");
    r.channelPrefix = s.string(u"REDIS.CHANNEL_PREFIX").toUtf8();
    r.connectTimeoutMs = int(s.integer(u"REDIS.CONNECT_TIMEOUT_MS"));
    r.pingIntervalMs = int(s.integer(u"REDIS.PING_INTERVAL_MS"));
    r.reconnectMinMs = int(s.integer(u"REDIS.RECONNECT_MIN_MS"));
    r.reconnectMaxMs = int(s.integer(u"REDIS.RECONNECT_MAX_MS"));
    r.maxMessageBytes = s.integer(u"REDIS.MAX_MESSAGE_BYTES");
    return r;
}

bool redisConfigured(const Settings &s)
{
    return s.redisUrl().has_value() || !s.list(u"REDIS.SENTINELS").isEmpty();
}

QHostAddress hostAddress(const QString &host)
{
    return host == u"localhost" ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
}

// WEBSOCKET.RETAINED_BYTES = 0: a sixteenth of the machine's memory, between 64 MiB and 1 GiB.
qint64 defaultRetainedBytes()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    const qint64 memory = pages > 0 && pageSize > 0 ? qint64(pages) * pageSize : 0;
    return qBound<qint64>(64LL << 20, memory / 16, 1LL << 30);
}

HttpResponse errorResponse(const ApiError &e)
{
    return HttpResponse::json(e.httpStatus, e.toJson());
}

} // namespace

Engine::Engine(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    qRegisterMetaType<EngineSnapshot>();
    qRegisterMetaType<EventSample>();
    m_gate.setPolicy(AccessPolicy::fromSettings(m_settings));
    configureHistory();
    m_server = new ConnectionServer(&m_router, &m_resumeGate, &m_hub, this);
    addServiceResources(m_router, this);
    m_router.addWebSocketRoute("/1/ws");
    m_router.addWebSocketRoute("/2/ws");
    addPublishResource();
    addMetricsResource();
    connect(m_server, &ConnectionServer::drained, this, [this] {
        m_running = false;
        m_stopping = false;
        qCInfo(lcEngine, "stopped");
        Q_EMIT stopped();
    });
    connect(&m_statsTimer, &QTimer::timeout, this, &Engine::logStats);
    // Only the subscribers behind their stream: one keeping up trips no lag rule (both terms need
    // events waiting), and 100 000 idle ones then cost a walk, not 100 000 rows a second.
    m_alerts.setLagSource([this] { return connections(true); });
    // An alarm is what a guard looks at first: its event's pictures are findable by its id.
    connect(&m_alerts, &EngineAlerts::alertRaised, this, [this](const AlertSnapshot &alert) {
        m_images.rememberAlert(alert.account, alert.event);
    });
}

Engine::~Engine()
{
    // Connections unsubscribe from the hub as they go: delete them while the hub is alive.
    delete m_server;
    m_server = nullptr;
}

void Engine::applyLimits()
{
    const Settings &s = m_settings;
    ServerLimits limits;
    limits.maxConnections = s.integer(u"SERVER.MAX_CONNECTIONS");
    limits.http.maxHeadBytes = s.integer(u"SERVER.MAX_REQUEST_HEAD_BYTES");
    limits.http.maxBodyBytes = s.integer(u"SERVER.MAX_BODY_BYTES");
    limits.maxPendingBodyBytes = s.integer(u"SERVER.MAX_PENDING_BODY_BYTES");
    limits.maxConnectionsPerAddress = s.integer(u"SERVER.MAX_CONNECTIONS_PER_ADDRESS");
    limits.maxHandshakesPerAddress = s.integer(u"SERVER.MAX_HANDSHAKES_PER_ADDRESS");
    limits.requestTimeoutMs = s.integer(u"SERVER.REQUEST_TIMEOUT") * 1000;
    limits.keepAliveTimeoutMs = s.integer(u"SERVER.KEEP_ALIVE_TIMEOUT") * 1000;
    limits.pingIntervalMs = s.integer(u"WEBSOCKET.PING_INTERVAL") * 1000;
    limits.pongTimeoutMs = s.integer(u"WEBSOCKET.PONG_TIMEOUT") * 1000;
    limits.sendQueueBytes = s.integer(u"WEBSOCKET.SEND_QUEUE_BYTES");
    limits.maxClientMessageBytes = s.integer(u"WEBSOCKET.MAX_CLIENT_FRAME_BYTES");
    limits.compression = s.boolean(u"WEBSOCKET.COMPRESSION"); // for connections opened from now
    limits.reusePort = s.boolean(u"SERVER.REUSE_PORT");
    m_hub.setDeflateMinBytes(qsizetype(s.integer(u"WEBSOCKET.COMPRESSION_MIN_BYTES")));
    m_server->setLimits(limits);
    LagPolicy lag;
    lag.retainedBudgetBytes = s.integer(u"WEBSOCKET.RETAINED_BYTES");
    if (lag.retainedBudgetBytes == 0)
        lag.retainedBudgetBytes = defaultRetainedBytes();
    lag.maxLagMs = s.integer(u"WEBSOCKET.MAX_LAG_SECONDS") * 1000;
    m_hub.setLagPolicy(lag);
    const int statsSeconds = int(s.integer(u"LOGGING.STATS_INTERVAL"));
    if (statsSeconds > 0)
        m_statsTimer.start(statsSeconds * 1000);
    else
        m_statsTimer.stop();
}

bool Engine::start(QString *error)
{
    applyLimits();
    if (!m_alerts.configure(m_settings, error))
        return false;
    if (!m_images.configure(m_settings, error))
        return false;
    // TLS is read once, here: a certificate or key that cannot be used stops the start, naming
    // the file, rather than failing every client's handshake later.
    if (const QString certificate = m_settings.string(u"SERVER.TLS_CERTIFICATE");
        !certificate.isEmpty()) {
        const std::optional<QSslConfiguration> tls = loadServerTlsConfiguration(
            certificate, m_settings.string(u"SERVER.TLS_PRIVATE_KEY"),
            m_settings.string(u"SERVER.TLS_PRIVATE_KEY_PASSWORD").toUtf8(), error);
        if (!tls)
            return false;
        m_server->setTlsConfiguration(*tls);
    }
    const QString host = m_settings.host();
    const QHostAddress address =
        host == u"localhost" ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (!m_server->listen(address, m_settings.port(), error)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(host, QString::number(m_settings.port()), *error);
        return false;
    }
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    m_history.markStart();
    m_running = true;

    m_bus = new EmbeddedBus(this);
    addSource(m_bus);
    if (redisConfigured(m_settings)) {
        m_redis = new RedisSubscriber(redisSettingsFrom(m_settings), this);
        addSource(m_redis);
        if (m_redis->settings().url.tls && !m_settings.boolean(u"REDIS.TLS_VERIFY"))
            qCWarning(lcEngine,
                      "REDIS.TLS_VERIFY=0: the Redis server's certificate is not "
                      "checked, so anyone in the path can read and forge events");
    }
    if (m_settings.boolean(u"DEMO.ENABLED"))
        createDemo();
    startInflux();
    startFleet();
    // Before "listening on", which is what supervisors and tests wait for.
    warnIfMetricsExposed();
    qCInfo(lcEngine, "listening on %s (%s /1/ws, /2/ws); events from %s%s",
           qUtf8Printable(listenAddress()),
           m_server->isTls() ? "HTTPS and WSS" : "HTTP and WebSocket",
           m_redis ? qUtf8Printable(m_redis->settings().targetDescription()) : "the embedded bus",
           m_demo ? " and the demo generator" : "");
    return true;
}

void Engine::addSource(EventSource *source)
{
    m_sources.append(source);
    source->setSink(this);
    // Logged on transitions people care about (up, down, stopped), not on every reconnect
    // attempt of a long outage: the Redis source logs its own retries.
    auto lastLogged = std::make_shared<EventSource::State>(EventSource::State::Connecting);
    connect(source, &EventSource::stateChanged, this,
            [this, source, lastLogged](EventSource::State state) {
                if (state != EventSource::State::Connecting && state != *lastLogged) {
                    *lastLogged = state;
                    const char *word = state == EventSource::State::Ready ? "up"
                        : state == EventSource::State::Down               ? "DOWN"
                                                                          : "stopped";
                    if (state == EventSource::State::Down)
                        qCWarning(lcEngine, "%s source %s: %s",
                                  sourceKindName(source->kind()).data(), word,
                                  qUtf8Printable(source->stateDetail()));
                    else
                        qCInfo(lcEngine, "%s source %s: %s", sourceKindName(source->kind()).data(),
                               word, qUtf8Printable(source->stateDetail()));
                }
                Q_EMIT sourceStateChanged();
            });
    source->start();
}

void Engine::createDemo()
{
    m_demo = new DemoGenerator(QUuid::fromString(m_settings.string(u"DEMO.ACCOUNT")),
                               int(m_settings.integer(u"DEMO.RATE")), this);
    connect(m_demo, &DemoGenerator::eventGenerated, this, [this](const QString &summary) {
        // One line per event only at a rate a person can read.
        if (m_demo && m_demo->rate() <= 10)
            qCInfo(lcDemo, "%s", qUtf8Printable(summary));
    });
    addSource(m_demo);
}

void Engine::stop(int graceMs)
{
    if (!m_running || m_stopping)
        return; // a second stop while the first drains would only log and stop sources twice
    m_stopping = true;
    qCInfo(lcEngine, "stopping: closing %d connections with 1001", m_server->connectionCount());
    m_statsTimer.stop();
    delete std::exchange(m_influx, nullptr);
    leaveFleet();
    for (EventSource *source : std::as_const(m_sources))
        source->stop();
    m_server->shutdown(graceMs);
}

void Engine::drain(int graceMs)
{
    if (!m_running || m_stopping || m_server->isDraining())
        return;
    // The sources keep running: the subscribers still here get every event until they go.
    connect(
        m_server, &ConnectionServer::drainFinished, this, [this, graceMs] { stop(graceMs); },
        Qt::SingleShotConnection);
    m_server->drain(m_settings.integer(u"SERVER.DRAIN_SECONDS") * 1000);
}

bool Engine::isDraining() const
{
    return m_server->isDraining();
}

quint16 Engine::port() const
{
    return m_server->serverPort();
}

QString Engine::listenAddress() const
{
    const QHostAddress a = m_server->serverAddress();
    const QString host =
        a.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + a.toString() + u']' : a.toString();
    return host + u':' + QString::number(port());
}

void Engine::acceptMessage(QByteArrayView accountId, const QByteArray &payload, SourceKind kind)
{
    const qint64 receivedNs = m_clock.nsecsElapsed();
    const auto k = size_t(kind);
    ++m_messagesIn[k];
    const std::optional<QUuid> account = parseStrictUuid(accountId);
    if (!account) {
        countMalformed(kind, accountId,
                       QStringLiteral("the channel does not end in an account UUID"));
        return;
    }
    if (payload.size() > m_settings.integer(u"REDIS.MAX_MESSAGE_BYTES")) {
        countMalformed(
            kind, accountId,
            QStringLiteral("%1 bytes, over REDIS.MAX_MESSAGE_BYTES").arg(payload.size()));
        return;
    }
    QString error;
    const std::shared_ptr<const EventMessage> message = EventMessage::parse(payload, &error);
    if (!message) {
        countMalformed(kind, accountId, error);
        return;
    }
    dispatchParsed(*account, message, kind, receivedNs);
}

void Engine::dispatchParsed(const QUuid &account,
                            const std::shared_ptr<const EventMessage> &message, SourceKind kind,
                            qint64 receivedNs)
{
    m_eventsIn[size_t(kind)] += quint64(message->eventCount());
    // Before the hub: every event of every source, whether or not a subscriber wants it.
    m_alerts.evaluate(account, *message);
    const quint64 deliveriesBefore = m_hub.counters().deliveries;
    if (!m_sampling) {
        m_hub.dispatch(account, *message);
    } else {
        QList<int> recipients;
        m_hub.dispatch(account, *message, &recipients);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (qsizetype i = 0; i < message->eventCount(); ++i) {
            if (m_samples.size() >= m_sampleCap) {
                m_samples.removeFirst();
                ++m_samplesDropped;
            }
            m_samples.append({now, account, kind, message, i, recipients.value(i)});
        }
    }
    // After the hub, so that the frames it encoded are the ones the history shares.
    if (m_history.isEnabled())
        m_history.record(account, message, kind);
    if (m_hub.counters().deliveries != deliveriesBefore)
        m_awaitingFlushNs.push_back(receivedNs);
    scheduleFlush();
}

void Engine::countMalformed(SourceKind kind, QByteArrayView account, const QString &why)
{
    ++m_malformed;
    const qint64 now = m_clock.elapsed();
    if (now - m_malformedWindowStart > 10000) {
        if (m_malformedSuppressed)
            qCWarning(lcEngine, "%llu more malformed messages were not logged",
                      m_malformedSuppressed);
        m_malformedWindowStart = now;
        m_malformedLogged = 0;
        m_malformedSuppressed = 0;
    }
    if (m_malformedLogged++ < 10) {
        qCWarning(lcEngine, "malformed message from %s for account '%s' skipped: %s",
                  sourceKindName(kind).data(),
                  qUtf8Printable(QString::fromUtf8(
                      account.first(qMin<qsizetype>(64, account.size())).toByteArray())),
                  qUtf8Printable(why));
    } else {
        ++m_malformedSuppressed;
    }
}

void Engine::scheduleFlush()
{
    if (m_flushScheduled || !m_hub.hasPendingFlush())
        return;
    m_flushScheduled = true;
    // Queued, so that every message that arrived in this wake-up is written with one call per
    // socket.
    QMetaObject::invokeMethod(this, &Engine::flush, Qt::QueuedConnection);
}

void Engine::flush()
{
    m_flushScheduled = false;
    m_hub.flush();
    const qint64 now = m_clock.nsecsElapsed();
    for (qint64 received : m_awaitingFlushNs)
        m_latency.observeNs(now - received);
    m_awaitingFlushNs.clear();
}

QList<Engine::HealthProblem> Engine::healthProblems() const
{
    QList<HealthProblem> problems;
    if (m_redis && m_redis->state() != EventSource::State::Ready)
        problems.append({QStringLiteral("redis"), m_redis->stateDetail()});
    // Not ready: a balancer's probe must send no new client here (issue 27).
    if (m_server->isDraining())
        problems.append({QStringLiteral("luna-sender"),
                         QStringLiteral("draining: this instance is closing its subscribers "
                                        "before it stops")});
    return problems;
}

void Engine::addPublishResource()
{
    if (!m_settings.boolean(u"PUBLISH.ENABLED"))
        return;
    // A body over REDIS.MAX_MESSAGE_BYTES would be refused once read: refuse it from the head.
    m_router.addRoute(
        "/1/publish", {QByteArrayLiteral("POST")},
        [this](const HttpRequest &request, const RequestContext &context) {
            return publish(request, context);
        },
        [this] { return m_settings.integer(u"REDIS.MAX_MESSAGE_BYTES"); });
}

HttpResponse Engine::publish(const HttpRequest &request, const RequestContext &context)
{
    // Only PUBLISH.TOKEN publishes. An account's access tokens are read-only credentials that
    // browsers carry in ?access_token= (and so in proxy logs and histories); letting them publish
    // would let anyone who saw one inject forged events.
    const std::optional<QByteArray> presented = bearerToken(request);
    const bool authorized =
        TokenCheck(m_settings.string(u"PUBLISH.TOKEN").toUtf8()).accepts(presented);
    if (!authorized) {
        HttpResponse r = errorResponse(ApiError::unauthorized(
            QStringLiteral("publishing needs 'Authorization: Bearer <PUBLISH.TOKEN>'")));
        r.setHeader("WWW-Authenticate", "Bearer realm=\"luna-sender publish\"");
        return r;
    }
    if (!request.hasHeader("luna-account-id"))
        return errorResponse(ApiError::accountHeaderMissing());
    const QByteArray accountText = request.header("luna-account-id");
    const std::optional<QUuid> account = parseStrictUuid(accountText);
    if (!account)
        return errorResponse(
            ApiError::badQueryParameter(QStringLiteral("Luna-Account-Id"),
                                        QStringLiteral("'Luna-Account-Id' must be a UUID, got '%1'")
                                            .arg(QString::fromUtf8(accountText.left(100)))));
    if (request.body.isEmpty())
        return errorResponse(ApiError::emptyBody());
    const qint64 maxMessage = m_settings.integer(u"REDIS.MAX_MESSAGE_BYTES");
    if (request.body.size() > maxMessage)
        return errorResponse(ApiError::payloadTooLarge(
            QStringLiteral("the message has %1 bytes, more than REDIS.MAX_MESSAGE_BYTES (%2)")
                .arg(request.body.size())
                .arg(maxMessage)));
    QString error;
    const std::shared_ptr<const EventMessage> message = EventMessage::parse(request.body, &error);
    if (!message)
        return errorResponse(ApiError::invalidJson(error));
    ++m_messagesIn[size_t(SourceKind::Publish)];
    qCDebug(lcEngine, "[%s] published %lld events for %s", context.requestId.constData(),
            message->eventCount(), accountText.constData());
    dispatchParsed(*account, message, SourceKind::Publish, m_clock.nsecsElapsed());
    return HttpResponse::json(202,
                              "{\"events\": " + QByteArray::number(message->eventCount()) + '}');
}

QStringList Engine::applySettings(const Settings &settings)
{
    const QStringList changed = settings.differences(m_settings);
    // The rules file is read again on every reload (SIGHUP), changed path or not; a bad file
    // keeps the running rules.
    QStringList alertProblems;
    if (QString error; !m_alerts.reloadRules(settings.string(u"ALERTS.RULES_FILE"), &error))
        alertProblems += u"ALERTS.RULES_FILE: "_s + error;
    if (changed.isEmpty())
        return alertProblems;
    const Settings previous = m_settings;
    m_settings = settings;
    QStringList problems;
    // The few keys that need a new process keep their running values, so /config tells the truth.
    for (const QString &id : changed) {
        const ConfigKey *key = ConfigSchema::find(id);
        if (key && !key->reloadable) {
            m_settings.set(id, previous.value(id), previous.origin(id));
            problems.append(QStringLiteral("%1 takes effect after a restart").arg(id));
        }
    }
    auto anyChanged = [&changed](QStringView prefix) {
        return std::any_of(changed.cbegin(), changed.cend(),
                           [prefix](const QString &id) { return id.startsWith(prefix); });
    };

    applyLimits();
    m_gate.setPolicy(AccessPolicy::fromSettings(m_settings));
    if (anyChanged(u"HISTORY."))
        configureHistory();

    if (m_running && (changed.contains(u"SERVER.HOST") || changed.contains(u"SERVER.PORT"))) {
        QString error;
        if (m_server->relisten(hostAddress(m_settings.host()), m_settings.port(), &error)) {
            qCInfo(lcEngine, "now listening on %s; open connections stay",
                   qUtf8Printable(listenAddress()));
        } else {
            problems.append(QStringLiteral("cannot listen on %1:%2 (%3); still on %4")
                                .arg(m_settings.host(), QString::number(m_settings.port()), error,
                                     listenAddress()));
            m_settings.set(QStringLiteral("SERVER.HOST"), previous.value(u"SERVER.HOST"),
                           previous.origin(u"SERVER.HOST"));
            m_settings.set(QStringLiteral("SERVER.PORT"), previous.value(u"SERVER.PORT"),
                           previous.origin(u"SERVER.PORT"));
        }
    }

    // The demo's drawings are served while the demo runs ([LUNA] itself needs a restart).
    if (changed.contains(u"DEMO.ENABLED")) {
        if (QString error; !m_images.configure(m_settings, &error))
            problems.append(error);
    }
    if (changed.contains(u"PUBLISH.ENABLED")) {
        m_router.removeRoute("/1/publish");
        addPublishResource();
    }
    if (changed.contains(u"METRICS.ENABLED")) {
        m_router.removeRoute("/metrics");
        addMetricsResource();
    }
    if (anyChanged(u"METRICS.") || changed.contains(u"SERVER.HOST"))
        warnIfMetricsExposed();

    if (m_running && anyChanged(u"REDIS.")
        && !(changed.size() == 1 && changed.contains(u"REDIS.MAX_MESSAGE_BYTES"))) {
        // A new subscriber for the new address; WebSocket clients are not touched.
        if (m_redis) {
            m_sources.removeOne(m_redis);
            m_redis->stop();
            m_redis->deleteLater();
            m_redis = nullptr;
        }
        if (redisConfigured(m_settings)) {
            m_redis = new RedisSubscriber(redisSettingsFrom(m_settings), this);
            addSource(m_redis);
        }
        qCInfo(lcEngine, "events now come from %s",
               m_redis ? qUtf8Printable(m_redis->settings().targetDescription())
                       : "the embedded bus");
        Q_EMIT sourceStateChanged();
    }

    if (m_running
        && (anyChanged(u"REDIS.") || anyChanged(u"FLEET.")
            || changed.contains(u"SERVER.INSTANCE_NAME"))) {
        leaveFleet(); // said goodbye where it was announced; announced again as it is now
        startFleet();
    }

    if (m_running && (changed.contains(u"DEMO.ENABLED") || changed.contains(u"DEMO.ACCOUNT"))) {
        if (m_demo) {
            m_sources.removeOne(m_demo);
            m_demo->stop();
            m_demo->deleteLater();
            m_demo = nullptr;
        }
        if (m_settings.boolean(u"DEMO.ENABLED"))
            createDemo();
        Q_EMIT sourceStateChanged();
    } else if (m_demo) {
        m_demo->setRate(int(m_settings.integer(u"DEMO.RATE")));
    }
    problems += alertProblems;
    return problems;
}

EngineSnapshot Engine::snapshot() const
{
    EngineSnapshot s;
    s.startedAt = m_startedAt;
    s.running = m_running;
    s.listenAddress = m_running ? listenAddress() : QString();
    s.redisConfigured = m_redis != nullptr;
    for (const EventSource *source : m_sources)
        s.sources.append({source->kind(), sourceState(source->state()), source->stateDetail(),
                          source->nextRetryInMs(), source->reconnectCount()});
    s.messagesIn = m_messagesIn;
    s.eventsIn = m_eventsIn;
    s.malformed = m_malformed + (m_redis ? m_redis->malformedCount() : 0);
    const HubCounters &h = m_hub.counters();
    s.deliveries = h.deliveries;
    s.filteredOut = h.filteredOut;
    s.slowConsumerCloses = h.slowConsumerCloses;
    s.droppedFrames = h.droppedFrames;
    const ConnectionServer::LiveTotals live = m_server->liveTotals();
    s.bytesSent = m_server->counters().bytesSent + live.bytesSent;
    s.sendQueueBytes = live.queueBytes;
    s.connections = m_server->connectionCount();
    s.subscribers = m_server->subscriberCount();
    s.accounts = m_hub.accountCount();
    s.filterSets = int(m_hub.groups().size());
    s.history = historySnapshot();
    return s;
}

QList<FilterSetSnapshot> Engine::filterSetSnapshots() const
{
    QList<FilterSetSnapshot> out;
    const QList<GroupSnapshot> groups = m_hub.groups();
    out.reserve(groups.size());
    for (const GroupSnapshot &g : groups)
        out.append({g.account, g.canonicalQuery, g.filter ? g.filter->describe() : QString(),
                    g.members, g.eventsPassed, g.eventsFilteredOut});
    return out;
}

QList<ConnectionSnapshot> Engine::connections(bool behindOnly) const
{
    return m_server->connections(behindOnly);
}

bool Engine::disconnectClient(quint64 id, const QString &reason)
{
    return m_server->disconnectClient(id, reason);
}

void Engine::setSampling(bool on, int cap)
{
    m_sampling = on;
    m_sampleCap = qMax(1, cap);
    if (!on)
        m_samples.clear();
}

QList<EventSample> Engine::takeSamples(quint64 *droppedSinceLastTake)
{
    if (droppedSinceLastTake)
        *droppedSinceLastTake = m_samplesDropped;
    m_samplesDropped = 0;
    QList<EventSample> taken;
    taken.swap(m_samples);
    return taken;
}

void Engine::logStats()
{
    const EngineSnapshot now = snapshot();
    quint64 eventsIn = 0;
    quint64 eventsBefore = 0;
    for (int i = 0; i < kSourceKinds; ++i) {
        eventsIn += now.eventsIn[size_t(i)];
        eventsBefore += m_lastStats.eventsIn[size_t(i)];
    }
    const double seconds = qMax(1.0, double(m_statsTimer.interval()) / 1000.0);
    QString redis;
    if (m_redis)
        redis = QStringLiteral(", redis %1")
                    .arg(m_redis->state() == EventSource::State::Ready ? QStringLiteral("up")
                                                                       : QStringLiteral("DOWN"));
    qCInfo(lcEngine,
           "%d clients (%d accounts); events in %llu (%.1f/s), deliveries %llu (%.1f/s), "
           "filtered out %llu, malformed %llu, slow-consumer closes %llu%s",
           now.subscribers, now.accounts, eventsIn, double(eventsIn - eventsBefore) / seconds,
           now.deliveries, double(now.deliveries - m_lastStats.deliveries) / seconds,
           now.filteredOut, now.malformed, now.slowConsumerCloses, qUtf8Printable(redis));
    m_lastStats = now;
}

} // namespace sender
