// [INFLUX]: the counters of /metrics pushed to InfluxDB as well (the vendor's Sender reports its
// monitoring there). The writer formats metricsText() once per interval and posts it
// asynchronously, so this adds one /metrics scrape per interval to the engine thread, nothing per
// event.

#include "engine/Engine.h"
#include "engine/EngineLog.h"
#include "metrics/InfluxWriter.h"
#include "metrics/PrometheusText.h"

#include <QSysInfo>
#include <QUrlQuery>

namespace sender {

void Engine::startInflux()
{
    const QString base = m_settings.string(u"INFLUX.URL");
    if (base.isEmpty() || m_influx)
        return;
    InfluxWriter::Options o;
    o.writeUrl = QUrl(base);
    QString path = o.writeUrl.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    o.writeUrl.setPath(path + QStringLiteral("/write"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("db"), m_settings.string(u"INFLUX.DATABASE"));
    query.addQueryItem(QStringLiteral("precision"), QStringLiteral("ns"));
    o.writeUrl.setQuery(query);
    const QString user = m_settings.string(u"INFLUX.USERNAME");
    if (!user.isEmpty()) {
        // Checked at load (SettingsLoader::crossCheck); read again here so a rotated file counts.
        QString why;
        const std::optional<QString> password = m_settings.influxPassword(&why);
        if (!password) {
            qCWarning(lcEngine, "[INFLUX] not started: %s", qUtf8Printable(why));
            return;
        }
        o.authorization = "Basic " + (user + u':' + *password).toUtf8().toBase64();
    }
    o.intervalMs = int(m_settings.integer(u"INFLUX.INTERVAL")) * 1000;
    o.batchPoints = qsizetype(m_settings.integer(u"INFLUX.BATCH_POINTS"));
    o.bufferPoints = qsizetype(m_settings.integer(u"INFLUX.BUFFER_POINTS"));
    // Several instances behind one balancer write to one database: the host tells them apart.
    o.extraTags = ",host=" + InfluxWriter::escape(QSysInfo::machineHostName().toUtf8());
    m_influx = new InfluxWriter(
        std::move(o), [this] { return metricsText(); }, this);
    m_influx->start();
    qCInfo(lcEngine, "pushing metrics to InfluxDB at %s every %lld s",
           qUtf8Printable(QUrl(base).toString(QUrl::RemoveUserInfo)),
           qlonglong(m_settings.integer(u"INFLUX.INTERVAL")));
}

void Engine::influxMetrics(PrometheusText &out) const
{
    if (!m_influx)
        return;
    const InfluxWriter::Counters &c = m_influx->counters();
    out.counter("luna_sender_influx_points_written_total", "Points InfluxDB accepted ([INFLUX]).",
                c.pointsWritten);
    out.counter("luna_sender_influx_points_dropped_total",
                "Points dropped: over INFLUX.BUFFER_POINTS while InfluxDB was unreachable, or "
                "refused by it for good.",
                c.pointsDropped);
    out.counter("luna_sender_influx_write_failures_total",
                "Writes to InfluxDB that failed (each is retried or dropped).", c.writeFailures);
    out.gauge("luna_sender_influx_points_queued", "Points waiting to be written.",
              quint64(c.pointsQueued));
}

} // namespace sender
