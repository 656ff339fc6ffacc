// The connections' deadline buckets (issue 27 point 2): a tick takes only what is due, in order,
// and a connection moved earlier leaves a stale entry the server skips.
#include "FailOnWarnings.h"
#include "publicport/SweepSchedule.h"

#include <QTest>

#include <vector>

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

    // A crowd that connected together is pinged spread over the second half of the interval,
    // never later than the interval and never in its first half.
    void firstPingsSpreadOverTheSecondHalfOfTheInterval()
    {
        const qint64 interval = 20000;
        qint64 earliest = interval, latest = 0;
        std::vector<int> perSecond(10, 0);
        for (int i = 0; i < 10000; ++i) {
            const qint64 delay = firstPingDelayMs(interval);
            QVERIFY2(delay >= interval / 2 && delay <= interval,
                     qPrintable(QString::number(delay)));
            earliest = qMin(earliest, delay);
            latest = qMax(latest, delay);
            ++perSecond[size_t(qMin<qint64>((delay - interval / 2) / 1000, 9))];
        }
        QVERIFY2(earliest < 10100 && latest > 19900,
                 qPrintable(QStringLiteral("%1 to %2 ms").arg(earliest).arg(latest)));
        // Uniform: about 1 000 of the 10 000 in each second (far from 500 or 2 000 by chance).
        for (const int n : perSecond)
            QVERIFY2(n > 700 && n < 1300, qPrintable(QString::number(n)));
        // The smallest intervals stay inside their bounds too.
        QCOMPARE(firstPingDelayMs(1), 1);
        const qint64 two = firstPingDelayMs(2);
        QVERIFY2(two >= 1 && two <= 2, qPrintable(QString::number(two)));
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
