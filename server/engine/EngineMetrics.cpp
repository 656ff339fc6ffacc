// GET /metrics: what the engine counts, in the Prometheus text format. Kept apart from Engine.cpp
// because it only reads: every number here is already counted on the delivery path with plain
// integer adds (one thread, no locks, no allocation); this file formats them on request.

#include "SenderVersion.h"
#include "engine/Engine.h"
#include "engine/EngineLog.h"
#include "metrics/PrometheusText.h"
#include "publicport/ConnectionServer.h"
#include "sources/redis/RedisSubscriber.h"
#include "util/TokenDigest.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QLocale>

#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

namespace sender {

namespace {

using Labels = PrometheusText::Labels;

struct ProcessStats
{
    double cpuSeconds = 0;
    double startTime = 0;
    quint64 residentBytes = 0;
    quint64 virtualBytes = 0;
    quint64 openFds = 0;
    quint64 maxFds = 0;
};

ProcessStats processStats()
{
    ProcessStats p;
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        // Fields after the command name, which is in parentheses and may hold spaces.
        const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
        const double ticks = double(sysconf(_SC_CLK_TCK));
        if (f.size() > 21) {
            p.cpuSeconds = (f[11].toDouble() + f[12].toDouble()) / ticks;
            p.virtualBytes = f[20].toULongLong();
            p.residentBytes = f[21].toULongLong() * quint64(sysconf(_SC_PAGESIZE));
            QFile uptime(QStringLiteral("/proc/uptime"));
            if (uptime.open(QIODevice::ReadOnly)) {
                const double up = uptime.readAll().split(' ').value(0).toDouble();
                const double bootTime = double(QDateTime::currentSecsSinceEpoch()) - up;
                p.startTime = bootTime + f[19].toDouble() / ticks;
            }
        }
    }
    p.openFds =
        quint64(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0)
        p.maxFds = quint64(limit.rlim_cur);
    return p;
}

QString stateName(EventSource::State s)
{
    switch (s) {
    case EventSource::State::Stopped:
        return QStringLiteral("stopped");
    case EventSource::State::Connecting:
        return QStringLiteral("connecting");
    case EventSource::State::Ready:
        return QStringLiteral("ready");
    case EventSource::State::Down:
        return QStringLiteral("down");
    }
    return {};
}

} // namespace

void Engine::addMetricsResource()
{
    if (!m_settings.boolean(u"METRICS.ENABLED"))
        return;
    m_router.addRoute(
        "/metrics", {QByteArrayLiteral("GET")},
        [this](const HttpRequest &request, const RequestContext &) {
            const QByteArray token = m_settings.string(u"METRICS.TOKEN").toUtf8();
            if (!token.isEmpty()) {
                const bool ok =
                    TokenCheck(token).accepts(bearerOf(request.header("authorization")));
                if (!ok) {
                    const ApiError e = ApiError::unauthorized(
                        QStringLiteral("/metrics needs 'Authorization: Bearer <METRICS.TOKEN>'"));
                    HttpResponse r = HttpResponse::json(e.httpStatus, e.toJson());
                    r.setHeader("WWW-Authenticate", "Bearer realm=\"luna-sender metrics\"");
                    return r;
                }
            }
            return HttpResponse::text(200, metricsText(),
                                      PrometheusText::kContentType.toByteArray());
        });
}

void Engine::warnIfMetricsExposed() const
{
    if (!m_settings.boolean(u"METRICS.ENABLED") || !m_settings.string(u"METRICS.TOKEN").isEmpty())
        return;
    const QString host = m_settings.host();
    if (host == u"localhost" || QHostAddress(host).isLoopback())
        return;
    // Not an error: a scraper on a private network is a normal setup. But /metrics tells who is
    // connected and how busy the service is, so an open one should be a decision, not a default.
    qCWarning(lcEngine,
              "/metrics is served on %s without METRICS.TOKEN: anyone who can reach the port can "
              "read it%s; set METRICS.TOKEN, listen on loopback, or set METRICS.ENABLED=0",
              qUtf8Printable(host),
              m_settings.boolean(u"METRICS.ACCOUNT_LABELS")
                  ? ", account ids included (METRICS.ACCOUNT_LABELS=1)"
                  : "");
}

