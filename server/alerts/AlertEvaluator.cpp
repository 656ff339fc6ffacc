#include "alerts/AlertEvaluator.h"

#include "events/EventMessage.h"

#include <QElapsedTimer>

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
        if (!rule.appliesTo(account) || !rule.filter.matches(message, eventIndex))
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

} // namespace sender::alerts
