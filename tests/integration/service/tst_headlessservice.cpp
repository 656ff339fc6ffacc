// The built binary run as systemd runs it (--headless, a configuration file, no display):
// graceful stop on SIGTERM/SIGINT, reload on SIGHUP, exit 78 on a bad configuration, sd_notify
// readiness, and no Qt platform plugin loaded.

#include "FailOnWarnings.h"
#include "NotifyListener.h"
#include "RedisProcess.h"
#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <csignal>
#include <memory>
#include <vector>

using namespace sender::test;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

QByteArray configWith(const QByteArray &more = {}, quint16 port = 0)
{
    // A stop drains its subscribers at once (SIGTERM drains over SERVER.DRAIN_SECONDS).
    return "[SERVER]\nHOST = 127.0.0.1\nDRAIN_SECONDS = 0\nPORT = " + QByteArray::number(port)
        + "\n" + more;
}

// Subscribers that remember how their connection ended.
struct Clients
{
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    QList<int> closeCodes;

    void open(quint16 port, int count)
    {
        for (int i = 0; i < count; ++i) {
            sockets.push_back(openClient(port, kAccount));
            QWebSocket *socket = sockets.back().get();
            QObject::connect(socket, &QWebSocket::disconnected, socket,
                             [this, socket] { closeCodes.append(int(socket->closeCode())); });
        }
    }
    int connected() const
    {
        return int(std::count_if(sockets.cbegin(), sockets.cend(), [](const auto &s) {
            return s->state() == QAbstractSocket::ConnectedState;
        }));
    }
};

// GET http://127.0.0.1:<port><path>; the JSON body, empty on failure.
QJsonObject getJson(quint16 port, const QString &path)
{
    QNetworkAccessManager manager;
    std::unique_ptr<QNetworkReply> reply(manager.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeouts::kRoundTrip))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

qint64 sendQueueBytes(quint16 port)
{
    return getJson(port, QStringLiteral("/config"))
        .value(u"WEBSOCKET")
        .toObject()
        .value(u"SEND_QUEUE_BYTES")
        .toInteger(-1);
}

} // namespace

class tst_HeadlessService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void stopSignal_data();
    void stopSignal();
    void notifiesSystemd();
    void reload();
    void reloadWithErrorsKeepsRunning();
    void reloadMovesThePort();
    void badConfigurationExits78_data();
    void badConfigurationExits78();
    void loadsNoPlatformPlugin_data();
    void loadsNoPlatformPlugin();
};

void tst_HeadlessService::stopSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<QByteArray>("logged");
    QTest::addColumn<QByteArray>("closing");
    // SIGTERM and SIGUSR2 drain (issue 27) over SERVER.DRAIN_SECONDS; SIGINT stops at once.
    QTest::newRow("SIGTERM") << int(SIGTERM) << QByteArray("SIGTERM: draining, then shutting down")
                             << QByteArray("draining: closing 5 subscribers with 1001");
    QTest::newRow("SIGUSR2") << int(SIGUSR2) << QByteArray("SIGUSR2: draining, then shutting down")
                             << QByteArray("draining: closing 5 subscribers with 1001");
    QTest::newRow("SIGINT") << int(SIGINT) << QByteArray("SIGINT: shutting down")
                            << QByteArray("closing 5 connections with 1001");
}

void tst_HeadlessService::stopSignal()
{
    QFETCH(int, signalNumber);
    QFETCH(QByteArray, logged);
    QFETCH(QByteArray, closing);
    ServiceProcess service;
    service.writeConfig(configWith());
    const quint16 port = service.startListening();
    QVERIFY2(port != 0, service.log().constData());

    Clients clients;
    clients.open(port, 5);
    QTRY_COMPARE_WITH_TIMEOUT(clients.connected(), 5, timeouts::kRoundTrip);

    QVERIFY(service.signal(signalNumber));
    QVERIFY2(service.waitForExit(timeouts::kProcessExit), service.log().constData());
    QCOMPARE(service.exitStatus(), QProcess::NormalExit);
    QVERIFY2(service.exitCode() == 0, service.log().constData());
    QTRY_COMPARE_WITH_TIMEOUT(clients.closeCodes.size(), 5, timeouts::kSignal);
    for (int code : std::as_const(clients.closeCodes))
        QCOMPARE(code, int(QWebSocketProtocol::CloseCodeGoingAway));
    QVERIFY2(service.count(logged) == 1, service.log().constData());
    QVERIFY2(service.count(closing) == 1, service.log().constData());
}

