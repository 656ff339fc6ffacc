// The status bar's history field (issue 15): what the history for resuming clients holds, in
// figures the operator reads at a glance, with the limits explained on hover; hidden when the
// history is off. It reads only the EngineSnapshot, so a local engine and an attached one
// (tst_remoteengineview) show it alike; here a real local engine with demo events fills it.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/MainWindow.h"
#include "gui/panes/EngineStatusBar.h"

#include <QLabel>
#include <QStatusBar>

using namespace sender;
using namespace sender::testing;

namespace {

EngineSnapshot withHistory(const HistorySnapshot &history)
{
    EngineSnapshot s;
    s.history = history;
    return s;
}

} // namespace

class TestEngineStatusBar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init()
    {
        sender::test::failOnQtWarnings();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    void historyShowsWhatItHolds();
    void historyIsHiddenWhenOff();
    void localEngineShowsItsHistory();
};

void TestEngineStatusBar::historyShowsWhatItHolds()
{
    QStatusBar bar;
    EngineStatusBar status(&bar);
    bar.show();
    auto *field = bar.findChild<QLabel *>(QStringLiteral("statusHistory"));
    QVERIFY(field);
    QVERIFY(field->isHidden()); // nothing known yet

    status.showSnapshot(withHistory({true, 1234, 3355443, 7, 42}), {});
    QVERIFY(!field->isHidden());
    QCOMPARE(status.historyText(), QStringLiteral("History 1,234 ev · 3.2 MB"));
    const QString tooltip = field->toolTip();
    QVERIFY2(tooltip.contains(QStringLiteral("Events held: 1,234 (3.2 MB), accounts: 7")),
             qPrintable(tooltip));
    QVERIFY2(tooltip.contains(QStringLiteral("Evicted since the start: 42")), qPrintable(tooltip));
    QVERIFY2(tooltip.contains(QStringLiteral("HISTORY.MAX_EVENTS")), qPrintable(tooltip));

    // It follows the snapshots.
    status.showSnapshot(withHistory({true, 0, 0, 0, 1001}), {});
    QVERIFY2(status.historyText().startsWith(QStringLiteral("History 0 ev · 0")),
             qPrintable(status.historyText()));
    QVERIFY(field->toolTip().contains(QStringLiteral("Evicted since the start: 1,001")));
}

void TestEngineStatusBar::historyIsHiddenWhenOff()
{
    QStatusBar bar;
    EngineStatusBar status(&bar);
    bar.show();
    auto *field = bar.findChild<QLabel *>(QStringLiteral("statusHistory"));
    QVERIFY(field);
    status.showSnapshot(withHistory({true, 5, 500, 1, 0}), {});
    QVERIFY(field->isVisible());
    // Turned off (a restarted or another attached service): the field goes.
    status.showSnapshot(withHistory({}), {});
    QVERIFY(field->isHidden());
    status.showSnapshot(withHistory({false, 5, 500, 1, 0}), {});
    QVERIFY(field->isHidden());
}

void TestEngineStatusBar::localEngineShowsItsHistory()
{
    ConsolePreferences preferences;
    preferences.demoClients = false;
    MainWindow window(engineSettings(true, 40), preferences);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!window.listenAddress().isEmpty(), timeouts::kRoundTrip);
    // The demo account's events fill the history (on by default) without any subscriber.
    QTRY_VERIFY_WITH_TIMEOUT(window.lastSnapshot().history.events > 0, timeouts::kRoundTrip);
    QVERIFY(window.lastSnapshot().history.enabled);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.engineStatus()->historyText().startsWith(QStringLiteral("History ")),
        timeouts::kRoundTrip);
    QVERIFY2(!window.engineStatus()->historyText().startsWith(QStringLiteral("History 0 ev")),
             qPrintable(window.engineStatus()->historyText()));
    auto *field = window.statusBar()->findChild<QLabel *>(QStringLiteral("statusHistory"));
    QVERIFY(field);
    QVERIFY(field->isVisible());
}

QTEST_MAIN(TestEngineStatusBar)
#include "tst_enginestatusbar.moc"
