// The alert rules editor offscreen against a real engine (EngineHost, a real rules file):
// it reads the engine's rules, previews which recent real events each rule would have hit,
// shows the engine's own error for a bad condition and refuses to save it, and a save goes
// through the engine into the rules file. With LUNA_SENDER_SCREENSHOTS set, saves
// alert-rules.png.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "engine/EngineHost.h"
#include "gui/dialogs/AlertRulesDialog.h"

#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sender;
using namespace sender::testing;

namespace {

QByteArray faceEvent(const char *id, const char *source, int age, const char *label = nullptr,
                     double similarity = 0)
{
    QByteArray event = R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[{)"
                       R"("event_id":")"
        + QByteArray(id) + R"(","source":")" + source
        + R"(","face_attributes":{"basic_attributes":{"age":)" + QByteArray::number(age)
        + R"(,"gender":1}})";
    if (label)
        event += R"(,"matches":[{"label":")" + QByteArray(label)
            + R"(","candidates":[{"similarity":)" + QByteArray::number(similarity) + "}]}]";
    return event + "}]}";
}

} // namespace

class TestAlertRulesDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }
    void previewsValidatesAndSaves();
};

void TestAlertRulesDialog::previewsValidatesAndSaves()
{
    QTemporaryDir dir;
    const QString rulesPath = dir.filePath(u"alerts.json"_s);
    QFile rules(rulesPath);
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(R"({"rules": [{"name": "wanted", "severity": "critical",
        "condition": "matching_candidates_labels=wanted&object_similarity__gte=0.9",
        "quiet_seconds": 30}]})");
    rules.close();
    Settings settings = engineSettings();
    settings.set(u"ALERTS.RULES_FILE"_s, rulesPath, Settings::Origin::CommandLine);
    settings.set(u"ALERTS.LOG_FILE"_s, dir.filePath(u"alerts.log"_s),
                 Settings::Origin::CommandLine);

    EngineHost view;
    QSignalSpy started(&view, &EngineFeed::started);
    view.start(settings);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), timeouts::kRoundTrip);
    view.setSampling(true);

    AlertRulesDialog dialog(&view, nullptr);
    dialog.show();
    // The engine's rules, read through the view.
    QTRY_COMPARE_WITH_TIMEOUT(dialog.rulesTable()->rowCount(), 1, timeouts::kSignal);
    QCOMPARE(dialog.rulesTable()->item(0, AlertRulesDialog::Name)->text(), u"wanted"_s);
    QCOMPARE(dialog.quietBox()->value(), 30);
    QVERIFY(dialog.isValid());

    // Real events through the engine: one the rule hits, two it does not.
    view.publish(kDemoAccount, faceEvent("e1", "cam-3", 41, "wanted", 0.93));
    view.publish(kDemoAccount, faceEvent("e2", "cam-1", 30));
    view.publish(kDemoAccount, faceEvent("e3", "cam-2", 65, "wanted", 0.5));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.recentCount(), 3, timeouts::kSignal);
    QCOMPARE(dialog.hitsOf(0), 1);
    QCOMPARE(dialog.rulesTable()->item(0, AlertRulesDialog::Hits)->text(), u"1"_s);
    QCOMPARE(dialog.hitsTable()->rowCount(), 1);
    QCOMPARE(dialog.hitsTable()->item(0, 2)->text(), u"cam-3"_s);

    // A condition a subscriber could not use: the subscriber's own error, no preview, no save.
    dialog.conditionEdit()->setFocus();
    dialog.conditionEdit()->selectAll();
    QTest::keyClicks(dialog.conditionEdit(), u"age__gte=old"_s);
    QVERIFY(!dialog.isValid());
    QCOMPARE(dialog.hitsOf(0), -1);
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY(dialog.errorLabel()->text().contains(u"age__gte"_s));
    QCOMPARE(dialog.hitsTable()->rowCount(), 0);

    // Fixed as it is typed: the preview follows.
    dialog.conditionEdit()->selectAll();
    QTest::keyClicks(dialog.conditionEdit(), u"age__gte=40"_s);
    QVERIFY(dialog.isValid());
    QCOMPARE(dialog.hitsOf(0), 2);
    QCOMPARE(dialog.hitsTable()->rowCount(), 2);
    QCOMPARE(dialog.hitsTable()->item(0, 2)->text(), u"cam-2"_s); // newest first

    // A second rule; two rules of one name are refused like the engine refuses them.
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QCOMPARE(dialog.rulesTable()->rowCount(), 2);
    dialog.nameEdit()->selectAll();
    QTest::keyClicks(dialog.nameEdit(), u"wanted"_s);
    QVERIFY(!dialog.isValid());
    dialog.nameEdit()->selectAll();
    QTest::keyClicks(dialog.nameEdit(), u"young"_s);
    dialog.conditionEdit()->selectAll();
    QTest::keyClicks(dialog.conditionEdit(), u"age__lt=35"_s);
    dialog.severityBox()->setCurrentIndex(0); // info
    QVERIFY(dialog.isValid());
    QCOMPARE(dialog.hitsOf(1), 1);

    if (!qEnvironmentVariableIsEmpty("LUNA_SENDER_SCREENSHOTS")) {
        const QString out = qEnvironmentVariable("LUNA_SENDER_SCREENSHOTS");
        QDir().mkpath(out);
        QVERIFY(dialog.grab().save(QDir(out).filePath(u"alert-rules.png"_s)));
    }

    // Saved through the engine, which validates and writes the file atomically.
    QSignalSpy saved(&view, &EngineFeed::alertRulesReady);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty(), timeouts::kSignal);
    QCOMPARE(saved.first().at(1).toString(), QString());
    QVERIFY(rules.open(QIODevice::ReadOnly));
    const QJsonArray written =
        QJsonDocument::fromJson(rules.readAll()).object()[u"rules"].toArray();
    rules.close();
    QCOMPARE(written.size(), 2);
    QCOMPARE(written[0].toObject()[u"condition"].toString(), u"age__gte=40"_s);
    QCOMPARE(written[1].toObject()[u"name"].toString(), u"young"_s);
    QCOMPARE(written[1].toObject()[u"severity"].toString(), u"info"_s);
    QCOMPARE(dialog.rulesTable()->rowCount(), 2);

    // The engine now raises alerts by the new rules.
    QSignalSpy raised(&view, &EngineFeed::alertRaised);
    view.publish(kDemoAccount, faceEvent("e4", "cam-9", 20));
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, timeouts::kSignal);
    QCOMPARE(raised.first().first().value<AlertSnapshot>().rule, u"young"_s);

    // Removing a rule and saving an empty set is allowed (no alerts at all).
    dialog.rulesTable()->selectRow(1);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.rulesTable()->rowCount(), 1);
}

QTEST_MAIN(TestAlertRulesDialog)
#include "tst_alertrulesdialog.moc"
