#include "sources/redis/ReconnectBackoff.h"

#include <algorithm>

namespace sender {

ReconnectBackoff::ReconnectBackoff(int minMs, int maxMs, quint32 seed)
    : m_minMs(std::max(1, minMs))
    , m_maxMs(std::max(m_minMs, maxMs))
    , m_random(seed)
{ }

int ReconnectBackoff::stepCeilingMs(int attempt) const
{
    qint64 ceiling = m_minMs;
    for (int i = 0; i < attempt && ceiling < m_maxMs; ++i)
        ceiling *= 2;
    return int(std::min<qint64>(ceiling, m_maxMs));
}

int ReconnectBackoff::nextDelayMs()
{
    const int ceiling = stepCeilingMs(m_attempt);
    if (m_attempt < 64)
        ++m_attempt;
    const int half = ceiling / 2;
    const int delay = half + int(m_random.bounded(quint32(ceiling - half) + 1));
    return std::clamp(delay, m_minMs, m_maxMs);
}

} // namespace sender
