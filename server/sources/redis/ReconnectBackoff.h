#pragma once

#include <QRandomGenerator>

namespace sender {

// Delays between reconnect attempts: doubling from minMs up to maxMs, each drawn at random from
// the upper half of its step ("equal jitter"), so that many Sender instances that lost the same
// Redis do not all come back in the same millisecond, yet none waits less than minMs.
class ReconnectBackoff
{
public:
    ReconnectBackoff(int minMs, int maxMs, quint32 seed = QRandomGenerator::global()->generate());

    // The delay before the next attempt; each call moves one step up the schedule.
    int nextDelayMs();
    // After a successful connection the next failure starts from minMs again.
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }
    // The un-jittered ceiling of the given step: min(maxMs, minMs * 2^attempt).
    int stepCeilingMs(int attempt) const;

private:
    int m_minMs;
    int m_maxMs;
    int m_attempt = 0;
    QRandomGenerator m_random;
};

} // namespace sender
