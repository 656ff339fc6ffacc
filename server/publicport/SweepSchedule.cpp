#include "publicport/SweepSchedule.h"

#include <QRandomGenerator>

namespace sender {

qint64 SweepSchedule::bucketOf(qint64 dueMs) const
{
    if (dueMs <= 0)
        return 0;
    return (dueMs + m_granularity - 1) / m_granularity;
}

void SweepSchedule::add(qint64 bucket, quint64 id)
{
    m_buckets[bucket].push_back(id);
    ++m_size;
}

void SweepSchedule::takeDue(qint64 nowMs, std::vector<std::pair<qint64, quint64>> &out)
{
    out.clear();
    auto it = m_buckets.begin();
    while (it != m_buckets.end() && it->first * m_granularity <= nowMs) {
        for (const quint64 id : it->second)
            out.emplace_back(it->first, id);
        m_size -= it->second.size();
        it = m_buckets.erase(it);
    }
}

qint64 firstPingDelayMs(qint64 intervalMs)
{
    if (intervalMs <= 1)
        return qMax<qint64>(intervalMs, 0);
    const qint64 half = intervalMs / 2;
    return intervalMs - qint64(QRandomGenerator::global()->bounded(quint64(half + 1)));
}

} // namespace sender
