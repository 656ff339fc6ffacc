#include "FailOnWarnings.h"
#include "events/EventMessage.h"
#include "fanout/Hub.h"
#include "filters/SubscriptionFilter.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace sender;

namespace {

// A subscriber that keeps what the hub gives it, through the real Recipient interface: like a
// socket that takes everything while `reading`, and nothing (a full socket) while not.
class CollectingRecipient : public Recipient
{
public:
    explicit CollectingRecipient(qint64 limit = 1 << 20)
        : queue(limit)
    { }
    SendQueue &sendQueue() override { return queue; }
    void flushQueued() override
    {
        ++flushes;
        if (!reading)
            return;
        // As the transport does: once the queue is written, the hub is asked for more.
        do {
            drain();
        } while (hub && hub->refill(this));
    }
    void drain()
    {
        iovec iov[64];
        while (!queue.isEmpty()) {
            const int n = queue.fillIoVec(iov, 64);
            qint64 bytes = 0;
            for (int i = 0; i < n; ++i) {
                frames.append(QByteArray(static_cast<const char *>(iov[i].iov_base),
                                         qsizetype(iov[i].iov_len)));
                bytes += qint64(iov[i].iov_len);
            }
            queue.consume(bytes);
        }
    }
    void closeAsSlowConsumer(const QString &reason) override
    {
        closedReason = reason;
        ++closes;
        if (hub)
            hub->unsubscribe(this);
    }
    void startReading()
    {
        reading = true;
        flushQueued();
    }

    SendQueue queue;
    QList<QByteArray> frames; // as written: one frame, or a large group's batch of them
    QByteArray joined() const { return frames.join(); }
    int flushes = 0;
    int closes = 0;
    bool reading = true;
    QString closedReason;
    Hub *hub = nullptr;
};

std::shared_ptr<const SubscriptionFilter> filter(QByteArrayView query)
{
    FilterError error;
    auto f = SubscriptionFilter::parse(query, &error);
    return f ? std::make_shared<const SubscriptionFilter>(*f) : nullptr;
}

std::shared_ptr<const EventMessage> message(const QList<QByteArray> &sources)
{
    QByteArray events;
    for (const QByteArray &s : sources)
        events += (events.isEmpty() ? "" : ",") + QByteArray("{\"source\": \"" + s + "\"}");
    QString error;
    return EventMessage::parse(
        "{\"handler_id\": \"557d54ec-29ad-4f3c-93b4-c9092ef12515\", \"events\": [" + events + "]}",
        &error);
}

const QUuid kA = QUuid::fromString(QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));
const QUuid kB = QUuid::fromString(QStringLiteral("904e635f-3a47-4832-b4d6-d2d72ba78451"));

// The hub reads the test's clock and closes who is behind for 5 s.
void stuckAfterFiveSeconds(Hub &hub, qint64 &now)
{
    hub.setClock([&now] { return now; });
    LagPolicy policy;
    policy.maxLagMs = 5000;
    hub.setLagPolicy(policy);
}

// An event's face_attributes member with this age.
QByteArray basicAge(int age)
{
    return "\"face_attributes\": {\"basic_attributes\": {\"age\": " + QByteArray::number(age)
        + "}}";
}

// Sources cam<from>..., each padded to make a frame of about `pad` bytes more.
QList<QByteArray> numbered(int from, int count, int pad = 0)
{
    QList<QByteArray> sources;
    for (int i = from; i < from + count; ++i)
        sources.append("cam" + QByteArray::number(i) + QByteArray(pad, 'x'));
    return sources;
}

} // namespace

