// The fleet in one view (issue 27, point 4): real luna-sender processes on one real redis-server
// announce themselves there, and each one's GET /monitor/v1/instances lists them all with their
// state: serving, draining, gone after a SIGKILL (by expiry), absent after a clean stop. Garbage
// written under the prefix is ignored and logged; a token of one instance opens only its own port.

#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "RedisProcess.h"

#include <QJsonArray>
#include <QUuid>

#include <csignal>

using namespace sender::test;

namespace {

const QByteArray kTokenA = "fleet-token-a-3c9d1e";
const QByteArray kTokenB = "fleet-token-b-7f2a60";

// A fleet instance on `redis`, announcing every 200 ms (so the test waits little).
bool startInstance(Service &service, RedisServerProcess &redis, const QByteArray &name,
                   const QByteArray &token, const QByteArray &server = {},
                   const QByteArray &redisUrl = {})
{
    const QByteArray url =
        redisUrl.isEmpty() ? "redis://127.0.0.1:" + QByteArray::number(redis.port()) : redisUrl;
    return service.start("TOKEN = " + token + "\n",
                         "[REDIS]\nURL = " + url
                             + "\n[FLEET]\nANNOUNCE_INTERVAL_MS = 200\nGONE_KEEP_SECONDS = 600\n",
                         "INSTANCE_NAME = " + name + "\nDRAIN_SECONDS = 0\n" + server);
}

QJsonObject fleetOf(const Service &service, const QByteArray &token)
{
    return jsonOf(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/instances"), token));
}

QJsonObject instanceNamed(const QJsonObject &fleet, const QString &name)
{
    for (const QJsonValue &v : fleet.value(QStringLiteral("instances")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    }
    return {};
}

QString stateOf(const Service &service, const QByteArray &token, const QString &name)
{
    return instanceNamed(fleetOf(service, token), name).value(QStringLiteral("state")).toString();
}

int instanceCount(const Service &service, const QByteArray &token)
{
    return int(fleetOf(service, token).value(QStringLiteral("instances")).toArray().size());
}

// alpha (token A) and beta (token B, with `betaServer` more [SERVER] keys) on `redis`, true once
// alpha lists beta as serving.
bool startPair(RedisServerProcess &redis, Service &a, Service &b, const QByteArray &betaServer = {})
{
    if (!startInstance(a, redis, "alpha", kTokenA))
        return false;
    if (!startInstance(b, redis, "beta", kTokenB, betaServer))
        return false;
    return QTest::qWaitFor(
        [&] { return stateOf(a, kTokenA, QStringLiteral("beta")) == u"serving"; },
        timeouts::kRoundTrip);
}

} // namespace

// The cases, outside the QObject: moc reads only the slot list below.
struct FleetCases
{
    void twoInstancesSeeEachOther()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        Service a;
        Service b;
        QVERIFY2(startInstance(a, redis, "alpha", kTokenA), a.process.log().constData());
        QVERIFY2(startInstance(b, redis, "beta", kTokenB), b.process.log().constData());

        QTRY_COMPARE_WITH_TIMEOUT(stateOf(a, kTokenA, QStringLiteral("beta")),
                                  QStringLiteral("serving"), timeouts::kRoundTrip);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(b, kTokenB, QStringLiteral("alpha")),
                                  QStringLiteral("serving"), timeouts::kRoundTrip);
        const QJsonObject fleet = fleetOf(a, kTokenA);
        QCOMPARE(fleet.value(QStringLiteral("shared")).toBool(), true);
        QCOMPARE(fleet.value(QStringLiteral("redis")).toObject().value(QStringLiteral("up")),
                 QJsonValue(true));
        const QJsonObject self = instanceNamed(fleet, QStringLiteral("alpha"));
        QCOMPARE(self.value(QStringLiteral("self")).toBool(), true);
        QCOMPARE(fleet.value(QStringLiteral("self")).toString(),
                 self.value(QStringLiteral("id")).toString());
        QVERIFY(!QUuid::fromString(self.value(QStringLiteral("id")).toString()).isNull());
        QCOMPARE(instanceNamed(fleet, QStringLiteral("beta")).value(QStringLiteral("self")),
                 QJsonValue(false));

        // The document's required keys are there.
        const QHash<QString, QStringList> required = requiredKeys(
            monitorRequest(a.monitorPort, "GET", QStringLiteral("/monitor/v1/docs/spec"), {}).body);
        QVERIFY(!required.value(QStringLiteral("Fleet")).isEmpty());
        QCOMPARE(missingKeys(required, QStringLiteral("Fleet"), fleet), QStringList());
        QCOMPARE(missingKeys(required, QStringLiteral("Instance"), self), QStringList());

        // B's subscriber shows in A's view of B: the load comes through Redis.
        auto client = openClient(b.port, kDemoAccount);
        QVERIFY(QSignalSpy(client.get(), &QWebSocket::connected).wait(timeouts::kRoundTrip));
        QTRY_COMPARE_WITH_TIMEOUT(instanceNamed(fleetOf(a, kTokenA), QStringLiteral("beta"))
                                      .value(QStringLiteral("subscribers"))
                                      .toInt(),
                                  1, timeouts::kRoundTrip);

        // No announcement carries a token.
        const std::optional<RespReply> keys = redis.command({"KEYS", "luna-sender:instances:*"});
        QVERIFY(keys);
        QCOMPARE(keys->elements.size(), 2);
        for (const RespReply &key : keys->elements) {
            const std::optional<RespReply> value = redis.command({"GET", key.string});
            QVERIFY(value);
            QVERIFY(!value->string.contains(kTokenA) && !value->string.contains(kTokenB));
        }
    }

