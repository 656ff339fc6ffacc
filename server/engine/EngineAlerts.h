#pragma once

#include "alerts/AlertEvaluator.h"
#include "alerts/AlertLog.h"
#include "snapshots/EngineSnapshot.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace sender {

class EventMessage;
class PrometheusText;
class Settings;

// The console's and the monitor's view of one alert.
using AlertSnapshot = alerts::Alert;

// Alerts inside the engine: the rules of [ALERTS] RULES_FILE run on every event of every source,
// hits go to the bounded log of [ALERTS] LOG_FILE and out as alertRaised(). Lives on the engine's
// thread.
class EngineAlerts : public QObject
{
    Q_OBJECT
public:
    // Past this many rules the per-rule series of luna_sender_alerts_total are summed under
    // rule="other", so a rules file cannot blow up the number of series.
    static constexpr int kRuleSeriesLimit = 100;

    explicit EngineAlerts(QObject *parent = nullptr);

    // Loads the rules and opens the log. A rules file that cannot be used is an error here.
    bool configure(const Settings &settings, QString *error);
    // Reads the rules file again (SIGHUP; path: the RULES_FILE now configured, empty: no
    // rules). A bad file keeps the running rules and file; the error is logged, returned and kept
    // in rulesError() until a good file is read.
    bool reloadRules(const QString &path, QString *error);
    // Validates, writes RULES_FILE atomically, then applies; nothing changes on any error.
    bool setRules(const QByteArray &json, QString *error);
    QByteArray rulesJson() const { return m_evaluator.rules().toJson(); }
    QString rulesError() const { return m_rulesError; }
    QString rulesFile() const { return m_rulesFile; }

    // Every event of the message, once, on the attributes already extracted.
    void evaluate(const QUuid &account, const EventMessage &message)
    {
        if (!m_evaluator.rules().isEmpty())
            evaluateSlow(account, message);
    }
    // Where the lag rules look (the engine's connection list); they look every kLagCheckMs
    // while there is a lag rule.
    static constexpr int kLagCheckMs = 1000;
    void setLagSource(std::function<QList<ConnectionSnapshot>()> source);
    // For tests: how often the lag rules looked, and how many are in an episode now.
    quint64 lagChecks() const { return m_lagChecks; }
    int lagEpisodes() const { return m_evaluator.lagEpisodes(); }
    std::optional<AlertSnapshot> acknowledge(quint64 id, const QString &by, const QString &comment,
                                             QString *error);
    const alerts::AlertLog &log() const { return *m_log; }
    quint64 total() const { return m_total; }

    void writeMetrics(PrometheusText &out) const;

Q_SIGNALS:
    void alertRaised(const sender::AlertSnapshot &alert);
    void alertAcknowledged(const sender::AlertSnapshot &alert);

private:
    void evaluateSlow(const QUuid &account, const EventMessage &message);
    void checkLag();
    void raise(AlertSnapshot alert, const alerts::AlertRule &rule);
    void rulesChanged();

    alerts::AlertEvaluator m_evaluator;
    std::unique_ptr<alerts::AlertLog> m_log;
    std::function<QList<ConnectionSnapshot>()> m_lagSource;
    QTimer m_lagTimer;
    quint64 m_lagChecks = 0;
    QString m_rulesFile;
    bool m_starterRules = true; // ALERTS.STARTER_RULES: with no RULES_FILE, the built-in rules
    QString m_rulesError;
    quint64 m_total = 0;
    // (rule, severity) -> alerts raised since the start
    QHash<std::pair<QString, int>, quint64> m_counts;
};

} // namespace sender

Q_DECLARE_METATYPE(sender::AlertSnapshot)
