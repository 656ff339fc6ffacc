#include "alerts/AlertRules.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using sender::alerts::AlertRuleSet;
using sender::alerts::Severity;

// The rules file: what loads, every way it can be refused (with the subscriber's own words for a
// bad condition), and atomic saving.
class TestAlertRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void parsesTheIssueExample();
    void defaultsAndNormalisation();
    void rejects_data();
    void rejects();
    void roundTrips();
    void loadRefusesMissingAndHugeFiles();
    void saveIsAtomic();
    void packagedFileLoads();
};

void TestAlertRules::parsesTheIssueExample()
{
    QString error;
    const auto set = AlertRuleSet::fromJson(
        R"({"rules": [{"name": "wanted", "severity": "critical", "condition":
            "matching_candidates_labels=wanted&object_similarity__gte=0.9", "accounts": [],
            "quiet_seconds": 30}]})",
        &error);
    QVERIFY2(set, qPrintable(error));
    QCOMPARE(set->rules().size(), 1);
    const auto &rule = set->rules().first();
    QCOMPARE(rule.name, u"wanted"_s);
    QCOMPARE(rule.severity, Severity::Critical);
    QCOMPARE(rule.quietSeconds, 30);
    QVERIFY(rule.accounts.isEmpty());
    QVERIFY(rule.appliesTo(QUuid::createUuid()));
    QCOMPARE(rule.filter.conditions().size(), 2);
}

void TestAlertRules::defaultsAndNormalisation()
{
    QString error;
    const QUuid a = QUuid::fromString(u"8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"_s);
    const auto set = AlertRuleSet::fromJson(
        R"({"rules": [{"name": "spoof", "severity": "warning", "condition": "liveness=0",
            "accounts": ["8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a",
                         "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"]},
                      {"name": "all", "severity": "info", "condition": ""}]})",
        &error);
    QVERIFY2(set, qPrintable(error));
    QCOMPARE(set->rules().at(0).accounts, QList<QUuid>({a}));
    QVERIFY(set->rules().at(0).appliesTo(a));
    QVERIFY(!set->rules().at(0).appliesTo(QUuid::createUuid()));
    QCOMPARE(set->rules().at(0).quietSeconds, 0);
    QVERIFY(set->rules().at(1).filter.isEmpty());
    QVERIFY(AlertRuleSet::fromJson(R"({"rules": []})", &error)->isEmpty());
}

void TestAlertRules::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    auto rule = [](const char *members) -> QByteArray {
        return R"({"rules": [{"name": "r", "severity": "info", "condition": "liveness=0")"_ba
            + members + "}]}";
    };
    QTest::newRow("not JSON") << "{"_ba << u"not valid JSON at offset 1: unterminated object"_s;
    QTest::newRow("not an object") << "[]"_ba << u"expected an object {\"rules\": [...]}"_s;
    QTest::newRow("no rules") << "{}"_ba << u"expected an object {\"rules\": [...]}"_s;
    QTest::newRow("rules not a list")
        << R"({"rules": {}})"_ba << u"expected an object {\"rules\": [...]}"_s;
    QTest::newRow("unknown top-level key")
        << R"({"rules": [], "rule": []})"_ba << u"unknown key 'rule' (expected only 'rules')"_s;
    QTest::newRow("rule not an object") << R"({"rules": [5]})"_ba << u"rule 1: must be an object"_s;
    QTest::newRow("unknown rule key")
        << rule(R"(, "quiet_second": 5)")
        << u"rule 1 ('r'): unknown key 'quiet_second' (expected name, severity, condition, "
           u"accounts, quiet_seconds)"_s;
    QTest::newRow("no name") << R"({"rules": [{"severity": "info", "condition": ""}]})"_ba
                             << u"rule 1: 'name' must be a non-empty string"_s;
    QTest::newRow("blank name") << R"({"rules": [{"name": " ", "condition": ""}]})"_ba
                                << u"rule 1: 'name' must be a non-empty string"_s;
    QTest::newRow("long name") << R"({"rules": [{"name": ")" + QByteArray(101, 'x') + R"("}]})"
                               << u"rule 1 ('%1'): 'name' is longer than 100 characters"_s.arg(
                                      QString(101, u'x'));
    QTest::newRow("bad severity")
        << R"({"rules": [{"name": "r", "severity": "fatal", "condition": ""}]})"_ba
        << u"rule 1 ('r'): 'severity' must be one of info, warning, critical"_s;
    QTest::newRow("no severity") << R"({"rules": [{"name": "r", "condition": ""}]})"_ba
                                 << u"rule 1 ('r'): 'severity' must be one of info, warning, "
                                    u"critical"_s;
    QTest::newRow("no condition")
        << R"({"rules": [{"name": "r", "severity": "info"}]})"_ba
        << u"rule 1 ('r'): 'condition' must be a string in the subscription query syntax, e.g. "
           u"'liveness=0'"_s;
    // The subscriber's own words (tests/unit/filters/tst_filterquery.cpp).
    QTest::newRow("condition: unknown parameter")
        << R"({"rules": [{"name": "r", "severity": "info", "condition": "age_gte=5"}]})"_ba
        << u"rule 1 ('r'): 'condition': unknown parameter 'age_gte' (did you mean "
           u"'age__gte'?)"_s;
    QTest::newRow("condition: repeated scalar")
        << R"({"rules": [{"name": "r", "severity": "info", "condition": "age__gte=1&age__gte=2"}]})"_ba
        << u"rule 1 ('r'): 'condition': 'age__gte' is given more than once; it takes a single "
           u"value"_s;
    QTest::newRow("accounts not a list")
        << rule(R"(, "accounts": "all")")
        << u"rule 1 ('r'): 'accounts' must be a list of account UUIDs (empty: every account)"_s;
    QTest::newRow("account not a UUID")
        << rule(R"(, "accounts": ["8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a", "x"])")
        << u"rule 1 ('r'): 'accounts' item 2 is not an account UUID"_s;
    QTest::newRow("account a number")
        << rule(R"(, "accounts": [1])")
        << u"rule 1 ('r'): 'accounts' item 1 is not an account UUID"_s;
    const QString quiet = u"rule 1 ('r'): 'quiet_seconds' must be a whole number from 0 to 86400"_s;
    QTest::newRow("quiet negative") << rule(R"(, "quiet_seconds": -1)") << quiet;
    QTest::newRow("quiet fraction") << rule(R"(, "quiet_seconds": 1.5)") << quiet;
    QTest::newRow("quiet too long") << rule(R"(, "quiet_seconds": 86401)") << quiet;
    QTest::newRow("quiet a string") << rule(R"(, "quiet_seconds": "30")") << quiet;
    QTest::newRow("duplicate name")
        << R"({"rules": [{"name": "r", "severity": "info", "condition": ""},
                         {"name": "r", "severity": "info", "condition": ""}]})"_ba
        << u"rule 2 ('r'): the name is used by an earlier rule; names must be unique"_s;
    QByteArray many = R"({"rules": [)";
    for (int i = 0; i <= AlertRuleSet::kMaxRules; ++i)
        many += (i ? ",{" : "{") + R"("name": "r)"_ba + QByteArray::number(i)
            + R"(", "severity": "info", "condition": ""})";
    QTest::newRow("too many rules") << many + "]}" << u"1001 rules; at most 1000 are allowed"_s;
}