    void tokenOfOneInstanceIsRefusedByAnother()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        Service a;
        Service b;
        QVERIFY2(startPair(redis, a, b), QByteArray(a.process.log() + b.process.log()).constData());
        for (const QString &path :
             {QStringLiteral("/monitor/v1/instances"), QStringLiteral("/monitor/v1/overview")})
            QCOMPARE(monitorRequest(b.monitorPort, "GET", path, kTokenA).status, 401);
        QCOMPARE(monitorRequest(b.monitorPort, "GET", QStringLiteral("/monitor/v1/instances"), {})
                     .status,
                 401);
        QCOMPARE(
            monitorRequest(b.monitorPort, "GET", QStringLiteral("/monitor/v1/instances"), kTokenB)
                .status,
            200);
    }

    void cleanStopDisappearsAndKillTurnsGone()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        Service a;
        Service stopped;
        Service killed;
        QVERIFY2(startInstance(a, redis, "alpha", kTokenA), a.process.log().constData());
        QVERIFY2(startInstance(stopped, redis, "stopped-cleanly", kTokenB),
                 stopped.process.log().constData());
        QVERIFY2(startInstance(killed, redis, "killed", kTokenB), killed.process.log().constData());
        QTRY_COMPARE_WITH_TIMEOUT(instanceCount(a, kTokenA), 3, timeouts::kRoundTrip);

        QVERIFY(stopped.process.signal(SIGTERM));
        QVERIFY(stopped.process.waitForExit(timeouts::kProcessExit));
        QTRY_COMPARE_WITH_TIMEOUT(instanceCount(a, kTokenA), 2, timeouts::kRoundTrip);
        QVERIFY(instanceNamed(fleetOf(a, kTokenA), QStringLiteral("stopped-cleanly")).isEmpty());

        QVERIFY(killed.process.signal(SIGKILL));
        QVERIFY(killed.process.waitForExit(timeouts::kProcessExit));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(a, kTokenA, QStringLiteral("killed")),
                                  QStringLiteral("gone"), timeouts::kRoundTrip);
        QVERIFY(instanceNamed(fleetOf(a, kTokenA), QStringLiteral("killed"))
                    .value(QStringLiteral("gone_since"))
                    .isString());
    }

    void drainingShowsAsDraining()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        Service a;
        Service b;
        QVERIFY2(startInstance(a, redis, "alpha", kTokenA), a.process.log().constData());
        // Later keys win: the subscriber below keeps B draining while the test looks.
        QVERIFY2(startInstance(b, redis, "beta", kTokenB, "DRAIN_SECONDS = 3600\n"),
                 b.process.log().constData());
        auto client = openClient(b.port, kDemoAccount);
        QVERIFY(QSignalSpy(client.get(), &QWebSocket::connected).wait(timeouts::kRoundTrip));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(a, kTokenA, QStringLiteral("beta")),
                                  QStringLiteral("serving"), timeouts::kRoundTrip);
        QVERIFY(b.process.signal(SIGUSR2));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(a, kTokenA, QStringLiteral("beta")),
                                  QStringLiteral("draining"), timeouts::kRoundTrip);
    }

    void garbageUnderThePrefixIsIgnoredAndLogged()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        const QByteArray p = "luna-sender:instances:";
        const QByteArray id1 = "0f3c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e21";
        const QByteArray id2 = "0f3c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e22";
        const QByteArray id3 = "0f3c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e23";
        const QByteArray id4 = "0f3c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e24";
        const QByteArray good = R"({"v":1,"id":")" + id3
            + R"(","name":"x","host":"h","listen":"0.0.0.0:1","monitor":"","version":"1",)"
              R"("started_at":"2026-01-01T00:00:00.000Z","announced_at":"2026-01-01T00:00:00.000Z",)"
              R"("state":"serving","connections":"many","subscribers":0,"events_per_second":0,)"
              R"("deliveries_per_second":0})";
        const QList<QList<QByteArray>> garbage = {
            {"SET", p + "not-a-uuid", "{}"},
            {"SET", p + id1, "{not json"},
            {"SET", p + id2, R"({"v":1,"id":")" + id1 + R"("})"}, // its id is not its key's
            {"SET", p + id3, good}, // a string where a number belongs
            {"SET", p + id4, QByteArray(10000, 'x')},
            {"HSET", p + "0f3c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e25", "a", "b"},
        };
        for (const RespReply &reply : redis.pipeline(garbage))
            QVERIFY2(!reply.isError(), reply.toDebugText().constData());
        failOnQtWarnings();
        Service a;
        Service b;
        QVERIFY2(startPair(redis, a, b), QByteArray(a.process.log() + b.process.log()).constData());
        QCOMPARE(instanceCount(a, kTokenA), 2);
        QTRY_VERIFY_WITH_TIMEOUT(a.process.count("ignoring the announcement under") >= 5,
                                 timeouts::kRoundTrip);
        QVERIFY(a.process.log().contains("not JSON"));
        QVERIFY(a.process.log().contains("is not the id in its key"));
        QVERIFY(a.process.log().contains("larger than 4096 bytes"));
        QVERIFY(a.process.log().contains("'connections' is not a whole number"));
        // Rate-limited: five lines, not five a round.
        const int logged = a.process.count("ignoring the announcement under");
        QTRY_COMPARE_WITH_TIMEOUT(instanceCount(a, kTokenA), 2, timeouts::kSignal);
        QVERIFY2(a.process.count("ignoring the announcement under") <= 5 && logged <= 5,
                 a.process.log().constData());
    }

    void redisDownShowsInItsOwnHealth()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        Service a;
        Service b;
        QVERIFY2(startPair(redis, a, b), QByteArray(a.process.log() + b.process.log()).constData());

        QVERIFY(redis.kill9());
        QTRY_COMPARE_WITH_TIMEOUT(fleetOf(a, kTokenA)
                                      .value(QStringLiteral("redis"))
                                      .toObject()
                                      .value(QStringLiteral("up")),
                                  QJsonValue(false), timeouts::kRoundTrip);
        const QJsonObject fleet = fleetOf(a, kTokenA);
        QVERIFY(!fleet.value(QStringLiteral("redis"))
                     .toObject()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .isEmpty());
        // What it knew stays, marked by the link's state: an unread Redis says nobody is gone.
        QCOMPARE(stateOf(a, kTokenA, QStringLiteral("beta")), QStringLiteral("serving"));
        QNetworkAccessManager nam;
        const HttpResult health =
            httpGet(nam, QUrl(QStringLiteral("http://127.0.0.1:%1/healthcheck").arg(a.port)));
        QCOMPARE(health.status, 502);
        QVERIFY2(health.body.contains("\"redis\""), health.body.constData());
    }

    void embeddedBusFleetIsThisInstance()
    {
        Service a;
        QVERIFY2(a.start("TOKEN = " + kTokenA + "\n", {}, "INSTANCE_NAME = solo\n"),
                 a.process.log().constData());
        const QJsonObject fleet = fleetOf(a, kTokenA);
        QCOMPARE(fleet.value(QStringLiteral("shared")).toBool(), false);
        QCOMPARE(fleet.value(QStringLiteral("instances")).toArray().size(), 1);
        QCOMPARE(instanceNamed(fleet, QStringLiteral("solo")).value(QStringLiteral("self")),
                 QJsonValue(true));
    }

    void invalidValuesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("interval too short") << QByteArray("--set=FLEET.ANNOUNCE_INTERVAL_MS=10");
        QTest::newRow("interval not a number")
            << QByteArray("--set=FLEET.ANNOUNCE_INTERVAL_MS=soon");
        QTest::newRow("gone keep negative") << QByteArray("--set=FLEET.GONE_KEEP_SECONDS=-1");
        QTest::newRow("name too long")
            << QByteArray("--set=SERVER.INSTANCE_NAME=" + QByteArray(65, 'n'));
    }
    void invalidValuesAreErrors()
    {
        QFETCH(QByteArray, line);
        ServiceProcess process;
        process.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n[MONITOR]\nENABLED = 0\n");
        QVERIFY(process.start({QStringLiteral("--headless"), QStringLiteral("--config"),
                               process.configPath(), QString::fromLatin1(line)}));
        QVERIFY(process.waitForExit(timeouts::kProcessExit));
        QVERIFY2(process.exitCode() != 0, process.log().constData());
        const QByteArray key = line.mid(6, line.indexOf('=', 6) - 6);
        QVERIFY2(process.log().contains(key), process.log().constData());
    }
};

class tst_Fleet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void twoInstancesSeeEachOther() { FleetCases().twoInstancesSeeEachOther(); }
    void tokenOfOneInstanceIsRefusedByAnother()
    {
        FleetCases().tokenOfOneInstanceIsRefusedByAnother();
    }
    void cleanStopDisappearsAndKillTurnsGone()
    {
        FleetCases().cleanStopDisappearsAndKillTurnsGone();
    }
    void drainingShowsAsDraining() { FleetCases().drainingShowsAsDraining(); }
    void garbageUnderThePrefixIsIgnoredAndLogged()
    {
        FleetCases().garbageUnderThePrefixIsIgnoredAndLogged();
    }
    void redisDownShowsInItsOwnHealth() { FleetCases().redisDownShowsInItsOwnHealth(); }
    void embeddedBusFleetIsThisInstance() { FleetCases().embeddedBusFleetIsThisInstance(); }
    void invalidValuesAreErrors_data() { FleetCases().invalidValuesAreErrors_data(); }
    void invalidValuesAreErrors() { FleetCases().invalidValuesAreErrors(); }
};

QTEST_GUILESS_MAIN(tst_Fleet)
#include "tst_fleet.moc"
