// RemoteEngineView and the attached MainWindow against MonitorStandIn: a real engine, real
// subscribers, real HTTP and WebSocket on the monitoring contract's paths, encoded with the
// engine's SnapshotCodec (the real monitoring port is issue13-server's; tst_attachedconsole runs
// the same against a real headless process). The same MainWindow and panes as with a local
// engine, fed by RemoteEngineView. Subscribers that
// connect over the public port appear and vanish, events flow into the stream and the
// playground, the disconnect action really closes a subscriber, the configuration shows
// read-only, a wrong or missing token is refused plainly, and when the service is killed and
// started again the console notices, greys its panes and reconnects by itself.

#include "GuiTestSupport.h"
#include "MonitorStandIn.h"
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

const QByteArray kToken = "attach-test-token-0123456789";

// A real engine with demo events, and the monitoring stand-in in front of it.
struct Service
{
    EngineHost host;
    MonitorStandIn monitor {&host, kToken};
    quint16 port = 0;

    bool start()
    {
        port = startHost(host, engineSettings(true, 40));
        return port != 0 && monitor.listen();
    }
    QUrl url() const { return monitor.url(); }
};

QByteArray account()
{
    return kDemoAccount;
}

std::unique_ptr<QWebSocket> subscriber(quint16 port, const QString &query = {})
{
    return openClient(port, query, account());
}

// A console window on a remote view, retrying quickly so the test does not wait for back-off.
struct Console
{
    RemoteEngineView *view;
    MainWindow window;

    Console(const QUrl &url, const QString &token)
        : view(new RemoteEngineView(url, token))
        , window(view, ConsolePreferences())
    {
        view->setBackoff({50, 400});
        window.show();
        view->start();
    }
    bool waitUp(int timeoutMs = 15000)
    {
        return QTest::qWaitFor([&] { return view->linkState() == EngineView::LinkState::Up; },
                               timeoutMs);
    }
};

} // namespace

class TestRemoteEngineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    // Every warning fails the test, except (allow-list) the offscreen platform's note that it
    // cannot propagate size hints, which showing any window gives.
    void init()
    {
        QTest::failOnWarning(QRegularExpression(
            QStringLiteral("^(?!This plugin does not support propagateSizeHints\\(\\)).*")));
    }
    void subscribersAppearAndVanish();
    void eventsFlowIntoTheStreamAndThePlayground();
    void disconnectClosesTheRemoteSubscriber();
    void settingsShowTheRemoteConfigurationReadOnly();
    void wrongOrMissingTokenIsRefused();
    void reconnectsWhenTheServiceComesBack();
};

void TestRemoteEngineView::subscribersAppearAndVanish()
{
    Service service;
    QVERIFY(service.start());
    Console console(service.url(), QString::fromLatin1(kToken));
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

void TestRemoteEngineView::eventsFlowIntoTheStreamAndThePlayground()
{
    Service service;
    QVERIFY(service.start());
    Console console(service.url(), QString::fromLatin1(kToken));
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
    QVERIFY(service.start());
    Console console(service.url(), QString::fromLatin1(kToken));
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
    QVERIFY(service.start());
    Console console(service.url(), QString::fromLatin1(kToken));
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    console.window.openSettings();
    RemoteConfigDialog *dialog = console.window.findChild<RemoteConfigDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->valueOf(QStringLiteral("SERVER.PORT")).isNull(), 15000);
    QCOMPARE(dialog->valueOf(QStringLiteral("SERVER.HOST")), QStringLiteral("127.0.0.1"));
    QCOMPARE(dialog->valueOf(QStringLiteral("DEMO.ENABLED")), QStringLiteral("1"));
    dialog->close();
}

void TestRemoteEngineView::wrongOrMissingTokenIsRefused()
{
    Service service;
    QVERIFY(service.start());
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
    QVERIFY(service.start());
    const quint16 monitorPort = service.monitor.port();
    Console console(service.url(), QString::fromLatin1(kToken));
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    auto client = subscriber(service.port, QStringLiteral("age__gte=40"));
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1, 15000);
    QVERIFY(!console.window.panesGreyed());

    QSignalSpy links(console.view, &EngineView::linkStateChanged);
    service.monitor.stop(); // as a killed service: the port closes, the stream drops
    QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineView::LinkState::Down, 15000);
    // Plainly lost; the last state stays, greyed.
    QVERIFY(console.window.panesGreyed());
    QVERIFY(!console.window.connections()->isEnabled());
    QCOMPARE(console.window.connections()->model()->rowCount(), 1);
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("lost")));
    QVERIFY(console.window.windowTitle().contains(QStringLiteral("link lost")));
    // It keeps trying by itself: more than one attempt while the port is closed.
    const int requestsWhileDown = service.monitor.requests();
    QTRY_VERIFY_WITH_TIMEOUT(links.count() >= 3, 15000); // Down, Connecting, Down again at least

    // The service comes back on the same port: the console finds it by itself.
    client->close();
    QVERIFY(service.monitor.listen(monitorPort));
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QVERIFY(service.monitor.requests() > requestsWhileDown);
    QVERIFY(!console.window.panesGreyed());
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("Attached to")));
    // The panes follow the service again, not their memory.
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 0, 15000);
    auto again = subscriber(service.port);
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1, 15000);
}

QTEST_MAIN(TestRemoteEngineView)
#include "tst_remoteengineview.moc"
