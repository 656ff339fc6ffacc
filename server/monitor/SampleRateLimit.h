#pragma once

#include <QtGlobal>

namespace sender {

// The events_max_rate of one monitor on the stream: a token bucket of event samples, refilled by
// the time that passed on a monotonic clock (the caller's, in nanoseconds, so the arithmetic can
// be tested without waiting), holding at most one second's worth. Credit is kept in billionths
// of a sample so that the refill is exact integer arithmetic: no rounding drift over an hour.
class SampleRateLimit
{
public:
    static constexpr qint64 kMinPerSecond = 1;
    static constexpr qint64 kMaxPerSecond = 100000;

    // Starts full: a monitor that subscribes sees a second's worth at once.
    SampleRateLimit(qint64 perSecond, qint64 nowNs)
        : m_perSecond(perSecond)
        , m_credit(perSecond * kUnit)
        , m_lastNs(nowNs)
    { }

    qint64 perSecond() const { return m_perSecond; }

    // How many of `offered` samples may go out now (the rest are the caller's to count as
    // dropped).
    qint64 take(qint64 offered, qint64 nowNs)
    {
        // Capped at a second: the bucket is full by then, and the product cannot overflow.
        const qint64 elapsed = qBound<qint64>(0, nowNs - m_lastNs, kUnit);
        m_lastNs = qMax(m_lastNs, nowNs);
        m_credit = qMin(m_credit + elapsed * m_perSecond, m_perSecond * kUnit);
        const qint64 granted = qBound<qint64>(0, offered, m_credit / kUnit);
        m_credit -= granted * kUnit;
        return granted;
    }

private:
    static constexpr qint64 kUnit = 1000000000; // credit per sample, and nanoseconds per second

    qint64 m_perSecond;
    qint64 m_credit;
    qint64 m_lastNs;
};

} // namespace sender
