#include "monitor/MonitorService.h"

#include "engine/Engine.h"
#include "monitor/MonitorFeed.h"
#include "monitor/MonitorLog.h"
#include "monitor/MonitorServer.h"

#include <QFile>

namespace sender {

namespace {

std::optional<MonitorServer::Options> options(const Settings &settings, QString *error)
{
    MonitorServer::Options o;
    const QString host = settings.string(u"MONITOR.HOST");
    o.address = host == u"localhost" ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    o.port = quint16(settings.integer(u"MONITOR.PORT"));
    o.maxClients = int(settings.integer(u"MONITOR.MAX_CLIENTS"));
    o.allowedOrigins = settings.list(u"MONITOR.ALLOWED_ORIGINS");
    // The Sender port's own timeouts and byte bounds (issue 30: one set of limits to know); the
    // head must come within the header timeout, at most the request timeout.
    o.limits.requestTimeoutMs = settings.integer(u"SERVER.REQUEST_TIMEOUT") * 1000;
    o.limits.headerTimeoutMs = qMin(o.limits.headerTimeoutMs, o.limits.requestTimeoutMs);
    o.limits.keepAliveTimeoutMs = settings.integer(u"SERVER.KEEP_ALIVE_TIMEOUT") * 1000;
    o.limits.maxHeadBytes = settings.integer(u"SERVER.MAX_REQUEST_HEAD_BYTES");
    o.limits.maxPendingBytes = settings.integer(u"SERVER.MAX_PENDING_BODY_BYTES");
    o.token = settings.string(u"MONITOR.TOKEN").toUtf8();
    const QString tokenFile = settings.string(u"MONITOR.TOKEN_FILE");
    if (!tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("MONITOR.TOKEN_FILE: cannot read '%1': %2")
                         .arg(tokenFile, file.errorString());
            return std::nullopt;
        }
        // The first line, bounded: a token is short, and a wrong path must not read a disk.
        o.token = file.readLine(4096).trimmed();
        if (o.token.isEmpty()) {
            *error = QStringLiteral("MONITOR.TOKEN_FILE: '%1' holds no token").arg(tokenFile);
            return std::nullopt;
        }
    }
    return o;
}

} // namespace

MonitorService::MonitorService(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("monitor"));
}

MonitorService::~MonitorService()
{
    stop();
}

bool MonitorService::start(const Settings &settings, Engine *engine, QString *error)
{
    if (!settings.boolean(u"MONITOR.ENABLED"))
        return true;
    auto *feed = new EngineFeed(engine, this);
    const EngineSnapshot first = engine->snapshot();
    if (!startWith(settings, feed, error))
        return false;
    QMetaObject::invokeMethod(m_server, [server = m_server, first] { server->seed(first); });
    return true;
}

bool MonitorService::start(const Settings &settings, EngineHost *host, QString *error)
{
    if (!settings.boolean(u"MONITOR.ENABLED"))
        return true;
    return startWith(settings, new HostFeed(host, this), error);
}

bool MonitorService::startWith(const Settings &settings, MonitorFeed *feed, QString *error)
{
    m_feed = feed;
    const std::optional<MonitorServer::Options> o = options(settings, error);
    if (!o) {
        stop();
        return false;
    }
    m_thread.start();
    // Built on its own thread: QHttpServer makes children that cannot be moved afterwards.
    QObject anchor;
    anchor.moveToThread(&m_thread);
    MonitorServer *server = nullptr;
    bool listening = false;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            server = new MonitorServer(*o, settings, feed);
            listening = server->listen(error);
            anchor.moveToThread(nullptr);
        },
        Qt::BlockingQueuedConnection);
    m_server = server;
    if (!listening) {
        stop();
        return false;
    }
    m_address = server->address();
    // "monitoring port" tells this line from the Sender port's "listening on" line, which
    // scripts and tests read for the Sender port.
    qCInfo(lcMonitor, "monitoring port listening on %s (/monitor/v1, web viewer /monitor/, %s)",
           qUtf8Printable(m_address),
           o->token.isEmpty() ? "no token: loopback only" : "token required");
    return true;
}

void MonitorService::stop()
{
    if (m_server) {
        MonitorServer *server = m_server;
        m_server = nullptr;
        QMetaObject::invokeMethod(
            server,
            [server] {
                server->close();
                delete server;
            },
            Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
    delete m_feed;
    m_feed = nullptr;
    m_address.clear();
}

void MonitorService::setSettings(const Settings &settings)
{
    if (m_server)
        QMetaObject::invokeMethod(m_server,
                                  [server = m_server, settings] { server->setSettings(settings); });
}

} // namespace sender
