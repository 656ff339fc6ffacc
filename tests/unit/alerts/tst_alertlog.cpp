#include "TestData.h"
#include "alerts/AlertEvaluator.h"
#include "alerts/AlertLog.h"
#include "events/EventMessage.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sender::alerts;
using sender::EventMessage;

namespace {

std::shared_ptr<const EventMessage> parse(const QByteArray &raw)
{
    QString error;
    auto m = EventMessage::parse(raw, &error);
    if (!m)
        qFatal("bad test message: %s", qPrintable(error));
    return m;
}

AlertRuleSet rules(const QByteArray &json)
{
    QString error;
    auto set = AlertRuleSet::fromJson(json, &error);
    if (!set)
        qFatal("bad test rules: %s", qPrintable(error));
    return *set;
}

QStringList names(const QList<const AlertRule *> &hits)
{
    QStringList out;
    for (const AlertRule *r : hits)
        out += r->name;
    return out;
}

const QUuid kAccount = QUuid::fromString(u"8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"_s);

} // namespace

// Evaluation (the filter's semantics on the corpus, accounts, quiet periods on an injected clock)
// and the log (cap, acknowledgement, persistence, a line cut short by a crash).
class TestAlertLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void evaluatesLikeTheSubscriberFilter();
    void quietPeriodPerRuleAndSource();
    void capDropsOldestAndCounts();
    void acknowledges();
    void queriesNewestFirstWithFilters();
    void persistsAcrossReopenAndCompaction();
    void skipsALineCutShortByACrash();
};

void TestAlertLog::evaluatesLikeTheSubscriberFilter()
{
    // The face event of the filter corpus: cam-entrance-1, age 34, gender 1, label "staff" at
    // 0.9312, liveness real, mask missing.
    const auto message = parse(testData("face_event_message.json"));
    AlertEvaluator evaluator([] { return qint64(0); });
    evaluator.setRules(rules(R"({"rules": [
        {"name": "staff", "severity": "critical", "condition": "matching_candidates_labels=staff&object_similarity__gte=0.93"},
        {"name": "staff-high", "severity": "critical", "condition": "matching_candidates_labels=staff&object_similarity__gte=0.94"},
        {"name": "spoof", "severity": "warning", "condition": "liveness=0"},
        {"name": "real", "severity": "info", "condition": "liveness=1"},
        {"name": "old", "severity": "info", "condition": "age__gte=35"},
        {"name": "entrance", "severity": "info", "condition": "sources=cam-entrance-1,cam-2"},
        {"name": "other-account", "severity": "info", "condition": "",
         "accounts": ["00000000-0000-4000-8000-000000000001"]},
        {"name": "this-account", "severity": "info", "condition": "",
         "accounts": ["8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"]}]})"));
    QCOMPARE(names(evaluator.evaluate(kAccount, *message, 0)),
             QStringList({u"staff"_s, u"real"_s, u"entrance"_s, u"this-account"_s}));
    // An index outside the message never matches, like the filter itself.
    QVERIFY(evaluator.evaluate(kAccount, *message, 5).isEmpty());
}

void TestAlertLog::quietPeriodPerRuleAndSource()
{
    qint64 now = 1000;
    AlertEvaluator evaluator([&now] { return now; });
    evaluator.setRules(rules(R"({"rules": [
        {"name": "q", "severity": "critical", "condition": "", "quiet_seconds": 30},
        {"name": "loud", "severity": "info", "condition": ""}]})"));
    const auto cam1 = parse(
        R"({"handler_id": "8950722f-3fd4-4223-b48f-03f95f0e8dfb", "events": [{"source": "cam1"}]})");
    const auto cam2 = parse(
        R"({"handler_id": "8950722f-3fd4-4223-b48f-03f95f0e8dfb", "events": [{"source": "cam2"}]})");

    QCOMPARE(names(evaluator.evaluate(kAccount, *cam1, 0)), QStringList({u"q"_s, u"loud"_s}));
    now += 29999; // still quiet for cam1; cam2 has its own period
    QCOMPARE(names(evaluator.evaluate(kAccount, *cam1, 0)), QStringList({u"loud"_s}));
    QCOMPARE(names(evaluator.evaluate(kAccount, *cam2, 0)), QStringList({u"q"_s, u"loud"_s}));
    QCOMPARE(evaluator.quieted(), 1u);
    now += 1; // 30 s after the first alert
    QCOMPARE(names(evaluator.evaluate(kAccount, *cam1, 0)), QStringList({u"q"_s, u"loud"_s}));

    // Reloading keeps a running period for a rule that keeps its name.
    evaluator.setRules(rules(R"({"rules": [
        {"name": "q", "severity": "warning", "condition": "", "quiet_seconds": 30}]})"));
    QVERIFY(evaluator.evaluate(kAccount, *cam1, 0).isEmpty());
    // ... and a renamed rule starts afresh.
    evaluator.setRules(rules(R"({"rules": [
        {"name": "q2", "severity": "warning", "condition": "", "quiet_seconds": 30}]})"));
    QCOMPARE(names(evaluator.evaluate(kAccount, *cam1, 0)), QStringList({u"q2"_s}));
}

