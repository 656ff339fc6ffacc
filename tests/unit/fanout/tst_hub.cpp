#include "FailOnWarnings.h"
#include "events/EventMessage.h"
#include "fanout/Hub.h"
#include "filters/SubscriptionFilter.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace sender;

namespace {

// A subscriber that keeps what the hub gives it, through the real Recipient interface.
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
    // Like a socket that takes nothing more right now.
    void writeQueuedNow() override { ++drainAttempts; }
    void closeAsSlowConsumer(const QString &reason) override
    {
        closedReason = reason;
        hub->unsubscribe(this);
    }

    SendQueue queue;
    QList<QByteArray> frames; // as written: one frame, or a large group's batch of them
    QByteArray joined() const { return frames.join(); }
    int flushes = 0;
    int drainAttempts = 0;
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

    void slowConsumerIsClosedAfterTheRoundAndOthersGetEverything()
    {
        Hub hub;
        const auto m = message({"a", "b", "c", "d"});
        const qint64 frameSize = m->frame(0).size();
        CollectingRecipient slow(frameSize * 2 + 1); // room for two frames only
        CollectingRecipient fast;
        slow.hub = &hub;
        hub.subscribe(&slow, kA, filter(""));
        hub.subscribe(&fast, kA, filter(""));
        hub.dispatch(kA, *m);
        QVERIFY(slow.closedReason.contains(QStringLiteral("slow consumer")));
        QCOMPARE(slow.drainAttempts, 1); // it was asked to write before being judged
        QCOMPARE(hub.counters().slowConsumerCloses, 1u);
        QCOMPARE(slow.stats.delivered, 2u);
        QCOMPARE(slow.stats.dropped, 2u);
        QCOMPARE(hub.recipientCount(), 1);
        hub.flush();
        QCOMPARE(fast.frames.size(), 4);
        QVERIFY(slow.frames.isEmpty()); // it was never flushed: unsubscribed before the flush
    }

    void aBurstLargerThanTheBoundReachesAClientWhoseSocketKeepsUp()
    {
        // The bound is on what the socket cannot take, not on how much one round dispatches.
        class DrainingRecipient : public CollectingRecipient
        {
        public:
            using CollectingRecipient::CollectingRecipient;
            void writeQueuedNow() override { flushQueued(); }
        };
        Hub hub;
        QList<QByteArray> sources;
        for (int i = 0; i < 50; ++i)
            sources.append("cam" + QByteArray::number(i));
        const auto m = message(sources);
        DrainingRecipient fast(m->frame(0).size() * 3);
        fast.hub = &hub;
        hub.subscribe(&fast, kA, filter(""));
        hub.dispatch(kA, *m);
        hub.flush();
        QVERIFY(fast.closedReason.isEmpty());
        QCOMPARE(fast.frames.size(), 50);
        QCOMPARE(hub.counters().slowConsumerCloses, 0u);
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
        QCOMPARE(single.queue.chunkCount(), 1); // a small group queues at once

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

        // One leaving keeps what was dispatched to it before it left, like a queued frame.
        const auto third = message({"cam5"});
        hub.dispatch(kA, *third);
        CollectingRecipient *leaving = members.back().get();
        hub.unsubscribe(leaving);
        QCOMPARE(leaving->queue.chunkCount(), 1);
        leaving->flushQueued();
        QCOMPARE(leaving->joined(), all + third->frame(0));
        hub.flush();
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

    void aBatchTheQueueRefusesIsDroppedAndClosed()
    {
        Hub hub;
        std::vector<std::unique_ptr<CollectingRecipient>> members;
        const auto m = message({"cam1", "cam2", "cam3"});
        // Two queues that cannot take the round's batch: one takes its first frame, one none.
        const qint64 oneFrame = m->frame(0).size();
        for (size_t i = 0; i < Hub::kBatchMinMembers; ++i) {
            const qint64 limit = i == 0 ? oneFrame + m->frame(1).size() - 1
                : i == 1                ? oneFrame - 1
                                        : 1 << 20;
            members.push_back(std::make_unique<CollectingRecipient>(limit));
            members.back()->hub = &hub;
            hub.subscribe(members.back().get(), kA, filter(""));
        }
        std::vector<CollectingRecipient *> all;
        for (const auto &r : members)
            all.push_back(r.get());
        hub.dispatch(kA, *m);
        hub.flush();
        // Exactly what frame-by-frame queueing gives: the frames that fit, then the close.
        CollectingRecipient *partly = all[0];
        CollectingRecipient *none = all[1];
        for (CollectingRecipient *slow : {partly, none}) {
            QVERIFY(slow->closedReason.startsWith(QStringLiteral("slow consumer")));
            QCOMPARE(slow->drainAttempts, 1);
        }
        QCOMPARE(partly->stats.delivered, 1u);
        QCOMPARE(partly->stats.dropped, 2u);
        QCOMPARE(partly->stats.bytesQueued, quint64(oneFrame));
        QCOMPARE(none->stats.delivered, 0u);
        QCOMPARE(none->stats.dropped, 3u);
        QVERIFY(none->queue.isEmpty());
        const QByteArray three = m->frame(0) + m->frame(1) + m->frame(2);
        QCOMPARE(all[2]->joined(), three);
        const quint64 others = Hub::kBatchMinMembers - 2;
        QCOMPARE(hub.counters().deliveries, 3 * others + 1);
        QCOMPARE(hub.counters().bytesQueued, others * quint64(three.size()) + quint64(oneFrame));
        QCOMPARE(hub.counters().droppedFrames, 5u);
        QCOMPARE(hub.counters().slowConsumerCloses, 2u);
        QCOMPARE(hub.recipientCount(), int(others));
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
