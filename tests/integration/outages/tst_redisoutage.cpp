// Redis outages through the whole engine (issue 6, item 3), with default reconnect settings:
// redis-server killed with SIGKILL while events flow and started again on its port, and a
// "Redis" that accepts connections but never answers, later replaced by a real one. The engine
// must not crash, WebSocket clients must stay connected, /healthcheck must be 502 with a detail
// that says what is wrong, and delivery must resume within 2 s of Redis being back, with every
// event Redis acknowledged delivered exactly once. (The Redis source alone is tested in
// tests/integration/sources; the contract's own restart case is in subscriptions/tst_wsredis.)

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RedisProcess.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WireClient.h"
#include "WsClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

using namespace sender;
using namespace sender::test;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kQuietAccount = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

QByteArray channel(const QByteArray &account)
{
    return "luna-sender:" + account;
}

QString redisUrl(quint16 port)
{
    return QStringLiteral("redis://127.0.0.1:%1").arg(port);
}

// The single redis error of a 502 /healthcheck, or what is wrong with the answer.
QString healthProblem(const HttpResult &health, QString *detail)
{
    if (health.status != 502)
        return QStringLiteral("status %1, not 502: ").arg(health.status) + health.describe();
    const QJsonArray errors = jsonObject(health.body).value(u"errors").toArray();
    if (errors.size() != 1)
        return QStringLiteral("not exactly one error: ") + health.describe();
    const QJsonObject error = errors.at(0).toObject();
    if (error.value(u"component").toString() != u"redis"
        || error.value(u"error_code").toInteger() != 38001
        || error.value(u"desc").toString() != u"Health check error")
        return QStringLiteral("not the redis health error: ") + health.describe();
    *detail = error.value(u"detail").toString();
    return {};
}

qint64 sequenceOf(const QByteArray &frame)
{
    return eventField(frame, QStringLiteral("event_id")).toLongLong();
}

// Publishes one event every few milliseconds with a growing sequence number, remembering which
// ones Redis delivered to at least one subscriber (the Sender: the only one on the channel).
class Flow
{
public:
    explicit Flow(RedisServerProcess &redis)
        : m_redis(redis)
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { publishOne(); });
    }
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    const std::vector<qint64> &acknowledged() const { return m_acknowledged; }
    qint64 next() const { return m_next; }

private:
    void publishOne()
    {
        const qint64 seq = m_next++;
        const QByteArray event =
            "{\"event_id\": \"" + QByteArray::number(seq) + "\", \"source\": \"cam1\"}";
        if (m_redis.publish(channel(kAccount), redisMessage({event})) >= 1)
            m_acknowledged.push_back(seq);
    }

    RedisServerProcess &m_redis;
    QTimer m_timer;
    qint64 m_next = 0;
    std::vector<qint64> m_acknowledged;
};

} // namespace

