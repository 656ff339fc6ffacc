// RateTracker: the engine's cumulative counters turned into per-second rates over a sliding
// window on the console's clock (the clock is the test's: no waiting).

#include "FailOnWarnings.h"
#include "gui/models/RateTracker.h"

#include <QTest>

using namespace sender;

namespace {

EngineSnapshot counters(quint64 eventsPerKind, quint64 deliveries)
{
    EngineSnapshot snapshot;
    snapshot.eventsIn.fill(eventsPerKind);
    snapshot.deliveries = deliveries;
    return snapshot;
}

} // namespace

class TestRateTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void totalAddsEveryKind()
    {
        QCOMPARE(RateTracker::totalEventsIn(counters(5, 0)), quint64(5 * kSourceKinds));
        QCOMPARE(RateTracker::totalEventsIn(EngineSnapshot()), quint64(0));
    }

    void ratesOverTheWindow()
    {
        RateTracker tracker(1000);
        // The first point has nothing to compare with.
        RateTracker::Rates r = tracker.add(counters(0, 0), 10000);
        QCOMPARE(r.eventsIn, 0.0);
        QCOMPARE(r.delivered, 0.0);
        // Less than 50 ms later: too short to say.
        r = tracker.add(counters(1, 1), 10040);
        QCOMPARE(r.delivered, 0.0);
        // Half a second later: 100 deliveries and 50 events per kind in 0.5 s.
        r = tracker.add(counters(50, 100), 10500);
        QCOMPARE(r.delivered, 200.0);
        QCOMPARE(r.eventsIn, 100.0 * kSourceKinds);
        // Steady 1000 deliveries a second: the window spans one second, not all of history.
        quint64 delivered = 100;
        qint64 now = 10500;
        for (int i = 0; i < 30; ++i) {
            now += 100;
            delivered += 100;
            r = tracker.add(counters(50, delivered), now);
        }
        QCOMPARE(r.delivered, 1000.0);
        QCOMPARE(r.eventsIn, 0.0); // no events for longer than the window
    }

    // A counter going backwards means the engine restarted: the window starts over instead of
    // showing a negative or huge rate.
    void restartStartsOver()
    {
        RateTracker tracker(1000);
        tracker.add(counters(1000, 5000), 0);
        tracker.add(counters(1100, 5500), 500);
        RateTracker::Rates r = tracker.add(counters(3, 7), 1000);
        QCOMPARE(r.delivered, 0.0);
        QCOMPARE(r.eventsIn, 0.0);
        r = tracker.add(counters(3, 107), 1500);
        QCOMPARE(r.delivered, 200.0);
        tracker.reset();
        r = tracker.add(counters(3, 1000), 1600);
        QCOMPARE(r.delivered, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestRateTracker)
#include "tst_ratetracker.moc"
