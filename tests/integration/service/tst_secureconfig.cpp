// Issue 18, from outside the process: configuration that could weaken the service is refused
// (--check-config, start and SIGHUP alike, the running policy kept), secrets never reach the log.

#include "FailOnWarnings.h"
#include "RedisProcess.h"
#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <csignal>

using namespace sender::test;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

QByteArray configWith(const QByteArray &more = {})
{
    return "[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n" + more;
}

enum class Outcome { Subscribed, Refused, NoAnswer };

// What happens to a subscriber of kAccount that brings no token.
Outcome subscribeWithoutToken(quint16 port)
{
    std::unique_ptr<QWebSocket> socket = openClient(port, kAccount);
    QSignalSpy connected(socket.get(), &QWebSocket::connected);
    // A refused handshake ends in error() without connected() (Qt 6.4 has no
    // QWebSocket::errorOccurred).
    QSignalSpy ended(socket.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    if (!QTest::qWaitFor([&] { return connected.size() + ended.size() > 0; }, timeouts::kRoundTrip))
        return Outcome::NoAnswer;
    return connected.isEmpty() ? Outcome::Refused : Outcome::Subscribed;
}

struct Answer
{
    int status = 0;
    QByteArray body;
};

// One request to 127.0.0.1:<port> (event loop running while it waits).
Answer request(quint16 port, const QByteArray &verb, const QByteArray &path,
               const QList<std::pair<QByteArray, QByteArray>> &headers = {},
               const QByteArray &body = {})
{
    QNetworkAccessManager manager;
    QNetworkRequest r(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + QString::fromLatin1(path)));
    for (const auto &[name, value] : headers)
        r.setRawHeader(name, value);
    std::unique_ptr<QNetworkReply> reply(manager.sendCustomRequest(r, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeouts::kRoundTrip))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

} // namespace

