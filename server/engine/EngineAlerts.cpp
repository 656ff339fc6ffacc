#include "engine/EngineAlerts.h"

#include "alerts/AlertsLogging.h"
#include "alerts/StarterRules.h"
#include "config/Settings.h"
#include "events/EventMessage.h"
#include "metrics/PrometheusText.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace sender {

EngineAlerts::EngineAlerts(QObject *parent)
    : QObject(parent)
    , m_log(std::make_unique<alerts::AlertLog>(QString(), 10000))
{
    qRegisterMetaType<AlertSnapshot>();
    m_lagTimer.setInterval(kLagCheckMs);
    connect(&m_lagTimer, &QTimer::timeout, this, &EngineAlerts::checkLag);
}

void EngineAlerts::setLagSource(std::function<QList<ConnectionSnapshot>()> source)
{
    m_lagSource = std::move(source);
    rulesChanged();
}

void EngineAlerts::rulesChanged()
{
    // Nothing runs for lag unless a rule asks.
    if (m_lagSource && m_evaluator.hasLagRules())
        m_lagTimer.start();
    else
        m_lagTimer.stop();
}

void EngineAlerts::checkLag()
{
    if (!m_lagSource)
        return;
    ++m_lagChecks;
    QList<alerts::SubscriberLag> lags;
    for (const ConnectionSnapshot &c : m_lagSource()) {
        if (c.subscribed)
            lags.append({c.id, QUuid::fromString(c.account), c.peer, c.lag.events, c.lag.ms});
    }
    for (const alerts::LagHit &hit : m_evaluator.evaluateLag(lags)) {
        qCInfo(lcAlerts,
               "lag rule '%s': %d subscriber(s) behind, the furthest %s by %llu events, "
               "%.1f s",
               qUtf8Printable(hit.rule->name), hit.behind, qUtf8Printable(hit.worst.peer),
               hit.worst.events, double(hit.worst.ms) / 1000.0);
        raise(alerts::Alert::fromLag(*hit.rule, hit.worst, hit.behind), *hit.rule);
    }
}

void EngineAlerts::raise(AlertSnapshot alert, const alerts::AlertRule &rule)
{
    const AlertSnapshot &kept = m_log->append(std::move(alert));
    ++m_total;
    ++m_counts[{rule.name, int(rule.severity)}];
    Q_EMIT alertRaised(kept);
}

bool EngineAlerts::configure(const Settings &settings, QString *error)
{
    m_rulesFile = settings.string(u"ALERTS.RULES_FILE");
    m_starterRules = settings.boolean(u"ALERTS.STARTER_RULES");
    alerts::AlertRuleSet rules;
    if (!m_rulesFile.isEmpty()) {
        std::optional<alerts::AlertRuleSet> loaded = alerts::AlertRuleSet::load(m_rulesFile, error);
        if (!loaded) {
            *error = u"ALERTS.RULES_FILE: "_s + *error;
            return false;
        }
        rules = std::move(*loaded);
    } else if (m_starterRules) {
        std::optional<alerts::AlertRuleSet> starter =
            alerts::AlertRuleSet::fromJson(alerts::kStarterRulesJson, error);
        Q_ASSERT(starter); // a fixed text, checked by tst_alertrules
        if (starter)
            rules = std::move(*starter);
    }
    auto log = std::make_unique<alerts::AlertLog>(settings.string(u"ALERTS.LOG_FILE"),
                                                  int(settings.integer(u"ALERTS.LOG_MAX_ENTRIES")));
    if (!log->open(error)) {
        *error = u"ALERTS.LOG_FILE: "_s + *error;
        return false;
    }
    m_log = std::move(log);
    m_evaluator.setRules(std::move(rules));
    rulesChanged();
    m_rulesError.clear();
    if (!m_rulesFile.isEmpty())
        qCInfo(lcAlerts, "%lld alert rules from %s; %lld alerts in the log",
               qint64(m_evaluator.rules().rules().size()), qUtf8Printable(m_rulesFile),
               qint64(m_log->size()));
    else if (m_starterRules)
        qCInfo(lcAlerts, "%lld starter alert rules (ALERTS.STARTER_RULES = false turns them off)",
               qint64(m_evaluator.rules().rules().size()));
    return true;
}

