// Alerts inside a real Engine: an event from the embedded bus raises alertRaised whether or not
// anyone subscribes, acknowledging emits alertAcknowledged, rules edited through the engine are
// validated (nothing half-applied) and written to the file, and /metrics stays bounded.

#include "TestTimeouts.h"
#include "engine/Engine.h"
#include "sources/EmbeddedBus.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sender;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kSpoof = R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[)"
                          R"({"event_id":"e1","source":"entrance","detections":[{"samples":)"
                          R"({"face":{"detection":{"attributes":{"liveness":)"
                          R"({"prediction":"spoof"}}}}}}]}]})";

} // namespace

class TestEngineAlerts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void raisesAndAcknowledges();
    void editedRulesAreValidatedAndWritten();
    void metricSeriesAreCapped();
    void starterRulesWithoutAFile();

private:
    std::unique_ptr<Engine> startEngine(const QTemporaryDir &dir, const QByteArray &rules)
    {
        QFile file(dir.filePath(u"alerts.json"_s));
        if (!file.open(QIODevice::WriteOnly) || file.write(rules) != rules.size())
            return nullptr;
        file.close();
        Settings settings;
        settings.set(u"SERVER.HOST"_s, u"127.0.0.1"_s, Settings::Origin::CommandLine);
        settings.set(u"SERVER.PORT"_s, 0, Settings::Origin::CommandLine);
        settings.set(u"ALERTS.RULES_FILE"_s, file.fileName(), Settings::Origin::CommandLine);
        auto engine = std::make_unique<Engine>(settings);
        QString error;
        if (!engine->start(&error))
            qFatal("engine did not start: %s", qPrintable(error));
        return engine;
    }
};

void TestEngineAlerts::raisesAndAcknowledges()
{
    QTemporaryDir dir;
    auto engine = startEngine(
        dir, R"({"rules": [{"name": "spoof", "severity": "critical", "condition": "liveness=0"},
                           {"name": "never", "severity": "info", "condition": "age__gte=200"}]})");
    QSignalSpy raised(&engine->alerts(), &EngineAlerts::alertRaised);
    QSignalSpy acked(&engine->alerts(), &EngineAlerts::alertAcknowledged);
    engine->embeddedBus()->publish(kAccount, kSpoof); // no subscriber at all
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, timeouts::kSignal);
    const auto alert = raised.first().first().value<AlertSnapshot>();
    QCOMPARE(alert.rule, u"spoof"_s);
    QCOMPARE(alert.source, u"entrance"_s);
    QCOMPARE(alert.account.toString(QUuid::WithoutBraces).toUtf8(), kAccount);
    QCOMPARE(alert.event.value(u"event_id").toString(), u"e1"_s);

    QString error;
    QVERIFY(!engine->alerts().acknowledge(alert.id, u" "_s, QString(), &error));
    QCOMPARE(error, u"'by' must name the operator who acknowledges"_s);
    QVERIFY(engine->alerts().acknowledge(alert.id, u"ivanov"_s, u"a photo"_s, &error));
    QCOMPARE(acked.size(), 1);
    QCOMPARE(acked.first().first().value<AlertSnapshot>().acknowledgedBy, u"ivanov"_s);
    QVERIFY(engine->metricsText().contains("luna_sender_alerts_unacknowledged 0\n"));
    QVERIFY(engine->metricsText().contains(
        R"(luna_sender_alerts_total{rule="spoof",severity="critical"} 1)"));
}

// A new install (no RULES_FILE) runs the starter rules, which a spoofed face trips; one line
// (STARTER_RULES = false) turns them off.
void TestEngineAlerts::starterRulesWithoutAFile()
{
    for (const bool starter : {true, false}) {
        Settings settings;
        settings.set(u"SERVER.HOST"_s, u"127.0.0.1"_s, Settings::Origin::CommandLine);
        settings.set(u"SERVER.PORT"_s, 0, Settings::Origin::CommandLine);
        if (!starter)
            settings.set(u"ALERTS.STARTER_RULES"_s, false, Settings::Origin::CommandLine);
        Engine engine(settings);
        QString error;
        QVERIFY2(engine.start(&error), qPrintable(error));
        const QByteArray rules = engine.alerts().rulesJson();
        QCOMPARE(rules.contains("Watchlist match"), starter);
        QCOMPARE(rules.contains("Liveness check failed"), starter);
        QSignalSpy raised(&engine.alerts(), &EngineAlerts::alertRaised);
        engine.embeddedBus()->publish(kAccount, kSpoof);
        if (starter) {
            QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, timeouts::kSignal);
            QCOMPARE(raised.first().first().value<AlertSnapshot>().rule,
                     u"Liveness check failed"_s);
        } else {
            // The engine handled the message (its counter moved) and raised nothing.
            const QRegularExpression handled(
                uR"(luna_sender_events_received_total\{source="\w+"\} 1\n)"_s);
            QTRY_VERIFY_WITH_TIMEOUT(
                handled.match(QString::fromUtf8(engine.metricsText())).hasMatch(),
                timeouts::kSignal);
            QCOMPARE(raised.size(), 0);
        }
    }
}

void TestEngineAlerts::editedRulesAreValidatedAndWritten()
{
    QTemporaryDir dir;
    const QByteArray original =
        R"({"rules": [{"name": "spoof", "severity": "critical", "condition": "liveness=0"}]})";
    auto engine = startEngine(dir, original);
    QString error;
    // A bad second rule: nothing is applied, the file is untouched.
    QVERIFY(!engine->alerts().setRules(
        R"({"rules": [{"name": "a", "severity": "info", "condition": ""},
                      {"name": "b", "severity": "info", "condition": "liveness=maybe"}]})",
        &error));
    QVERIFY2(error.startsWith(u"rule 2 ('b'): 'condition': "_s), qPrintable(error));
    QFile file(dir.filePath(u"alerts.json"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), original);
    file.close();
    QVERIFY(engine->alerts().rulesJson().contains("\"spoof\""));

    QVERIFY2(
        engine->alerts().setRules(
            R"({"rules": [{"name": "a", "severity": "info", "condition": "liveness=0"}]})", &error),
        qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), engine->alerts().rulesJson());
    QSignalSpy raised(&engine->alerts(), &EngineAlerts::alertRaised);
    engine->embeddedBus()->publish(kAccount, kSpoof);
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, timeouts::kSignal);
    QCOMPARE(raised.first().first().value<AlertSnapshot>().rule, u"a"_s);
}

void TestEngineAlerts::metricSeriesAreCapped()
{
    QTemporaryDir dir;
    QByteArray rules = R"({"rules": [)";
    for (int i = 0; i < EngineAlerts::kRuleSeriesLimit + 5; ++i)
        rules += QByteArray(i ? "," : "") + R"({"name": "r)" + QByteArray::number(i)
            + R"(", "severity": "warning", "condition": "liveness=0"})";
    auto engine = startEngine(dir, rules + "]}");
    QSignalSpy raised(&engine->alerts(), &EngineAlerts::alertRaised);
    engine->embeddedBus()->publish(kAccount, kSpoof);
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), EngineAlerts::kRuleSeriesLimit + 5, timeouts::kSignal);
    const QByteArray text = engine->metricsText();
    // 100 series of their own, the other 5 alerts summed under rule="other".
    QCOMPARE(text.count("luna_sender_alerts_total{rule=\"r"), EngineAlerts::kRuleSeriesLimit);
    QVERIFY(text.contains(R"(luna_sender_alerts_total{rule="other",severity="warning"} 5)"));
}

QTEST_GUILESS_MAIN(TestEngineAlerts)
#include "tst_enginealerts.moc"
