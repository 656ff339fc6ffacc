#pragma once

#include <QtGlobal>

#include <map>
#include <utility>
#include <vector>

namespace sender {

// When each connection next needs its timeouts and keepalive looked at, in buckets of
// granularityMs. A tick takes only the buckets that are due, so an idle subscriber costs nothing
// between its own deadlines (a ping every 20 s) instead of a visit every tick: with 100 000
// connections the old scan of all of them twice a second was most of an idle instance's CPU.
//
// An entry is (bucket, connection id). Moving a connection to an earlier bucket adds an entry and
// leaves the old one stale; the caller keeps the one live bucket per connection
// (ClientConnection::sweepBucket) and skips an entry whose bucket is not that one. Stale entries
// go when their bucket is taken, so there are at most a few per connection (one per deadline
// moved earlier within the longest timeout).
class SweepSchedule
{
public:
    static constexpr qint64 kNone = -1; // not scheduled

    explicit SweepSchedule(qint64 granularityMs)
        : m_granularity(granularityMs)
    { }

    qint64 granularityMs() const { return m_granularity; }
    // The bucket a deadline falls in: the first whose moment (bucket * granularity) is at or
    // after it, so a tick at or past that moment is at or past the deadline.
    qint64 bucketOf(qint64 dueMs) const;
    void add(qint64 bucket, quint64 id);
    // Moves every entry of the buckets due at nowMs (bucket * granularity <= nowMs) into out, in
    // bucket order; out is cleared first.
    void takeDue(qint64 nowMs, std::vector<std::pair<qint64, quint64>> &out);
    // Entries held, stale ones included.
    size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

private:
    qint64 m_granularity;
    std::map<qint64, std::vector<quint64>> m_buckets;
    size_t m_size = 0;
};

// How long after its upgrade a subscriber gets its first ping: a random moment in the second half
// of the interval, then one every interval. Clients that connected together (a restart, a
// balancer moving a crowd over) are then not pinged together every interval for as long as they
// stay: at 100 000 subscribers that was 100 000 pings and pongs in one sweep every 20 s, on top of
// whatever events were flowing.
qint64 firstPingDelayMs(qint64 intervalMs);

} // namespace sender