void tst_HeadlessService::notifiesSystemd()
{
    NotifyListener systemd(NotifyListener::Kind::Abstract);
    QVERIFY(systemd.isValid());
    ServiceProcess service;
    service.setEnvironment(QStringLiteral("NOTIFY_SOCKET"), QString::fromUtf8(systemd.name()));
    service.setEnvironment(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("300000"));
    service.writeConfig(configWith());
    const quint16 port = service.startListening();
    QVERIFY2(port != 0, service.log().constData());

    // READY=1 once the port listens: the status names it.
    QTRY_VERIFY_WITH_TIMEOUT(systemd.find("READY=1") >= 0, timeouts::kSignal);
    const qsizetype ready = systemd.find("READY=1");
    QCOMPARE(systemd.value(ready, "STATUS"), "listening on 127.0.0.1:" + QByteArray::number(port));
    QTRY_VERIFY_WITH_TIMEOUT(systemd.messages().count("WATCHDOG=1") >= 2, timeouts::kSignal);

    // SIGHUP: RELOADING=1 with a monotonic time stamp, then READY=1 again.
    QVERIFY(service.signal(SIGHUP));
    QTRY_VERIFY_WITH_TIMEOUT(systemd.find("RELOADING=1") > ready, timeouts::kSignal);
    const qsizetype reloading = systemd.find("RELOADING=1");
    QVERIFY(systemd.value(reloading, "MONOTONIC_USEC").toULongLong() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(systemd.find("READY=1", reloading) > reloading, timeouts::kSignal);

    QVERIFY(service.signal(SIGTERM));
    QVERIFY(service.waitForExit(timeouts::kProcessExit));
    QCOMPARE(service.exitCode(), 0);
    QVERIFY(systemd.find("STOPPING=1", reloading) > reloading);
}

void tst_HeadlessService::reload()
{
    ServiceProcess service;
    service.writeConfig(configWith("[WEBSOCKET]\nSEND_QUEUE_BYTES = 4194304\n"));
    const quint16 port = service.startListening();
    QVERIFY2(port != 0, service.log().constData());
    QCOMPARE(sendQueueBytes(port), 4194304);
    Clients clients;
    clients.open(port, 2);
    QTRY_COMPARE_WITH_TIMEOUT(clients.connected(), 2, timeouts::kRoundTrip);

    service.writeConfig(
        configWith("[WEBSOCKET]\nSEND_QUEUE_BYTES = 1048576\n[LOGGING]\nLEVEL = debug\n"));
    QVERIFY(service.signal(SIGHUP));
    QTRY_VERIFY2_WITH_TIMEOUT(service.count("configuration reloaded") == 1,
                              service.log().constData(), timeouts::kSignal);
    QCOMPARE(service.count("SIGHUP: reloading the configuration"), 1);
    QCOMPARE(sendQueueBytes(port), 1048576);
    QCOMPARE(clients.connected(), 2);
    QVERIFY(clients.closeCodes.isEmpty());

    QVERIFY(service.signal(SIGTERM));
    QVERIFY(service.waitForExit(timeouts::kProcessExit));
    QCOMPARE(service.exitCode(), 0);
}

void tst_HeadlessService::reloadWithErrorsKeepsRunning()
{
    ServiceProcess service;
    service.writeConfig(configWith("[WEBSOCKET]\nSEND_QUEUE_BYTES = 4194304\n"));
    const quint16 port = service.startListening();
    QVERIFY2(port != 0, service.log().constData());
    Clients clients;
    clients.open(port, 1);
    QTRY_COMPARE_WITH_TIMEOUT(clients.connected(), 1, timeouts::kRoundTrip);

    service.writeConfig(configWith("[WEBSOCKET]\nSEND_QUEUE_BYTES = plenty\n"));
    QVERIFY(service.signal(SIGHUP));
    QTRY_VERIFY2_WITH_TIMEOUT(service.count("configuration not reloaded") == 1,
                              service.log().constData(), timeouts::kSignal);
    // The error names the key and the file; the old configuration stays in force.
    QVERIFY2(service.count("WEBSOCKET.SEND_QUEUE_BYTES") >= 1, service.log().constData());
    QVERIFY(service.isRunning());
    QCOMPARE(sendQueueBytes(port), 4194304);
    QCOMPARE(clients.connected(), 1);
    clients.open(port, 1);
    QTRY_COMPARE_WITH_TIMEOUT(clients.connected(), 2, timeouts::kRoundTrip);

    // Fixed, it reloads.
    service.writeConfig(configWith("[WEBSOCKET]\nSEND_QUEUE_BYTES = 2097152\n"));
    QVERIFY(service.signal(SIGHUP));
    QTRY_VERIFY2_WITH_TIMEOUT(service.count("configuration reloaded") == 1,
                              service.log().constData(), timeouts::kSignal);
    QCOMPARE(sendQueueBytes(port), 2097152);

    QVERIFY(service.signal(SIGTERM));
    QVERIFY(service.waitForExit(timeouts::kProcessExit));
    QCOMPARE(service.exitCode(), 0);
}

void tst_HeadlessService::reloadMovesThePort()
{
    ServiceProcess service;
    service.writeConfig(configWith());
    const quint16 before = service.startListening();
    QVERIFY2(before != 0, service.log().constData());
    Clients clients;
    clients.open(before, 2);
    QTRY_COMPARE_WITH_TIMEOUT(clients.connected(), 2, timeouts::kRoundTrip);

    const quint16 after = findFreePort();
    QVERIFY(after != 0 && after != before);
    service.writeConfig(configWith({}, after));
    QVERIFY(service.signal(SIGHUP));
    // The manual promises the move: the reload completes, the listener is on the new port, and
    // the connected clients stay.
    QTRY_VERIFY2_WITH_TIMEOUT(service.count("configuration reloaded") >= 1,
                              service.log().constData(), timeouts::kSignal);
    QCOMPARE(service.count("restart"), 0);
    QTRY_COMPARE_WITH_TIMEOUT(service.port(), after, timeouts::kSignal);
    QCOMPARE(clients.connected(), 2);
    QVERIFY(clients.closeCodes.isEmpty());
    clients.open(after, 1);
    QTRY_COMPARE_WITH_TIMEOUT(clients.connected(), 3, timeouts::kRoundTrip);
    QCOMPARE(getJson(after, QStringLiteral("/version"))
                 .value(u"Version")
                 .toObject()
                 .value(u"api")
                 .toInt(),
             1);

    QVERIFY(service.signal(SIGTERM));
    QVERIFY(service.waitForExit(timeouts::kProcessExit));
    QCOMPARE(service.exitCode(), 0);
}

void tst_HeadlessService::badConfigurationExits78_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<QByteArray>("named");
    QTest::newRow("not an integer") << QByteArray("[WEBSOCKET]\nSEND_QUEUE_BYTES = lots\n")
                                    << QByteArray("WEBSOCKET.SEND_QUEUE_BYTES");
    QTest::newRow("out of range") << QByteArray("[SERVER]\nPORT = 70000\n")
                                  << QByteArray("SERVER.PORT");
    QTest::newRow("unknown key") << QByteArray("[SERVER]\nPROT = 5080\n")
                                 << QByteArray("SERVER.PROT");
    QTest::newRow("bad choice") << QByteArray("[LOGGING]\nLEVEL = loud\n")
                                << QByteArray("LOGGING.LEVEL");
}

