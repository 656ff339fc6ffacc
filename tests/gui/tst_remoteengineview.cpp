// RemoteEngineView and the attached MainWindow against the real monitoring port of a real engine
// in this process: EngineHost with its MonitorService (MONITOR.PORT 0, a token), as the console
// runs its own engine, with real subscribers, real HTTP and a real WebSocket stream. The same
// MainWindow and panes as with a local engine, fed by RemoteEngineView. The scenarios of
// AttachScenarios.h (tst_attachedconsole runs them against a real headless process too):
// subscribers that connect over the public port appear and vanish, events flow into the stream
// and the playground, the disconnect action really closes a subscriber, the configuration shows
// read-only, a wrong or missing token is refused plainly. Here alone: the history in the status
// bar, and when the monitoring port closes and opens again the console notices, greys its panes
// and reconnects by itself; the event stream starts with the service's recent history, and after
// a lost link shows what happened meanwhile, each event once.

#include "AttachScenarios.h"
#include "AttachSupport.h"
#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/MainWindow.h"
#include "gui/dialogs/RemoteConfigDialog.h"
#include "gui/link/RemoteEngineView.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/FilterSetsModel.h"
#include "gui/panes/ConnectionsPane.h"
#include "gui/panes/EngineStatusBar.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"
#include "gui/panes/FilterSetsPane.h"

#include <QApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace sender;
using namespace sender::testing;

namespace {

// A real engine with demo events behind its real monitoring port.
struct Service : MonitoredEngine
{
    Service()
        : MonitoredEngine(engineSettings(true, 40))
    { }
    QByteArray problem() const { return error.toUtf8(); }
    std::unique_ptr<QWebSocket> subscribe(const QString &query = {})
    {
        return openClient(port, query, kDemoAccount);
    }
};

const QString kToken = QString::fromLatin1(kMonitorToken);
using Console = AttachedConsole;

} // namespace

class TestRemoteEngineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }
    // The scenarios shared with tst_attachedconsole (AttachScenarios.h).
    void subscribersAppearAndVanish() { attach::subscribersAppearAndVanish<Service>(); }
    void eventsFlowIntoTheStreamAndThePlayground()
    {
        attach::eventsFlowIntoTheStreamAndThePlayground<Service>();
    }
    void disconnectClosesTheRemoteSubscriber()
    {
        attach::disconnectClosesTheRemoteSubscriber<Service>();
    }
    void settingsShowTheRemoteConfigurationReadOnly()
    {
        attach::settingsShowTheRemoteConfigurationReadOnly<Service>();
    }
    void wrongOrMissingTokenIsRefused()
    {
        // The service runs in this process: its one throttled line about the refused tokens (at
        // most one a minute per address) is what it must say.
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("wrong or missing monitoring tokens")));
        Service service;
        attach::wrongOrMissingTokenIsRefused(service);
    }
    void historyShowsInTheStatusBar();
    void reconnectsWhenTheServiceComesBack();
    void historyFillsWhatTheLinkMissed();
};

void TestRemoteEngineView::historyShowsInTheStatusBar()
{
    // The overview carries the history's figures; the attached status bar shows them as a local
    // one does (tst_enginestatusbar).
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QTRY_VERIFY_WITH_TIMEOUT(console.window.lastSnapshot().history.events > 0,
                             timeouts::kRoundTrip);
    const HistorySnapshot history = console.window.lastSnapshot().history;
    QVERIFY(history.enabled);
    QVERIFY(history.bytes > 0);
    QCOMPARE(history.accounts, 1); // the demo account
    QTRY_VERIFY_WITH_TIMEOUT(console.window.engineStatus()->historyText().startsWith(u"History "),
                             timeouts::kRoundTrip);
    QVERIFY2(!console.window.engineStatus()->historyText().startsWith(u"History 0 ev"),
             qPrintable(console.window.engineStatus()->historyText()));
}