class TestRedisOutage : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    HttpResult health(const SenderServer &server)
    {
        return httpGet(m_nam, server.httpUrl("/healthcheck"));
    }

    // Runs the event loop (the in-process server included) until pred() or timeoutMs, looking
    // every millisecond: the resume time is measured with it.
    static bool spin(const std::function<bool()> &pred, int timeoutMs)
    {
        return wire::runEventsUntil(pred, timeoutMs);
    }

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }
    void killedWhileEventsFlow()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis.port())}}),
                 qPrintable(server.errorString()));
        WsClient all;
        QVERIFY2(all.open(server.wsUrl("/2/ws"), kAccount), qPrintable(all.errorString()));
        WsClient filtered;
        QVERIFY2(filtered.open(server.wsUrl("/1/ws?sources=cam1"), kAccount),
                 qPrintable(filtered.errorString()));
        WsClient quiet;
        QVERIFY2(quiet.open(server.wsUrl("/2/ws"), kQuietAccount), qPrintable(quiet.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(health(server).status, 200, timeouts::kRoundTrip);

        Flow flow(redis);
        flow.start();
        QVERIFY2(spin([&] { return all.messages.size() >= 20; }, 10000),
                 "events do not flow before the outage");

        QVERIFY2(redis.kill9(), qPrintable(redis.errorString()));
        QElapsedTimer outage;
        outage.start();
        QString detail;
        HttpResult down;
        QVERIFY2(spin(
                     [&] {
                         down = health(server);
                         return healthProblem(down, &detail).isEmpty();
                     },
                     5000),
                 qPrintable(healthProblem(down, &detail)));
        qInfo("/healthcheck 502 %lld ms after the kill: %s", outage.elapsed(), qPrintable(detail));
        QVERIFY2(detail.contains(QString::number(redis.port())),
                 qPrintable(QStringLiteral("the detail does not name the server: ") + detail));

        // Let the outage last through a few reconnect attempts (their back-off grows), with the
        // publisher still trying all along.
        const auto reconnects = [&] {
            for (const SourceStatus &s : server.snapshot().sources) {
                if (s.kind == SourceKind::Redis)
                    return s.reconnects;
            }
            return quint64(0);
        };
        const quint64 reconnectsBefore = reconnects();
        QVERIFY(spin([&] { return reconnects() >= reconnectsBefore + 4; }, 15000));
        QString stillDown;
        QVERIFY2(healthProblem(health(server), &stillDown).isEmpty(),
                 "healthy while Redis is down");
        QVERIFY(all.isConnected() && filtered.isConnected() && quiet.isConnected());
        QVERIFY(!all.wasDisconnected() && !filtered.wasDisconnected() && !quiet.wasDisconnected());

        const qsizetype beforeRestart = all.messages.size();
        QVERIFY2(redis.restart(), qPrintable(redis.errorString()));
        QElapsedTimer back; // Redis answers PING from here on
        back.start();
        QVERIFY2(spin([&] { return all.messages.size() > beforeRestart; }, 10000),
                 "no delivery within 10 s of Redis being back");
        const qint64 resumedMs = back.elapsed();
        qInfo("delivery resumed %lld ms after redis-server was back (it was down %lld ms)",
              resumedMs, outage.elapsed() - resumedMs);
        QTRY_COMPARE_WITH_TIMEOUT(health(server).status, 200, timeouts::kSignal);

        // Some more, then stop and account for every event Redis acknowledged.
        const qint64 until = flow.next() + 50;
        QVERIFY(spin([&] { return flow.next() >= until; }, 10000));
        flow.stop();
        const std::vector<qint64> &acknowledged = flow.acknowledged();
        QVERIFY(spin([&] { return all.messages.size() >= qsizetype(acknowledged.size()); }, 5000));
        QVERIFY(
            spin([&] { return filtered.messages.size() >= qsizetype(acknowledged.size()); }, 5000));
        QCOMPARE(all.messages.size(), qsizetype(acknowledged.size()));
        QCOMPARE(filtered.messages.size(), qsizetype(acknowledged.size()));
        for (size_t i = 0; i < acknowledged.size(); ++i) {
            QCOMPARE(sequenceOf(all.messages.at(qsizetype(i))), acknowledged[i]);
            QCOMPARE(sequenceOf(filtered.messages.at(qsizetype(i))), acknowledged[i]);
        }
        QVERIFY(quiet.messages.isEmpty());
        QVERIFY(!all.wasDisconnected() && !filtered.wasDisconnected() && !quiet.wasDisconnected());
        QVERIFY(server.engine()->isRunning());
    }

    // A "Redis" that accepts the connection and never says a word: 502 that says so (no answer
    // within REDIS.CONNECT_TIMEOUT_MS), clients untouched; then a real redis-server on that port:
    // 200, and events flow.
    void acceptsButNeverAnswers()
    {
        // Reserve a port with a real server first, so that it can come back on the same one.
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        const quint16 port = redis.port();
        QVERIFY2(redis.stop(), qPrintable(redis.errorString()));

        QTcpServer silent;
        std::vector<std::unique_ptr<QTcpSocket>> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = silent.nextPendingConnection())
                held.emplace_back(s); // never read, never answered
        });
        QVERIFY2(silent.listen(QHostAddress::LocalHost, port),
                 qPrintable(QStringLiteral("port %1 taken meanwhile: ").arg(port)
                            + silent.errorString()));

        SenderServer server;
        QVERIFY2(
            server.start({{QStringLiteral("REDIS.URL"), redisUrl(port)},
                          {QStringLiteral("REDIS.CONNECT_TIMEOUT_MS"), QStringLiteral("500")}}),
            qPrintable(server.errorString()));
        WsClient client;
        QVERIFY2(client.open(server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));

        // Between attempts the detail is the last failure; while an attempt runs it says so.
        QString detail;
        HttpResult down;
        QVERIFY2(spin(
                     [&] {
                         down = health(server);
                         return healthProblem(down, &detail).isEmpty()
                             && detail.contains(u"no answer");
                     },
                     10000),
                 qPrintable(down.describe()));
        qInfo("/healthcheck: 502, %s", qPrintable(detail));
        QVERIFY2(detail.contains(QString::number(port)), qPrintable(detail));
        QVERIFY2(detail.contains(u"500 ms"), qPrintable(detail));
        QVERIFY(!held.empty()); // it did connect; the silence is what failed it
        QVERIFY(client.isConnected());

        silent.close();
        held.clear();
        QVERIFY2(redis.restart(), qPrintable(redis.errorString()));
        QElapsedTimer back;
        back.start();
        QTRY_COMPARE_WITH_TIMEOUT(health(server).status, 200, timeouts::kSignal);
        QVERIFY2(spin(
                     [&] {
                         return redis.publish(channel(kAccount),
                                              redisMessage({R"({"event_id": "after"})"}))
                             >= 1;
                     },
                     5000),
                 "the Sender did not subscribe to the real server");
        QVERIFY(client.waitForMessages(1));
        qInfo("healthy and delivering %lld ms after the real server came", back.elapsed());
        QCOMPARE(eventField(client.messages.first(), QStringLiteral("event_id")),
                 QByteArray("after"));
        QVERIFY(!client.wasDisconnected());
    }
};

QTEST_GUILESS_MAIN(TestRedisOutage)
#include "tst_redisoutage.moc"
