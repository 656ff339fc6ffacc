// The fleet's part of SnapshotCodec: GET /monitor/v1/instances.
#include "engine/SnapshotCodec.h"
#include "util/StrictUuid.h"

#include <QJsonArray>

namespace sender::SnapshotCodec {

namespace {

QString idText(const QUuid &id)
{
    return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
}

QUuid idFrom(const QJsonValue &value)
{
    return parseStrictUuid(value.toString().toLatin1()).value_or(QUuid());
}

} // namespace

QString instanceStateName(InstanceSnapshot::State state)
{
    switch (state) {
    case InstanceSnapshot::State::Serving:
        return QStringLiteral("serving");
    case InstanceSnapshot::State::Draining:
        return QStringLiteral("draining");
    case InstanceSnapshot::State::Gone:
        return QStringLiteral("gone");
    }
    return QStringLiteral("gone");
}

std::optional<InstanceSnapshot::State> instanceStateFromName(QStringView name)
{
    for (const auto state : {InstanceSnapshot::State::Serving, InstanceSnapshot::State::Draining,
                             InstanceSnapshot::State::Gone}) {
        if (name == instanceStateName(state))
            return state;
    }
    return std::nullopt;
}

QJsonObject encodeInstance(const InstanceSnapshot &i)
{
    QJsonObject o {
        {QStringLiteral("id"), idText(i.id)},
        {QStringLiteral("name"), i.name},
        {QStringLiteral("host"), i.host},
        {QStringLiteral("listen"), i.listen},
        {QStringLiteral("monitor"), i.monitor},
        {QStringLiteral("version"), i.version},
        {QStringLiteral("started_at"), timeText(i.startedAt)},
        {QStringLiteral("announced_at"), timeText(i.announcedAt)},
        {QStringLiteral("uptime_seconds"),
         i.startedAt.isValid() && i.announcedAt.isValid()
             ? double(qMax<qint64>(0, i.startedAt.secsTo(i.announcedAt)))
             : 0.0},
        {QStringLiteral("state"), instanceStateName(i.state)},
        {QStringLiteral("connections"), i.connections},
        {QStringLiteral("subscribers"), i.subscribers},
        {QStringLiteral("events_per_second"), i.eventsPerSecond},
        {QStringLiteral("deliveries_per_second"), i.deliveriesPerSecond},
        {QStringLiteral("self"), i.self},
    };
    if (i.state == InstanceSnapshot::State::Gone)
        o.insert(QStringLiteral("gone_since"), timeText(i.goneSince));
    return o;
}

InstanceSnapshot decodeInstance(const QJsonObject &json)
{
    InstanceSnapshot i;
    i.id = idFrom(json.value(u"id"));
    i.name = json.value(u"name").toString();
    i.host = json.value(u"host").toString();
    i.listen = json.value(u"listen").toString();
    i.monitor = json.value(u"monitor").toString();
    i.version = json.value(u"version").toString();
    i.startedAt = timeFromText(json.value(u"started_at").toString());
    i.announcedAt = timeFromText(json.value(u"announced_at").toString());
    i.goneSince = timeFromText(json.value(u"gone_since").toString());
    i.state = instanceStateFromName(json.value(u"state").toString())
                  .value_or(InstanceSnapshot::State::Gone);
    i.connections = qMax(0, json.value(u"connections").toInt());
    i.subscribers = qMax(0, json.value(u"subscribers").toInt());
    i.eventsPerSecond = qMax(0.0, json.value(u"events_per_second").toDouble());
    i.deliveriesPerSecond = qMax(0.0, json.value(u"deliveries_per_second").toDouble());
    i.self = json.value(u"self").toBool();
    return i;
}

QJsonObject encodeFleet(const FleetSnapshot &fleet)
{
    QJsonArray instances;
    QString self;
    for (const InstanceSnapshot &i : fleet.instances) {
        instances.append(encodeInstance(i));
        if (i.self)
            self = idText(i.id);
    }
    return {
        {QStringLiteral("self"), self},
        {QStringLiteral("shared"), fleet.shared},
        {QStringLiteral("redis"),
         QJsonObject {{QStringLiteral("up"), fleet.redisUp},
                      {QStringLiteral("detail"), fleet.redisDetail}}},
        {QStringLiteral("announce_interval_ms"), fleet.announceIntervalMs},
        {QStringLiteral("instances"), instances},
    };
}

FleetSnapshot decodeFleet(const QJsonObject &json)
{
    FleetSnapshot fleet;
    fleet.shared = json.value(u"shared").toBool();
    const QJsonObject redis = json.value(u"redis").toObject();
    fleet.redisUp = redis.value(u"up").toBool();
    fleet.redisDetail = redis.value(u"detail").toString();
    fleet.announceIntervalMs = qMax(0, json.value(u"announce_interval_ms").toInt());
    for (const QJsonValue &value : json.value(u"instances").toArray())
        fleet.instances.append(decodeInstance(value.toObject()));
    return fleet;
}

} // namespace sender::SnapshotCodec
