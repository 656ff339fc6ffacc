// Across instances: two Senders on one real Redis see the same events in the same order per
// account, so a client that moves from one to the other with since_event_id gets, replayed and
// then live, exactly the bytes it would have got had it stayed.

#include "FailOnWarnings.h"
#include "ResumeSupport.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QTest>

using namespace sender::test;
using namespace sender::test::resume;
using namespace Qt::StringLiterals;

class TestResumeAcross : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Expected: the Redis source warns while Redis is not there yet or goes away at the end.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }

    void clientMovesToTheOtherInstance()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer a;
        QVERIFY2(a.start({{u"REDIS.URL"_s, redisUrl(redis)}}), qPrintable(a.errorString()));
        SenderServer b;
        QVERIFY2(b.start({{u"REDIS.URL"_s, redisUrl(redis)}}), qPrintable(b.errorString()));

        // A client that stays on A all along: what the moving client must end up with.
        WsClient stays;
        QVERIFY2(stays.open(a.wsUrl("/2/ws?sources=cam-0,cam-2"), kAccount),
                 qPrintable(stays.errorString()));
        WsClient moving;
        QVERIFY2(moving.open(a.wsUrl("/2/ws?sources=cam-0,cam-2"), kAccount),
                 qPrintable(moving.errorString()));
        // Both instances listen (a subscription each, by channel or by pattern).
        QTRY_VERIFY_WITH_TIMEOUT(redisSubscribers(redis) >= 2, timeouts::kRoundTrip);

        Publisher first;
        QVERIFY2(first.start(redis, kAccount, 1, 300), qPrintable(first.errorString()));
        QVERIFY2(first.waitForFinished(), qPrintable(first.errorString()));
        QVERIFY(stays.waitForMessages(
            200, timeouts::kLongOperation)); // the 200 of 300 that pass the filter
        QVERIFY(moving.waitForMessages(200, timeouts::kLongOperation));
        // B saw the same events in the same order.
        QTRY_COMPARE_WITH_TIMEOUT(b.snapshot().history.events, 300u, timeouts::kLongOperation);

        // The moving client drops its connection after its 120th event, and more are published
        // while it is away.
        const QByteArray lastSeen = eventField(moving.messages.at(119), u"event_id"_s);
        moving.socket().abort();
        Publisher whileAway;
        QVERIFY2(whileAway.start(redis, kAccount, 301, 600), qPrintable(whileAway.errorString()));
        QVERIFY2(whileAway.waitForFinished(), qPrintable(whileAway.errorString()));
        QVERIFY(stays.waitForMessages(400, timeouts::kLongOperation));
        QTRY_COMPARE_WITH_TIMEOUT(b.snapshot().history.events, 600u, timeouts::kLongOperation);

        // It comes back on B.
        RawWebSocket back;
        QVERIFY2(back.openFor(b.port(), "/2/ws?sources=cam-0,cam-2&since_event_id=" + lastSeen,
                              kAccount),
                 qPrintable(back.errorString()));
        QCOMPARE(replayedHeader(back), QByteArray("280"));
        Publisher after;
        QVERIFY2(after.start(redis, kAccount, 601, 900), qPrintable(after.errorString()));
        QVERIFY2(after.waitForFinished(), qPrintable(after.errorString()));
        QVERIFY(stays.waitForMessages(600, timeouts::kLongOperation));
        QVERIFY(back.waitForTexts(480, timeouts::kLongOperation));
        QCOMPARE(back.texts(), stays.messages.mid(120));
    }
};

QTEST_GUILESS_MAIN(TestResumeAcross)
#include "tst_resumeacross.moc"
