#include "fleet/FleetAnnouncement.h"

#include "util/StrictUuid.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace sender::FleetAnnouncement {

namespace {

constexpr int kFormat = 1;
constexpr double kMaxCount = 1e9;

bool text(const QJsonObject &o, QStringView field, bool mayBeEmpty, QString *out, QString *why)
{
    const QJsonValue v = o.value(field);
    if (!v.isString() || v.toString().size() > kMaxTextChars
        || (!mayBeEmpty && v.toString().isEmpty())) {
        *why = QStringLiteral("'%1' is not a string of 1..%2 characters")
                   .arg(field.toString())
                   .arg(kMaxTextChars);
        return false;
    }
    *out = v.toString();
    return true;
}

bool time(const QJsonObject &o, QStringView field, QDateTime *out, QString *why)
{
    const QJsonValue v = o.value(field);
    *out = v.isString() && v.toString().size() <= 64
        ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC()
        : QDateTime();
    if (!out->isValid()) {
        *why = QStringLiteral("'%1' is not an ISO-8601 time").arg(field.toString());
        return false;
    }
    return true;
}

bool number(const QJsonObject &o, QStringView field, bool integer, double *out, QString *why)
{
    const QJsonValue v = o.value(field);
    const double d = v.toDouble(-1);
    if (!v.isDouble() || !std::isfinite(d) || d < 0 || d > kMaxCount
        || (integer && d != std::floor(d))) {
        *why = QStringLiteral("'%1' is not a %2 in 0..1e9")
                   .arg(field.toString(),
                        integer ? QStringLiteral("whole number") : QStringLiteral("number"));
        return false;
    }
    *out = d;
    return true;
}

} // namespace

QByteArray keyPrefix(const QByteArray &channelPrefix)
{
    return channelPrefix + "instances:";
}

QByteArray encode(const InstanceSnapshot &instance, bool stopped)
{
    const auto timeText = [](const QDateTime &t) {
        return t.toUTC().toString(Qt::ISODateWithMs);
    };
    const QJsonObject o {
        {QStringLiteral("v"), kFormat},
        {QStringLiteral("id"), instance.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("name"), instance.name.left(kMaxTextChars)},
        {QStringLiteral("host"), instance.host.left(kMaxTextChars)},
        {QStringLiteral("listen"), instance.listen},
        {QStringLiteral("monitor"), instance.monitor},
        {QStringLiteral("version"), instance.version},
        {QStringLiteral("started_at"), timeText(instance.startedAt)},
        {QStringLiteral("announced_at"), timeText(instance.announcedAt)},
        {QStringLiteral("state"),
         stopped                                                   ? QStringLiteral("stopped")
             : instance.state == InstanceSnapshot::State::Draining ? QStringLiteral("draining")
                                                                   : QStringLiteral("serving")},
        {QStringLiteral("connections"), instance.connections},
        {QStringLiteral("subscribers"), instance.subscribers},
        {QStringLiteral("events_per_second"), instance.eventsPerSecond},
        {QStringLiteral("deliveries_per_second"), instance.deliveriesPerSecond},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Parsed> parse(QByteArrayView key, QByteArrayView prefix, QByteArrayView value,
                            QString *why)
{
    const std::optional<QUuid> keyId =
        key.startsWith(prefix) ? parseStrictUuid(key.sliced(prefix.size())) : std::nullopt;
    if (!keyId) {
        *why = QStringLiteral("the key does not end in an instance id (a UUID)");
        return std::nullopt;
    }
    if (value.size() > kMaxBytes) {
        *why = QStringLiteral("larger than %1 bytes").arg(kMaxBytes);
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(value.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        *why = error.error != QJsonParseError::NoError
            ? QStringLiteral("not JSON: %1").arg(error.errorString())
            : QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (o.value(u"v").toInt(-1) != kFormat || !o.value(u"v").isDouble()) {
        *why = QStringLiteral("not format %1 ('v')").arg(kFormat);
        return std::nullopt;
    }
    Parsed p;
    InstanceSnapshot &i = p.instance;
    const QJsonValue id = o.value(u"id");
    i.id = id.isString() ? parseStrictUuid(id.toString().toLatin1()).value_or(QUuid()) : QUuid();
    if (i.id.isNull() || i.id != *keyId) {
        *why = QStringLiteral("its 'id' is not the id in its key");
        return std::nullopt;
    }
    double connections = 0;
    double subscribers = 0;
    QString state;
    if (!text(o, u"name", false, &i.name, why) || !text(o, u"host", false, &i.host, why)
        || !text(o, u"listen", false, &i.listen, why) || !text(o, u"monitor", true, &i.monitor, why)
        || !text(o, u"version", false, &i.version, why)
        || !time(o, u"started_at", &i.startedAt, why)
        || !time(o, u"announced_at", &i.announcedAt, why) || !text(o, u"state", false, &state, why)
        || !number(o, u"connections", true, &connections, why)
        || !number(o, u"subscribers", true, &subscribers, why)
        || !number(o, u"events_per_second", false, &i.eventsPerSecond, why)
        || !number(o, u"deliveries_per_second", false, &i.deliveriesPerSecond, why))
        return std::nullopt;
    i.connections = int(connections);
    i.subscribers = int(subscribers);
    if (state == u"stopped") {
        p.stopped = true;
    } else if (state == u"serving" || state == u"draining") {
        i.state = state == u"serving" ? InstanceSnapshot::State::Serving
                                      : InstanceSnapshot::State::Draining;
    } else {
        *why = QStringLiteral("'state' is not serving, draining or stopped");
        return std::nullopt;
    }
    return p;
}

} // namespace sender::FleetAnnouncement
