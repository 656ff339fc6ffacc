#include "alerts/AlertLog.h"

#include "alerts/AlertsLogging.h"
#include "events/EventMessage.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sender::alerts {

namespace {

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray line(const QJsonObject &record)
{
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

QJsonObject Alert::toJson() const
{
    QJsonObject o {{u"id"_s, qint64(id)},
                   {u"rule"_s, rule},
                   {u"severity"_s, severityName(severity)},
                   {u"state"_s, acknowledged ? u"acknowledged"_s : u"new"_s},
                   {u"time"_s, isoTime(time)},
                   {u"account"_s, account.toString(QUuid::WithoutBraces)},
                   {u"source"_s, source},
                   {u"attributes"_s, attributes},
                   {u"event"_s, event}};
    if (acknowledged) {
        o.insert(u"acknowledged_by"_s, acknowledgedBy);
        o.insert(u"acknowledged_at"_s, isoTime(acknowledgedAt));
        o.insert(u"comment"_s, comment);
    }
    return o;
}

std::optional<Alert> Alert::fromJson(const QJsonObject &o)
{
    Alert a;
    a.id = quint64(o.value(u"id").toInteger());
    a.rule = o.value(u"rule").toString();
    const std::optional<Severity> severity = severityFromName(o.value(u"severity").toString());
    a.time = QDateTime::fromString(o.value(u"time").toString(), Qt::ISODateWithMs);
    if (a.id == 0 || a.rule.isEmpty() || !severity || !a.time.isValid())
        return std::nullopt;
    a.severity = *severity;
    a.account = QUuid::fromString(o.value(u"account").toString());
    a.source = o.value(u"source").toString();
    a.attributes = o.value(u"attributes").toObject();
    a.event = o.value(u"event").toObject();
    a.acknowledged = o.value(u"state").toString() == u"acknowledged";
    a.acknowledgedBy = o.value(u"acknowledged_by").toString();
    a.acknowledgedAt =
        QDateTime::fromString(o.value(u"acknowledged_at").toString(), Qt::ISODateWithMs);
    a.comment = o.value(u"comment").toString();
    return a;
}

Alert Alert::fromLag(const AlertRule &rule, const SubscriberLag &worst, int behind)
{
    Alert a;
    a.rule = rule.name;
    a.severity = rule.severity;
    a.account = worst.account;
    a.source = worst.peer;
    a.attributes = QJsonObject {{u"connection_id"_s, qint64(worst.connectionId)},
                                {u"lag_events"_s, qint64(worst.events)},
                                {u"lag_seconds"_s, double(worst.ms) / 1000.0},
                                {u"subscribers_behind"_s, behind}};
    return a;
}

Alert Alert::fromEvent(const AlertRule &rule, const QUuid &account, const EventMessage &message,
                       qsizetype i)
{
    Alert a;
    a.rule = rule.name;
    a.severity = rule.severity;
    a.account = account;
    // Parsed again only here, for the rare event that raises an alert.
    a.event = QJsonDocument::fromJson(message.eventJson(i).toByteArray()).object();
    const EventSummary s = summarize(message, i);
    a.source = s.source;
    QJsonObject attributes;
    if (!s.eventId.isEmpty())
        attributes.insert(u"event_id"_s, s.eventId);
    if (s.age)
        attributes.insert(u"age"_s, *s.age);
    if (!s.gender.isEmpty())
        attributes.insert(u"gender"_s, s.gender);
    if (!s.emotion.isEmpty())
        attributes.insert(u"emotion"_s, s.emotion);
    if (!s.mask.isEmpty())
        attributes.insert(u"mask"_s, s.mask);
    if (!s.liveness.isEmpty())
        attributes.insert(u"liveness"_s, s.liveness);
    if (!s.topMatchLabel.isEmpty())
        attributes.insert(u"label"_s, s.topMatchLabel);
    if (s.topSimilarity)
        attributes.insert(u"similarity"_s, *s.topSimilarity);
    a.attributes = attributes;
    return a;
}

AlertLog::AlertLog(QString path, int maxEntries)
    : m_path(std::move(path))
    , m_maxEntries(std::max(1, maxEntries))
{ }

bool AlertLog::open(QString *error)
{
    if (m_path.isEmpty())
        return true;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    qsizetype skipped = 0;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine();
        ++m_fileLines;
        const QJsonObject record = QJsonDocument::fromJson(text).object();
        if (record.contains(u"alert")) {
            std::optional<Alert> alert = Alert::fromJson(record.value(u"alert").toObject());
            // Ids only grow in the file; anything else is not a line this log wrote.
            if (alert && (m_alerts.empty() || alert->id > m_alerts.back().id)) {
                m_nextId = std::max(m_nextId, alert->id + 1);
                keep(std::move(*alert));
                continue;
            }
        } else if (record.contains(u"ack")) {
            const QJsonObject ack = record.value(u"ack").toObject();
            const quint64 id = quint64(ack.value(u"id").toInteger());
            for (Alert &a : m_alerts) {
                if (a.id == id && !a.acknowledged) {
                    a.acknowledged = true;
                    a.acknowledgedBy = ack.value(u"by").toString();
                    a.acknowledgedAt =
                        QDateTime::fromString(ack.value(u"at").toString(), Qt::ISODateWithMs);
                    a.comment = ack.value(u"comment").toString();
                    --m_unacknowledged;
                }
            }
            continue;
        } else if (record.contains(u"dropped")) {
            m_dropped += quint64(record.value(u"dropped").toInteger());
            m_nextId = std::max(m_nextId, quint64(record.value(u"next_id").toInteger()));
            continue;
        }
        ++skipped; // a line cut short by a crash, or not ours
    }
    if (skipped)
        qCWarning(lcAlerts, "%s: %lld unreadable lines skipped", qUtf8Printable(m_path),
                  qint64(skipped));
    return true;
}

void AlertLog::keep(Alert alert)
{
    if (!alert.acknowledged)
        ++m_unacknowledged;
    m_alerts.push_back(std::move(alert));
    while (m_alerts.size() > size_t(m_maxEntries)) {
        if (!m_alerts.front().acknowledged)
            --m_unacknowledged;
        m_alerts.pop_front();
        ++m_dropped;
    }
}

const Alert &AlertLog::append(Alert alert)
{
    alert.id = m_nextId++;
    if (!alert.time.isValid())
        alert.time = QDateTime::currentDateTimeUtc();
    alert.acknowledged = false;
    keep(std::move(alert));
    appendLine(QJsonObject {{u"alert"_s, m_alerts.back().toJson()}});
    return m_alerts.back();
}

std::optional<Alert> AlertLog::acknowledge(quint64 id, const QString &by, const QString &comment,
                                           QString *error)
{
    const auto it = std::lower_bound(m_alerts.begin(), m_alerts.end(), id,
                                     [](const Alert &a, quint64 v) { return a.id < v; });
    if (it == m_alerts.end() || it->id != id) {
        *error = u"there is no alert %1"_s.arg(id);
        return std::nullopt;
    }
    if (it->acknowledged) {
        *error = u"alert %1 was acknowledged by %2 at %3"_s.arg(id).arg(
            it->acknowledgedBy, isoTime(it->acknowledgedAt));
        return std::nullopt;
    }
    it->acknowledged = true;
    it->acknowledgedBy = by;
    it->acknowledgedAt = QDateTime::currentDateTimeUtc();
    it->comment = comment;
    --m_unacknowledged;
    appendLine(QJsonObject {{u"ack"_s,
                             QJsonObject {{u"id"_s, qint64(id)},
                                          {u"by"_s, by},
                                          {u"at"_s, isoTime(it->acknowledgedAt)},
                                          {u"comment"_s, comment}}}});
    return *it;
}

QList<Alert> AlertLog::query(const Query &q, qsizetype *total) const
{
    QList<Alert> out;
    qsizetype count = 0;
    for (auto it = m_alerts.rbegin(); it != m_alerts.rend(); ++it) {
        if (q.acknowledged && it->acknowledged != *q.acknowledged)
            continue;
        if (q.severity && it->severity != *q.severity)
            continue;
        ++count;
        if ((q.before == 0 || it->id < q.before) && out.size() < q.limit)
            out.append(*it);
    }
    if (total)
        *total = count;
    return out;
}

std::optional<Alert> AlertLog::find(quint64 id) const
{
    for (const Alert &a : m_alerts) {
        if (a.id == id)
            return a;
    }
    return std::nullopt;
}

void AlertLog::appendLine(const QJsonObject &record)
{
    if (m_path.isEmpty())
        return;
    if (m_fileLines >= 2 * qsizetype(m_maxEntries)) {
        compact();
        return; // the compacted file holds the record already
    }
    QFile file(m_path);
    const QByteArray data = line(record);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(data) != data.size()) {
        m_lastError = u"cannot append to %1: %2"_s.arg(m_path, file.errorString());
        qCWarning(lcAlerts, "%s", qUtf8Printable(m_lastError));
        return;
    }
    ++m_fileLines;
}

void AlertLog::compact()
{
    QSaveFile file(m_path);
    QByteArray data =
        line(QJsonObject {{u"dropped"_s, qint64(m_dropped)}, {u"next_id"_s, qint64(m_nextId)}});
    for (const Alert &a : m_alerts)
        data += line(QJsonObject {{u"alert"_s, a.toJson()}});
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        m_lastError = u"cannot rewrite %1: %2"_s.arg(m_path, file.errorString());
        qCWarning(lcAlerts, "%s", qUtf8Printable(m_lastError));
        return;
    }
    m_fileLines = qsizetype(m_alerts.size()) + 1;
}

} // namespace sender::alerts
