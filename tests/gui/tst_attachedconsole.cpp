// The console attached to a real headless luna-sender process over its monitoring port: the
// same MainWindow and panes as with a local engine, fed by RemoteEngineView. The scenarios of
// AttachScenarios.h (shared with tst_remoteengineview, which runs them against an engine in the
// test process): subscribers that connect over the public port appear and vanish, events flow
// into the stream and the playground, the disconnect action really closes a subscriber, the
// configuration shows read-only, a wrong or missing token is refused plainly. Here alone: the
// service keeps the tokens out of its log, when the service is killed and
// started again the console notices, greys its panes and reconnects by itself, and the events the
// service's history held before the console attached come first in the stream, once.

#include "AttachScenarios.h"
#include "AttachSupport.h"
#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "ServiceProcess.h"
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
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <csignal>

using namespace sender;
using namespace sender::testing;

namespace {

const QByteArray kToken = kMonitorToken;

const QByteArray kPublishToken = "attach-publish-token-5a7c";

// With the demo source, or instead the publish resource (events of the test's own).
QByteArray serviceConfig(quint16 monitorPort, bool demo)
{
    return "[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n[DEMO]\nENABLED = " + QByteArray(demo ? "1" : "0")
        + "\nRATE = 40\nACCOUNT = " + kDemoAccount
        + "\n[MONITOR]\nENABLED = 1\nHOST = 127.0.0.1\nPORT = " + QByteArray::number(monitorPort)
        + "\nTOKEN = " + kToken
        + (demo ? QByteArray() : "\n[PUBLISH]\nENABLED = 1\nTOKEN = " + kPublishToken) + "\n";
}

QByteArray eventId(int n)
{
    return QByteArray("00000000-0000-4000-8000-") + QByteArray::number(n).rightJustified(12, '0');
}

// Publishes event n for the demo account through the service's POST /1/publish; its status.
int publish(quint16 port, int n)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/1/publish").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + kPublishToken);
    request.setRawHeader("Luna-Account-Id", kDemoAccount);
    QNetworkReply *reply = nam.post(request,
                                    "{\"events\": [{\"event_id\": \"" + eventId(n)
                                        + "\", \"source\": \"cam-1\"}], \"handler_id\": "
                                          "\"557d54ec-29ad-4f3c-93b4-c9092ef12515\"}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeouts::kRoundTrip))
        return 0;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// The monitoring port the service logged ("monitoring port listening on 127.0.0.1:NNNN").
quint16 monitorPortOf(const test::ServiceProcess &service)
{
    static const QRegularExpression line(
        QStringLiteral("monitor[^\\n]*listening on [0-9.]+:(\\d+)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = line.match(QString::fromUtf8(service.log()));
    return m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
}

// A headless service with its monitoring port; both ports known once it listens.
struct Service
{
    test::ServiceProcess process;
    quint16 port = 0;
    quint16 monitorPort = 0;
    bool demo = true;

    bool start(quint16 wantedMonitorPort = 0)
    {
        process.writeConfig(serviceConfig(wantedMonitorPort, demo));
        // ServiceProcess gives every instance a free monitoring port through the environment,
        // which outranks the file: a restart on the same port says so there too.
        process.setEnvironment(QStringLiteral("LUNA_SENDER_MONITOR_PORT"),
                               QString::number(wantedMonitorPort));
        port = process.startListening();
        if (!port)
            return false;
        if (!QTest::qWaitFor([&] { return monitorPortOf(process) != 0; }, timeouts::kRoundTrip))
            return false;
        monitorPort = monitorPortOf(process);
        return true;
    }
    QUrl url() const { return monitorUrl(monitorPort); }
    QByteArray problem() const { return process.log(); }
    std::unique_ptr<QWebSocket> subscribe(const QString &query = {})
    {
        return test::openClient(port, kDemoAccount, query.toUtf8());
    }
};

using Console = AttachedConsole;

} // namespace

class TestAttachedConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }
    // The scenarios shared with tst_remoteengineview (AttachScenarios.h).
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
    void wrongOrMissingTokenIsRefused();
    void reconnectsWhenTheServiceComesBack();
    void recentHistoryComesFirstAndOnce();
    void theAttachFlagOpensAConsoleProcess();
    void badAttachFlagsAreRefused();
};

void TestAttachedConsole::wrongOrMissingTokenIsRefused()
{
    Service service;
    attach::wrongOrMissingTokenIsRefused(service);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!service.process.log().contains(kToken));
    QVERIFY(!service.process.log().contains("not-the-token"));
}

void TestAttachedConsole::reconnectsWhenTheServiceComesBack()
{
    auto service = std::make_unique<Service>();
    QVERIFY2(service->start(), service->process.log().constData());
    const quint16 monitorPort = service->monitorPort;
    Console console(service->url(), QString::fromLatin1(kToken));
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    auto client = test::openClient(service->port, kDemoAccount, "age__gte=40");
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1,
                              timeouts::kRoundTrip);
    QVERIFY(!console.window.panesGreyed());

    QSignalSpy links(console.view, &EngineFeed::linkStateChanged);
    QVERIFY(service->process.signal(SIGKILL));
    QVERIFY(service->process.waitForExit(timeouts::kProcessExit));
    QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineFeed::LinkState::Down,
                              timeouts::kRoundTrip);
    // Plainly lost; the last state stays, greyed.
    QVERIFY(console.window.panesGreyed());
    QVERIFY(!console.window.connections()->isEnabled());
    QCOMPARE(console.window.connections()->model()->rowCount(), 1);
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("lost")));
    QVERIFY(console.window.windowTitle().contains(QStringLiteral("link lost")));

    // The service comes back on the same monitoring port: the console finds it by itself.
    service = std::make_unique<Service>();
    QVERIFY2(service->start(monitorPort), service->process.log().constData());
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QVERIFY(!console.window.panesGreyed());
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("Attached to")));
    bool sawDown = false;
    for (const QList<QVariant> &change : std::as_const(links))
        sawDown =
            sawDown || change.first().value<EngineFeed::LinkState>() == EngineFeed::LinkState::Down;
    QVERIFY(sawDown);
    // The new service has no subscribers: the pane follows it, not its memory.
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 0,
                              timeouts::kRoundTrip);
    auto again = test::openClient(service->port, kDemoAccount);
    QTRY_COMPARE_WITH_TIMEOUT(console.window.connections()->model()->rowCount(), 1,
                              timeouts::kRoundTrip);
}

