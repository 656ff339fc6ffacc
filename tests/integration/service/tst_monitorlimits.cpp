// The monitoring port's limits in the real headless process: an oversized request cut off,
// MAX_CLIENTS (503), a non-loopback port without a token refused at start, and a monitor that never
// reads: closed, while subscribers still get every event.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "RawWebSocket.h"
#include "TestTimeouts.h"

#include <QTemporaryDir>

using namespace sender::test;

class tst_MonitorLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void anOversizedRequestIsCutOff();
    void maxClientsHolds();
    void nonLoopbackWithoutTokenRefusesToStart();
    void aMonitorThatNeverReadsIsClosedWhileSubscribersGetEverything();
};

void tst_MonitorLimits::anOversizedRequestIsCutOff()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    // Qt's HTTP server would buffer the whole body before the token is checked: the port's
    // listener cuts a request past 1 MiB, token or not.
    RawHttpConnection connection;
    QVERIFY(connection.connectTo(service.monitorPort));
    connection.write("POST /monitor/v1/connections/1/close HTTP/1.1\r\nHost: x\r\n"
                     "Content-Type: application/json\r\nContent-Length: 4194304\r\n\r\n");
    const QByteArray chunk(65536, ' ');
    for (int i = 0; i < 64; ++i)
        connection.write(chunk); // buffered; sent while waiting below
    QVERIFY(connection.waitForDisconnected(timeouts::kRoundTrip));
    QVERIFY(!connection.received().startsWith("HTTP/1.1 200"));
    QTRY_VERIFY_WITH_TIMEOUT(service.process.log().contains("a request of more than 1048576 bytes"),
                             timeouts::kRoundTrip);
    // The port serves the next client as before.
    QCOMPARE(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview")).status,
        200);
}

void tst_MonitorLimits::maxClientsHolds()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\nMAX_CLIENTS = 2\n"),
             service.process.log().constData());
    const RawHeaders bearer {{"Authorization", "Bearer " + kToken}};
    RawWebSocket first;
    RawWebSocket second;
    RawWebSocket third;
    QVERIFY(first.open(service.monitorPort, "/monitor/v1/stream", bearer));
    QVERIFY(second.open(service.monitorPort, "/monitor/v1/stream", bearer));
    QTRY_COMPARE_WITH_TIMEOUT(service.process.count("attached to the stream (2 open)"), 1,
                              timeouts::kRoundTrip);
    QVERIFY(!third.open(service.monitorPort, "/monitor/v1/stream", bearer));
    QCOMPARE(third.handshake().status, 503);
    QCOMPARE(jsonOf(third.handshake()).value(QLatin1StringView("error_code")).toInt(), 29102);
    // One leaves: there is room again.
    first.sendClose(1000);
    QVERIFY(first.waitForDisconnected(timeouts::kRoundTrip));
    QTRY_COMPARE_WITH_TIMEOUT(service.process.count("left the stream (1 open)"), 1,
                              timeouts::kRoundTrip);
    RawWebSocket fourth;
    QVERIFY2(fourth.open(service.monitorPort, "/monitor/v1/stream", bearer),
             qPrintable(fourth.handshake().describe()));
}

void tst_MonitorLimits::nonLoopbackWithoutTokenRefusesToStart()
{
    ServiceProcess process;
    process.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n[MONITOR]\nHOST = 0.0.0.0\n");
    QVERIFY(process.start(
        {QStringLiteral("--headless"), QStringLiteral("--config"), process.configPath()}));
    QVERIFY(process.waitForExit(timeouts::kProcessExit));
    QCOMPARE(process.exitCode(), 78);
    QVERIFY2(process.log().contains("MONITOR.HOST is 0.0.0.0, which is not loopback"),
             process.log().constData());
    QVERIFY(!process.log().contains("listening on"));

    // A token file that cannot be read is as fatal, and says which file.
    ServiceProcess unreadable;
    unreadable.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n[MONITOR]\nHOST = 0.0.0.0\n"
                           "TOKEN_FILE = /nonexistent/monitor.token\n");
    QVERIFY(unreadable.start(
        {QStringLiteral("--headless"), QStringLiteral("--config"), unreadable.configPath()}));
    QVERIFY(unreadable.waitForExit(timeouts::kProcessExit));
    QCOMPARE(unreadable.exitCode(), 1);
    QVERIFY2(
        unreadable.log().contains("MONITOR.TOKEN_FILE: cannot read '/nonexistent/monitor.token'"),
        unreadable.log().constData());
}

void tst_MonitorLimits::aMonitorThatNeverReadsIsClosedWhileSubscribersGetEverything()
{
    Service service;
    // Many demo events for the monitors to sample; the published ones go to another account.
    QVERIFY2(service.start("TOKEN = " + kToken + "\n",
                           "[DEMO]\nENABLED = 1\nRATE = 3000\n"
                           "[PUBLISH]\nENABLED = 1\nTOKEN = publish-token\n"),
             service.process.log().constData());
    // A monitor that subscribes to everything and then never reads a byte.
    RawWebSocket stuck;
    QVERIFY(stuck.open(service.monitorPort, "/monitor/v1/stream",
                       {{"Authorization", "Bearer " + kToken}}));
    stuck.sendFrame(WsOpcode::Text, QJsonDocument(subscribeAll()).toJson(QJsonDocument::Compact));
    stuck.setReading(false);
    stuck.setAnswerPings(false);

    auto subscriber = openClient(service.port, kQuietAccount);
    int received = 0;
    QObject::connect(subscriber.get(), &QWebSocket::textMessageReceived, subscriber.get(),
                     [&received] { ++received; });
    QTRY_COMPARE_WITH_TIMEOUT(subscriber->state(), QAbstractSocket::ConnectedState,
                              timeouts::kRoundTrip);

    // Published while the stuck monitor's queue fills: every one reaches the subscriber.
    constexpr int kPublished = 200;
    QNetworkAccessManager nam;
    const QByteArray message = redisMessage({R"({"event_id": "e", "age": 40})"});
    for (int i = 0; i < kPublished; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/1/publish").arg(service.port)));
        request.setRawHeader("Authorization", "Bearer publish-token");
        request.setRawHeader("Luna-Account-Id", kQuietAccount);
        request.setRawHeader("Content-Type", "application/json");
        QCOMPARE(httpRequest(nam, "POST", request, message).status, 202);
    }
    QTRY_COMPARE_WITH_TIMEOUT(received, kPublished, timeouts::kLongOperation);

    // The monitor that does not read is closed by the port, not kept growing.
    QTRY_VERIFY_WITH_TIMEOUT(service.process.log().contains("does not read its stream"),
                             timeouts::kLongOperation);
    QVERIFY(service.process.log().contains("left the stream (0 open)"));
    // The port still serves others.
    Monitor reader(service.monitorPort);
    QVERIFY(reader.subscribe(subscribeAll()));
    QTRY_VERIFY_WITH_TIMEOUT(!reader.messages.value(QStringLiteral("events")).isEmpty(),
                             timeouts::kRoundTrip);
    QCOMPARE(received, kPublished);
}

QTEST_MAIN(tst_MonitorLimits)
#include "tst_monitorlimits.moc"
