// Subscribers that fall behind, through real sockets: a subscriber that is behind is a position in
// its group's shared stream (server/fanout/Hub.h), so many slow ones are kept and cost the frames
// once; one that stays stuck is closed alone; over WEBSOCKET.RETAINED_BYTES the furthest behind
// goes first, and it resumes with since_event_id without a gap or a duplicate. No durations are
// asserted: speed is the fan-out benchmark's business (tests/bench/fanout/run.sh --burst).

#include "FailOnWarnings.h"
#include "ResumeSupport.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"
#include "engine/Engine.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace sender;
using namespace sender::test;
using namespace sender::test::resume;
using namespace Qt::StringLiterals;

namespace {

std::optional<ConnectionSnapshot> connectionOf(Engine &engine, const RawWebSocket &client)
{
    for (const ConnectionSnapshot &c : engine.connections()) {
        if (c.peer.endsWith(u':' + QString::number(client.localPort())))
            return c;
    }
    return std::nullopt;
}

// Publishes events first..first+count-1, then runs the loop until every reader has them all.
bool publishRound(SenderServer &server, int first, int count,
                  const std::vector<std::unique_ptr<WsClient>> &readers)
{
    for (int n = first; n < first + count; ++n)
        server.publish(kAccount, paddedMessage(n));
    for (const auto &r : readers) {
        if (!r->waitForMessages(first + count - 1, timeouts::kLongOperation))
            return false;
    }
    return true;
}

} // namespace

