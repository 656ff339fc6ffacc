#include "alerts/AlertEvaluator.h"
#include "alerts/AlertLog.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sender::alerts;

namespace {

const QUuid kAccount = QUuid::fromString(u"8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"_s);
const QUuid kOther = QUuid::fromString(u"0b5c3f3e-6d0e-4b8e-9a51-2f7c9f1d2a44"_s);

AlertRuleSet rulesOf(const QByteArray &rules)
{
    QString error;
    std::optional<AlertRuleSet> set =
        AlertRuleSet::fromJson(QByteArray("{\"rules\": [" + rules + "]}"), &error);
    if (!set)
        qFatal("%s", qPrintable(error));
    return *set;
}

SubscriberLag lag(quint64 id, quint64 events, qint64 ms, const QUuid &account = kAccount)
{
    return {id, account, u"127.0.0.1:%1"_s.arg(40000 + id), events, ms};
}

} // namespace

// Lag rules (issue 25): a condition of lag terms watches how far subscribers are behind. One
// alert per episode, however many subscribers fall behind together; the next only after all
// caught up, and not within the quiet period.
class TestLagRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void parses();
    void rejects_data();
    void rejects();
    void oneAlertPerEpisode();
    void quietPeriodHoldsBackAFlappingSubscriber();
};

void TestLagRules::parses()
{
    const AlertRuleSet set = rulesOf(
        R"({"name": "behind", "severity": "warning", "condition": "lag_seconds__gt=10"},
           {"name": "far", "severity": "critical",
            "condition": "lag_events__gt=1000&lag_seconds__gt=2.5", "quiet_seconds": 60},
           {"name": "spoof", "severity": "critical", "condition": "liveness=0"})");
    QCOMPARE(set.rules().size(), 3);
    const AlertRule &behind = set.rules().at(0);
    QVERIFY(behind.isLag());
    QVERIFY(!behind.lagEvents);
    QCOMPARE(*behind.lagSeconds, 10.0);
    QVERIFY(behind.behind(0, 10001));
    QVERIFY(!behind.behind(1000000, 10000));
    const AlertRule &far = set.rules().at(1);
    QCOMPARE(*far.lagEvents, 1000u);
    // & means both, as in every query.
    QVERIFY(far.behind(1001, 2501));
    QVERIFY(!far.behind(1001, 2000));
    QVERIFY(!far.behind(999, 9000));
    QVERIFY(!set.rules().at(2).isLag());
    QVERIFY(!set.rules().at(2).behind(1 << 30, 1 << 30));
    // The file keeps the condition as written.
    QString error;
    const auto again = AlertRuleSet::fromJson(set.toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toJson(), set.toJson());
    QVERIFY(again->rules().at(1).isLag());
}

void TestLagRules::rejects_data()
{
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<QString>("error");
    const QString prefix = u"rule 1 ('r'): 'condition': "_s;
    QTest::newRow("mixed") << "lag_events__gt=5&liveness=0"_ba
                           << prefix
            + u"lag terms (lag_events__gt, lag_seconds__gt) cannot be mixed with event "
              u"conditions; make two rules"_s;
    QTest::newRow("unknown") << "lag_events__gte=5"_ba
                             << prefix
            + u"unknown lag term 'lag_events__gte' (known: lag_events__gt, lag_seconds__gt)"_s;
    QTest::newRow("not a number") << "lag_events__gt=many"_ba
                                  << prefix
            + u"lag_events__gt takes one whole number of events, e.g. lag_events__gt=1000"_s;
    QTest::newRow("twice") << "lag_events__gt=1&lag_events__gt=2"_ba
                           << prefix
            + u"lag_events__gt takes one whole number of events, e.g. lag_events__gt=1000"_s;
    QTest::newRow("negative seconds") << "lag_seconds__gt=-1"_ba
                                      << prefix
            + u"lag_seconds__gt takes one number of seconds from 0 to 86400, e.g. "
              u"lag_seconds__gt=10"_s;
}

void TestLagRules::rejects()
{
    QFETCH(QByteArray, condition);
    QFETCH(QString, error);
    QString actual;
    const QByteArray json =
        R"({"rules": [{"name": "r", "severity": "info", "condition": ")" + condition + R"("}]})";
    QVERIFY(!AlertRuleSet::fromJson(json, &actual));
    QCOMPARE(actual, error);
}