QByteArray Engine::metricsText() const
{
    const EngineSnapshot s = snapshot();
    const ServerCounters &server = m_server->counters();
    PrometheusText out;

    out.family("luna_sender_build_info", "gauge", "Version of this build (the value is always 1).");
    out.sample("luna_sender_build_info",
               Labels {{"version", QStringLiteral(SENDER_VERSION_STRING)},
                       {"api", QString::number(SENDER_API_VERSION)},
                       {"qt", QString::fromLatin1(qVersion())}},
               quint64(1));

    out.gauge("luna_sender_uptime_seconds", "Seconds since the engine started.",
              double(m_startedAt.msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0);

    out.family(
        "luna_sender_http_requests_total", "counter",
        "HTTP requests answered, by route and status (101 for accepted WebSocket upgrades).");
    QList<std::pair<QPair<QString, int>, quint64>> requests;
    for (auto it = server.httpRequests.cbegin(); it != server.httpRequests.cend(); ++it)
        requests.append({it.key(), it.value()});
    std::sort(requests.begin(), requests.end());
    for (const auto &[key, count] : requests)
        out.sample("luna_sender_http_requests_total",
                   Labels {{"route", key.first}, {"status", QString::number(key.second)}}, count);

    out.gauge("luna_sender_websocket_clients", "Subscribed WebSocket clients.",
              quint64(s.subscribers));

    // Account ids are credentials when ACCESS.ACCOUNT_TOKENS is not set, so they are exported
    // only on request (METRICS.ACCOUNT_LABELS), never by default.
    if (m_settings.boolean(u"METRICS.ACCOUNT_LABELS")) {
        out.family(
            "luna_sender_websocket_clients_by_account", "gauge",
            "Subscribed clients per account: the accounts with the most clients, the rest as "
            "account=\"other\" (METRICS.ACCOUNT_LABEL_LIMIT; only with METRICS.ACCOUNT_LABELS).");
        const QHash<QUuid, int> perAccount = m_hub.recipientsPerAccount();
        QList<std::pair<int, QUuid>> ranked;
        for (auto it = perAccount.cbegin(); it != perAccount.cend(); ++it)
            ranked.append({it.value(), it.key()});
        std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        const qsizetype limit = qsizetype(m_settings.integer(u"METRICS.ACCOUNT_LABEL_LIMIT"));
        quint64 other = 0;
        for (qsizetype i = 0; i < ranked.size(); ++i) {
            if (i < limit)
                out.sample("luna_sender_websocket_clients_by_account",
                           Labels {{"account", ranked[i].second.toString(QUuid::WithoutBraces)}},
                           quint64(ranked[i].first));
            else
                other += quint64(ranked[i].first);
        }
        if (ranked.size() > limit)
            out.sample("luna_sender_websocket_clients_by_account",
                       Labels {{"account", QStringLiteral("other")}}, other);
    }

    out.gauge("luna_sender_connections",
              "Open client connections (HTTP and WebSocket, subscribed or not).",
              quint64(s.connections));

    out.family("luna_sender_handshakes_rejected_total", "counter",
               "Subscription requests refused before the upgrade, by error code.");
    QList<int> codes = server.rejectedHandshakes.keys();
    std::sort(codes.begin(), codes.end());
    for (int code : std::as_const(codes))
        out.sample("luna_sender_handshakes_rejected_total",
                   Labels {{"code", QString::number(code)}}, server.rejectedHandshakes.value(code));

    out.family("luna_sender_messages_received_total", "counter",
               "Messages received, by source (redis, embedded, publish, demo).");
    for (int k = 0; k < kSourceKinds; ++k)
        out.sample("luna_sender_messages_received_total",
                   Labels {{"source", QString(sourceKindName(SourceKind(k)))}},
                   s.messagesIn[size_t(k)]);
    out.family("luna_sender_events_received_total", "counter",
               "Events in well-formed messages, by source.");
    for (int k = 0; k < kSourceKinds; ++k)
        out.sample("luna_sender_events_received_total",
                   Labels {{"source", QString(sourceKindName(SourceKind(k)))}},
                   s.eventsIn[size_t(k)]);

    out.counter(
        "luna_sender_malformed_messages_total",
        "Messages skipped as malformed (bad JSON, bad channel, too large, bad Redis replies).",
        s.malformed);

    out.counter("luna_sender_deliveries_total", "Event frames queued to subscribers.",
                s.deliveries);
    out.counter(
        "luna_sender_events_filtered_out_total",
        "Event and subscriber pairs of the same account that the subscriber's filters refused.",
        s.filteredOut);
    out.counter("luna_sender_slow_consumer_closes_total",
                "Subscribers closed with 1008 for being too far behind (error 29004), any reason.",
                s.slowConsumerCloses);
    const HubCounters &hub = m_hub.counters();
    out.family("luna_sender_lag_closes_total", "counter",
               "Subscribers closed with 1008 for lag, by reason: budget (the furthest behind while "
               "retained frames were over WEBSOCKET.RETAINED_BYTES), stuck (behind for longer "
               "than WEBSOCKET.MAX_LAG_SECONDS).");
    for (int r = 0; r < kLagCloseReasons; ++r)
        out.sample("luna_sender_lag_closes_total",
                   Labels {{"reason", QString::fromLatin1(lagCloseReasonName(LagCloseReason(r)))}},
                   hub.lagCloses[size_t(r)]);
    out.gauge("luna_sender_retained_bytes",
              "Bytes of frames kept for subscribers that are behind (each once per filter group).",
              quint64(qMax<qint64>(0, hub.retainedBytes)));
    out.gauge("luna_sender_retained_peak_bytes", "The most retained_bytes has been since start.",
              quint64(qMax<qint64>(0, hub.peakRetainedBytes)));
    out.gauge("luna_sender_retained_budget_bytes",
              "WEBSOCKET.RETAINED_BYTES in force (0 there means one from the machine's memory).",
              quint64(m_hub.lagPolicy().retainedBudgetBytes));
    out.gauge("luna_sender_max_lag_events",
              "Events the subscriber furthest behind has not been handed yet.", hub.maxLagEvents);
    out.gauge("luna_sender_max_lag_seconds",
              "Age of the oldest event a subscriber has not been handed yet.",
              double(hub.maxLagMs) / 1000.0);
    out.counter("luna_sender_dropped_frames_total",
                "Frames a subscriber closed for lag had not been handed (it can resume them).",
                s.droppedFrames);
    out.counter("luna_sender_bytes_sent_total",
                "Bytes written to client sockets (HTTP answers and WebSocket frames).",
                s.bytesSent);
    out.gauge("luna_sender_send_queue_bytes", "Bytes waiting in the send queues of all clients.",
              quint64(qMax<qint64>(0, s.sendQueueBytes)));

    out.gauge("luna_sender_redis_configured", "1 when events come from Redis.",
              quint64(m_redis ? 1 : 0));
    // Without Redis these families have no samples (absent, not zero: nothing to be up).
    out.family("luna_sender_redis_up", "gauge", "1 while subscribed to Redis, 0 while not.");
    if (m_redis)
        out.sample("luna_sender_redis_up", quint64(m_redis->state() == EventSource::State::Ready));
    out.family("luna_sender_redis_state", "gauge",
               "The Redis connection state: 1 for the current one.");
    if (m_redis) {
        for (EventSource::State st : {EventSource::State::Connecting, EventSource::State::Ready,
                                      EventSource::State::Down, EventSource::State::Stopped})
            out.sample("luna_sender_redis_state", Labels {{"state", stateName(st)}},
                       quint64(m_redis->state() == st));
    }
    out.family("luna_sender_redis_reconnects_total", "counter",
               "Reconnections to Redis since start.");
    if (m_redis)
        out.sample("luna_sender_redis_reconnects_total", m_redis->reconnectCount());
    out.family("luna_sender_redis_dropped_total", "counter",
               "Times Redis closed our subscribed connection (as it does to a subscriber past its "
               "client-output-buffer-limit pubsub); events published meanwhile were not received.");
    if (m_redis)
        out.sample("luna_sender_redis_dropped_total", m_redis->droppedByServerCount());

    out.family("luna_sender_dispatch_latency_seconds", "histogram",
               "Time from receiving a message to writing its frames to the sockets.");
    quint64 cumulative = 0;
    const auto &counts = m_latency.counts();
    for (size_t i = 0; i < LatencyHistogram::kBounds.size(); ++i) {
        cumulative += counts[i];
        out.sample("luna_sender_dispatch_latency_seconds_bucket",
                   Labels {{"le",
                            QString::number(LatencyHistogram::kBounds[i], 'f',
                                            QLocale::FloatingPointShortest)}},
                   cumulative);
    }
    out.sample("luna_sender_dispatch_latency_seconds_bucket",
               Labels {{"le", QStringLiteral("+Inf")}}, m_latency.count());
    out.sample("luna_sender_dispatch_latency_seconds_sum", m_latency.sum());
    out.sample("luna_sender_dispatch_latency_seconds_count", m_latency.count());

    const ProcessStats p = processStats();
    out.counter("process_cpu_seconds_total", "User and system CPU time spent, in seconds.",
                p.cpuSeconds);
    out.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", p.residentBytes);
    out.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", p.virtualBytes);
    out.gauge("process_open_fds", "Open file descriptors.", p.openFds);
    out.gauge("process_max_fds", "Limit of open file descriptors.", p.maxFds);
    out.gauge("process_start_time_seconds",
              "Start time of the process since the epoch, in seconds.", p.startTime);
    m_history.writeMetrics(out);
    m_alerts.writeMetrics(out);
    influxMetrics(out);
    return out.text();
}

} // namespace sender