void TestRemoteEngineView::reconnectsWhenTheServiceComesBack()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    const quint16 monitorPort = service.monitorPort;
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    auto client = service.subscribe(QStringLiteral("age__gte=40"));
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1,
                              timeouts::kRoundTrip);
    QVERIFY(!console.window.panesGreyed());

    QSignalSpy links(console.view, &EngineFeed::linkStateChanged);
    service.monitor.stop(); // the port closes, the stream drops; the engine runs on
    QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineFeed::LinkState::Down,
                              timeouts::kRoundTrip);
    // Plainly lost; the last state stays, greyed.
    QVERIFY(console.window.panesGreyed());
    QVERIFY(!console.window.connections()->isEnabled());
    QCOMPARE(console.window.connections()->model()->rowCount(), 1);
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("lost")));
    QVERIFY(console.window.windowTitle().contains(QStringLiteral("link lost")));
    // It keeps trying by itself: more than one attempt while the port is closed.
    QTRY_VERIFY_WITH_TIMEOUT(links.count() >= 3,
                             timeouts::kRoundTrip); // Down, Connecting, Down again at least
    QVERIFY(console.view->linkState() != EngineFeed::LinkState::Up);
    const qsizetype changesWhileDown = links.count();

    // The service comes back on the same port: the console finds it by itself.
    client->close();
    QVERIFY2(service.startMonitor(monitorPort), qPrintable(service.error));
    QCOMPARE(service.monitorPort, monitorPort);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QVERIFY(links.count() > changesWhileDown); // found by a retry of its own, nobody poked it
    QVERIFY(!console.window.panesGreyed());
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("Attached to")));
    // The panes follow the service again, not their memory.
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 0,
                              timeouts::kRoundTrip);
    auto again = service.subscribe();
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1,
                              timeouts::kRoundTrip);
}

// The stream starts with what the service's history held before the console attached; after a
// lost link, what happened meanwhile goes between the rows of before and the live ones again.
// Each event once, in order of arrival.
void TestRemoteEngineView::historyFillsWhatTheLinkMissed()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    const quint16 monitorPort = service.monitorPort;
    quint64 held = 0;
    connect(&service.host, &EngineHost::snapshotReady, this,
            [&](const EngineSnapshot &s) { held = s.history.events; });
    QTRY_VERIFY_WITH_TIMEOUT(held >= 20, timeouts::kRoundTrip);

    Console console(service.url(), kToken);
    QSignalSpy answered(console.view, &EngineFeed::recentEventsReady);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, timeouts::kRoundTrip);
    QVERIFY(answered.first().at(1).toBool());
    EventStreamModel *stream = console.window.eventStream()->model();
    QVERIFY2(stream->historyCount() >= 20, qPrintable(QString::number(stream->historyCount())));
    QTRY_VERIFY_WITH_TIMEOUT(stream->rowCount() >= stream->historyCount() + 5,
                             timeouts::kRoundTrip);
    QVERIFY(console.window.eventStream()->statusText().contains(u"from the history"));

    service.monitor.stop(); // the link drops; the engine and its history go on
    QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineFeed::LinkState::Down,
                              timeouts::kRoundTrip);
    const quint64 heldAtTheLoss = held;
    QTRY_VERIFY_WITH_TIMEOUT(held >= heldAtTheLoss + 20, timeouts::kRoundTrip);
    QVERIFY2(service.startMonitor(monitorPort), qPrintable(service.error));
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, timeouts::kRoundTrip);
    // The gap (20 events at least) between the rows of before and the live ones of after; a
    // history that answers before a live batch may also give the last few events of either.
    QTRY_VERIFY_WITH_TIMEOUT(QRegularExpression(QStringLiteral("^h+l+.*h{20,}.*l$"))
                                 .match(QString::fromLatin1(streamOrigins(stream)))
                                 .hasMatch(),
                             timeouts::kRoundTrip);
    console.window.eventStream()->setPaused(true);
    const QString problem = streamOnceInOrder(stream);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_MAIN(TestRemoteEngineView)
#include "tst_remoteengineview.moc"
