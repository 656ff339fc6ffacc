// Resuming a subscription after a reconnect, through the real handshake: since_event_id and since
// replay the buffered events that pass the client's own filters, then the live stream follows with
// no gap and no duplicate even while a publisher process floods Redis; the 101 says how many were
// replayed; with HISTORY.ENABLED=0 nothing is kept and a plain client's bytes do not change.
// Refusals, validation and eviction are in tst_resumelimits.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "ResumeSupport.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace sender::test;
using namespace sender::test::resume;
using namespace Qt::StringLiterals;

class TestResume : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void init()
    {
        // Expected: the Redis source warns while Redis is not there yet or goes away at the end.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }

    // The heart of it: a reference client sees every event; a second client connects while a
    // publisher process floods Redis, resuming after the 100th event. It gets exactly the
    // reference's events after the 100th: replayed, then live, nothing lost or repeated at the
    // switch, however many arrived during its handshake.
    void replayThenLiveWithoutGapOrDuplicateUnderLoad()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"), redisUrl(redis)}}),
                 qPrintable(server.errorString()));
        WsClient reference;
        QVERIFY2(reference.open(server.wsUrl("/2/ws"), kAccount),
                 qPrintable(reference.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(redisSubscribers(redis) > 0, timeouts::kRoundTrip);

        constexpr int kEvents = 20000;
        Publisher publisher;
        QVERIFY2(publisher.start(redis, kAccount, 1, kEvents), qPrintable(publisher.errorString()));
        QVERIFY(reference.waitForMessages(300, timeouts::kLongOperation));
        const QByteArray resumeAfter = eventField(reference.messages.at(99), u"event_id"_s);
        QCOMPARE(resumeAfter, eventId(100));

        RawWebSocket resumed;
        QVERIFY2(resumed.openFor(server.port(), "/2/ws?since_event_id=" + resumeAfter, kAccount),
                 qPrintable(resumed.errorString() + resumed.handshake().describe()));
        bool countOk = false;
        const int replayed = replayedHeader(resumed).toInt(&countOk);
        QVERIFY2(countOk && replayed >= 200, replayedHeader(resumed).constData());

        QVERIFY2(publisher.waitForFinished(), qPrintable(publisher.errorString()));
        QVERIFY(reference.waitForMessages(kEvents, timeouts::kLongOperation));
        QVERIFY(resumed.waitForTexts(kEvents - 100, timeouts::kLongOperation));
        QCOMPARE(reference.messages.size(), kEvents);
        QCOMPARE(ids(reference.messages), idRange(1, kEvents));
        // Byte for byte the frames the reference got after the resume point.
        QCOMPARE(resumed.texts(), reference.messages.mid(100));
        QVERIFY2(resumed.protocolProblem().isEmpty(), qPrintable(resumed.protocolProblem()));
        // The history holds all of them (MAX_EVENTS is 100 000 by default).
        QCOMPARE(server.snapshot().history.events, quint64(kEvents));
    }

    // The replay passes through the client's filters exactly as the live stream does: a filtered
    // client that resumes gets what the same filter gave a client that never left.
    void replayAppliesTheClientsFilters()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        WsClient stayed;
        QVERIFY2(stayed.open(server.wsUrl("/2/ws?sources=cam-1,cam-2&gender=1"), kAccount),
                 qPrintable(stayed.errorString()));
        WsClient unfiltered;
        QVERIFY2(unfiltered.open(server.wsUrl("/1/ws?sources=cam-1"), kAccount),
                 qPrintable(unfiltered.errorString()));
        for (int n = 1; n <= 30; ++n)
            server.publish(kAccount, message(n));
        QVERIFY(unfiltered.waitForMessages(10));
        // gender=1 passes none of these events (they have no gender): the filter is applied whole.
        QVERIFY(stayed.messages.isEmpty());

        RawWebSocket resumed;
        // Resuming from event 3, which this filter itself does not pass (cam-0).
        QVERIFY2(resumed.openFor(server.port(), "/1/ws?sources=cam-1&since_event_id=" + eventId(3),
                                 kAccount),
                 qPrintable(resumed.handshake().describe()));
        QCOMPARE(replayedHeader(resumed), QByteArray("9")); // 4, 7, ..., 28
        for (int n = 31; n <= 40; ++n)
            server.publish(kAccount, message(n));
        QVERIFY(unfiltered.waitForMessages(13));
        QVERIFY(resumed.waitForTexts(12));
        QCOMPARE(resumed.texts(), unfiltered.messages.mid(1));

        RawWebSocket none;
        QVERIFY(
            none.openFor(server.port(), "/2/ws?gender=1&since_event_id=" + eventId(1), kAccount));
        QCOMPARE(replayedHeader(none), QByteArray("0"));
    }

    // since=<time>: the events that arrived at or after it (the instance's arrival time).
    void resumeSinceATime()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        qint64 now = QDateTime::currentMSecsSinceEpoch();
        server.engine()->history().setClock([&now] { return now; });
        for (int n = 1; n <= 10; ++n) {
            now += 1000;
            server.publish(kAccount, message(n));
        }
        // Event 4 arrived at exactly this time (sent with an offset, '+' encoded as %2B).
        const QDateTime at4 = QDateTime::fromMSecsSinceEpoch(now - 6000, Qt::UTC);
        const QByteArray offset = at4.toOffsetFromUtc(3 * 3600)
                                      .toString(Qt::ISODateWithMs)
                                      .toLatin1()
                                      .replace('+', "%2B");
        RawWebSocket fromFour;
        QVERIFY2(fromFour.openFor(server.port(), "/2/ws?since=" + offset, kAccount),
                 qPrintable(fromFour.handshake().describe()));
        QCOMPARE(replayedHeader(fromFour), QByteArray("7"));
        QVERIFY(fromFour.waitForTexts(7));
        QCOMPARE(ids(fromFour.texts()), idRange(4, 10));

        // A moment later than event 4, in UTC with microseconds.
        const QByteArray utc =
            at4.addMSecs(1).toString(u"yyyy-MM-ddTHH:mm:ss.zzz'000Z'"_s).toLatin1();
        RawWebSocket fromFive;
        QVERIFY2(fromFive.openFor(server.port(), "/2/ws?since=" + utc, kAccount),
                 qPrintable(fromFive.handshake().describe()));
        QCOMPARE(replayedHeader(fromFive), QByteArray("6"));
    }

    // A replay bigger than the client's send-queue bound is not a slow consumer: the bound is
    // raised by the replay until the client has read it, then live events flow as usual.
    void replayLargerThanTheSendQueue()
    {
        SenderServer server;
        QVERIFY2(server.start({{u"WEBSOCKET.SEND_QUEUE_BYTES"_s, u"65536"_s}}),
                 qPrintable(server.errorString()));
        const QByteArray padding(2000, 'x');
        auto padded = [&padding](int n) {
            return redisMessage(
                {"{\"event_id\": \"" + eventId(n) + "\", \"user_data\": \"" + padding + "\"}"});
        };
        for (int n = 1; n <= 200; ++n)
            server.publish(kAccount, padded(n));
        RawWebSocket resumed;
        QVERIFY2(resumed.openFor(server.port(), "/2/ws?since_event_id=" + eventId(1), kAccount),
                 qPrintable(resumed.handshake().describe()));
        QCOMPARE(replayedHeader(resumed), QByteArray("199"));
        for (int n = 201; n <= 260; ++n)
            server.publish(kAccount, padded(n));
        QVERIFY(resumed.waitForTexts(259, timeouts::kLongOperation));
        QCOMPARE(ids(resumed.texts()), idRange(2, 260));
        QVERIFY(!resumed.closeReceived());
        QCOMPARE(server.snapshot().slowConsumerCloses, 0u);
    }

    // A plain client meets no difference: no header, the same frames.
    void plainClientHasNoReplayHeader()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.publish(kAccount, message(1));
        RawWebSocket plain;
        QVERIFY(plain.openFor(server.port(), "/2/ws", kAccount));
        QVERIFY(!plain.handshake().hasHeader("Luna-Replayed-Events"));
        server.publish(kAccount, message(2));
        QVERIFY(plain.waitForTexts(1));
        QCOMPARE(ids(plain.texts()), idRange(2, 2));
    }

    // HISTORY.ENABLED=0: nothing is kept, resumes are refused, and a plain client gets exactly
    // the bytes it gets from a server with history on (the same handshake, the same frames).
    void disabledHistoryChangesNothing()
    {
        SenderServer on;
        QVERIFY2(on.start(), qPrintable(on.errorString()));
        SenderServer off;
        QVERIFY2(off.start({{QStringLiteral("HISTORY.ENABLED"), QStringLiteral("0")}}),
                 qPrintable(off.errorString()));
        const RawHeaders headers = {
            {"Luna-Account-Id", kAccount},
            {"Luna-Request-Id", "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"}};
        RawWebSocket clientOn;
        QVERIFY(clientOn.open(on.port(), "/2/ws?sources=cam-1,cam-2", headers));
        RawWebSocket clientOff;
        QVERIFY(clientOff.open(off.port(), "/2/ws?sources=cam-1,cam-2", headers));
        for (int n = 1; n <= 30; ++n) {
            on.publish(kAccount, message(n));
            off.publish(kAccount, message(n));
        }
        QVERIFY(clientOn.waitForTexts(20));
        QVERIFY(clientOff.waitForTexts(20));
        // Everything on the wire, the 101 included; only the accept key differs (it answers each
        // client's own random key).
        auto wire = [](const RawWebSocket &c) {
            return c.received().replace(c.handshake().header("Sec-WebSocket-Accept"), "<accept>");
        };
        QCOMPARE(wire(clientOff), wire(clientOn));

        QCOMPARE(off.snapshot().history.enabled, false);
        QCOMPARE(off.snapshot().history.events, 0u);
        QCOMPARE(off.snapshot().history.bytes, 0u);
        QCOMPARE(on.snapshot().history.events, 30u);
        const HttpResult refused = handshake(off, "/2/ws?since_event_id=" + eventId(1));
        QCOMPARE(refused.status, 410);
        QVERIFY2(refused.body.contains("HISTORY.ENABLED"), refused.body.constData());
        const HttpResult metrics = httpGet(m_nam, off.httpUrl("/metrics"));
        QCOMPARE(metricLine(metrics.body, "luna_sender_history_events"), QByteArray("0"));
    }
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
