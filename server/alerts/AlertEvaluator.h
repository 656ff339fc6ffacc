#pragma once

#include "alerts/AlertRules.h"

#include <QHash>

#include <functional>

namespace sender {
class EventMessage;
}

namespace sender::alerts {

// Runs every rule against every event (whether or not a subscriber wants it) on the event's
// already extracted attributes: no second parse, no allocation unless a rule matches.
class AlertEvaluator
{
public:
    // Milliseconds on a monotonic clock; injectable so that quiet periods are tested without
    // waiting.
    using Clock = std::function<qint64()>;
    explicit AlertEvaluator(Clock clock = {});

    // Quiet periods in progress survive for rules that keep their name.
    void setRules(AlertRuleSet rules);
    const AlertRuleSet &rules() const { return m_rules; }

    // The rules event i of the message raises an alert for (matching, for this account, and not
    // in a quiet period for this rule and the event's source). Starts their quiet periods.
    QList<const AlertRule *> evaluate(const QUuid &account, const EventMessage &message,
                                      qsizetype eventIndex);
    // Matches swallowed by a quiet period.
    quint64 quieted() const { return m_quieted; }

private:
    Clock m_clock;
    AlertRuleSet m_rules;
    QHash<QString, qint64> m_quietUntil; // "rule\x1fsource" -> end of its quiet period
    quint64 m_quieted = 0;
};

} // namespace sender::alerts
