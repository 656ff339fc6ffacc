#pragma once

#include "snapshots/EngineSnapshot.h"

#include <deque>

namespace sender {

// Turns the engine's cumulative counters into per-second rates over a sliding window, on the
// console's clock. A counter that goes backwards means the engine restarted: the window starts
// over.
class RateTracker
{
public:
    struct Rates
    {
        double eventsIn = 0;
        double delivered = 0;
    };

    explicit RateTracker(qint64 windowMs = 1000)
        : m_windowMs(windowMs)
    { }

    Rates add(const EngineSnapshot &snapshot, qint64 nowMs);
    void reset() { m_points.clear(); }

    static quint64 totalEventsIn(const EngineSnapshot &snapshot);

private:
    struct Point
    {
        qint64 ms;
        quint64 eventsIn;
        quint64 delivered;
    };
    qint64 m_windowMs;
    std::deque<Point> m_points;
};

} // namespace sender
