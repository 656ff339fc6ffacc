// Graceful drain (issue 27): two Senders on one real Redis share one port (SERVER.REUSE_PORT);
// one drains while events flow, and every client it closes with 1001 comes back through the same
// port with since_event_id, lands on the other, and ends with every event exactly once.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "ResumeSupport.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"
#include "publicport/ConnectionServer.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace sender::test;
using namespace sender::test::resume;
using namespace Qt::StringLiterals;

class TestDrain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"}); }

    void clientsMoveToTheOtherInstanceWithNoGap()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer a;
        QVERIFY2(a.start({{u"REDIS.URL"_s, redisUrl(redis)},
                          {u"SERVER.REUSE_PORT"_s, u"true"_s},
                          {u"SERVER.DRAIN_SECONDS"_s, u"1"_s}}),
                 qPrintable(a.errorString()));
        SenderServer b;
        QVERIFY2(b.start({{u"REDIS.URL"_s, redisUrl(redis)},
                          {u"SERVER.REUSE_PORT"_s, u"true"_s},
                          {u"SERVER.PORT"_s, QString::number(a.port())}}),
                 qPrintable(b.errorString()));
        QCOMPARE(b.port(), a.port());
        const QUrl shared = a.wsUrl("/2/ws");

        // The kernel spreads them over both listeners.
        constexpr int kClients = 24;
        std::vector<std::unique_ptr<WsClient>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<WsClient>());
            QVERIFY2(clients.back()->open(shared, kAccount),
                     qPrintable(clients.back()->errorString()));
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.engine()->connectionServer()->subscriberCount()
                                      + b.engine()->connectionServer()->subscriberCount(),
                                  kClients, timeouts::kRoundTrip);
        const int onA = a.engine()->connectionServer()->subscriberCount();
        QVERIFY2(onA > 0, "no client landed on A");
        QTRY_VERIFY_WITH_TIMEOUT(redisSubscribers(redis) >= 2, timeouts::kRoundTrip);

        // Every client has an event id to resume from.
        Publisher first;
        QVERIFY2(first.start(redis, kAccount, 1, 100), qPrintable(first.errorString()));
        QVERIFY2(first.waitForFinished(), qPrintable(first.errorString()));
        for (auto &c : clients)
            QVERIFY(c->waitForMessages(100, timeouts::kLongOperation));

        // A drains while the rest are published.
        Publisher flowing;
        QVERIFY2(flowing.start(redis, kAccount, 101, 3000), qPrintable(flowing.errorString()));
        QSignalSpy stopped(a.engine(), &sender::Engine::stopped);
        a.engine()->drain();
        QVERIFY(a.engine()->isDraining());
        QVERIFY(stopped.wait(timeouts::kLongOperation));
        QVERIFY2(flowing.waitForFinished(), qPrintable(flowing.errorString()));

        int moved = 0;
        std::vector<std::unique_ptr<WsClient>> returned; // open until the end: all on B
        for (auto &c : clients) {
            QList<QByteArray> seen = ids(c->messages);
            if (c->wasDisconnected()) {
                QCOMPARE(c->socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
                ++moved;
                returned.push_back(std::make_unique<WsClient>());
                WsClient &again = *returned.back();
                QUrl url = shared;
                url.setQuery(QString::fromLatin1("since_event_id=" + seen.last()));
                QVERIFY2(again.open(url, kAccount), qPrintable(again.errorString()));
                const qsizetype missing = 3000 - seen.size();
                QVERIFY(again.waitForMessages(missing, timeouts::kLongOperation));
                seen += ids(again.messages);
            } else {
                QVERIFY(c->waitForMessages(3000, timeouts::kLongOperation));
                seen = ids(c->messages);
            }
            QCOMPARE(seen, idRange(1, 3000)); // no gap, no duplicate, in order
        }
        QCOMPARE(moved, onA);
        QTRY_COMPARE_WITH_TIMEOUT(b.engine()->connectionServer()->subscriberCount(), kClients,
                                  timeouts::kRoundTrip);
    }

    void drainingInstanceIsNotReadyAndRefusesSubscriptions()
    {
        SenderServer a;
        // Long enough that the one subscriber is still here while the test looks.
        QVERIFY2(a.start({{u"SERVER.DRAIN_SECONDS"_s, u"3600"_s}}), qPrintable(a.errorString()));
        WsClient subscriber;
        QVERIFY2(subscriber.open(a.wsUrl("/2/ws"), kAccount), qPrintable(subscriber.errorString()));
        QNetworkAccessManager nam;
        QCOMPARE(httpGet(nam, a.httpUrl("/healthcheck")).status, 200);

        a.engine()->drain();
        const HttpResult health = httpGet(nam, a.httpUrl("/healthcheck"));
        QCOMPARE(health.status, 502);
        const QJsonObject body = jsonObject(health.body);
        QVERIFY(body.value(u"execution_time").isDouble());
        const QJsonObject error = body.value(u"errors").toArray().at(0).toObject();
        QCOMPARE(error.value(u"component").toString(), u"luna-sender"_s);
        QCOMPARE(error.value(u"error_code").toInt(), 38001);
        QCOMPARE(error.value(u"desc").toString(), u"Health check error"_s);

        const HttpResult refused = handshake(a, "/2/ws");
        QVERIFY2(errorBodyProblem(refused, 503, 29102).isEmpty(),
                 qPrintable(errorBodyProblem(refused, 503, 29102)));
        QVERIFY(subscriber.isConnected());
        QVERIFY(a.stop());
    }

    void zeroSecondsClosesEveryoneAtOnce()
    {
        SenderServer a;
        QVERIFY2(a.start({{u"SERVER.DRAIN_SECONDS"_s, u"0"_s}}), qPrintable(a.errorString()));
        WsClient subscriber;
        QVERIFY2(subscriber.open(a.wsUrl("/2/ws"), kAccount), qPrintable(subscriber.errorString()));
        QSignalSpy stopped(a.engine(), &sender::Engine::stopped);
        a.engine()->drain();
        QVERIFY(subscriber.waitForDisconnected(timeouts::kRoundTrip));
        QCOMPARE(subscriber.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QVERIFY(stopped.wait(timeouts::kRoundTrip));
    }

    void invalidValuesAreErrors_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("reuse port word") << u"SERVER.REUSE_PORT"_s << u"sometimes"_s;
        QTest::newRow("drain negative") << u"SERVER.DRAIN_SECONDS"_s << u"-1"_s;
        QTest::newRow("drain too long") << u"SERVER.DRAIN_SECONDS"_s << u"3601"_s;
        QTest::newRow("drain not a number") << u"SERVER.DRAIN_SECONDS"_s << u"10s"_s;
    }
    void invalidValuesAreErrors()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QString error;
        QVERIFY(!makeSettings({{key, value}}, &error));
        QVERIFY2(error.contains(key), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDrain)
#include "tst_drain.moc"
