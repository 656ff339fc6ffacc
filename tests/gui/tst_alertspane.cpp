// The Alerts pane offscreen against a real EngineHost: an alert raised by a real event appears on
// top in its colour with its match and attributes, its JSON shows on selection, and acknowledging
// through the engine updates the row. With LUNA_SENDER_SCREENSHOTS set, saves alerts-pane.png.

#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "engine/EngineHost.h"
#include "gui/models/JsonTreeModel.h"
#include "gui/panes/AlertsDock.h"
#include "gui/panes/AlertsPane.h"
#include "gui/storage/ConsolePreferences.h"

#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sender;
using namespace sender::testing;

namespace {
const QByteArray kWanted =
    R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[{"event_id":"e1",)"
    R"("source":"cam-3","face_attributes":{"basic_attributes":{"age":41,"gender":1}},)"
    R"("matches":[{"label":"wanted","candidates":[{"similarity":0.93}]}]}]})";
const QByteArray kOrdinary =
    R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[{"event_id":"e2",)"
    R"("source":"cam-1","face_attributes":{"basic_attributes":{"age":30,"gender":0}}}]})";
} // namespace

class TestAlertsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Allowed: the offscreen platform cannot propagate size hints (a note, not a defect).
    void init()
    {
        QTest::failOnWarning(
            QRegularExpression(u"^(?!This plugin does not support propagateSizeHints).*"_s));
    }
    void showsAndAcknowledgesAnAlert();
    void criticalAlertBringsTheDockToTheFront();
};

void TestAlertsPane::showsAndAcknowledgesAnAlert()
{
    isolateSettings();
    QTemporaryDir dir;
    QFile rules(dir.filePath(u"alerts.json"_s));
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(R"({"rules": [
        {"name": "wanted", "severity": "critical",
         "condition": "matching_candidates_labels=wanted&object_similarity__gte=0.9"},
        {"name": "adults", "severity": "info", "condition": "age__gte=18"}]})");
    rules.close();
    Settings settings = engineSettings();
    settings.set(u"ALERTS.RULES_FILE"_s, rules.fileName(), Settings::Origin::CommandLine);

    EngineHost host;
    AlertsPane pane;
    pane.resize(1000, 600);
    connect(&host, &EngineHost::alertRaised, &pane, &AlertsPane::addAlert);
    connect(&host, &EngineHost::alertAcknowledged, &pane, &AlertsPane::updateAlert);
    connect(&pane, &AlertsPane::acknowledgeRequested, &host, &EngineHost::acknowledgeAlert);
    QSignalSpy critical(&pane, &AlertsPane::criticalAlertRaised);
    QVERIFY(startHost(host, settings) != 0);
    pane.show();

    host.publish(kDemoAccount, kOrdinary);
    host.publish(kDemoAccount, kWanted);
    QTRY_COMPARE_WITH_TIMEOUT(pane.table()->rowCount(), 3, timeouts::kSignal);

    QCOMPARE(critical.size(), 1);
    // Newest on top: the wanted event raised "wanted" then "adults".
    QTableWidget *t = pane.table();
    QCOMPARE(t->item(0, AlertsPane::Rule)->text(), u"adults"_s);
    QCOMPARE(t->item(1, AlertsPane::Rule)->text(), u"wanted"_s);
    QCOMPARE(t->item(1, AlertsPane::Severity)->text(), u"critical"_s);
    QCOMPARE(t->item(1, AlertsPane::Source)->text(), u"cam-3"_s);
    QCOMPARE(t->item(1, AlertsPane::Match)->text(), u"wanted 0.930"_s);
    QVERIFY(t->item(1, AlertsPane::Attributes)->text().contains(u"age=41"_s));
    QCOMPARE(t->item(1, AlertsPane::State)->text(), u"new"_s);
    QVERIFY(t->item(1, 0)->background().color() != t->item(0, 0)->background().color());

    t->selectRow(1);
    QVERIFY(pane.jsonModel()->rowCount() > 0); // the event's JSON, one click away
    QVERIFY(!pane.acknowledgeButton()->isEnabled()); // no name yet
    pane.nameEdit()->setText(u"ivanov"_s);
    pane.commentEdit()->setText(u"guard sent"_s);
    QVERIFY(pane.acknowledgeButton()->isEnabled());

    if (const QString folder = qEnvironmentVariable("LUNA_SENDER_SCREENSHOTS"); !folder.isEmpty())
        QVERIFY(pane.grab().save(QDir(folder).filePath(u"alerts-pane.png"_s)));

    pane.acknowledgeButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(t->item(1, AlertsPane::State)->text(),
                              u"acknowledged by ivanov: guard sent"_s, timeouts::kSignal);
    QVERIFY(!pane.acknowledgeButton()->isEnabled());
    host.stop();
    QSignalSpy stopped(&host, &EngineHost::stopped);
    QVERIFY(stopped.wait(timeouts::kSignal) || !host.isRunning());
}

void TestAlertsPane::criticalAlertBringsTheDockToTheFront()
{
    isolateSettings();
    QTemporaryDir dir;
    QFile rules(dir.filePath(u"alerts.json"_s));
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(R"({"rules": [{"name": "wanted", "severity": "critical",
                               "condition": "matching_candidates_labels=wanted"}]})");
    rules.close();
    Settings settings = engineSettings();
    settings.set(u"ALERTS.RULES_FILE"_s, rules.fileName(), Settings::Origin::CommandLine);

    settings.set(u"ALERTS.LOG_FILE"_s, dir.filePath(u"alerts.log"_s),
                 Settings::Origin::CommandLine);
    QMainWindow window;
    EngineHost view;
    QDockWidget *dock = installAlertsDock(&window, &view, nullptr);
    auto *pane = qobject_cast<AlertsPane *>(dock->widget());
    QVERIFY(pane);
    // The sound is on unless the operator turned it off, and that choice is kept.
    QVERIFY(pane->soundBox()->isChecked());
    pane->soundBox()->setChecked(false);
    QCOMPARE(consoleSettingsStore()->value(u"alerts/sound"_s).toBool(), false);
    window.show();
    dock->hide(); // closed by the operator
    QSignalSpy started(&view, &EngineFeed::started);
    view.start(settings);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), timeouts::kRoundTrip);
    view.publish(kDemoAccount, kWanted);
    QTRY_COMPARE_WITH_TIMEOUT(pane->table()->rowCount(), 1, timeouts::kSignal);
    QVERIFY(dock->isVisible());

    // The log outlives the engine: a restarted engine's alerts fill the pane again.
    pane->setAlerts({});
    view.start(settings);
    QTRY_COMPARE_WITH_TIMEOUT(pane->table()->rowCount(), 1, timeouts::kSignal);
    QCOMPARE(pane->table()->item(0, AlertsPane::Rule)->text(), u"wanted"_s);

    // A second dock in a fresh window reads the kept choice.
    QMainWindow other;
    auto *again = qobject_cast<AlertsPane *>(installAlertsDock(&other, &view, nullptr)->widget());
    QVERIFY(!again->soundBox()->isChecked());
}

QTEST_MAIN(TestAlertsPane)
#include "tst_alertspane.moc"