namespace {
Alert alertFor(const char *rule, Severity severity = Severity::Critical)
{
    const auto message = parse(testData("face_event_message.json"));
    const AlertRuleSet set = rules(R"({"rules": [{"name": ")" + QByteArray(rule)
                                   + R"(", "severity": "info", "condition": ""}]})");
    Alert a = Alert::fromEvent(set.rules().first(), kAccount, *message, 0);
    a.severity = severity;
    return a;
}
} // namespace

void TestAlertLog::capDropsOldestAndCounts()
{
    AlertLog log(QString(), 3);
    for (int i = 0; i < 5; ++i)
        log.append(alertFor("r"));
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.dropped(), 2u);
    QCOMPARE(log.unacknowledged(), 3u);
    QVERIFY(!log.find(2));
    QVERIFY(log.find(3));
    const Alert a = *log.find(5);
    QCOMPARE(a.source, u"cam-entrance-1"_s);
    QCOMPARE(a.attributes.value(u"age").toInt(), 34);
    QCOMPARE(a.attributes.value(u"label").toString(), u"staff"_s);
    QCOMPARE(a.attributes.value(u"similarity").toDouble(), 0.9312);
    QCOMPARE(a.event.value(u"track_id").toString(), u"track-4711"_s);
    QCOMPARE(a.toJson().value(u"state").toString(), u"new"_s);
}

void TestAlertLog::acknowledges()
{
    AlertLog log(QString(), 10);
    log.append(alertFor("r"));
    QString error;
    const auto acked = log.acknowledge(1, u"ivanov"_s, u"known visitor"_s, &error);
    QVERIFY2(acked, qPrintable(error));
    QCOMPARE(log.unacknowledged(), 0u);
    const QJsonObject json = acked->toJson();
    QCOMPARE(json.value(u"state").toString(), u"acknowledged"_s);
    QCOMPARE(json.value(u"acknowledged_by").toString(), u"ivanov"_s);
    QCOMPARE(json.value(u"comment").toString(), u"known visitor"_s);
    QVERIFY(json.value(u"acknowledged_at").toString().endsWith(u'Z'));

    QVERIFY(!log.acknowledge(1, u"petrov"_s, QString(), &error));
    QVERIFY2(error.startsWith(u"alert 1 was acknowledged by ivanov at "_s), qPrintable(error));
    QVERIFY(!log.acknowledge(7, u"petrov"_s, QString(), &error));
    QCOMPARE(error, u"there is no alert 7"_s);
}

void TestAlertLog::queriesNewestFirstWithFilters()
{
    AlertLog log(QString(), 100);
    for (int i = 0; i < 6; ++i)
        log.append(alertFor("r", i % 2 ? Severity::Critical : Severity::Info));
    QString error;
    QVERIFY(log.acknowledge(2, u"a"_s, QString(), &error));
    auto ids = [](const QList<Alert> &alerts) {
        QList<quint64> out;
        for (const Alert &a : alerts)
            out += a.id;
        return out;
    };
    qsizetype total = 0;
    QCOMPARE(ids(log.query({}, &total)), QList<quint64>({6, 5, 4, 3, 2, 1}));
    QCOMPARE(total, 6);
    QCOMPARE(ids(log.query({std::nullopt, Severity::Critical, 100, 0}, &total)),
             QList<quint64>({6, 4, 2}));
    QCOMPARE(ids(log.query({false, Severity::Critical, 100, 0}, &total)), QList<quint64>({6, 4}));
    QCOMPARE(total, 2);
    QCOMPARE(ids(log.query({std::nullopt, std::nullopt, 2, 5}, &total)), QList<quint64>({4, 3}));
    QCOMPARE(total, 6);
}

void TestAlertLog::persistsAcrossReopenAndCompaction()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"alerts.log"_s);
    QString error;
    {
        AlertLog log(path, 3);
        QVERIFY(log.open(&error));
        for (int i = 0; i < 8; ++i) // past 2x the cap: compacted at least once
            log.append(alertFor("r"));
        QVERIFY(log.acknowledge(7, u"ivanov"_s, u"ok"_s, &error));
    }
    AlertLog again(path, 3);
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.size(), 3);
    QCOMPARE(again.dropped(), 5u);
    QCOMPARE(again.unacknowledged(), 2u);
    QCOMPARE(again.find(7)->acknowledgedBy, u"ivanov"_s);
    QCOMPARE(again.find(7)->comment, u"ok"_s);
    QCOMPARE(again.find(8)->attributes.value(u"label").toString(), u"staff"_s);
    // Ids continue where they stopped, never reused.
    QCOMPARE(again.append(alertFor("r")).id, 9u);
}

void TestAlertLog::skipsALineCutShortByACrash()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"alerts.log"_s);
    QString error;
    {
        AlertLog log(path, 10);
        QVERIFY(log.open(&error));
        log.append(alertFor("r"));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write(R"({"alert":{"id":2,"rule":"r")");
    file.close();
    QTest::ignoreMessage(QtWarningMsg, qPrintable(path + u": 1 unreadable lines skipped"_s));
    AlertLog again(path, 10);
    QVERIFY(again.open(&error));
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.append(alertFor("r")).id, 2u);
}

QTEST_GUILESS_MAIN(TestAlertLog)
#include "tst_alertlog.moc"