void tst_HeadlessService::badConfigurationExits78()
{
    QFETCH(QByteArray, ini);
    QFETCH(QByteArray, named);
    ServiceProcess service;
    const QString path = service.writeConfig(ini);
    QVERIFY(service.start({QStringLiteral("--headless"), QStringLiteral("--config"), path}));
    QVERIFY(service.waitForExit(timeouts::kProcessExit));
    QCOMPARE(service.exitStatus(), QProcess::NormalExit);
    // 78 (EX_CONFIG): RestartPreventExitStatus=78 in the unit keeps systemd from looping on it.
    QVERIFY2(service.exitCode() == 78, service.log().constData());
    QVERIFY2(service.count("configuration error") >= 1, service.log().constData());
    QVERIFY2(service.count(named) >= 1, service.log().constData());
    QCOMPARE(service.port(), quint16(0));
}

void tst_HeadlessService::loadsNoPlatformPlugin_data()
{
    QTest::addColumn<bool>("headlessFlag");
    QTest::newRow("--headless") << true;
    // Without --headless and with no display, the binary falls back to headless by itself.
    QTest::newRow("no display") << false;
}

void tst_HeadlessService::loadsNoPlatformPlugin()
{
    QFETCH(bool, headlessFlag);
    ServiceProcess service;
    const QString path = service.writeConfig(configWith());
    if (headlessFlag) {
        QVERIFY2(service.startListening() != 0, service.log().constData());
    } else {
        QVERIFY(service.start({QStringLiteral("--config"), path}));
        QTRY_VERIFY2_WITH_TIMEOUT(service.port() != 0 || !service.isRunning(),
                                  service.log().constData(), timeouts::kRoundTrip);
        QVERIFY2(service.port() != 0, service.log().constData());
    }

    QFile maps(QStringLiteral("/proc/%1/maps").arg(service.pid()));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY(mapped.contains("libQt6Core"));
    for (const char *plugin : {"/platforms/", "libqxcb", "libqoffscreen", "libqwayland",
                               "libQt6XcbQpa", "libQt6WaylandClient", "/platformthemes/"})
        QVERIFY2(!mapped.contains(plugin), plugin);

    QVERIFY(service.signal(SIGTERM));
    QVERIFY(service.waitForExit(timeouts::kProcessExit));
    QCOMPARE(service.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_HeadlessService)
#include "tst_headlessservice.moc"
