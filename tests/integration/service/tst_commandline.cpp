// The command line of the real binary, as a child process: --version; --host, --port, --demo,
// --set and --log-level reaching the effective configuration (--check-config prints it) and
// taking effect in a running service (it listens where told, generates demo events for a real
// WebSocket client, and logs at the level asked); bad values refused with the key named.
//
// And the journald logging path (app/Logging.cpp). systemd is not PID 1 here, so no journal
// runs; what is real is what systemd does for a service: it connects stderr to journald's stream
// socket and sets JOURNAL_STREAM, and journald reads each line's "<priority>" prefix
// (SyslogLevelPrefix). The test sets JOURNAL_STREAM for the real process and checks exactly the
// bytes journald would read: every line "<N>category: text", N the syslog priority of the
// level, no time stamp and no colour.

#include "FailOnWarnings.h"
#include "RedisProcess.h"
#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <csignal>

using namespace sender::test;

namespace {

const QByteArray kDemoAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

} // namespace

class tst_CommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void version()
    {
        ServiceProcess process;
        QVERIFY(process.start({QStringLiteral("--version")}));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QCOMPARE(process.exitCode(), 0);
        static const QRegularExpression line(QStringLiteral(
            "^luna-sender \\d+\\.\\d+\\.\\d+ \\(Luna Sender API 1, Qt 6\\.\\d+\\.\\d+\\)\\n$"));
        QVERIFY2(line.match(QString::fromUtf8(process.log())).hasMatch(),
                 process.log().constData());
    }

    void flagsReachTheConfiguration()
    {
        ServiceProcess process;
        process.writeConfig("[SERVER]\nHOST = 0.0.0.0\nPORT = 5080\n");
        QVERIFY(process.start(
            {QStringLiteral("--check-config"), QStringLiteral("--config"), process.configPath(),
             QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
             QStringLiteral("6123"), QStringLiteral("--demo"), QStringLiteral("--set"),
             QStringLiteral("WEBSOCKET.SEND_QUEUE_BYTES=131072"), QStringLiteral("--log-level"),
             QStringLiteral("warning")}));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray printed = process.log();
        // The command line wins over the file.
        for (const char *expected :
             {"[SERVER]\nHOST = 127.0.0.1\nPORT = 6123\n", "\nSEND_QUEUE_BYTES = 131072\n",
              "\n[DEMO]\nENABLED = 1\n", "\n[LOGGING]\nLEVEL = warning\n"})
            QVERIFY2(printed.contains(expected), printed.constData());
    }

    void badValuesNameTheKey_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("--port") << QStringList {QStringLiteral("--port"), QStringLiteral("70000")}
                                << 78 << QByteArray("SERVER.PORT");
        QTest::newRow("--host") << QStringList {QStringLiteral("--host"), QStringLiteral("nowhere")}
                                << 78 << QByteArray("SERVER.HOST");
        QTest::newRow("--log-level")
            << QStringList {QStringLiteral("--log-level"), QStringLiteral("loud")} << 78
            << QByteArray("LOGGING.LEVEL");
        QTest::newRow("--set value")
            << QStringList {QStringLiteral("--set"), QStringLiteral("WEBSOCKET.SEND_QUEUE_BYTES=1")}
            << 78 << QByteArray("WEBSOCKET.SEND_QUEUE_BYTES");
        QTest::newRow("--set form") << QStringList {QStringLiteral("--set"), QStringLiteral("x")}
                                    << 2 << QByteArray("--set takes SECTION.KEY=value");
    }
    void badValuesNameTheKey()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, named);
        ServiceProcess process;
        QVERIFY(process.start(QStringList {QStringLiteral("--check-config")} + arguments));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QCOMPARE(process.exitCode(), exitCode);
        QVERIFY2(process.log().contains(named), process.log().constData());
    }

    // --check-config reads the alert rules file as the start does: a missing file, bad JSON or a
    // condition the filter parser refuses fails the check with the key and the subscriber's own
    // message; a good file passes.
    void checkConfigReadsTheAlertRules_data()
    {
        QTest::addColumn<QByteArray>("rules"); // empty: no file at that path
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("good") << QByteArray(R"({"rules": [{"name": "wanted", "severity": "critical",
                          "condition": "age__gte=50"}]})")
                              << 0 << QByteArray("the configuration is valid");
        QTest::newRow("missing") << QByteArray() << 78 << QByteArray("ALERTS.RULES_FILE: ");
        QTest::newRow("not json") << QByteArray("{\"rules\": [") << 78
                                  << QByteArray("ALERTS.RULES_FILE: ");
        QTest::newRow("bad condition") << QByteArray(R"({"rules": [{"name": "x", "severity": "info",
                          "condition": "age__gte=old"}]})")
                                       << 78 << QByteArray("age__gte");
    }
    void checkConfigReadsTheAlertRules()
    {
        QFETCH(QByteArray, rules);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, said);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("alerts.json"));
        if (!rules.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(rules), rules.size());
        }
        ServiceProcess process;
        process.writeConfig("[ALERTS]\nRULES_FILE = " + path.toUtf8() + "\n");
        QVERIFY(process.start(
            {QStringLiteral("--check-config"), QStringLiteral("--config"), process.configPath()}));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QVERIFY2(process.log().contains(said), process.log().constData());
        QCOMPARE(process.exitCode(), exitCode);
        if (exitCode != 0)
            QVERIFY2(process.log().contains("configuration error: ALERTS.RULES_FILE: "),
                     process.log().constData());
    }

    // A running service takes --host, --port, --demo and --log-level from the command line over
    // its configuration file.
    void runningServiceFollowsTheFlags()
    {
        const quint16 port = findFreePort();
        QVERIFY(port != 0);
        ServiceProcess process;
        process.writeConfig("[SERVER]\nHOST = 0.0.0.0\nPORT = 1\n[LOGGING]\nLEVEL = debug\n");
        QVERIFY(process.start({QStringLiteral("--headless"), QStringLiteral("--config"),
                               process.configPath(), QStringLiteral("--host"),
                               QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                               QString::number(port), QStringLiteral("--demo"),
                               QStringLiteral("--set"), QStringLiteral("DEMO.RATE=50"),
                               QStringLiteral("--log-level"), QStringLiteral("error")}));
        // Demo events reach a client on that port (no Redis anywhere).
        std::unique_ptr<QWebSocket> client;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                client = openClient(port, kDemoAccount);
                QSignalSpy connected(client.get(), &QWebSocket::connected);
                return connected.wait(timeouts::kSignal);
            }(),
            timeouts::kRoundTrip);
        QSignalSpy frames(client.get(), &QWebSocket::textMessageReceived);
        QVERIFY(frames.wait(timeouts::kRoundTrip));
        QVERIFY(frames.first().first().toString().contains(QStringLiteral("event_id")));
        QCOMPARE(process.port(), quint16(0)); // at level error, not even "listening on" is logged
        QVERIFY(process.signal(SIGTERM));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(!process.log().contains(" INFO "), process.log().constData());
    }

    void journaldStreamFormat()
    {
        ServiceProcess process;
        process.setEnvironment(QStringLiteral("JOURNAL_STREAM"), QStringLiteral("8:12345"));
        // An unusable Redis makes a warning (priority 4) besides the info lines (6).
        const quint16 unused = findFreePort();
        const quint16 port = process.startListening(
            {QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1:%1").arg(unused)});
        QVERIFY2(port != 0, process.log().constData());
        QTRY_VERIFY2_WITH_TIMEOUT(process.log().contains("<4>"), process.log().constData(),
                                  timeouts::kRoundTrip);
        QVERIFY(process.signal(SIGTERM));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QCOMPARE(process.exitCode(), 0);

        static const QRegularExpression journalLine(
            QStringLiteral("^<[0-7]>[a-z][a-z.]*: [^\\x1b]*$"));
        const QList<QByteArray> lines = process.log().trimmed().split('\n');
        QVERIFY(lines.size() >= 3);
        for (const QByteArray &line : lines)
            QVERIFY2(journalLine.match(QString::fromUtf8(line)).hasMatch(), line.constData());
        const QByteArray log = process.log();
        QVERIFY2(log.contains("<6>sender.engine: listening on 127.0.0.1:"), log.constData());
        QVERIFY2(log.contains("<6>sender.app: SIGTERM"), log.constData());
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