void TestAlertRules::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!AlertRuleSet::fromJson(json, &actual));
    QCOMPARE(actual, error);
}

void TestAlertRules::roundTrips()
{
    QString error;
    const auto set = AlertRuleSet::fromJson(
        R"({"rules": [{"name": "mask", "severity": "warning", "condition": "masks=1&sources=clean-zone-1",
            "accounts": ["8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"], "quiet_seconds": 10}]})",
        &error);
    QVERIFY2(set, qPrintable(error));
    const auto again = AlertRuleSet::fromJson(set->toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toJson(), set->toJson());
    QCOMPARE(again->rules().first().condition, u"masks=1&sources=clean-zone-1"_s);
}

void TestAlertRules::loadRefusesMissingAndHugeFiles()
{
    QTemporaryDir dir;
    QString error;
    const QString missing = dir.filePath(u"missing.json"_s);
    QVERIFY(!AlertRuleSet::load(missing, &error));
    QCOMPARE(error, u"cannot read %1: No such file or directory"_s.arg(missing));

    const QString huge = dir.filePath(u"huge.json"_s);
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(AlertRuleSet::kMaxFileBytes + 1, ' '));
    file.close();
    QVERIFY(!AlertRuleSet::load(huge, &error));
    QCOMPARE(error, u"%1 is larger than 4194304 bytes"_s.arg(huge));

    const QString bad = dir.filePath(u"bad.json"_s);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.close();
    QFile b(bad);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write(R"({"rules": [{"name": "r", "severity": "loud", "condition": ""}]})");
    b.close();
    QVERIFY(!AlertRuleSet::load(bad, &error));
    QCOMPARE(error, bad + u": rule 1 ('r'): 'severity' must be one of info, warning, critical"_s);
}

void TestAlertRules::saveIsAtomic()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"alerts.json"_s);
    QString error;
    const auto first = AlertRuleSet::fromJson(
        R"({"rules": [{"name": "a", "severity": "info", "condition": ""}]})", &error);
    QVERIFY(first->save(path, &error));
    QCOMPARE(AlertRuleSet::load(path, &error)->rules().first().name, u"a"_s);

    // A write that does not get to commit (as when the process dies mid-write) leaves the old
    // file whole: QSaveFile writes a temporary file beside it and renames it only on commit.
    {
        QSaveFile interrupted(path);
        QVERIFY(interrupted.open(QIODevice::WriteOnly));
        interrupted.write(R"({"rules": [{"name": "half)");
        // destroyed without commit()
    }
    const auto still = AlertRuleSet::load(path, &error);
    QVERIFY2(still, qPrintable(error));
    QCOMPARE(still->rules().first().name, u"a"_s);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({u"alerts.json"_s}));

    // A directory that cannot take the file: an error, and nothing half-written.
    QVERIFY(!first->save(dir.filePath(u"no/such/dir/alerts.json"_s), &error));
    QVERIFY(error.startsWith(u"cannot write "_s));
}

void TestAlertRules::packagedFileLoads()
{
    // The package's /etc/luna-sender/alerts.json must be a valid, empty rules file.
    QString error;
    const auto set = AlertRuleSet::load(
        qEnvironmentVariable("LUNA_SENDER_SOURCE_DIR") + u"/installer/alerts.json"_s, &error);
    QVERIFY2(set, qPrintable(error));
    QVERIFY(set->isEmpty());
}

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alertrules.moc"
