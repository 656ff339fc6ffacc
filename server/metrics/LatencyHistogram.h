#pragma once

#include <QtGlobal>

#include <array>

namespace sender {

// Time from receiving a message to writing its frames, in fixed buckets from 50 µs to 1 s.
// Observing is a few compares and two adds on the engine thread: nothing allocates.
class LatencyHistogram
{
public:
    static constexpr std::array<double, 14> kBounds = {0.00005, 0.0001, 0.00025, 0.0005, 0.001,
                                                       0.0025,  0.005,  0.01,    0.025,  0.05,
                                                       0.1,     0.25,   0.5,     1.0};

    void observeNs(qint64 nanoseconds)
    {
        const double seconds = double(nanoseconds) / 1e9;
        size_t i = 0;
        while (i < kBounds.size() && seconds > kBounds[i])
            ++i;
        ++m_counts[i]; // i == kBounds.size() is the +Inf bucket
        m_sum += seconds;
        ++m_count;
    }

    // Non-cumulative counts per bucket, the last one for values above 1 s.
    const std::array<quint64, kBounds.size() + 1> &counts() const { return m_counts; }
    double sum() const { return m_sum; }
    quint64 count() const { return m_count; }

private:
    std::array<quint64, kBounds.size() + 1> m_counts {};
    double m_sum = 0.0;
    quint64 m_count = 0;
};

} // namespace sender
