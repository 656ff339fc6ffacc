#include "FailOnWarnings.h"
#include "sources/redis/ReconnectBackoff.h"

#include <QTest>

using sender::ReconnectBackoff;

class TestReconnectBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void ceilings_data()
    {
        QTest::addColumn<int>("minMs");
        QTest::addColumn<int>("maxMs");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("defaults") << 100 << 1500 << QList<int> {100, 200, 400, 800, 1500, 1500};
        QTest::newRow("min equals max") << 250 << 250 << QList<int> {250, 250, 250};
        QTest::newRow("max below min is raised") << 300 << 10 << QList<int> {300, 300};
        QTest::newRow("long outage stays capped")
            << 1 << 5000
            << QList<int> {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 5000, 5000};
    }
    void ceilings()
    {
        QFETCH(int, minMs);
        QFETCH(int, maxMs);
        QFETCH(QList<int>, expected);
        ReconnectBackoff backoff(minMs, maxMs, 1);
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(backoff.stepCeilingMs(i), expected.at(i));
    }

    void delaysStayWithinTheirStep()
    {
        for (quint32 seed = 0; seed < 200; ++seed) {
            ReconnectBackoff backoff(100, 1500, seed);
            for (int attempt = 0; attempt < 12; ++attempt) {
                const int ceiling = backoff.stepCeilingMs(attempt);
                const int delay = backoff.nextDelayMs();
                QVERIFY2(delay >= std::max(100, ceiling / 2) && delay <= ceiling,
                         qPrintable(QStringLiteral("attempt %1: %2 ms").arg(attempt).arg(delay)));
            }
        }
    }

    void jitterSpreadsInstances()
    {
        // Many instances that lost Redis together must not all retry at the same moment.
        QSet<int> thirdDelays;
        for (quint32 seed = 0; seed < 50; ++seed) {
            ReconnectBackoff backoff(100, 1500, seed);
            backoff.nextDelayMs();
            backoff.nextDelayMs();
            thirdDelays.insert(backoff.nextDelayMs());
        }
        QVERIFY2(thirdDelays.size() > 20, qPrintable(QString::number(thirdDelays.size())));
    }

    void resetStartsOver()
    {
        ReconnectBackoff backoff(100, 1500, 7);
        for (int i = 0; i < 10; ++i)
            backoff.nextDelayMs();
        QCOMPARE(backoff.attempt(), 10);
        backoff.reset();
        QCOMPARE(backoff.attempt(), 0);
        QVERIFY(backoff.nextDelayMs() == 100);
    }

    void sameSeedSameSchedule()
    {
        ReconnectBackoff a(100, 1500, 42);
        ReconnectBackoff b(100, 1500, 42);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(a.nextDelayMs(), b.nextDelayMs());
    }

    void manyAttemptsDoNotOverflow()
    {
        ReconnectBackoff backoff(1000, 1 << 30, 3);
        for (int i = 0; i < 1000; ++i) {
            const int delay = backoff.nextDelayMs();
            QVERIFY(delay >= 1000 && delay <= (1 << 30));
        }
    }
};

QTEST_GUILESS_MAIN(TestReconnectBackoff)
#include "tst_reconnectbackoff.moc"