bool EngineAlerts::reloadRules(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        // No file: the starter rules stay in force if they are on (and edits made in the console
        // stay until the next start), else none.
        if (!m_rulesFile.isEmpty() || !m_starterRules)
            m_evaluator.setRules({});
        m_rulesFile.clear();
        m_rulesError.clear();
        rulesChanged();
        return true;
    }
    std::optional<alerts::AlertRuleSet> loaded = alerts::AlertRuleSet::load(path, error);
    if (!loaded) {
        m_rulesError = *error;
        qCWarning(lcAlerts, "alert rules not reloaded, the previous %lld stay in force: %s",
                  qint64(m_evaluator.rules().rules().size()), qUtf8Printable(*error));
        return false;
    }
    m_rulesFile = path;
    m_evaluator.setRules(std::move(*loaded));
    rulesChanged();
    m_rulesError.clear();
    qCInfo(lcAlerts, "%lld alert rules reloaded from %s",
           qint64(m_evaluator.rules().rules().size()), qUtf8Printable(m_rulesFile));
    return true;
}

bool EngineAlerts::setRules(const QByteArray &json, QString *error)
{
    std::optional<alerts::AlertRuleSet> rules = alerts::AlertRuleSet::fromJson(json, error);
    if (!rules)
        return false;
    if (!m_rulesFile.isEmpty() && !rules->save(m_rulesFile, error))
        return false;
    m_evaluator.setRules(std::move(*rules));
    rulesChanged();
    m_rulesError.clear();
    return true;
}

void EngineAlerts::evaluateSlow(const QUuid &account, const EventMessage &message)
{
    for (qsizetype i = 0; i < message.eventCount(); ++i) {
        const QList<const alerts::AlertRule *> hits = m_evaluator.evaluate(account, message, i);
        for (const alerts::AlertRule *rule : hits)
            raise(alerts::Alert::fromEvent(*rule, account, message, i), *rule);
    }
}

std::optional<AlertSnapshot> EngineAlerts::acknowledge(quint64 id, const QString &by,
                                                       const QString &comment, QString *error)
{
    if (by.trimmed().isEmpty()) {
        *error = u"'by' must name the operator who acknowledges"_s;
        return std::nullopt;
    }
    std::optional<AlertSnapshot> alert = m_log->acknowledge(id, by, comment, error);
    if (alert)
        Q_EMIT alertAcknowledged(*alert);
    return alert;
}

void EngineAlerts::writeMetrics(PrometheusText &out) const
{
    out.family("luna_sender_alerts_total", "counter",
               "Alerts raised since the start, by rule and severity (past 100 rules the rest are "
               "summed under rule=\"other\").");
    // The most frequent rules keep their own series.
    QList<std::pair<std::pair<QString, int>, quint64>> counts;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        counts.append({it.key(), it.value()});
    std::sort(counts.begin(), counts.end(),
              [](const auto &a, const auto &b) { return a.second > b.second; });
    std::array<quint64, 3> other {};
    for (qsizetype i = 0; i < counts.size(); ++i) {
        const auto severity = alerts::Severity(counts[i].first.second);
        if (i < kRuleSeriesLimit)
            out.sample(
                "luna_sender_alerts_total",
                {{"rule", counts[i].first.first}, {"severity", alerts::severityName(severity)}},
                counts[i].second);
        else
            other[size_t(severity)] += counts[i].second;
    }
    for (int s = 0; s < 3; ++s) {
        if (other[size_t(s)])
            out.sample(
                "luna_sender_alerts_total",
                {{"rule", u"other"_s}, {"severity", alerts::severityName(alerts::Severity(s))}},
                other[size_t(s)]);
    }
    out.gauge("luna_sender_alerts_unacknowledged",
              "Alerts in the log that no one has acknowledged yet.", m_log->unacknowledged());
    out.counter("luna_sender_alerts_log_dropped_total",
                "Alerts dropped from the log, oldest first, to stay within ALERTS.LOG_MAX_ENTRIES.",
                m_log->dropped());
    out.gauge("luna_sender_alert_rules_reload_failed",
              "1 while the rules file on disk has errors and the previous rules run on.",
              quint64(m_rulesError.isEmpty() ? 0 : 1));
}

} // namespace sender
