// The production wiring (section 6.1) with a real redis-server started by the test: a PUBLISH on
// luna-sender:<account> from an ordinary Redis connection reaches exactly the right WebSocket
// clients in the exact format; Redis killed with SIGKILL leaves the clients connected and turns
// /healthcheck to 502; Redis back on the same port, delivery resumes within seconds.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RedisProcess.h"
#include "RespClient.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace sender::test;

namespace {
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kAccountB = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

QByteArray channel(const QByteArray &account)
{
    return "luna-sender:" + account;
}

// Whether the Sender listens on the account's channel (a per-account or a pattern subscription).
bool senderSubscribed(RedisServerProcess &redis, const QByteArray &account)
{
    const auto numsub = redis.command({"PUBSUB", "NUMSUB", channel(account)});
    if (numsub && numsub->elements.size() == 2 && numsub->elements.at(1).integer > 0)
        return true;
    const auto numpat = redis.command({"PUBSUB", "NUMPAT"});
    return numpat && numpat->integer > 0;
}

QString redisUrl(const RedisProcess &redis, const QByteArray &credentials = {})
{
    return QStringLiteral("redis://%1%2:%3/2")
        .arg(QString::fromLatin1(credentials), redis.host())
        .arg(redis.port());
}
} // namespace

class TestWsRedis : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        // And messages that are not events are skipped with a warning.
        sender::test::failOnQtWarnings(
            {"(retry in ", "redis source DOWN", "malformed message from"});
    }
    void publishReachesExactlyTheRightClients()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis)}}),
                 qPrintable(server.errorString()));

        WsClient all;
        QVERIFY2(all.open(server.wsUrl("/2/ws"), kAccount), qPrintable(all.errorString()));
        WsClient men;
        QVERIFY2(men.open(server.wsUrl("/1/ws?gender=1"), kAccount), qPrintable(men.errorString()));
        WsClient other;
        QVERIFY2(other.open(server.wsUrl("/2/ws"), kAccountB), qPrintable(other.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(senderSubscribed(redis, kAccount), timeouts::kSignal);
        QTRY_VERIFY_WITH_TIMEOUT(senderSubscribed(redis, kAccountB), timeouts::kSignal);
        const HttpResult health = httpGet(m_nam, server.httpUrl("/healthcheck"));
        QVERIFY2(health.status == 200, qPrintable(health.describe()));

        // An ordinary client connection, as a handler (or redis-cli) would publish.
        RespClient publisher;
        QVERIFY2(publisher.connectTo(redis.host(), redis.port()),
                 qPrintable(publisher.errorString()));
        const QByteArray male =
            R"({"event_id": "r1", "face_attributes": {"basic_attributes": {"age": 50, "gender": 1}}, "n": 1e-12, "u": "caf\u00e9"})";
        const QByteArray female =
            R"({"event_id": "r2", "face_attributes": {"basic_attributes": {"gender": 0}}})";
        const MessageMeta meta;
        const auto reply =
            publisher.command({"PUBLISH", channel(kAccount), redisMessage({male, female}, meta)});
        QVERIFY2(reply && reply->integer >= 1, qPrintable(publisher.errorString()));

        QVERIFY(all.waitForMessages(2));
        QVERIFY(men.waitForMessages(1));
        QString problem = frameProblem(all.messages.at(0), male, meta);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = frameProblem(all.messages.at(1), female, meta);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = frameProblem(men.messages.at(0), male, meta);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // Account B heard nothing of A: its own message is the first it gets.
        const QByteArray marker = R"({"event_id": "b1"})";
        QVERIFY(publisher.command({"PUBLISH", channel(kAccountB), redisMessage({marker}, meta)}));
        QVERIFY(other.waitForMessages(1));
        QCOMPARE(other.messages.size(), 1);
        QCOMPARE(eventField(other.messages.at(0), QStringLiteral("event_id")), QByteArray("b1"));
        QCOMPARE(all.messages.size(), 2);
        QCOMPARE(men.messages.size(), 1);

        // Malformed messages from Redis are counted and skipped; channels that only look like an
        // account's deliver nothing to it.
        const quint64 before = server.snapshot().malformed;
        QVERIFY(publisher.command({"PUBLISH", channel(kAccount), "{broken"}));
        QVERIFY(
            publisher.command({"PUBLISH", "luna-sender:not-an-account", redisMessage({marker})}));
        QVERIFY(publisher.command({"PUBLISH", channel(kAccount) + ":x", redisMessage({marker})}));
        QVERIFY(publisher.command({"PUBLISH", channel(kAccount) + "0", redisMessage({marker})}));
        QVERIFY(publisher.command(
            {"PUBLISH", "luna-sender:" + kAccount.toUpper() + "x", redisMessage({marker})}));
        QVERIFY(publisher.command(
            {"PUBLISH", channel(kAccount), redisMessage({R"({"event_id": "r3"})"}, meta)}));
        QVERIFY(all.waitForMessages(3));
        QCOMPARE(eventField(all.messages.at(2), QStringLiteral("event_id")), QByteArray("r3"));
        QCOMPARE(all.messages.size(), 3);
        // At least the broken one, which came on the account's own channel, was counted.
        QTRY_VERIFY_WITH_TIMEOUT(server.snapshot().malformed >= before + 1, timeouts::kSignal);
    }

    // The publish resource feeds the embedded bus, which runs alongside Redis.
    void httpPublishAlongsideRedis()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis)},
                               {QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                               {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("tk")}}),
                 qPrintable(server.errorString()));
        WsClient client;
        QVERIFY2(client.open(server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(senderSubscribed(redis, kAccount), timeouts::kSignal);
        QCOMPARE(redis.publish(channel(kAccount), redisMessage({R"({"event_id": "via-redis"})"})),
                 1);
        QVERIFY(client.waitForMessages(1));
        QNetworkRequest request(server.httpUrl("/1/publish"));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Luna-Account-Id", kAccount);
        request.setRawHeader("Authorization", "Bearer tk");
        const HttpResult r =
            httpRequest(m_nam, "POST", request, redisMessage({R"({"event_id": "via-http"})"}));
        QVERIFY2(r.status == 202, qPrintable(r.describe()));
        QVERIFY(client.waitForMessages(2));
        QCOMPARE(eventField(client.messages.at(1), QStringLiteral("event_id")),
                 QByteArray("via-http"));
    }

    void passwordAndDatabase()
    {
        RedisServerProcess::Options options;
        options.password = QStringLiteral("redis-pw");
        RedisServerProcess redis(options);
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis, ":redis-pw@")}}),
                 qPrintable(server.errorString()));
        WsClient client;
        QVERIFY2(client.open(server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(senderSubscribed(redis, kAccount), timeouts::kSignal);
        QCOMPARE(redis.publish(channel(kAccount), redisMessage({R"({"event_id": "pw"})"})), 1);
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(eventField(client.messages.at(0), QStringLiteral("event_id")), QByteArray("pw"));
        QCOMPARE(httpGet(m_nam, server.httpUrl("/healthcheck")).status, 200);
    }

    void redisKilledAndRestarted()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis)},
                               {QStringLiteral("REDIS.CONNECT_TIMEOUT_MS"), QStringLiteral("1000")},
                               {QStringLiteral("REDIS.PING_INTERVAL_MS"), QStringLiteral("500")}}),
                 qPrintable(server.errorString()));
        WsClient v1;
        QVERIFY2(v1.open(server.wsUrl("/1/ws"), kAccount), qPrintable(v1.errorString()));
        WsClient v2;
        QVERIFY2(v2.open(server.wsUrl("/2/ws?sources=cam1"), kAccount),
                 qPrintable(v2.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(senderSubscribed(redis, kAccount), timeouts::kSignal);
        const QByteArray first = R"({"event_id": "before", "source": "cam1"})";
        QCOMPARE(redis.publish(channel(kAccount), redisMessage({first})), 1);
        QVERIFY(v1.waitForMessages(1));
        QVERIFY(v2.waitForMessages(1));

        QVERIFY2(redis.kill9(), qPrintable(redis.errorString()));
        HttpResult health;
        QTRY_VERIFY2_WITH_TIMEOUT((health = httpGet(m_nam, server.httpUrl("/healthcheck"))).status
                                      == 502,
                                  qPrintable(health.describe()), timeouts::kRoundTrip);
        const QJsonArray errors = jsonObject(health.body).value(u"errors").toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).toObject().value(u"component").toString(), QStringLiteral("redis"));
        QCOMPARE(errors.at(0).toObject().value(u"error_code").toInteger(), 38001);
        QCOMPARE(errors.at(0).toObject().value(u"desc").toString(),
                 QStringLiteral("Health check error"));
        // The WebSocket clients do not notice.
        QVERIFY(v1.isConnected());
        QVERIFY(v2.isConnected());
        QVERIFY(!v1.wasDisconnected());

        QVERIFY2(redis.restart(), qPrintable(redis.errorString()));
        QElapsedTimer clock;
        clock.start();
        // Publish until Redis reports a receiver: that message, and only it, must arrive.
        const QByteArray after = R"({"event_id": "after", "source": "cam1"})";
        QVERIFY2(QTest::qWaitFor(
                     [&] { return redis.publish(channel(kAccount), redisMessage({after})) >= 1; },
                     timeouts::kRoundTrip),
                 "the Sender did not subscribe again within 10 s");
        QVERIFY(v1.waitForMessages(2));
        QVERIFY(v2.waitForMessages(2));
        qInfo("delivery resumed %lld ms after redis-server came back", clock.elapsed());
        QCOMPARE(eventField(v1.messages.at(1), QStringLiteral("event_id")), QByteArray("after"));
        QCOMPARE(eventField(v2.messages.at(1), QStringLiteral("event_id")), QByteArray("after"));
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(m_nam, server.httpUrl("/healthcheck")).status, 200,
                                  timeouts::kSignal);
        QCOMPARE(v1.messages.size(), 2);
        QCOMPARE(v2.messages.size(), 2);
    }

    // Redis not there when the Sender starts: 502 meanwhile, then it connects on its own.
    void redisAbsentAtStartup()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        QVERIFY2(redis.stop(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(
            server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis)},
                          {QStringLiteral("REDIS.CONNECT_TIMEOUT_MS"), QStringLiteral("500")}}),
            qPrintable(server.errorString()));
        WsClient client;
        QVERIFY2(client.open(server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(m_nam, server.httpUrl("/healthcheck")).status, 502,
                                  timeouts::kRoundTrip);

        QVERIFY2(redis.restart(), qPrintable(redis.errorString()));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return redis.publish(channel(kAccount),
                                              redisMessage({R"({"event_id": "late"})"}))
                             >= 1;
                     },
                     timeouts::kRoundTrip),
                 "the Sender never subscribed");
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(eventField(client.messages.at(0), QStringLiteral("event_id")), QByteArray("late"));
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(m_nam, server.httpUrl("/healthcheck")).status, 200,
                                  timeouts::kSignal);
    }

    // Redis frozen (SIGSTOP: the kernel still accepts, nothing answers) is down as well.
    void redisFrozen()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis)},
                               {QStringLiteral("REDIS.CONNECT_TIMEOUT_MS"), QStringLiteral("500")},
                               {QStringLiteral("REDIS.PING_INTERVAL_MS"), QStringLiteral("300")}}),
                 qPrintable(server.errorString()));
        WsClient client;
        QVERIFY2(client.open(server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(senderSubscribed(redis, kAccount), timeouts::kSignal);
        QCOMPARE(httpGet(m_nam, server.httpUrl("/healthcheck")).status, 200);

        QVERIFY2(redis.pause(), qPrintable(redis.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(httpGet(m_nam, server.httpUrl("/healthcheck")).status, 502,
                                  timeouts::kRoundTrip);
        QVERIFY(client.isConnected());
        QVERIFY2(redis.resume(), qPrintable(redis.errorString()));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return senderSubscribed(redis, kAccount)
                             && httpGet(m_nam, server.httpUrl("/healthcheck")).status == 200;
                     },
                     timeouts::kRoundTrip),
                 "not back after Redis thawed");
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return redis.publish(channel(kAccount),
                                              redisMessage({R"({"event_id": "thawed"})"}))
                             >= 1;
                     },
                     timeouts::kRoundTrip),
                 "the Sender never subscribed again");
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(eventField(client.messages.last(), QStringLiteral("event_id")),
                 QByteArray("thawed"));
    }
};

QTEST_GUILESS_MAIN(TestWsRedis)
#include "tst_wsredis.moc"