class TestLag : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Expected: a subscriber closed for its lag is logged as a warning (error 29004).
    void init() { failOnQtWarnings({"error 29004"}); }

    // Twenty subscribers that stop reading during a burst are not closed (the defaults), the
    // server keeps what they have not been handed once, not twenty times, and once they read
    // they get every event, in order.
    void manySlowSubscribersAreKept()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        std::vector<std::unique_ptr<WsClient>> readers;
        readers.push_back(std::make_unique<WsClient>());
        QVERIFY(readers.back()->open(server.wsUrl("/2/ws"), kAccount));
        std::vector<std::unique_ptr<RawWebSocket>> slow;
        for (int i = 0; i < 20; ++i) {
            slow.push_back(std::make_unique<RawWebSocket>());
            QVERIFY2(slow.back()->openFor(server.port(), "/2/ws", kAccount),
                     qPrintable(slow.back()->errorString()));
            slow.back()->setReading(false);
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 21, timeouts::kRoundTrip);
        // Until each of them is behind its stream (its socket buffers are full), and then some.
        int published = 0;
        const auto allBehind = [&] {
            for (const auto &s : slow) {
                const auto info = connectionOf(*server.engine(), *s);
                if (!info || info->lag.events == 0)
                    return false;
            }
            return true;
        };
        while (!allBehind() && published < 40000) {
            QVERIFY(publishRound(server, published + 1, 500, readers));
            published += 500;
        }
        QVERIFY2(allBehind(), "the clients that do not read never fell behind");
        QVERIFY(publishRound(server, published + 1, 2000, readers));
        published += 2000;
        const HubCounters &hub = server.engine()->hub().counters();
        // One group: whatever any of them lacks is held once (frames of ~2 KB).
        QVERIFY2(hub.peakRetainedBytes <= qint64(published) * 2200,
                 qPrintable(u"peak retained %1 bytes for %2 events"_s.arg(hub.peakRetainedBytes)
                                .arg(published)));
        QVERIFY(hub.maxLagEvents > 0 || hub.retainedBytes > 0);
        for (const auto &s : slow)
            s->setReading(true);
        for (const auto &s : slow) {
            QVERIFY(s->waitForTexts(published, timeouts::kLongOperation));
            QCOMPARE(ids(s->texts()), idRange(1, published));
            QVERIFY(!s->closeReceived());
        }
        QCOMPARE(server.snapshot().slowConsumerCloses, 0u);
        QTRY_COMPARE_WITH_TIMEOUT(server.engine()->hub().counters().retainedBytes, 0,
                                  timeouts::kRoundTrip);
    }

    // One client that never reads, among clients that do: it is closed for its lag
    // (WEBSOCKET.MAX_LAG_SECONDS), alone, and the others keep everything.
    void oneStuckSubscriberIsClosedAlone()
    {
        SenderServer server;
        QVERIFY2(server.start({{u"WEBSOCKET.MAX_LAG_SECONDS"_s, u"1"_s}}),
                 qPrintable(server.errorString()));
        std::vector<std::unique_ptr<WsClient>> readers;
        for (int i = 0; i < 5; ++i) {
            readers.push_back(std::make_unique<WsClient>());
            QVERIFY(readers.back()->open(server.wsUrl("/2/ws"), kAccount));
        }
        RawWebSocket stuck;
        QVERIFY2(stuck.openFor(server.port(), "/2/ws", kAccount), qPrintable(stuck.errorString()));
        stuck.setReading(false);
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 6, timeouts::kRoundTrip);
        int published = 0;
        const auto behind = [&] {
            const auto info = connectionOf(*server.engine(), stuck);
            return info && info->lag.events > 0;
        };
        while (!behind() && published < 40000) {
            QVERIFY(publishRound(server, published + 1, 500, readers));
            published += 500;
        }
        QVERIFY2(behind(), "the client that does not read never fell behind");
        // Its oldest event ages past the limit whether or not more arrive.
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().slowConsumerCloses, 1u,
                                  timeouts::kLongOperation);
        QCOMPARE(server.engine()->hub().counters().lagCloses[size_t(LagCloseReason::Stuck)], 1u);
        QVERIFY(publishRound(server, published + 1, 100, readers));
        published += 100;
        for (const auto &r : readers)
            QCOMPARE(ids(r->messages), idRange(1, published));
        stuck.setReading(true);
        QVERIFY(stuck.waitForClose(timeouts::kRoundTrip));
        QCOMPARE(stuck.closeCode(), 1008);
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 5, timeouts::kRoundTrip);
    }

    // Over the retained budget the furthest behind goes first: of two clients that stopped
    // reading, the one that stopped first. It resumes with since_event_id from the last event it
    // got and ends up with every event exactly once; the other is not closed.
    void theBudgetClosesTheFurthestBehindWhichResumesWithoutGapOrDuplicate()
    {
        SenderServer server;
        QVERIFY2(server.start({{u"WEBSOCKET.RETAINED_BYTES"_s, u"2097152"_s},
                               {u"WEBSOCKET.SEND_QUEUE_BYTES"_s, u"65536"_s}}),
                 qPrintable(server.errorString()));
        std::vector<std::unique_ptr<WsClient>> readers;
        readers.push_back(std::make_unique<WsClient>());
        QVERIFY(readers.back()->open(server.wsUrl("/2/ws"), kAccount));
        RawWebSocket first, second;
        QVERIFY(first.openFor(server.port(), "/2/ws", kAccount));
        QVERIFY(second.openFor(server.port(), "/2/ws", kAccount));
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 3, timeouts::kRoundTrip);
        first.setReading(false);
        int published = 0;
        const auto lagOf = [&](const RawWebSocket &c) {
            const auto info = connectionOf(*server.engine(), c);
            return info ? info->lag.events : 0;
        };
        while (lagOf(first) == 0 && published < 40000) {
            QVERIFY(publishRound(server, published + 1, 200, readers));
            published += 200;
        }
        QVERIFY(lagOf(first) > 0);
        second.setReading(false);
        // Rounds of 100 (~200 KB), so that the budget is crossed a little at a time.
        while (server.snapshot().slowConsumerCloses == 0 && published < 80000) {
            QVERIFY(publishRound(server, published + 1, 100, readers));
            published += 100;
        }
        QCOMPARE(server.snapshot().slowConsumerCloses, 1u);
        QCOMPARE(server.engine()->hub().counters().lagCloses[size_t(LagCloseReason::Budget)], 1u);
        QVERIFY(!connectionOf(*server.engine(), first).value_or(ConnectionSnapshot {}).subscribed);
        QVERIFY(connectionOf(*server.engine(), second).value_or(ConnectionSnapshot {}).subscribed);

        first.setReading(true);
        QVERIFY(first.waitForClose(timeouts::kRoundTrip));
        QCOMPARE(first.closeCode(), 1008);
        const QList<QByteArray> got = ids(first.texts());
        QVERIFY(!got.isEmpty());
        QCOMPARE(got, idRange(1, int(got.size())));
        RawWebSocket resumed;
        QVERIFY2(resumed.openFor(server.port(), "/2/ws?since_event_id=" + got.last(), kAccount),
                 qPrintable(resumed.handshake().describe()));
        QCOMPARE(replayedHeader(resumed).toInt(), published - int(got.size()));
        QVERIFY(publishRound(server, published + 1, 10, readers));
        published += 10;
        QVERIFY(resumed.waitForTexts(published - int(got.size()), timeouts::kLongOperation));
        QCOMPARE(got + ids(resumed.texts()), idRange(1, published));

        second.setReading(true);
        QVERIFY(second.waitForTexts(published, timeouts::kLongOperation));
        QCOMPARE(ids(second.texts()), idRange(1, published));
        QVERIFY(!second.closeReceived());
    }
};

QTEST_MAIN(TestLag)
#include "tst_lag.moc"
