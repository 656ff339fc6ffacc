#include "gui/models/RateTracker.h"

namespace sender {

quint64 RateTracker::totalEventsIn(const EngineSnapshot &snapshot)
{
    quint64 total = 0;
    for (quint64 n : snapshot.eventsIn)
        total += n;
    return total;
}

RateTracker::Rates RateTracker::add(const EngineSnapshot &snapshot, qint64 nowMs)
{
    const Point point {nowMs, totalEventsIn(snapshot), snapshot.deliveries};
    if (!m_points.empty()
        && (point.eventsIn < m_points.back().eventsIn
            || point.delivered < m_points.back().delivered))
        m_points.clear();
    m_points.push_back(point);
    // Keep one point at or beyond the window's start, so the rate spans the whole window.
    while (m_points.size() > 2 && nowMs - m_points[1].ms >= m_windowMs)
        m_points.pop_front();
    Rates rates;
    const Point &first = m_points.front();
    const double seconds = double(nowMs - first.ms) / 1000.0;
    if (seconds > 0.05) {
        rates.eventsIn = double(point.eventsIn - first.eventsIn) / seconds;
        rates.delivered = double(point.delivered - first.delivered) / seconds;
    }
    return rates;
}

} // namespace sender
