// The history for resuming clients on its own: what it keeps (the frames fan-out sends, shared),
// eviction by count, by age (a clock of the test's, no waiting) and by bytes across accounts
// (the oldest of any account first), and what a resume from an event id or a time replays or
// why it is refused.

#include "FailOnWarnings.h"
#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"
#include "history/EventHistory.h"

#include <QTest>

using namespace sender;

namespace {

const QUuid kAccountA =
    QUuid::fromString(QLatin1StringView("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));
const QUuid kAccountB =
    QUuid::fromString(QLatin1StringView("3fa85f64-5717-4562-b3fc-2c963f66afa6"));

QByteArray eventId(int n)
{
    return QByteArray("00000000-0000-4000-8000-") + QByteArray::number(n).rightJustified(12, '0');
}

// One message with one event; padding makes it bigger for the byte limit.
std::shared_ptr<const EventMessage> message(int n, const QByteArray &source = "cam-1",
                                            int padding = 0)
{
    const QByteArray raw = "{\"handler_id\": \"557d54ec-29ad-4f3c-93b4-c9092ef12515\", "
                           "\"events\": [{\"event_id\": \""
        + eventId(n) + "\", \"source\": \"" + source + "\", \"user_data\": \""
        + QByteArray(padding, 'x') + "\"}], \"event_create_time\": \"2019-08-24T14:15:22Z\"}";
    QString error;
    auto m = EventMessage::parse(raw, &error);
    if (!m)
        qFatal("test message does not parse: %s", qPrintable(error));
    return m;
}

SubscriptionFilter filter(QByteArrayView query = {})
{
    FilterError error;
    std::optional<SubscriptionFilter> f = SubscriptionFilter::parse(query, &error);
    if (!f)
        qFatal("test filter does not parse: %s", qPrintable(error.detail));
    return *f;
}

ResumePoint after(int n)
{
    ResumePoint p;
    p.afterEventId = QUuid::fromString(QLatin1StringView(eventId(n)));
    return p;
}

ResumePoint since(qint64 ms)
{
    ResumePoint p;
    p.sinceMs = ms;
    return p;
}

QList<QByteArray> ids(const Replay &r)
{
    QList<QByteArray> out;
    for (const QByteArray &frame : r.frames) {
        const qsizetype at = frame.indexOf("\"event_id\": \"");
        out.append(at < 0 ? QByteArray() : frame.mid(at + 13, 36));
    }
    return out;
}

QList<QByteArray> ids(const QList<HistoryEvent> &events)
{
    QList<QByteArray> out;
    for (const HistoryEvent &e : events)
        out.append(e.message->attributes(e.index).eventId.toByteArray());
    return out;
}

QList<QByteArray> idRange(int first, int last)
{
    QList<QByteArray> out;
    for (int n = first; n <= last; ++n)
        out.append(eventId(n));
    return out;
}

} // namespace

class TestEventHistory : public QObject
{
    Q_OBJECT

    qint64 m_now = 1800000000000LL; // the test's clock, in ms since the epoch

    void useTestClock(EventHistory &h)
    {
        h.setClock([this] { return m_now; });
    }

private Q_SLOTS:
    void init()
    {
        sender::test::failOnQtWarnings();
        m_now = 1800000000000LL;
    }

    // The frames held are the very frames fan-out sends (one shared buffer, no copy).
    void holdsTheSharedFrames()
    {
        EventHistory h;
        useTestClock(h);
        const auto m1 = message(1);
        const auto m2 = message(2);
        h.record(kAccountA, m1);
        h.record(kAccountA, m2);
        const Replay r = h.replay(kAccountA, after(1), filter());
        QVERIFY(r.reachesBack);
        QCOMPARE(r.frames.size(), 1);
        QCOMPARE(r.frames.first(), m2->frame(0));
        QVERIFY(r.frames.first().constData() == m2->frame(0).constData());
        QCOMPARE(h.stats().events, 2u);
        QCOMPARE(h.stats().bytes, quint64(m1->frame(0).size() + m2->frame(0).size()));
        QCOMPARE(h.stats().accounts, 1);
        QCOMPARE(h.stats().resumes, 1u);
        QCOMPARE(h.stats().replayedEvents, 1u);
    }

    void replayAfterAnEventIsInArrivalOrderAndPerAccount()
    {
        EventHistory h;
        useTestClock(h);
        for (int n = 1; n <= 10; ++n)
            h.record(n % 2 ? kAccountA : kAccountB, message(n));
        QCOMPARE(ids(h.replay(kAccountA, after(3), filter())),
                 (QList<QByteArray> {eventId(5), eventId(7), eventId(9)}));
        QCOMPARE(ids(h.replay(kAccountB, after(2), filter())),
                 (QList<QByteArray> {eventId(4), eventId(6), eventId(8), eventId(10)}));
        // The newest event: nothing to replay, the live stream follows.
        const Replay upToDate = h.replay(kAccountA, after(9), filter());
        QVERIFY(upToDate.reachesBack);
        QVERIFY(upToDate.frames.isEmpty());
        // Another account's event is not in this account's history.
        const Replay other = h.replay(kAccountA, after(2), filter());
        QVERIFY(!other.reachesBack);
        QVERIFY2(other.why.contains(QLatin1StringView(eventId(2))), qPrintable(other.why));
    }

    // The filter is the subscription's own: the replay is what the live stream would have given.
    void filtersApply()
    {
        EventHistory h;
        useTestClock(h);
        for (int n = 1; n <= 9; ++n)
            h.record(kAccountA, message(n, "cam-" + QByteArray::number(n % 3)));
        QCOMPARE(ids(h.replay(kAccountA, after(1), filter("sources=cam-0"))),
                 (QList<QByteArray> {eventId(3), eventId(6), eventId(9)}));
        // The resume point itself may be an event the filter refuses.
        QCOMPARE(ids(h.replay(kAccountA, after(2), filter("sources=cam-1,cam-2"))),
                 (QList<QByteArray> {eventId(4), eventId(5), eventId(7), eventId(8)}));
    }

    void evictionByCount()
    {
        EventHistory h;
        useTestClock(h);
        HistoryLimits limits;
        limits.maxEvents = 5;
        h.setLimits(limits);
        for (int n = 1; n <= 12; ++n)
            h.record(kAccountA, message(n));
        h.record(kAccountB, message(100));
        QCOMPARE(h.stats().events, 6u);
        QCOMPARE(h.stats().evictedByCount, 7u);
        QCOMPARE(ids(h.replay(kAccountA, after(8), filter())), idRange(9, 12));
        const Replay gone = h.replay(kAccountA, after(7), filter());
        QVERIFY(!gone.reachesBack);
        QVERIFY2(gone.why.contains(u"evicted"), qPrintable(gone.why));
        // The other account keeps its own.
        QVERIFY(h.replay(kAccountB, after(100), filter()).reachesBack);
    }

    // Many accounts evicted by count leave references behind in the global arrival order; they
    // are compacted away, so the order stays proportional to what is held.
    void evictionByCountKeepsTheOrderBounded()
    {
        EventHistory h;
        useTestClock(h);
        HistoryLimits limits;
        limits.maxEvents = 2;
        h.setLimits(limits);
        h.record(kAccountB, message(0)); // an old event of another account, never evicted
        for (int n = 1; n <= 20000; ++n)
            h.record(kAccountA, message(n));
        QCOMPARE(h.stats().events, 3u);
        QVERIFY2(h.orderReferences() <= 2 * 3 + 1024,
                 qPrintable(QString::number(h.orderReferences())));
        QCOMPARE(ids(h.replay(kAccountA, after(19999), filter())), idRange(20000, 20000));
        // Past the age limit the old event goes, by age, in arrival order.
        m_now += limits.maxMs + 1;
        h.expire();
        QCOMPARE(h.stats().events, 0u);
        QCOMPARE(h.stats().accounts, 0);
        QCOMPARE(h.stats().evictedByAge, 3u);
    }

    void evictionByAge()
    {
        EventHistory h;
        useTestClock(h);
        HistoryLimits limits;
        limits.maxMs = 300000;
        h.setLimits(limits);
        h.record(kAccountA, message(1));
        m_now += 100000;
        h.record(kAccountA, message(2));
        m_now += 200000; // event 1 is now exactly 300 s old: still kept
        h.record(kAccountA, message(3));
        QCOMPARE(h.stats().events, 3u);
        m_now += 1;
        h.record(kAccountA, message(4));
        QCOMPARE(h.stats().events, 3u);
        QCOMPARE(h.stats().evictedByAge, 1u);
        // A replay looks at the clock too, with no event arriving in between.
        m_now += 200000;
        QCOMPARE(ids(h.replay(kAccountA, after(3), filter())), idRange(4, 4));
        QCOMPARE(h.stats().evictedByAge, 2u);
        QVERIFY(!h.replay(kAccountA, after(2), filter()).reachesBack);
    }

    // Past MAX_BYTES the oldest events of any account go, whichever account is busy now.
    void evictionByBytesTakesTheOldestOfAnyAccount()
    {
        EventHistory h;
        useTestClock(h);
        const qint64 frameBytes = message(1, "cam-1", 1000)->frame(0).size();
        HistoryLimits limits;
        limits.maxBytes = 10 * frameBytes;
        h.setLimits(limits);
        h.record(kAccountB, message(100, "cam-1", 1000));
        h.record(kAccountB, message(101, "cam-1", 1000));
        for (int n = 1; n <= 10; ++n)
            h.record(kAccountA, message(n, "cam-1", 1000));
        QCOMPARE(h.stats().events, 10u);
        QCOMPARE(h.stats().bytes, quint64(10 * frameBytes));
        QCOMPARE(h.stats().evictedByBytes, 2u);
        QCOMPARE(h.stats().accounts, 1); // account B's two events were the oldest
        QVERIFY(!h.replay(kAccountB, after(100), filter()).reachesBack);
        QCOMPARE(ids(h.replay(kAccountA, after(1), filter())), idRange(2, 10));
        h.record(kAccountB, message(102, "cam-1", 1000));
        QCOMPARE(h.stats().evictedByBytes, 3u);
        QVERIFY(!h.replay(kAccountA, after(1), filter()).reachesBack);
        QCOMPARE(ids(h.replay(kAccountA, after(2), filter())), idRange(3, 10));
    }

    void lowerLimitsApplyAtOnce()
    {
        EventHistory h;
        useTestClock(h);
        for (int n = 1; n <= 10; ++n)
            h.record(kAccountA, message(n));
        HistoryLimits limits;
        limits.maxEvents = 3;
        h.setLimits(limits);
        QCOMPARE(h.stats().events, 3u);
        QCOMPARE(ids(h.replay(kAccountA, after(8), filter())), idRange(9, 10));
    }

    void replaySinceATime()
    {
        EventHistory h;
        useTestClock(h);
        const qint64 start = m_now;
        for (int n = 1; n <= 5; ++n) {
            m_now += 1000;
            h.record(kAccountA, message(n));
        }
        // At or after: the event that arrived exactly then is included.
        QCOMPARE(ids(h.replay(kAccountA, since(start + 3000), filter())), idRange(3, 5));
        QCOMPARE(ids(h.replay(kAccountA, since(start + 2500), filter())), idRange(3, 5));
        QCOMPARE(ids(h.replay(kAccountA, since(start), filter())), idRange(1, 5));
        QVERIFY(h.replay(kAccountA, since(m_now + 60000), filter()).frames.isEmpty());
        // An account with no event yet: nothing missed since the start.
        const Replay quiet = h.replay(kAccountB, since(start + 1), filter());
        QVERIFY(quiet.reachesBack);
        QVERIFY(quiet.frames.isEmpty());
    }

    // A time before the instance started, or at or before an evicted event of the account,
    // cannot be served completely.
    void replaySinceRefusedWhenIncomplete()
    {
        EventHistory h;
        useTestClock(h);
        const qint64 start = m_now;
        const Replay beforeStart = h.replay(kAccountA, since(start - 1), filter());
        QVERIFY(!beforeStart.reachesBack);
        QVERIFY2(beforeStart.why.contains(u"reaches back to"), qPrintable(beforeStart.why));

        HistoryLimits limits;
        limits.maxEvents = 2;
        h.setLimits(limits);
        for (int n = 1; n <= 4; ++n) {
            m_now += 1000;
            h.record(kAccountA, message(n));
        }
        // Events 1 and 2 (at +1 s and +2 s) were evicted.
        QVERIFY(!h.replay(kAccountA, since(start + 2000), filter()).reachesBack);
        QCOMPARE(ids(h.replay(kAccountA, since(start + 2001), filter())), idRange(3, 4));
    }

    void disabledKeepsNothingAndRefuses()
    {
        EventHistory h;
        useTestClock(h);
        h.record(kAccountA, message(1));
        h.setEnabled(false);
        QCOMPARE(h.stats().events, 0u);
        QCOMPARE(h.stats().bytes, 0u);
        h.record(kAccountA, message(2));
        QCOMPARE(h.stats().events, 0u);
        const Replay r = h.replay(kAccountA, after(1), filter());
        QVERIFY(!r.reachesBack);
        QVERIFY2(r.why.contains(u"HISTORY.ENABLED"), qPrintable(r.why));
    }

    // The console's view: the newest events of every account in their global arrival order
    // (oldest first), each with its account, arrival time and source, sharing the message.
    void recentAcrossAccountsInArrivalOrder()
    {
        EventHistory h;
        useTestClock(h);
        const auto first = message(1);
        for (int n = 1; n <= 6; ++n) {
            m_now += 10;
            h.record(n % 2 ? kAccountA : kAccountB, n == 1 ? first : message(n),
                     n % 3 ? SourceKind::Redis : SourceKind::Publish);
        }
        const QList<HistoryEvent> all = h.recent(100);
        QCOMPARE(ids(all), idRange(1, 6));
        QCOMPARE(all.first().account, kAccountA);
        QCOMPARE(all[1].account, kAccountB);
        QCOMPARE(all.first().arrivedMs, 1800000000010LL);
        QCOMPARE(all.last().arrivedMs, 1800000000060LL);
        QCOMPARE(all.first().kind, SourceKind::Redis);
        QCOMPARE(all[2].kind, SourceKind::Publish);
        // Made again from the frame the history holds: the same bytes, shared, not copied, and
        // the same envelope and attributes.
        const EventMessage &again = *all.first().message;
        QCOMPARE(all.first().index, 0);
        QCOMPARE(again.eventCount(), 1);
        QCOMPARE(again.frame(0).constData(), first->frame(0).constData());
        QCOMPARE(again.eventJson(0), first->eventJson(0));
        QCOMPARE(again.handlerIdText(), first->handlerIdText());
        QCOMPARE(again.handlerId(), first->handlerId());
        QCOMPARE(again.requestIdText(), first->requestIdText());
        QCOMPARE(again.createTimeText(), first->createTimeText());
        QCOMPARE(again.endTimeText(), first->endTimeText());
        QCOMPARE(again.attributes(0).eventId, first->attributes(0).eventId);
        QCOMPARE(again.attributes(0).age, first->attributes(0).age);
        // The newest `limit`, still oldest first.
        QCOMPARE(ids(h.recent(2)), idRange(5, 6));
        QVERIFY(h.recent(0).isEmpty());
        // Reading is not a resume.
        QCOMPARE(h.stats().resumes, 0u);
    }

    void recentOfOneAccount()
    {
        EventHistory h;
        useTestClock(h);
        for (int n = 1; n <= 10; ++n)
            h.record(n % 2 ? kAccountA : kAccountB, message(n));
        QCOMPARE(ids(h.recent(100, kAccountA)),
                 (QList<QByteArray> {eventId(1), eventId(3), eventId(5), eventId(7), eventId(9)}));
        QCOMPARE(ids(h.recent(2, kAccountB)), (QList<QByteArray> {eventId(8), eventId(10)}));
        for (const HistoryEvent &e : h.recent(100, kAccountB))
            QCOMPARE(e.account, kAccountB);
        QVERIFY(h.recent(100, QUuid::createUuid()).isEmpty());
    }

    // Events evicted by count leave references in the global order: they are skipped, and the
    // limit counts only events still held. By age and by bytes, the oldest go.
    void recentSkipsEvictedEvents()
    {
        EventHistory h;
        useTestClock(h);
        HistoryLimits limits;
        limits.maxEvents = 3;
        h.setLimits(limits);
        h.record(kAccountB, message(100));
        for (int n = 1; n <= 8; ++n)
            h.record(kAccountA, message(n));
        h.record(kAccountB, message(101));
        QCOMPARE(
            ids(h.recent(100)),
            (QList<QByteArray> {eventId(100), eventId(6), eventId(7), eventId(8), eventId(101)}));
        QCOMPARE(ids(h.recent(4)),
                 (QList<QByteArray> {eventId(6), eventId(7), eventId(8), eventId(101)}));
        QCOMPARE(ids(h.recent(100, kAccountA)), idRange(6, 8));

        m_now += limits.maxMs + 1;
        QVERIFY(h.recent(100).isEmpty()); // too old by now, though nothing arrived since
        QCOMPARE(h.stats().events, 0u);
    }

    void recentIsEmptyWhenDisabled()
    {
        EventHistory h;
        useTestClock(h);
        h.record(kAccountA, message(1));
        QCOMPARE(h.recent(10).size(), 1);
        h.setEnabled(false);
        h.record(kAccountA, message(2));
        QVERIFY(h.recent(10).isEmpty());
        QVERIFY(h.recent(10, kAccountA).isEmpty());
    }

    // A message of several events keeps each of them, in the message's order.
    void everyEventOfAMessage()
    {
        EventHistory h;
        useTestClock(h);
        const QByteArray raw = "{\"handler_id\": \"557d54ec-29ad-4f3c-93b4-c9092ef12515\", "
                               "\"events\": [{\"event_id\": \""
            + eventId(1) + "\"}, {\"event_id\": \"" + eventId(2) + "\"}, {\"event_id\": \""
            + eventId(3) + "\"}]}";
        QString error;
        const auto m = EventMessage::parse(raw, &error);
        QVERIFY2(m, qPrintable(error));
        h.record(kAccountA, m);
        QCOMPARE(h.stats().events, 3u);
        QCOMPARE(ids(h.replay(kAccountA, after(1), filter())), idRange(2, 3));
        const QList<HistoryEvent> recent = h.recent(2);
        QCOMPARE(ids(recent), idRange(2, 3));
        // Each one a message of its own, made again from its frame.
        QCOMPARE(recent.first().index, 0);
        QCOMPARE(recent.first().message->frame(0).constData(), m->frame(1).constData());
        QCOMPARE(recent.last().message->frame(0).constData(), m->frame(2).constData());
        QCOMPARE(recent.last().message->eventJson(0), m->eventJson(2));
    }
};

QTEST_GUILESS_MAIN(TestEventHistory)
#include "tst_eventhistory.moc"
