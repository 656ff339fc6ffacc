#pragma once

#include "alerts/AlertRules.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace sender {
class EventMessage;
}

namespace sender::alerts {

// Runs every rule against every event (whether or not a subscriber wants it) on the event's
// already extracted attributes: no second parse, no allocation unless a rule matches.
// One subscriber's lag as the engine measures it (ConnectionSnapshot::lag), for the lag rules.
struct SubscriberLag
{
    quint64 connectionId = 0;
    QUuid account;
    QString peer;
    quint64 events = 0;
    qint64 ms = 0;
};

// A lag rule that fires: how many of its subscribers are behind, and the furthest behind.
struct LagHit
{
    const AlertRule *rule = nullptr;
    SubscriberLag worst;
    int behind = 0;
};

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
    // The lag rules against the subscribers as they are now. A rule fires when one or more of
    // its subscribers are behind and none was at the previous look: one alert for the episode,
    // however many fall behind together (a burst puts every subscriber behind at once). It fires
    // again only once every one of them has caught up, and not within its quiet period.
    QList<LagHit> evaluateLag(const QList<SubscriberLag> &subscribers);
    bool hasLagRules() const;
    // Lag rules whose subscribers are behind now (the episode has not ended).
    int lagEpisodes() const { return int(m_lagBehind.size()); }

    // Matches swallowed by a quiet period.
    quint64 quieted() const { return m_quieted; }

private:
    Clock m_clock;
    AlertRuleSet m_rules;
    QHash<QString, qint64> m_quietUntil; // "rule\x1fsource" -> end of its quiet period
    QSet<QString> m_lagBehind; // lag rules in an episode
    quint64 m_quieted = 0;
};

} // namespace sender::alerts
