// RemoteEngineView and the attached MainWindow against the real monitoring port of a real engine
// in this process: EngineHost with its MonitorService (MONITOR.PORT 0, a token), as the console
// runs its own engine, with real subscribers, real HTTP and a real WebSocket stream
// (tst_attachedconsole runs the same against a real headless process). The same MainWindow and
// panes as with a local engine, fed by RemoteEngineView. Subscribers that connect over the
// public port appear and vanish, events flow into the stream and the playground, the disconnect
// action really closes a subscriber, the configuration shows read-only, a wrong or missing token
// is refused plainly, and when the monitoring port closes and opens again the console notices,
// greys its panes and reconnects by itself; the event stream starts with the service's recent
// history, and after a lost link shows what happened meanwhile, each event once.

#include "AttachSupport.h"
#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "gui/MainWindow.h"
#include "gui/dialogs/RemoteConfigDialog.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/FilterSetsModel.h"
#include "gui/panes/ConnectionsPane.h"
#include "gui/panes/EngineStatusBar.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"
#include "gui/panes/FilterSetsPane.h"
#include "gui/view/RemoteEngineView.h"

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
};

std::unique_ptr<QWebSocket> subscriber(quint16 port, const QString &query = {})
{
    return openClient(port, query, kDemoAccount);
}

const QString kToken = QString::fromLatin1(kMonitorToken);
using Console = AttachedConsole;

} // namespace

class TestRemoteEngineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }
    void subscribersAppearAndVanish();
    void historyShowsInTheStatusBar();
    void eventsFlowIntoTheStreamAndThePlayground();
    void disconnectClosesTheRemoteSubscriber();
    void settingsShowTheRemoteConfigurationReadOnly();
    void wrongOrMissingTokenIsRefused();
    void reconnectsWhenTheServiceComesBack();
    void historyFillsWhatTheLinkMissed();
};

void TestRemoteEngineView::subscribersAppearAndVanish()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QVERIFY(console.view->isRemote());
    QVERIFY(console.window.windowTitle().contains(console.view->instanceName()));
    QVERIFY(console.window.windowTitle().contains(QStringLiteral("attached")));
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("Attached to")));
    QCOMPARE(console.window.host(), nullptr); // no engine in this process

    ConnectionsModel *connections = console.window.connections()->model();
    FilterSetsModel *sets = console.window.filterSets()->model();
    auto adults = subscriber(service.port, QStringLiteral("age__gte=18"));
    auto women = subscriber(service.port, QStringLiteral("gender=0"));
    QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 2, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(sets->rowCount(), 2, 15000);
    QStringList queries;
    for (int row = 0; row < 2; ++row)
        queries.append(connections->connectionAt(row)->filterQuery);
    queries.sort();
    QCOMPARE(queries, QStringList({QStringLiteral("age__gte=18"), QStringLiteral("gender=0")}));
    QTRY_COMPARE_WITH_TIMEOUT(console.window.lastSnapshot().subscribers, 2, 15000);

    women->close();
    QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 1, 15000);
    QCOMPARE(connections->connectionAt(0)->filterQuery, QStringLiteral("age__gte=18"));
    QTRY_COMPARE_WITH_TIMEOUT(sets->rowCount(), 1, 15000);
    adults->close();
    QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 0, 15000);
}

void TestRemoteEngineView::historyShowsInTheStatusBar()
{
    // The overview carries the history's figures; the attached status bar shows them as a local
    // one does (tst_enginestatusbar).
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QTRY_VERIFY_WITH_TIMEOUT(console.window.lastSnapshot().history.events > 0, 15000);
    const HistorySnapshot history = console.window.lastSnapshot().history;
    QVERIFY(history.enabled);
    QVERIFY(history.bytes > 0);
    QCOMPARE(history.accounts, 1); // the demo account
    QTRY_VERIFY_WITH_TIMEOUT(console.window.engineStatus()->historyText().startsWith(u"History "),
                             15000);
    QVERIFY2(!console.window.engineStatus()->historyText().startsWith(u"History 0 ev"),
             qPrintable(console.window.engineStatus()->historyText()));
}

void TestRemoteEngineView::eventsFlowIntoTheStreamAndThePlayground()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    EventStreamModel *stream = console.window.eventStream()->model();
    QTRY_VERIFY_WITH_TIMEOUT(stream->rowCount() >= 5, 15000);
    // The decoded events are whole: the detail pane and the playground read their JSON.
    const EventSample &sample = stream->sampleAt(0);
    QVERIFY(sample.message);
    QCOMPARE(sample.account, QUuid::fromString(QLatin1StringView(kDemoAccount)));
    QCOMPARE(sample.kind, SourceKind::Demo);
    // The playground tries its filter on the remote events as they arrive.
    FilterPlayground *playground = console.window.playground();
    playground->setQuery(QStringLiteral("age__gte=0"));
    QVERIFY(playground->isValid());
    const quint64 seenBefore = playground->liveSeen();
    QTRY_VERIFY_WITH_TIMEOUT(playground->liveSeen() >= seenBefore + 5, 15000);
    QVERIFY(playground->livePassed() > 0);
}