// Events the service kept in its history before the console attached are the first rows of the
// stream, in order and muted; the live ones follow; none shows twice.
void TestAttachedConsole::recentHistoryComesFirstAndOnce()
{
    Service service;
    service.demo = false;
    QVERIFY2(service.start(), service.process.log().constData());
    for (int n = 1; n <= 30; ++n)
        QCOMPARE(publish(service.port, n), 202);

    Console console(service.url(), QString::fromLatin1(kToken));
    QSignalSpy answered(console.view, &EngineFeed::recentEventsReady);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    EventStreamModel *stream = console.window.eventStream()->model();
    QTRY_COMPARE_WITH_TIMEOUT(stream->rowCount(), 30, timeouts::kRoundTrip);
    QList<QByteArray> expected;
    for (int n = 1; n <= 30; ++n)
        expected.append(eventId(n));
    QList<QByteArray> shown;
    for (int row = 0; row < stream->rowCount(); ++row)
        shown.append(streamEventId(stream, row));
    QCOMPARE(shown, expected);
    QCOMPARE(streamOrigins(stream), QByteArray(30, 'h'));
    QVERIFY2(console.window.eventStream()->statusText().contains(u"30 events from the history"),
             qPrintable(console.window.eventStream()->statusText()));

    for (int n = 31; n <= 35; ++n) {
        QCOMPARE(publish(service.port, n), 202);
        expected.append(eventId(n));
    }
    QTRY_COMPARE_WITH_TIMEOUT(stream->rowCount(), 35, timeouts::kRoundTrip);
    shown.clear();
    for (int row = 0; row < stream->rowCount(); ++row)
        shown.append(streamEventId(stream, row));
    QCOMPARE(shown, expected);
    QCOMPARE(streamOrigins(stream), QByteArray(30, 'h') + QByteArray(5, 'l'));
    QCOMPARE(answered.size(), 1);
    QVERIFY(answered.first().at(1).toBool());
    const QString problem = streamOnceInOrder(stream);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestAttachedConsole::theAttachFlagOpensAConsoleProcess()
{
    Service service;
    QVERIFY2(service.start(), service.process.log().constData());
    QTemporaryDir home;
    QFile tokenFile(home.filePath(QStringLiteral("monitor.token")));
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(kToken + "\n");
    tokenFile.close();

    // luna-sender --attach URL --token-file F, as a user runs it (offscreen here).
    test::ServiceProcess console;
    console.setEnvironment(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    console.setEnvironment(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    console.setEnvironment(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent/luna-sender-test-bus"));
    QVERIFY(console.start({QStringLiteral("--attach"), service.url().toString(),
                           QStringLiteral("--token-file"), tokenFile.fileName()}));
    const QByteArray attached = "attached to 127.0.0.1:" + QByteArray::number(service.monitorPort);
    QTRY_VERIFY2_WITH_TIMEOUT(console.log().contains(attached), console.log().constData(),
                              timeouts::kLongOperation);
    // No engine of its own, and the token never in its output.
    QVERIFY(!console.log().contains("listening on"));
    QVERIFY(!console.log().contains(kToken));
    QVERIFY(console.signal(SIGTERM));
    QVERIFY(console.waitForExit(timeouts::kProcessExit));
}

void TestAttachedConsole::badAttachFlagsAreRefused()
{
    QTemporaryDir home;
    struct Case
    {
        QStringList arguments;
        bool display;
        int exitCode;
        QByteArray says;
    };
    const QList<Case> cases {
        {{QStringLiteral("--attach"), QStringLiteral("ftp://host:5081")},
         true,
         2,
         "--attach takes the monitoring port's address"},
        {{QStringLiteral("--attach"), QStringLiteral("http://user:pw@host:5081")},
         true,
         2,
         "--token-file, not the URL"},
        {{QStringLiteral("--token-file"), QStringLiteral("/etc/hostname")},
         true,
         2,
         "--token-file goes with --attach"},
        {{QStringLiteral("--attach"), QStringLiteral("http://127.0.0.1:5081"),
          QStringLiteral("--headless")},
         true,
         2,
         "cannot be --headless"},
        {{QStringLiteral("--attach"), QStringLiteral("http://127.0.0.1:5081")},
         false,
         2,
         "there is no display"},
        {{QStringLiteral("--attach"), QStringLiteral("http://127.0.0.1:5081"),
          QStringLiteral("--token-file"), home.filePath(QStringLiteral("missing"))},
         true,
         78,
         "cannot read the token file"},
    };
    for (const Case &c : cases) {
        test::ServiceProcess process;
        if (c.display)
            process.setEnvironment(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setEnvironment(QStringLiteral("XDG_CONFIG_HOME"), home.path());
        QVERIFY(process.start(c.arguments));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QVERIFY2(process.exitCode() == c.exitCode, process.log().constData());
        QVERIFY2(process.log().contains(c.says), process.log().constData());
    }
}

QTEST_MAIN(TestAttachedConsole)
#include "tst_attachedconsole.moc"
