#pragma once

#include "alerts/AlertEvaluator.h"
#include "alerts/AlertRules.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

#include <deque>
#include <optional>

namespace sender {
class EventMessage;
}

namespace sender::alerts {

// One raised alert, as the log keeps it and the monitoring contract shows it ("Alert").
struct Alert
{
    quint64 id = 0;
    QDateTime time;
    QString rule;
    Severity severity = Severity::Warning;
    QUuid account;
    QString source;
    QJsonObject attributes; // the event's key attributes: age, gender, similarity, label, ...
    QJsonObject event; // the full event
    bool acknowledged = false;
    QString acknowledgedBy;
    QDateTime acknowledgedAt;
    QString comment;

    QJsonObject toJson() const;
    static std::optional<Alert> fromJson(const QJsonObject &o);
    // An alert for event i of the message (id and time are set by the log).
    static Alert fromEvent(const AlertRule &rule, const QUuid &account, const EventMessage &message,
                           qsizetype eventIndex);
    // An alert for a lag rule: the furthest behind of its subscribers, no event.
    static Alert fromLag(const AlertRule &rule, const SubscriberLag &worst, int behind);
};

// The bounded, persistent alert log ([ALERTS] LOG_FILE). The file is JSON lines: an alert per
// line as raised, an acknowledgement per line as given, so that an alert costs one append, not a
// rewrite. When the file holds twice the cap it is compacted (QSaveFile: atomic). A line cut short
// by a crash is skipped on load. An empty path keeps the log in memory only.
class AlertLog
{
public:
    AlertLog(QString path, int maxEntries);

    // Loads what the file holds (a missing file is an empty log). False if it cannot be read.
    bool open(QString *error);

    // Assigns the id (and the time, if unset) and keeps the alert; the oldest goes past the cap.
    const Alert &append(Alert alert);
    // nullopt with *error if there is no such alert or it was acknowledged already.
    std::optional<Alert> acknowledge(quint64 id, const QString &by, const QString &comment,
                                     QString *error);

    struct Query
    {
        std::optional<bool> acknowledged;
        std::optional<Severity> severity;
        int limit = 100;
        quint64 before = 0; // ids below this only; 0: from the newest
    };
    // Newest first; *total counts every alert the state/severity filter selects.
    QList<Alert> query(const Query &q, qsizetype *total = nullptr) const;
    std::optional<Alert> find(quint64 id) const;

    qsizetype size() const { return qsizetype(m_alerts.size()); }
    quint64 dropped() const { return m_dropped; }
    quint64 unacknowledged() const { return m_unacknowledged; }
    QString lastError() const { return m_lastError; }

private:
    void keep(Alert alert);
    void appendLine(const QJsonObject &record);
    void compact();

    QString m_path;
    int m_maxEntries;
    std::deque<Alert> m_alerts; // oldest first, ids ascending
    quint64 m_nextId = 1;
    quint64 m_dropped = 0;
    quint64 m_unacknowledged = 0;
    qsizetype m_fileLines = 0;
    QString m_lastError;
};

} // namespace sender::alerts
