#include "alerts/AlertEvaluator.h"

#include "events/EventMessage.h"

#include <QElapsedTimer>

#include <algorithm>
#include <memory>

namespace sender::alerts {

namespace {
// Quiet-period keys are pruned past this many, so a camera id per event cannot grow the map.
constexpr qsizetype kMaxQuietKeys = 100000;
} // namespace

AlertEvaluator::AlertEvaluator(Clock clock)
    : m_clock(std::move(clock))
{
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] {
            return timer->elapsed();
        };
    }
}

void AlertEvaluator::setRules(AlertRuleSet rules)
{
    m_rules = std::move(rules);
    // An episode goes on for a lag rule that keeps its name and kind.
    m_lagBehind.removeIf([this](const QString &name) {
        for (const AlertRule &r : m_rules.rules()) {
            if (r.name == name && r.isLag())
                return false;
        }
        return true;
    });
    // Drop the quiet periods of rules that are gone (a renamed rule starts afresh).
    for (auto it = m_quietUntil.begin(); it != m_quietUntil.end();) {
        const QStringView rule = QStringView(it.key()).left(it.key().indexOf(u'\x1f'));
        bool kept = false;
        for (const AlertRule &r : m_rules.rules())
            kept = kept || r.name == rule;
        it = kept ? std::next(it) : m_quietUntil.erase(it);
    }
}

QList<const AlertRule *> AlertEvaluator::evaluate(const QUuid &account, const EventMessage &message,
                                                  qsizetype eventIndex)
{
    QList<const AlertRule *> hits;
    qint64 now = -1;
    for (const AlertRule &rule : m_rules.rules()) {
        if (!rule.appliesTo(account) || !rule.matchesEvent(message, eventIndex))
            continue;
        if (rule.quietSeconds > 0) {
            if (now < 0)
                now = m_clock();
            const QString key =
                rule.name + u'\x1f' + QString::fromUtf8(message.attributes(eventIndex).source);
            const auto it = m_quietUntil.constFind(key);
            if (it != m_quietUntil.cend() && now < *it) {
                ++m_quieted;
                continue;
            }
            if (m_quietUntil.size() >= kMaxQuietKeys) {
                m_quietUntil.removeIf([now](const auto &entry) { return entry.value() <= now; });
                if (m_quietUntil.size() >= kMaxQuietKeys)
                    m_quietUntil.clear(); // every key still quiet: forget rather than grow
            }
            m_quietUntil.insert(key, now + qint64(rule.quietSeconds) * 1000);
        }
        hits.append(&rule);
    }
    return hits;
}

bool AlertEvaluator::hasLagRules() const
{
    return std::any_of(m_rules.rules().begin(), m_rules.rules().end(),
                       [](const AlertRule &r) { return r.isLag(); });
}

QList<LagHit> AlertEvaluator::evaluateLag(const QList<SubscriberLag> &subscribers)
{
    QList<LagHit> hits;
    for (const AlertRule &rule : m_rules.rules()) {
        if (!rule.isLag())
            continue;
        LagHit hit;
        hit.rule = &rule;
        for (const SubscriberLag &s : subscribers) {
            if (!rule.appliesTo(s.account) || !rule.behind(s.events, s.ms))
                continue;
            ++hit.behind;
            if (hit.behind == 1 || s.ms > hit.worst.ms
                || (s.ms == hit.worst.ms && s.events > hit.worst.events))
                hit.worst = s;
        }
        if (hit.behind == 0) {
            m_lagBehind.remove(rule.name); // caught up: the next episode may fire
            continue;
        }
        if (m_lagBehind.contains(rule.name))
            continue; // the same episode: it fired (or was quiet) when it began
        m_lagBehind.insert(rule.name);
        if (rule.quietSeconds > 0) {
            const qint64 now = m_clock();
            const QString key = rule.name + u'\x1f';
            const auto it = m_quietUntil.constFind(key);
            if (it != m_quietUntil.cend() && now < *it) {
                ++m_quieted;
                continue;
            }
            m_quietUntil.insert(key, now + qint64(rule.quietSeconds) * 1000);
        }
        hits.append(hit);
    }
    return hits;
}

} // namespace sender::alerts