class tst_Hub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void deliversByAccountAndFilter()
    {
        Hub hub;
        CollectingRecipient all, cam1, otherAccount;
        hub.subscribe(&all, kA, filter(""));
        hub.subscribe(&cam1, kA, filter("sources=cam1"));
        hub.subscribe(&otherAccount, kB, filter(""));
        QCOMPARE(hub.recipientCount(), 3);
        QCOMPARE(hub.accountCount(), 2);

        const auto m = message({"cam1", "cam2", "cam1"});
        QList<int> reached;
        hub.dispatch(kA, *m, &reached);
        QCOMPARE(reached, (QList<int> {2, 1, 2}));
        QCOMPARE(hub.flush(), 2); // one flush per recipient, however many frames
        QCOMPARE(all.frames.size(), 3);
        QCOMPARE(cam1.frames.size(), 2);
        QVERIFY(otherAccount.frames.isEmpty()); // accounts never cross
        QCOMPARE(all.frames[1], m->frame(1));
        QCOMPARE(cam1.frames[1], m->frame(2));
        QCOMPARE(all.stats.delivered, 3u);
        QCOMPARE(cam1.filteredOut(), 1u);
        QCOMPARE(hub.counters().deliveries, 5u);
        QCOMPARE(hub.counters().filteredOut, 1u);
        QCOMPARE(hub.counters().eventsDispatched, 3u);
    }

    void filteredOutCountsFromJoiningToLeaving()
    {
        Hub hub;
        CollectingRecipient early, late, other;
        hub.subscribe(&early, kA, filter("sources=cam1"));
        hub.subscribe(&other, kA, filter("sources=cam2"));
        hub.dispatch(kA, *message({"cam2", "cam2"}), nullptr); // early refuses 2, other takes 2
        hub.subscribe(&late, kA, filter("sources=cam1")); // joins early's group
        hub.dispatch(kA, *message({"cam2", "cam1", "cam2"}), nullptr);
        hub.flush();
        QCOMPARE(early.filteredOut(), 4u);
        QCOMPARE(late.filteredOut(), 2u); // only the events after it joined
        QCOMPARE(other.filteredOut(), 1u);
        QCOMPARE(hub.counters().filteredOut, 7u); // 2 + 2 * 2 + 1 (event, recipient) pairs

        hub.unsubscribe(&early); // its count stays what it was
        hub.dispatch(kA, *message({"cam2"}), nullptr);
        QCOMPARE(early.filteredOut(), 4u);
        QCOMPARE(late.filteredOut(), 3u);
        hub.unsubscribe(&late); // the last member: the group goes away, the count stays
        QCOMPARE(late.filteredOut(), 3u);
        hub.unsubscribe(&other);
    }

    // Groups with a `sources` condition are only asked about events of their sources (the hub's
    // source index); the answers and every count are those of asking every group.
    void theSourceIndexGivesWhatAskingEveryGroupGives()
    {
        Hub hub;
        CollectingRecipient twoCams, cam3, cam3Old, everything, cam1Old;
        hub.subscribe(&twoCams, kA, filter("sources=cam2,cam1"));
        hub.subscribe(&cam3, kA, filter("sources=cam3&age__gte=30"));
        hub.subscribe(&everything, kA, filter(""));
        hub.subscribe(&cam1Old, kB, filter("sources=cam1")); // another account's index
        QString error;
        const auto mixed = EventMessage::parse(
            "{\"handler_id\": \"557d54ec-29ad-4f3c-93b4-c9092ef12515\", \"events\": ["
            "{\"source\": \"cam1\"}, {\"source\": \"cam3\", "
                + basicAge(41)
                + "},"
                  "{\"source\": \"cam3\", "
                + basicAge(20) + "}, {\"source\": \"cam9\"}, {" + basicAge(50)
                + "}, {\"source\": \"cam2\"}, {\"source\": null}]}",
            &error);
        QVERIFY2(mixed, qPrintable(error));
        QList<int> reached;
        hub.dispatch(kA, *mixed, &reached);
        // cam1, cam3 41, cam3 20 (too young), cam9, no source, cam2, a null source
        QCOMPARE(reached, (QList<int> {2, 2, 1, 1, 1, 2, 1}));
        hub.flush();
        QCOMPARE(twoCams.frames, (QList<QByteArray> {mixed->frame(0), mixed->frame(5)}));
        QCOMPARE(cam3.frames, (QList<QByteArray> {mixed->frame(1)}));
        QCOMPARE(everything.frames.size(), 7);
        QVERIFY(cam1Old.frames.isEmpty());
        QCOMPARE(twoCams.filteredOut(), 5u);
        QCOMPARE(cam3.filteredOut(), 6u);
        QCOMPARE(everything.filteredOut(), 0u);
        QCOMPARE(cam1Old.filteredOut(), 0u); // nothing was dispatched to its account
        QCOMPARE(hub.counters().filteredOut, 11u);
        QCOMPARE(hub.counters().deliveries, 10u);
        for (const GroupSnapshot &g : hub.groups())
            QCOMPARE(g.eventsPassed + g.eventsFilteredOut, g.account == kA ? 7u : 0u);

        // A group made later counts from then on; a group that went away leaves its sources'
        // buckets, and a new one under the same source is asked again.
        hub.unsubscribe(&twoCams);
        hub.subscribe(&cam3Old, kA, filter("sources=cam3"));
        hub.subscribe(&twoCams, kA, filter("sources=cam2"));
        const auto again = message({"cam1", "cam2", "cam3"});
        hub.dispatch(kA, *again, &reached);
        QCOMPARE(reached, (QList<int> {1, 2, 2}));
        hub.flush();
        QCOMPARE(twoCams.frames.size(), 3); // 2 before it left, then cam2 only
        QCOMPARE(twoCams.frames.last(), again->frame(1));
        QCOMPARE(twoCams.filteredOut(), 5u + 2u);
        QCOMPARE(cam3Old.frames, (QList<QByteArray> {again->frame(2)}));
        QCOMPARE(cam3Old.filteredOut(), 2u);
        QCOMPARE(cam3.filteredOut(), 6u + 3u); // no age: its age condition refuses cam3 too
        QCOMPARE(hub.groups().size(), 5);

        // The last member of every group leaves: the account and its index go away.
        for (CollectingRecipient *r : {&twoCams, &cam3, &cam3Old, &everything})
            hub.unsubscribe(r);
        QVERIFY(!hub.hasSubscribers(kA));
        hub.subscribe(&cam3, kA, filter("sources=cam3"));
        hub.dispatch(kA, *again, &reached);
        QCOMPARE(reached, (QList<int> {0, 0, 1}));
        QCOMPARE(cam3.filteredOut(), 9u + 2u);
        hub.unsubscribe(&cam3);
        hub.unsubscribe(&cam1Old);
    }

    void equalFiltersShareAGroup()
    {
        Hub hub;
        CollectingRecipient a, b, c;
        hub.subscribe(&a, kA, filter("sources=cam2,cam1&age__gte=5"));
        const auto shared =
            hub.sharedFilter(filter("age__gte=5&sources=cam1&sources=cam2")->canonicalQuery());
        QVERIFY(shared);
        hub.subscribe(&b, kA, shared);
        hub.subscribe(&c, kA, filter("sources=cam1"));
        const QList<GroupSnapshot> groups = hub.groups();
        QCOMPARE(groups.size(), 2);
        int biggest = 0;
        for (const GroupSnapshot &g : groups)
            biggest = qMax(biggest, g.members);
        QCOMPARE(biggest, 2);
    }

    void unsubscribeInAnyOrder()
    {
        Hub hub;
        std::vector<std::unique_ptr<CollectingRecipient>> rs;
        for (int i = 0; i < 10; ++i) {
            rs.push_back(std::make_unique<CollectingRecipient>());
            hub.subscribe(rs.back().get(), kA, filter(""));
        }
        for (int i : {3, 0, 9, 5})
            hub.unsubscribe(rs[size_t(i)].get());
        hub.unsubscribe(rs[3].get()); // twice is harmless
        QCOMPARE(hub.recipientCount(), 6);
        hub.dispatch(kA, *message({"x"}));
        hub.flush();
        for (int i = 0; i < 10; ++i)
            QCOMPARE(rs[size_t(i)]->frames.size(), (i == 3 || i == 0 || i == 9 || i == 5) ? 0 : 1);
        for (auto &r : rs)
            hub.unsubscribe(r.get());
        QCOMPARE(hub.accountCount(), 0);
        QVERIFY(hub.groups().isEmpty());
    }

    // A subscriber whose socket takes nothing is a position in the group's stream: it is not
    // closed for it, the others get everything, and once it reads it gets everything too.
    void aSubscriberThatIsBehindKeepsItsPosition()
    {
        Hub hub;
        const auto m = message(numbered(0, 4, 20000));
        const qint64 frameSize = m->frame(0).size();
        CollectingRecipient slow(65536); // a window (64 KiB less 8 KiB) of two of these frames
        CollectingRecipient fast;
        slow.hub = fast.hub = &hub;
        slow.reading = false;
        hub.subscribe(&slow, kA, filter(""));
        hub.subscribe(&fast, kA, filter(""));
        QList<int> reached;
        hub.dispatch(kA, *m, &reached);
        QCOMPARE(reached, (QList<int> {2, 2, 2, 2}));
        hub.flush();
        QCOMPARE(fast.frames.size(), 4);
        QCOMPARE(slow.queue.chunkCount(), 2); // its window; the rest waits in the stream
        QCOMPARE(hub.lagOf(&slow).events, 2u);
        QCOMPARE(hub.lagOf(&fast).events, 0u);
        QCOMPARE(hub.counters().retainedBytes, 2 * frameSize); // the two it has not been handed
        QCOMPARE(hub.counters().slowConsumerCloses, 0u);
        slow.startReading();
        QCOMPARE(slow.joined(), m->frame(0) + m->frame(1) + m->frame(2) + m->frame(3));
        QCOMPARE(slow.stats.delivered, 4u);
        hub.maintain();
        QCOMPARE(hub.counters().retainedBytes, 0); // trimmed once nobody is behind
        QCOMPARE(hub.counters().deliveries, 8u);
    }

    // A frame larger than the window is still handed over (alone), never refused.
    void aFrameLargerThanTheWindowGoesAlone()
    {
        Hub hub;
        const auto big = message({QByteArray(100000, 'x'), "after"});
        CollectingRecipient r(65536);
        r.hub = &hub;
        hub.subscribe(&r, kA, filter(""));
        hub.dispatch(kA, *big);
        hub.flush();
        QCOMPARE(r.joined(), big->frame(0) + big->frame(1));
        QCOMPARE(r.closes, 0);
    }

    // Many slow subscribers cost the frames once: what the stream retains does not grow with
    // how many are behind, and none is closed.
    void manySlowSubscribersAreKeptAndShareTheFrames()
    {
        Hub hub;
        std::vector<std::unique_ptr<CollectingRecipient>> rs;
        for (int i = 0; i < 50; ++i) {
            rs.push_back(std::make_unique<CollectingRecipient>(65536));
            rs.back()->hub = &hub;
            rs.back()->reading = false;
            hub.subscribe(rs.back().get(), kA, filter(""));
        }
        QByteArray expected;
        qint64 frameBytes = 0;
        for (int round = 0; round < 20; ++round) {
            const auto m = message(numbered(round * 100, 100));
            for (int i = 0; i < 100; ++i) {
                expected += m->frame(i);
                frameBytes += m->frame(i).size();
            }
            hub.dispatch(kA, *m);
            hub.flush();
        }
        hub.maintain();
        // Each frame once (in the group's batches), minus what every window already took.
        QVERIFY(hub.counters().retainedBytes <= frameBytes);
        QVERIFY(hub.counters().retainedBytes > frameBytes - 65536);
        QCOMPARE(hub.counters().slowConsumerCloses, 0u);
        QCOMPARE(hub.counters().maxLagEvents, hub.lagOf(rs[0].get()).events);
        QVERIFY(hub.counters().maxLagEvents > 1000);
        for (auto &r : rs) {
            r->startReading();
            QCOMPARE(r->joined(), expected);
            QCOMPARE(r->stats.delivered, 2000u);
        }
        hub.maintain();
        QCOMPARE(hub.counters().retainedBytes, 0);
        QCOMPARE(hub.counters().maxLagEvents, 0u);
    }

    // maintain() looks only at groups with something retained: a group that caught up and left
    // that list is looked at again once it falls behind again, and still reaches its stuck close.
    // Among a thousand quiet groups, the lag figures are those of the one with traffic.
    void aGroupThatWentQuietIsWatchedAgainWhenItFallsBehind()
    {
        Hub hub;
        qint64 now = 1000000;
        stuckAfterFiveSeconds(hub, now);
        std::vector<std::unique_ptr<CollectingRecipient>> quiet;
        for (int i = 0; i < 1000; ++i) {
            quiet.push_back(std::make_unique<CollectingRecipient>());
            hub.subscribe(quiet.back().get(), kA,
                          filter(QByteArray("sources=idle" + QByteArray::number(i))));
        }
        CollectingRecipient slow(65536);
        slow.hub = &hub;
        slow.reading = false;
        hub.subscribe(&slow, kA, filter("")); // the padded sources below are long
        hub.dispatch(kA, *message({"cam0", "cam1"}));
        hub.flush();
        QCOMPARE(hub.counters().maxLagEvents, 0u); // both fit its window
        slow.startReading();
        now += 1000;
        hub.maintain(); // nothing retained: the group leaves the list
        QCOMPARE(hub.counters().retainedBytes, 0);
        QCOMPARE(slow.stats.delivered, 2u);

        slow.reading = false;
        int published = 0;
        for (int step = 0; step < 70 && slow.closes == 0; ++step, now += 100) {
            hub.dispatch(kA, *message(numbered(published % 2, 1, 4000)));
            ++published;
            hub.flush();
            if (step == 20) {
                QVERIFY(hub.counters().maxLagEvents > 0);
                QVERIFY(hub.counters().maxLagMs > 0);
            }
        }
        QCOMPARE(slow.closes, 1);
        QCOMPARE(hub.counters().lagCloses[size_t(LagCloseReason::Stuck)], 1u);
        for (const auto &r : quiet)
            QVERIFY(r->frames.isEmpty());
        for (const auto &r : quiet)
            hub.unsubscribe(r.get());
        QCOMPARE(hub.recipientCount(), 0);
        QCOMPARE(hub.counters().retainedBytes, 0);
    }

    // One subscriber that stays behind past maxLagMs is closed; the others, reading, are not.
    void oneStuckSubscriberIsClosedAlone()
    {
        Hub hub;
        qint64 now = 1000000;
        stuckAfterFiveSeconds(hub, now);
        std::vector<std::unique_ptr<CollectingRecipient>> readers;
        for (int i = 0; i < 10; ++i) {
            readers.push_back(std::make_unique<CollectingRecipient>(65536));
            readers.back()->hub = &hub;
            hub.subscribe(readers.back().get(), kA, filter(""));
        }
        CollectingRecipient stuck(65536);
        stuck.hub = &hub;
        stuck.reading = false;
        hub.subscribe(&stuck, kA, filter(""));
        int published = 0;
        for (int second = 0; second <= 6 && stuck.closes == 0; ++second) {
            for (int i = 0; i < 10; ++i, now += 100) {
                hub.dispatch(kA, *message(numbered(published, 10, 1000)));
                published += 10;
                hub.flush();
            }
        }
        QCOMPARE(stuck.closes, 1);
        QVERIFY2(stuck.closedReason.contains(QStringLiteral("s behind")),
                 qPrintable(stuck.closedReason));
        QVERIFY(stuck.stats.dropped > 0);
        QCOMPARE(hub.counters().lagCloses[size_t(LagCloseReason::Stuck)], 1u);
        QCOMPARE(hub.counters().lagCloses[size_t(LagCloseReason::Budget)], 0u);
        QCOMPARE(hub.recipientCount(), 10);
        for (auto &r : readers) {
            QCOMPARE(r->closes, 0);
            QCOMPARE(r->stats.delivered, quint64(published));
        }
        QCOMPARE(hub.counters().retainedBytes, 0);
    }

    // Over the budget the furthest behind goes first, one per closeSpacingMs; over 1.25x the
    // budget as many as it takes at once.
    void theBudgetClosesTheFurthestBehindFirstSpreadOverTime()
    {
        Hub hub;
        qint64 now = 1000000;
        hub.setClock([&now] { return now; });
        // An account each, so that each one's lag is a stream of its own.
        std::vector<std::unique_ptr<CollectingRecipient>> rs;
        QList<QUuid> accounts;
        for (int i = 0; i < 4; ++i) {
            accounts.append(QUuid::createUuid());
            rs.push_back(std::make_unique<CollectingRecipient>(65536));
            rs.back()->hub = &hub;
            hub.subscribe(rs.back().get(), accounts.back(), filter(""));
        }
        int published = 0;
        const auto round = [&](int events) {
            const auto m = message(numbered(published, events, 1000));
            for (const QUuid &account : std::as_const(accounts))
                hub.dispatch(account, *m);
            published += events;
            hub.flush();
            now += 10;
        };
        // They stop reading one after the other: rs[0] is the furthest behind, rs[3] the least.
        for (auto &r : rs) {
            r->reading = false;
            for (int i = 0; i < 5; ++i)
                round(20);
            now += 1000;
        }
        hub.maintain();
        const qint64 retained = hub.counters().retainedBytes;
        QVERIFY(retained > 0);
        QCOMPARE(hub.counters().slowConsumerCloses, 0u); // within the default budget
        LagPolicy policy;
        policy.retainedBudgetBytes = retained * 9 / 10; // over, but under the hard limit
        policy.closeSpacingMs = 100;
        hub.setLagPolicy(policy);
        now += 1000;
        hub.maintain();
        QCOMPARE(rs[0]->closes, 1);
        QVERIFY2(rs[0]->closedReason.contains(QStringLiteral("lag budget")),
                 qPrintable(rs[0]->closedReason));
        for (int i = 1; i < 4; ++i)
            QCOMPARE(rs[size_t(i)]->closes, 0);
        // Over again, but the next close waits for the spacing.
        policy.retainedBudgetBytes = hub.counters().retainedBytes * 9 / 10;
        hub.setLagPolicy(policy);
        hub.maintain();
        QCOMPARE(rs[1]->closes, 0);
        now += 100;
        hub.maintain();
        QCOMPARE(rs[1]->closes, 1);
        QCOMPARE(rs[2]->closes, 0);
        QCOMPARE(hub.counters().slowConsumerCloses, 2u);

        // Far over: the hard limit closes at once, oldest first, spacing or not.
        policy.retainedBudgetBytes = hub.counters().retainedBytes / 2;
        hub.setLagPolicy(policy);
        hub.maintain();
        QCOMPARE(rs[2]->closes, 1);
        QCOMPARE(rs[3]->closes, 0); // the nearest: what was left fits the hard limit
        QCOMPARE(hub.counters().lagCloses[size_t(LagCloseReason::Budget)], 3u);
    }

    // A group of at least Hub::kBatchMinMembers gets its frames as batches (one chunk per member
    // and round): the bytes, their order, the counts and the queue bound stay exactly those of
    // frame-by-frame delivery.
    void largeGroupsGetTheSameBytesInBatches()
    {
        Hub hub;
        std::vector<std::unique_ptr<CollectingRecipient>> members;
        for (size_t i = 0; i < Hub::kBatchMinMembers + 2; ++i) {
            members.push_back(std::make_unique<CollectingRecipient>());
            members.back()->hub = &hub;
            hub.subscribe(members.back().get(), kA, filter(""));
        }
        CollectingRecipient single;
        hub.subscribe(&single, kA, filter("sources=cam1"));

        const auto first = message({"cam1", "cam2", "cam3"});
        QList<int> reached;
        hub.dispatch(kA, *first, &reached);
        const int n = int(members.size());
        QCOMPARE(reached, (QList<int> {n + 1, n, n}));
        QCOMPARE(hub.counters().deliveries, quint64(3 * n + 1));
        QVERIFY(hub.hasPendingFlush());
        QVERIFY(members[0]->frames.isEmpty()); // not before the flush
        QVERIFY(single.queue.isEmpty());

        // One joining before the flush gets nothing dispatched before it joined.
        CollectingRecipient late;
        hub.subscribe(&late, kA, filter(""));
        const auto second = message({"cam4"});
        hub.dispatch(kA, *second);
        hub.flush();
        const QByteArray all =
            first->frame(0) + first->frame(1) + first->frame(2) + second->frame(0);
        for (const auto &m : members) {
            QCOMPARE(m->joined(), all);
            QCOMPARE(m->frames.size(), 2); // the batch before the join, and the one after
            QCOMPARE(m->stats.delivered, 4u);
            QCOMPARE(m->stats.bytesQueued, quint64(all.size()));
        }
        QCOMPARE(late.joined(), second->frame(0));
        QCOMPARE(late.stats.delivered, 1u);
        QCOMPARE(single.joined(), first->frame(0));
        QCOMPARE(hub.counters().deliveries, quint64(4 * n + 1 + 1));
        QCOMPARE(hub.counters().bytesQueued,
                 quint64(n * all.size() + first->frame(0).size() + second->frame(0).size()));

        // One leaving before the flush is not handed what came after its last flush.
        const auto third = message({"cam5"});
        hub.dispatch(kA, *third);
        CollectingRecipient *leaving = members.back().get();
        hub.unsubscribe(leaving);
        hub.flush();
        QCOMPARE(leaving->joined(), all);
        QCOMPARE(members[0]->joined(), all + third->frame(0));
    }

    void largeGroupsBatchInBoundedChunksAndKeepOrder()
    {
        Hub hub;
        std::vector<std::unique_ptr<CollectingRecipient>> members;
        for (size_t i = 0; i < Hub::kBatchMinMembers; ++i) {
            members.push_back(std::make_unique<CollectingRecipient>());
            hub.subscribe(members.back().get(), kA, filter(""));
        }
        // More than one batch's worth of frames in one round, then a frame too large to batch.
        QList<QByteArray> sources;
        for (int i = 0; i < 2000; ++i)
            sources.append("cam" + QByteArray::number(i));
        const auto many = message(sources);
        const auto big = message({QByteArray(Hub::kBatchBytes, 'x')});
        const auto after = message({"last"});
        hub.dispatch(kA, *many);
        hub.dispatch(kA, *big);
        hub.dispatch(kA, *after);
        hub.flush();
        QByteArray expected;
        for (int i = 0; i < 2000; ++i)
            expected += many->frame(i);
        expected += big->frame(0) + after->frame(0);
        for (const auto &m : members) {
            QCOMPARE(m->joined(), expected);
            QVERIFY(m->frames.size() > 3); // the 2 000 frames in several batches
            for (const QByteArray &chunk : m->frames)
                QVERIFY(chunk.size() <= Hub::kBatchBytes || chunk == big->frame(0));
            QCOMPARE(m->stats.delivered, 2002u);
        }
    }

    void noSubscribersNoWork()
    {
        Hub hub;
        QList<int> reached;
        hub.dispatch(kA, *message({"x", "y"}), &reached);
        QCOMPARE(reached, (QList<int> {0, 0}));
        QVERIFY(!hub.hasPendingFlush());
        QCOMPARE(hub.counters().eventsDispatched, 2u);
    }
};

QTEST_GUILESS_MAIN(tst_Hub)
#include "tst_hub.moc"
