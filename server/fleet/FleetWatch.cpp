#include "fleet/FleetWatch.h"

#include "fleet/FleetAnnouncement.h"
#include "fleet/FleetLog.h"
#include "sources/redis/RedisCommandLink.h"

#include <algorithm>

namespace sender {

Q_LOGGING_CATEGORY(lcFleet, "sender.fleet")

namespace {

constexpr int kLogLines = 5;
constexpr qint64 kLogWindowMs = 60000;
// Keys asked for per SCAN page and per MGET; pages per round at most (SCAN may return few keys a
// page on a large database, and a round must end).
constexpr int kScanCount = 200;
constexpr int kMgetKeys = 100;
constexpr int kMaxPages = 1000;

} // namespace

FleetWatch::FleetWatch(const Options &options, SelfSource self, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_selfSource(std::move(self))
    , m_prefix(
          FleetAnnouncement::keyPrefix(options.redis ? options.redis->channelPrefix : QByteArray()))
    , m_timer(this)
{
    connect(&m_timer, &QTimer::timeout, this, &FleetWatch::tick);
    if (m_options.redis)
        m_link = new RedisCommandLink(*m_options.redis, FleetAnnouncement::kMaxBytes, this);
    m_redisDetail = m_options.redis ? QStringLiteral("not announced yet")
                                    : QStringLiteral("the embedded bus: no fleet");
}

FleetWatch::~FleetWatch() = default;

void FleetWatch::start()
{
    m_key = m_prefix + selfNow().id.toString(QUuid::WithoutBraces).toLatin1();
    m_logWindow.start();
    m_timer.start(m_options.intervalMs);
    tick();
}

void FleetWatch::leave()
{
    m_timer.stop();
    if (!m_link)
        return;
    m_link->sendAndQuit({"SET", m_key, FleetAnnouncement::encode(selfNow(), true), "PX",
                         QByteArray::number(ttlMs())});
    m_reading = false;
}

InstanceSnapshot FleetWatch::selfNow(Self *counters) const
{
    Self self = m_selfSource();
    self.instance.self = true;
    self.instance.announcedAt = QDateTime::currentDateTimeUtc();
    self.instance.eventsPerSecond = m_eventsPerSecond;
    self.instance.deliveriesPerSecond = m_deliveriesPerSecond;
    if (counters)
        *counters = self;
    return self.instance;
}

FleetSnapshot FleetWatch::fleet() const
{
    FleetSnapshot fleet;
    fleet.shared = m_link != nullptr;
    fleet.redisUp = m_redisUp;
    fleet.redisDetail = m_redisDetail;
    fleet.announceIntervalMs = m_options.intervalMs;
    QList<InstanceSnapshot> others = m_known.values();
    std::sort(others.begin(), others.end(), [](const auto &a, const auto &b) {
        return std::tie(a.name, a.startedAt) < std::tie(b.name, b.startedAt);
    });
    fleet.instances.append(selfNow());
    fleet.instances += others;
    return fleet;
}

void FleetWatch::tick()
{
    Self counters;
    selfNow(&counters);
    if (m_sinceTick.isValid() && m_sinceTick.elapsed() > 0) {
        const double seconds = double(m_sinceTick.elapsed()) / 1000.0;
        m_eventsPerSecond =
            double(counters.eventsIn - qMin(counters.eventsIn, m_lastEvents)) / seconds;
        m_deliveriesPerSecond =
            double(counters.deliveries - qMin(counters.deliveries, m_lastDeliveries)) / seconds;
    }
    m_sinceTick.start();
    m_lastEvents = counters.eventsIn;
    m_lastDeliveries = counters.deliveries;
    if (!m_link)
        return;

    m_link->send(
        {"SET", m_key, FleetAnnouncement::encode(selfNow()), "PX", QByteArray::number(ttlMs())},
        [this](const RespValue *reply, const QString &error) {
            m_announceProblem = !reply ? error
                : reply->type == RespValue::Type::Error
                ? QStringLiteral("Redis refused the announcement: ") + reply->describe()
                : QString();
            if (!m_announceProblem.isEmpty()) {
                m_redisUp = false;
                m_redisDetail = m_announceProblem;
            }
        });
    // A round still reading (a slow Redis) is left to finish: never two at once.
    if (m_reading)
        return;
    m_reading = true;
    m_overflow = false;
    m_keys.clear();
    m_seen.clear();
    m_stopped.clear();
    scanPage("0", 0);
}

void FleetWatch::scanPage(const QByteArray &cursor, int page)
{
    m_link->send({"SCAN", cursor, "MATCH", RedisSettings::globEscaped(m_prefix) + '*', "COUNT",
                  QByteArray::number(kScanCount)},
                 [this, page](const RespValue *reply, const QString &error) {
                     if (!m_reading)
                         return;
                     if (!reply)
                         return finishRound(false, error);
                     const RespValue *next = reply->isArray(2) ? reply->element(0) : nullptr;
                     const RespValue *keys = next ? reply->element(1) : nullptr;
                     if (!next || !next->isText() || !keys || keys->type != RespValue::Type::Array)
                         return finishRound(false,
                                            QStringLiteral("unexpected answer to SCAN: ")
                                                + reply->describe());
                     for (qint64 i = 0; i < keys->integer; ++i) {
                         const RespValue *key = keys->element(i);
                         if (!key || key->oversized || key->type != RespValue::Type::String
                             || key->bytes == m_key || m_keys.contains(key->bytes))
                             continue;
                         if (m_keys.size() >= m_options.maxInstances) {
                             m_overflow = true;
                             break;
                         }
                         m_keys.append(key->bytes);
                     }
                     if (next->bytes == "0" || m_overflow || page + 1 >= kMaxPages)
                         fetch(0);
                     else
                         scanPage(next->bytes, page + 1);
                 });
}

void FleetWatch::fetch(qsizetype from)
{
    if (from >= m_keys.size())
        return finishRound(true, {});
    QList<QByteArray> command {"MGET"};
    const QList<QByteArray> batch = m_keys.mid(from, kMgetKeys);
    command += batch;
    m_link->send(command, [this, from, batch](const RespValue *reply, const QString &error) {
        if (!m_reading)
            return;
        if (!reply)
            return finishRound(false, error);
        if (!reply->isArray(batch.size()))
            return finishRound(false,
                               QStringLiteral("unexpected answer to MGET: ") + reply->describe());
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (const RespValue *value = reply->element(i);
                value && value->type != RespValue::Type::Nil) // Nil: it expired meanwhile
                consider(batch.at(i), *value);
        }
        fetch(from + batch.size());
    });
}

void FleetWatch::consider(const QByteArray &key, const RespValue &value)
{
    if (value.oversized)
        return ignore(key,
                      QStringLiteral("larger than %1 bytes").arg(FleetAnnouncement::kMaxBytes));
    if (value.type != RespValue::Type::String)
        return ignore(key, QStringLiteral("not a string value"));
    QString why;
    const std::optional<FleetAnnouncement::Parsed> parsed =
        FleetAnnouncement::parse(key, m_prefix, value.view(), &why);
    if (!parsed)
        return ignore(key, why);
    if (parsed->stopped)
        m_stopped.append(parsed->instance.id);
    else
        m_seen.insert(parsed->instance.id, parsed->instance);
}

void FleetWatch::ignore(const QByteArray &key, const QString &why)
{
    if (m_logWindow.elapsed() > kLogWindowMs) {
        if (m_suppressed > 0)
            qCWarning(lcFleet, "%d more ignored announcements were not logged", m_suppressed);
        m_logWindow.start();
        m_logged = 0;
        m_suppressed = 0;
    }
    if (m_logged >= kLogLines) {
        ++m_suppressed;
        return;
    }
    ++m_logged;
    // The key as text, cut: it is whatever someone wrote into Redis.
    qCWarning(lcFleet, "ignoring the announcement under '%s': %s",
              qUtf8Printable(QString::fromUtf8(key.left(120)).toHtmlEscaped()),
              qUtf8Printable(why));
}

void FleetWatch::finishRound(bool complete, const QString &problem)
{
    m_reading = false;
    if (!complete) {
        // What is known stays as it was: an unread Redis says nothing about who is gone.
        m_redisUp = false;
        m_redisDetail = problem;
        return;
    }
    m_redisUp = m_announceProblem.isEmpty();
    m_redisDetail = m_announceProblem;
    if (m_overflow)
        m_redisDetail = QStringLiteral("more than %1 instances: the rest are not shown")
                            .arg(m_options.maxInstances);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QUuid &id : std::as_const(m_stopped))
        m_known.remove(id);
    for (auto it = m_known.begin(); it != m_known.end();) {
        InstanceSnapshot &known = it.value();
        if (!m_seen.contains(it.key()) && !m_overflow
            && known.state != InstanceSnapshot::State::Gone) {
            known.state = InstanceSnapshot::State::Gone;
            known.goneSince = now;
            qCInfo(lcFleet, "instance %s (%s) is gone: its announcement expired",
                   qUtf8Printable(known.name),
                   qUtf8Printable(it.key().toString(QUuid::WithoutBraces)));
        }
        if (known.state == InstanceSnapshot::State::Gone
            && known.goneSince.msecsTo(now) > m_options.goneKeepMs)
            it = m_known.erase(it);
        else
            ++it;
    }
    for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it) {
        if (!m_known.contains(it.key()) && m_known.size() >= m_options.maxInstances)
            continue; // the gone ones fill the list: new ones wait until those are forgotten
        m_known.insert(it.key(), it.value());
    }
    m_seen.clear();
}

} // namespace sender