void TestLagRules::oneAlertPerEpisode()
{
    qint64 now = 0;
    AlertEvaluator evaluator([&now] { return now; });
    evaluator.setRules(rulesOf(
        R"({"name": "behind", "severity": "warning", "condition": "lag_events__gt=100",
            "accounts": ["8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"]})"));
    QVERIFY(evaluator.hasLagRules());
    QVERIFY(evaluator.evaluateLag({lag(1, 50, 100), lag(2, 100, 900)}).isEmpty());
    // Another account's subscriber does not count.
    QVERIFY(evaluator.evaluateLag({lag(3, 5000, 9000, kOther)}).isEmpty());
    // A burst: three fall behind at once, one alert names the furthest.
    QList<LagHit> hits =
        evaluator.evaluateLag({lag(1, 500, 2000), lag(2, 9000, 8000), lag(4, 7000, 8000)});
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().behind, 3);
    QCOMPARE(hits.first().worst.connectionId, 2u);
    const Alert alert = Alert::fromLag(*hits.first().rule, hits.first().worst, 3);
    QCOMPARE(alert.rule, u"behind"_s);
    QCOMPARE(alert.source, u"127.0.0.1:40002"_s);
    QCOMPARE(alert.account, kAccount);
    QCOMPARE(alert.attributes.value(u"lag_events").toInteger(), 9000);
    QCOMPARE(alert.attributes.value(u"lag_seconds").toDouble(), 8.0);
    QCOMPARE(alert.attributes.value(u"subscribers_behind").toInt(), 3);
    QVERIFY(alert.event.isEmpty());
    // Still behind, others join or leave: the same episode, no storm.
    for (int i = 0; i < 50; ++i)
        QVERIFY(evaluator.evaluateLag({lag(1, 500 + i, 2000), lag(5, 300, 100)}).isEmpty());
    QCOMPARE(evaluator.lagEpisodes(), 1);
    // All caught up: the episode ends, and the next one fires.
    QVERIFY(evaluator.evaluateLag({lag(1, 0, 0)}).isEmpty());
    QCOMPARE(evaluator.lagEpisodes(), 0);
    QCOMPARE(evaluator.evaluateLag({lag(1, 101, 10)}).size(), 1);
    // Rules reloaded with the same name keep the episode; a removed rule forgets it.
    evaluator.setRules(rulesOf(
        R"({"name": "behind", "severity": "critical", "condition": "lag_events__gt=100"})"));
    QVERIFY(evaluator.evaluateLag({lag(1, 101, 10)}).isEmpty());
    evaluator.setRules(
        rulesOf(R"({"name": "spoof", "severity": "info", "condition": "liveness=0"})"));
    QVERIFY(!evaluator.hasLagRules());
    QCOMPARE(evaluator.lagEpisodes(), 0);
}

void TestLagRules::quietPeriodHoldsBackAFlappingSubscriber()
{
    qint64 now = 0;
    AlertEvaluator evaluator([&now] { return now; });
    evaluator.setRules(rulesOf(R"({"name": "behind", "severity": "warning",
        "condition": "lag_seconds__gt=1", "quiet_seconds": 60})"));
    QCOMPARE(evaluator.evaluateLag({lag(1, 10, 1500)}).size(), 1);
    // It catches up and falls behind again and again within the minute: quiet.
    for (int i = 0; i < 10; ++i) {
        now += 5000;
        QVERIFY(evaluator.evaluateLag({lag(1, 0, 0)}).isEmpty());
        QVERIFY(evaluator.evaluateLag({lag(1, 10, 1500)}).isEmpty());
    }
    QCOMPARE(evaluator.quieted(), 10u);
    now += 60000;
    QVERIFY(evaluator.evaluateLag({lag(1, 0, 0)}).isEmpty());
    QCOMPARE(evaluator.evaluateLag({lag(1, 10, 1500)}).size(), 1);
}

QTEST_GUILESS_MAIN(TestLagRules)
#include "tst_lagrules.moc"
