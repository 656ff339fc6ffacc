// The connections' deadline buckets (issue 27 point 2): a tick takes only what is due, in order,
// and a connection moved earlier leaves a stale entry the server skips.
#include "FailOnWarnings.h"
#include "publicport/SweepSchedule.h"

#include <QTest>

using namespace sender;

namespace {

using Entries = std::vector<std::pair<qint64, quint64>>;

Entries take(SweepSchedule &s, qint64 nowMs)
{
    Entries out {{99, 99}}; // cleared by takeDue
    s.takeDue(nowMs, out);
    return out;
}

} // namespace

class tst_SweepSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void bucketIsTheFirstTickAtOrAfterTheDeadline()
    {
        const SweepSchedule s(500);
        QCOMPARE(s.bucketOf(-5), 0);
        QCOMPARE(s.bucketOf(0), 0);
        QCOMPARE(s.bucketOf(1), 1);
        QCOMPARE(s.bucketOf(500), 1);
        QCOMPARE(s.bucketOf(501), 2);
        QCOMPARE(s.bucketOf(20000), 40);
    }

    void takesOnlyWhatIsDueInBucketOrder()
    {
        SweepSchedule s(500);
        s.add(s.bucketOf(20000), 1); // a ping in 20 s
        s.add(s.bucketOf(3001), 2); // a closing timeout
        s.add(s.bucketOf(10001), 3); // a request timeout
        s.add(s.bucketOf(3001), 4);
        QCOMPARE(s.size(), size_t(4));
        QVERIFY(take(s, 2999).empty());
        QCOMPARE(s.size(), size_t(4));
        const Entries closing = take(s, 3500);
        QCOMPARE(closing, (Entries {{7, 2}, {7, 4}}));
        QCOMPARE(s.size(), size_t(2));
        // A late tick takes every bucket it passed, earliest first.
        QCOMPARE(take(s, 60000), (Entries {{21, 3}, {40, 1}}));
        QVERIFY(s.isEmpty());
        QVERIFY(take(s, 120000).empty());
    }

    void movedEarlierLeavesAStaleEntryThatGoesWithItsBucket()
    {
        SweepSchedule s(500);
        qint64 live = s.bucketOf(30001); // keep-alive wait
        s.add(live, 7);
        live = s.bucketOf(3001); // then closing: earlier
        s.add(live, 7);
        QCOMPARE(s.size(), size_t(2));
        const Entries first = take(s, 3500);
        QCOMPARE(first, (Entries {{live, 7}}));
        // The later entry is still there, to be told stale by its bucket, and then gone.
        const Entries later = take(s, 30500);
        QCOMPARE(later.size(), size_t(1));
        QVERIFY(later.front().first != live);
        QVERIFY(s.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SweepSchedule)
#include "tst_sweepschedule.moc"