void TestRemoteEngineView::disconnectClosesTheRemoteSubscriber()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    auto client = subscriber(service.port);
    QSignalSpy closed(client.get(), &QWebSocket::disconnected);
    ConnectionsPane *pane = console.window.connections();
    QTRY_COMPARE_WITH_TIMEOUT(pane->model()->rowCount(), 1, 15000);
    const quint64 id = pane->model()->connectionAt(0)->id;

    // What the pane's confirmed disconnect action emits.
    Q_EMIT pane->disconnectRequested(id, QStringLiteral("closed from the attached console"));
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 15000);
    QVERIFY(client->closeCode() == QWebSocketProtocol::CloseCodePolicyViolated
            || client->closeCode() == QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(client->closeReason(), QStringLiteral("closed from the attached console"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->model()->rowCount(), 0, 15000);

    // An id that is gone: the service's 404 comes back as a plain message.
    QSignalSpy failed(console.view, &EngineView::actionFailed);
    console.view->disconnectClient(id, QStringLiteral("again"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("404")),
             qPrintable(failed.first().first().toString()));
}

void TestRemoteEngineView::settingsShowTheRemoteConfigurationReadOnly()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    console.window.openSettings();
    RemoteConfigDialog *dialog = console.window.findChild<RemoteConfigDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->valueOf(QStringLiteral("SERVER.PORT")).isNull(), 15000);
    QCOMPARE(dialog->valueOf(QStringLiteral("SERVER.HOST")), QStringLiteral("127.0.0.1"));
    QCOMPARE(dialog->valueOf(QStringLiteral("DEMO.ENABLED")), QStringLiteral("1"));
    // The token is masked by the port and never reaches the console in clear.
    const QString token = dialog->valueOf(QStringLiteral("MONITOR.TOKEN"));
    QVERIFY(!token.isNull());
    QVERIFY(!token.contains(kToken));
    dialog->close();
}

void TestRemoteEngineView::wrongOrMissingTokenIsRefused()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    // The service runs in this process: its one throttled line about the refused tokens (at most
    // one a minute per address) is what it must say.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("wrong or missing monitoring tokens")));
    for (const QString &token : {QStringLiteral("not-the-token"), QString()}) {
        Console console(service.url(), token);
        QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineView::LinkState::Refused, 15000);
        QVERIFY2(console.view->linkDetail().contains(QStringLiteral("401")),
                 qPrintable(console.view->linkDetail()));
        QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("refused")));
        QVERIFY(console.window.panesGreyed());
        QCOMPARE(console.view->nextRetryInMs(), -1); // no point retrying the same token
        // The token never shows, not even in the error.
        if (!token.isEmpty())
            QVERIFY(!console.view->linkDetail().contains(token));
    }
}

void TestRemoteEngineView::reconnectsWhenTheServiceComesBack()
{
    Service service;
    QVERIFY2(service.start(), qPrintable(service.error));
    const quint16 monitorPort = service.monitorPort;
    Console console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    auto client = subscriber(service.port, QStringLiteral("age__gte=40"));
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1, 15000);
    QVERIFY(!console.window.panesGreyed());

    QSignalSpy links(console.view, &EngineView::linkStateChanged);
    service.monitor.stop(); // the port closes, the stream drops; the engine runs on
    QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineView::LinkState::Down, 15000);
    // Plainly lost; the last state stays, greyed.
    QVERIFY(console.window.panesGreyed());
    QVERIFY(!console.window.connections()->isEnabled());
    QCOMPARE(console.window.connections()->model()->rowCount(), 1);
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("lost")));
    QVERIFY(console.window.windowTitle().contains(QStringLiteral("link lost")));
    // It keeps trying by itself: more than one attempt while the port is closed.
    QTRY_VERIFY_WITH_TIMEOUT(links.count() >= 3, 15000); // Down, Connecting, Down again at least
    QVERIFY(console.view->linkState() != EngineView::LinkState::Up);
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
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 0, 15000);
    auto again = subscriber(service.port);
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1, 15000);
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
    QTRY_VERIFY_WITH_TIMEOUT(held >= 20, 15000);

    Console console(service.url(), kToken);
    QSignalSpy answered(console.view, &EngineView::recentEventsReady);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 15000);
    QVERIFY(answered.first().at(1).toBool());
    EventStreamModel *stream = console.window.eventStream()->model();
    QVERIFY2(stream->historyCount() >= 20, qPrintable(QString::number(stream->historyCount())));
    QTRY_VERIFY_WITH_TIMEOUT(stream->rowCount() >= stream->historyCount() + 5, 15000);
    QVERIFY(console.window.eventStream()->statusText().contains(u"from the history"));

    service.monitor.stop(); // the link drops; the engine and its history go on
    QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineView::LinkState::Down, 15000);
    const quint64 heldAtTheLoss = held;
    QTRY_VERIFY_WITH_TIMEOUT(held >= heldAtTheLoss + 20, 15000);
    QVERIFY2(service.startMonitor(monitorPort), qPrintable(service.error));
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, 15000);
    // The gap (20 events at least) between the rows of before and the live ones of after; a
    // history that answers before a live batch may also give the last few events of either.
    QTRY_VERIFY_WITH_TIMEOUT(QRegularExpression(QStringLiteral("^h+l+.*h{20,}.*l$"))
                                 .match(QString::fromLatin1(streamOrigins(stream)))
                                 .hasMatch(),
                             15000);
    console.window.eventStream()->setPaused(true);
    const QString problem = streamOnceInOrder(stream);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_MAIN(TestRemoteEngineView)
#include "tst_remoteengineview.moc"
