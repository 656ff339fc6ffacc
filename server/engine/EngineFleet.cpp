// The engine's part in the fleet (issue 27): what this instance announces through Redis, and the
// fleet it reads back, through fleet/FleetWatch.
#include "SenderVersion.h"
#include "engine/Engine.h"
#include "fleet/FleetWatch.h"
#include "publicport/ConnectionServer.h"
#include "sources/redis/RedisSubscriber.h"

#include <QHostInfo>

namespace sender {

void Engine::startFleet()
{
    FleetWatch::Options options;
    if (m_redis)
        options.redis = m_redis->settings();
    options.intervalMs = int(m_settings.integer(u"FLEET.ANNOUNCE_INTERVAL_MS"));
    options.goneKeepMs = m_settings.integer(u"FLEET.GONE_KEEP_SECONDS") * 1000;
    const QString host = QHostInfo::localHostName();
    m_fleet = new FleetWatch(
        options,
        [this, host] {
            FleetWatch::Self self;
            InstanceSnapshot &i = self.instance;
            i.id = m_instanceId;
            i.host = host;
            i.listen = m_running ? listenAddress() : QString();
            i.name = m_settings.string(u"SERVER.INSTANCE_NAME");
            if (i.name.isEmpty())
                i.name = host + u':' + QString::number(port());
            i.monitor = m_monitorAddress;
            i.version = QStringLiteral(SENDER_VERSION_STRING);
            i.startedAt = m_startedAt;
            i.state = m_server->isDraining() ? InstanceSnapshot::State::Draining
                                             : InstanceSnapshot::State::Serving;
            i.connections = m_server->connectionCount();
            i.subscribers = m_server->subscriberCount();
            for (const quint64 n : m_eventsIn)
                self.eventsIn += n;
            self.deliveries = m_hub.counters().deliveries;
            return self;
        },
        this);
    m_fleet->start();
}

void Engine::leaveFleet()
{
    if (!m_fleet)
        return;
    m_fleet->leave();
    m_fleet->deleteLater();
    m_fleet = nullptr;
}

FleetSnapshot Engine::fleet() const
{
    return m_fleet ? m_fleet->fleet() : FleetSnapshot();
}

} // namespace sender