class tst_SecureConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { failOnQtWarnings(); }

    // The Debian package's default configuration, seen from outside by a stranger who knows one
    // account id: the warning about the open /metrics is in the journal, /metrics and /config
    // name no account, publishing is off, and no secret is anywhere.
    void packageDefaultsSeenByAStranger()
    {
        QFile packaged(QStringLiteral(LUNA_SENDER_GENERATED_CONFIG));
        QVERIFY2(packaged.open(QIODevice::ReadOnly), LUNA_SENDER_GENERATED_CONFIG);
        const QByteArray ini = packaged.readAll();
        QVERIFY(ini.contains("HOST = 0.0.0.0"));
        // Not DEMO.ACCOUNT, which /config shows on purpose.
        const QByteArray kCustomer = "904e635f-3a47-4832-b4d6-d2d72ba78451";
        ServiceProcess service;
        service.writeConfig(ini);
        // Port 0 instead of 5080, so that the test never collides; the package's alert files
        // (its conffile and its state directory) in a directory of the test; all else as
        // installed.
        QTemporaryDir alerts;
        QFile rules(alerts.filePath(QStringLiteral("alerts.json")));
        QVERIFY(rules.open(QIODevice::WriteOnly) && rules.write(R"({"rules": []})") > 0);
        rules.close();
        const quint16 port = service.startListening(
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--set"),
             QStringLiteral("ALERTS.RULES_FILE=") + rules.fileName(), QStringLiteral("--set"),
             QStringLiteral("ALERTS.LOG_FILE=") + alerts.filePath(QStringLiteral("alerts.log"))});
        QVERIFY2(port != 0, service.log().constData());
        QCOMPARE(service.count("/metrics is served on 0.0.0.0 without METRICS.TOKEN"), 1);

        // A subscriber of the account is connected (the original service needs no token).
        std::unique_ptr<QWebSocket> subscriber = openClient(port, kCustomer);
        QSignalSpy connected(subscriber.get(), &QWebSocket::connected);
        QVERIFY(connected.wait(timeouts::kRoundTrip));

        const Answer metrics = request(port, "GET", "/metrics");
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.body.contains("\nluna_sender_websocket_clients 1\n"));
        QVERIFY2(!metrics.body.contains(kCustomer), metrics.body.constData());
        QVERIFY(!metrics.body.contains("clients_by_account"));

        const Answer config = request(port, "GET", "/config");
        QCOMPARE(config.status, 200);
        QVERIFY(!config.body.contains(kCustomer));
        QVERIFY(config.body.contains("\"ACCOUNT_LABELS\": 0"));

        const Answer publish = request(port, "POST", "/1/publish",
                                       {{"Luna-Account-Id", kCustomer},
                                        {"Authorization", "Bearer anything"},
                                        {"Content-Type", "application/json"}},
                                       R"({"events": [{"source": "forged"}]})");
        QCOMPARE(publish.status, 404);

        QVERIFY(service.signal(SIGTERM));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));
        QCOMPARE(service.exitCode(), 0);
    }

    // Finding 3: a braced {uuid} passed validation and was then dropped by the access policy, so
    // with every entry dropped nobody needed a token.
    void bracedAccountTokenIsAConfigurationError()
    {
        ServiceProcess process;
        process.writeConfig(
            configWith("[ACCESS]\nACCOUNT_TOKENS = {" + kAccount + "}:tok-Secret-1\n"));
        QVERIFY(process.start(
            {QStringLiteral("--check-config"), QStringLiteral("--config"), process.configPath()}));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QVERIFY2(process.exitCode() == 78, process.log().constData());
        QVERIFY2(process.count("ACCESS.ACCOUNT_TOKENS") >= 1, process.log().constData());
        QVERIFY2(!process.log().contains("tok-Secret-1"), process.log().constData());

        ServiceProcess service;
        service.writeConfig(
            configWith("[ACCESS]\nACCOUNT_TOKENS = {" + kAccount + "}:tok-Secret-1\n"));
        QVERIFY(service.start(
            {QStringLiteral("--headless"), QStringLiteral("--config"), service.configPath()}));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));
        QVERIFY2(service.exitCode() == 78, service.log().constData());
        QCOMPARE(service.port(), quint16(0));
    }

    // Finding 1: /metrics open to other hosts without a token is said at start, once; loopback
    // or a token is quiet.
    void openMetricsOffLoopbackWarns_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<bool>("warns");
        QTest::newRow("all interfaces, no token")
            << QByteArray("[SERVER]\nHOST = 0.0.0.0\nPORT = 0\n") << true;
        QTest::newRow("all interfaces, token")
            << QByteArray("[SERVER]\nHOST = 0.0.0.0\nPORT = 0\n[METRICS]\nTOKEN = prom-Secret\n")
            << false;
        QTest::newRow("all interfaces, metrics off")
            << QByteArray("[SERVER]\nHOST = 0.0.0.0\nPORT = 0\n[METRICS]\nENABLED = 0\n") << false;
        QTest::newRow("loopback") << configWith() << false;
    }
    void openMetricsOffLoopbackWarns()
    {
        QFETCH(QByteArray, ini);
        QFETCH(bool, warns);
        ServiceProcess service;
        service.writeConfig(ini);
        QVERIFY2(service.startListening() != 0, service.log().constData());
        QCOMPARE(service.count("without METRICS.TOKEN"), warns ? 1 : 0);
        QVERIFY(!service.log().contains("prom-Secret"));
        QVERIFY(service.signal(SIGTERM));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));
    }

    // Finding 6: Qt's URL error text quoted the whole Redis URL, password and all, into the
    // journal: on --check-config, on start and on SIGHUP.
    void redisPasswordNeverInConfigurationErrors()
    {
        const QByteArray bad = "redis://luna:Pw-s3cr3t-9@redis.example:99999/0";
        ServiceProcess check;
        QVERIFY(check.start({QStringLiteral("--check-config"), QStringLiteral("--redis"),
                             QString::fromLatin1(bad)}));
        QVERIFY(check.waitForExit(timeouts::kProcessExit));
        QCOMPARE(check.exitCode(), 78);
        QVERIFY2(check.count("REDIS.URL") >= 1, check.log().constData());
        QVERIFY2(!check.log().contains("s3cr3t"), check.log().constData());

        ServiceProcess typo; // --set with ':' for '=' echoes the item: masked
        QVERIFY(typo.start({QStringLiteral("--check-config"), QStringLiteral("--set"),
                            QStringLiteral("REDIS.URL:") + QString::fromLatin1(bad)}));
        QVERIFY(typo.waitForExit(timeouts::kProcessExit));
        QCOMPARE(typo.exitCode(), 2);
        QVERIFY2(!typo.log().contains("s3cr3t"), typo.log().constData());

        ServiceProcess service;
        service.writeConfig(configWith());
        const quint16 port = service.startListening();
        QVERIFY2(port != 0, service.log().constData());
        service.writeConfig(configWith("[REDIS]\nURL = " + bad + "\n"));
        QVERIFY(service.signal(SIGHUP));
        QTRY_VERIFY2_WITH_TIMEOUT(service.count("configuration not reloaded") == 1,
                                  service.log().constData(), timeouts::kSignal);
        QVERIFY2(service.count("REDIS.URL") >= 1, service.log().constData());
        QVERIFY2(!service.log().contains("s3cr3t"), service.log().constData());
        QVERIFY(service.signal(SIGTERM));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));

        ServiceProcess start;
        start.writeConfig(configWith("[REDIS]\nURL = " + bad + "\n"));
        QVERIFY(start.start(
            {QStringLiteral("--headless"), QStringLiteral("--config"), start.configPath()}));
        QVERIFY(start.waitForExit(timeouts::kProcessExit));
        QCOMPARE(start.exitCode(), 78);
        QVERIFY2(!start.log().contains("s3cr3t"), start.log().constData());
    }

    // Finding 9: a password given with --redis shows in the process list. It can come from the
    // environment or a file instead (and one given on the command line is warned about).
    void redisPasswordOutOfTheProcessList_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("environment") << QStringLiteral("environment");
        QTest::newRow("file") << QStringLiteral("file");
        QTest::newRow("command line") << QStringLiteral("command line");
    }
    void redisPasswordOutOfTheProcessList()
    {
        QFETCH(QString, how);
        const QString password = QStringLiteral("Redis-s3cr3t-7");
        RedisServerProcess::Options options;
        options.password = password;
        RedisServerProcess redis(options);
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        const QByteArray url = "redis://127.0.0.1:" + QByteArray::number(redis.port());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ServiceProcess service;
        QStringList extra;
        if (how == u"environment") {
            service.writeConfig(configWith("[REDIS]\nURL = " + url + "\n"));
            service.setEnvironment(QStringLiteral("LUNA_SENDER_REDIS_PASSWORD"), password);
        } else if (how == u"file") {
            QFile file(dir.filePath(QStringLiteral("redis-password")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(password.toUtf8() + '\n'); // as `echo` or an editor leaves it
            file.close();
            service.writeConfig(configWith(
                "[REDIS]\nURL = " + url + "\nPASSWORD_FILE = " + file.fileName().toUtf8() + "\n"));
        } else {
            service.writeConfig(configWith());
            extra = {QStringLiteral("--redis"),
                     QStringLiteral("redis://:%1@127.0.0.1:%2").arg(password).arg(redis.port())};
        }
        QVERIFY2(service.startListening(extra) != 0, service.log().constData());
        QTRY_VERIFY2_WITH_TIMEOUT(service.count("redis source up") == 1, service.log().constData(),
                                  timeouts::kRoundTrip);
        QCOMPARE(service.count("holds a secret given on the command line"),
                 how == u"command line" ? 1 : 0);
        QVERIFY2(!service.log().contains("s3cr3t"), service.log().constData());
        QVERIFY(service.signal(SIGTERM));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));
    }

    void unusableRedisPasswordIsAConfigurationError_data()
    {
        QTest::addColumn<QByteArray>("redis");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("missing file")
            << QByteArray("URL = redis://127.0.0.1:1\nPASSWORD_FILE = /nonexistent/redis-pw\n")
            << QByteArray("REDIS.PASSWORD_FILE: cannot read '/nonexistent/redis-pw'");
        QTest::newRow("twice") << QByteArray("URL = redis://:a@127.0.0.1:1\nPASSWORD = b\n")
                               << QByteArray("the Redis password is given more than once");
        QTest::newRow("nothing to connect to")
            << QByteArray("PASSWORD = b\n") << QByteArray("need REDIS.URL or REDIS.SENTINELS");
    }
    void unusableRedisPasswordIsAConfigurationError()
    {
        QFETCH(QByteArray, redis);
        QFETCH(QByteArray, named);
        ServiceProcess process;
        process.writeConfig(configWith("[REDIS]\n" + redis));
        QVERIFY(process.start(
            {QStringLiteral("--check-config"), QStringLiteral("--config"), process.configPath()}));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QCOMPARE(process.exitCode(), 78);
        QVERIFY2(process.count(named) == 1, process.log().constData());
    }

    // Validated as it is used: --check-config reads the server's TLS files with the function the
    // start uses (it only checked that both keys were set).
    void unusableServerTlsFailsTheCheck()
    {
        ServiceProcess process;
        QVERIFY(process.start({QStringLiteral("--check-config"), QStringLiteral("--set"),
                               QStringLiteral("SERVER.TLS_CERTIFICATE=/nonexistent/cert.pem"),
                               QStringLiteral("--set"),
                               QStringLiteral("SERVER.TLS_PRIVATE_KEY=/nonexistent/key.pem")}));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QCOMPARE(process.exitCode(), 78);
        QVERIFY2(process.count("cannot read the TLS certificate '/nonexistent/cert.pem'") == 1,
                 process.log().constData());
    }

    void reloadWithAnUnusableTokenKeepsThePolicy()
    {
        ServiceProcess service;
        service.writeConfig(configWith("[ACCESS]\nACCOUNT_TOKENS = " + kAccount + ":tok-1\n"));
        const quint16 port = service.startListening();
        QVERIFY2(port != 0, service.log().constData());
        QCOMPARE(subscribeWithoutToken(port), Outcome::Refused);

        service.writeConfig(configWith("[ACCESS]\nACCOUNT_TOKENS = {" + kAccount + "}:tok-2\n"));
        QVERIFY(service.signal(SIGHUP));
        QTRY_VERIFY2_WITH_TIMEOUT(service.count("configuration not reloaded") == 1,
                                  service.log().constData(), timeouts::kSignal);
        QCOMPARE(subscribeWithoutToken(port),
                 Outcome::Refused); // the running policy still asks for a token
        QVERIFY(!service.log().contains("tok-2"));

        QVERIFY(service.signal(SIGTERM));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));
        QCOMPARE(service.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_SecureConfig)
#include "tst_secureconfig.moc"
