#pragma once

#include "filters/SubscriptionFilter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace sender::alerts {

enum class Severity { Info, Warning, Critical };
QString severityName(Severity severity);
std::optional<Severity> severityFromName(QStringView name);

// One rule of [ALERTS] RULES_FILE. The condition is a subscription query, compiled by the very
// code a subscriber's query goes through, so a rule matches exactly what a subscriber with that
// query would receive. A condition of lag terms only (lag_events__gt=N, lag_seconds__gt=S, both
// joined by & when both must hold) makes a lag rule instead (issue 25): it watches how far the
// subscribers of its accounts are behind their streams, not the events.
struct AlertRule
{
    enum class Kind { Event, Lag };

    QString name;
    Severity severity = Severity::Warning;
    QList<QUuid> accounts; // empty: every account
    QString condition; // as written in the file
    Kind kind = Kind::Event;
    SubscriptionFilter filter; // Event rules only
    // Lag rules: a subscriber is behind when its lag is over every threshold given.
    std::optional<quint64> lagEvents;
    std::optional<double> lagSeconds;
    int quietSeconds = 0; // per rule and source: one alert, not fifty

    bool isLag() const { return kind == Kind::Lag; }
    bool matchesEvent(const EventMessage &message, qsizetype eventIndex) const
    {
        return kind == Kind::Event && filter.matches(message, eventIndex);
    }
    bool behind(quint64 events, qint64 ms) const
    {
        return kind == Kind::Lag && (lagEvents || lagSeconds) && (!lagEvents || events > *lagEvents)
            && (!lagSeconds || double(ms) > *lagSeconds * 1000.0);
    }

    bool appliesTo(const QUuid &account) const
    {
        return accounts.isEmpty() || accounts.contains(account);
    }
};

// The rules file: {"rules": [{"name", "severity", "condition", "accounts", "quiet_seconds"}]}.
class AlertRuleSet
{
public:
    static constexpr int kMaxRules = 1000;
    static constexpr int kMaxQuietSeconds = 86400;
    static constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

    // Validates everything before returning anything: on any error nothing is returned and
    // *error names the rule and what is wrong (a condition's error is the subscriber's text).
    static std::optional<AlertRuleSet> fromJson(QByteArrayView json, QString *error);
    // A missing file is an error too: the configured path must exist (write {"rules": []}).
    static std::optional<AlertRuleSet> load(const QString &path, QString *error);

    QByteArray toJson() const;
    // Atomic (QSaveFile): a crash mid-write leaves the old file as it was.
    bool save(const QString &path, QString *error) const;

    const QList<AlertRule> &rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }

private:
    QList<AlertRule> m_rules;
};

} // namespace sender::alerts
