// The token bucket behind the monitoring stream's events_max_rate, on a clock the test sets: it
// starts with a second's worth, refills by the time that passed and never beyond a second's worth,
// grants nothing for a clock that goes back, and over an hour grants exactly what the rate allows.

#include "FailOnWarnings.h"
#include "monitor/SampleRateLimit.h"

#include <QTest>

using sender::SampleRateLimit;

namespace {

constexpr qint64 kMs = 1000000; // nanoseconds

} // namespace

class tst_SampleRateLimit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void startsWithASecondsWorth_data()
    {
        QTest::addColumn<qint64>("rate");
        QTest::addColumn<qint64>("offered");
        QTest::addColumn<qint64>("granted");
        QTest::newRow("fewer than the rate") << qint64(5) << qint64(3) << qint64(3);
        QTest::newRow("more than the rate") << qint64(5) << qint64(1000) << qint64(5);
        QTest::newRow("the minimum") << qint64(1) << qint64(20000) << qint64(1);
        QTest::newRow("the maximum") << qint64(100000) << qint64(20000) << qint64(20000);
        QTest::newRow("nothing offered") << qint64(100) << qint64(0) << qint64(0);
    }
    void startsWithASecondsWorth()
    {
        QFETCH(qint64, rate);
        QFETCH(qint64, offered);
        QFETCH(qint64, granted);
        SampleRateLimit limit(rate, 7 * kMs);
        QCOMPARE(limit.take(offered, 7 * kMs), granted);
    }

    void refillsByElapsedTime()
    {
        SampleRateLimit limit(5, 0);
        QCOMPARE(limit.take(100, 0), 5);
        QCOMPARE(limit.take(100, 0), 0);
        // 5 a second: one sample every 200 ms, kept exactly across calls that come between.
        QCOMPARE(limit.take(100, 100 * kMs), 0);
        QCOMPARE(limit.take(100, 200 * kMs), 1);
        QCOMPARE(limit.take(100, 399 * kMs), 0);
        QCOMPARE(limit.take(100, 400 * kMs), 1);
        QCOMPARE(limit.take(100, 1400 * kMs), 5);
        // What is not taken stays (up to a second's worth).
        QCOMPARE(limit.take(0, 1800 * kMs), 0);
        QCOMPARE(limit.take(1, 1800 * kMs), 1);
        QCOMPARE(limit.take(100, 1800 * kMs), 1);
    }

    void holdsAtMostASecondsWorth()
    {
        SampleRateLimit limit(50, 0);
        QCOMPARE(limit.take(1000, 0), 50);
        QCOMPARE(limit.take(1000, 3600 * 1000 * kMs), 50);
        QCOMPARE(limit.take(1000, 3600 * 1000 * kMs), 0);
    }

    void aClockGoingBackGrantsNothing()
    {
        SampleRateLimit limit(10, 1000 * kMs);
        QCOMPARE(limit.take(10, 1000 * kMs), 10);
        QCOMPARE(limit.take(10, 0), 0);
        // Nor does coming back to where it was.
        QCOMPARE(limit.take(10, 1000 * kMs), 0);
        QCOMPARE(limit.take(10, 1100 * kMs), 1);
    }

    // The feed delivers about every 100 ms: an hour of it at 5 000 events/s offered, 100 allowed.
    void anHourGrantsExactlyTheRate()
    {
        SampleRateLimit limit(100, 0);
        qint64 granted = 0;
        for (qint64 tick = 0; tick <= 36000; ++tick)
            granted += limit.take(500, tick * 100 * kMs);
        QCOMPARE(granted, 100 + 3600 * 100);
    }
};

QTEST_GUILESS_MAIN(tst_SampleRateLimit)
#include "tst_sampleratelimit.moc"
