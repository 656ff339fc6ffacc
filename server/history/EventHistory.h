#pragma once

#include "events/SourceKind.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

namespace sender {

class EventMessage;
class PrometheusText;
class SubscriptionFilter;

struct HistoryLimits
{
    qint64 maxEvents = 10000; // per account
    qint64 maxMs = 300 * 1000; // by arrival at this instance
    qint64 maxBytes = 256LL * 1024 * 1024; // frame bytes across all accounts
};

struct HistoryStats
{
    quint64 events = 0;
    quint64 bytes = 0;
    int accounts = 0;
    quint64 evictedByCount = 0;
    quint64 evictedByAge = 0;
    quint64 evictedByBytes = 0;
    quint64 resumes = 0; // handshakes that were replayed something (or nothing) and went live
    quint64 replayedEvents = 0;
    quint64 evictions() const { return evictedByCount + evictedByAge + evictedByBytes; }
};

// Where a resuming client wants its stream to start again.
struct ResumePoint
{
    std::optional<QUuid> afterEventId; // since_event_id: the events after this one
    std::optional<qint64> sinceMs; // since: the events that arrived at or after this (epoch ms)
};

// The answer to a resume: the frames to send before the live stream, or why it cannot be done.
struct Replay
{
    bool reachesBack = false;
    QString why; // when it does not: one sentence for the client
    QList<QByteArray> frames; // shared with the history (and with fan-out), never copied
    qint64 bytes = 0;
};

// One buffered event as the console's event stream shows it (recent()): a one-event message
// made again from the frame the history holds (EventMessage::fromFrame), so index is 0.
struct HistoryEvent
{
    QUuid account;
    std::shared_ptr<const EventMessage> message;
    qsizetype index = 0; // the event's place in its message
    qint64 arrivedMs = 0; // at this instance, ms since the epoch
    SourceKind kind = SourceKind::Embedded;
};

// The recent events of every account, in arrival order, as the frames fan-out sends. One thread
// (the engine's): record() is called for every dispatched message, replay() while a handshake is
// answered, so nothing can arrive between the replay and the subscription that follows it.
//
// What it keeps of an event is the frame fan-out sent (shared, not copied) and the event id, not
// the parsed message: a message holds its Redis payload and parsed attributes as well (about
// twice the frame), and keeping those alive made every new message land in memory that had long
// left the cache. A replay through a filter and recent() parse the frame again
// (EventMessage::fromFrame, about 2 µs for a 1.7 KB face event).
//
// Eviction: per account past maxEvents (its oldest first), past maxMs of age, and past maxBytes
// the oldest events of any account (a global arrival order of references, compacted when the
// references to events already gone by count outnumber the live ones).
class EventHistory
{
public:
    using Clock = std::function<qint64()>; // milliseconds since the epoch

    EventHistory();
    ~EventHistory();
    EventHistory(const EventHistory &) = delete;
    EventHistory &operator=(const EventHistory &) = delete;

    // Tests drive the age limits with a clock of their own instead of waiting.
    void setClock(Clock clock);
    qint64 now() const { return m_clock(); }
    // New limits apply at once (an instance that lowers them drops what is over).
    void setLimits(const HistoryLimits &limits);
    const HistoryLimits &limits() const { return m_limits; }
    // Off: record() keeps nothing and every resume is refused; what was held is dropped.
    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }
    // From here on every event is seen: a resume from a time before it cannot be complete.
    void markStart() { m_startMs = m_clock(); }

    // Every event of the message, as it arrived for the account from a source of this kind.
    void record(const QUuid &account, const std::shared_ptr<const EventMessage> &message,
                SourceKind kind = SourceKind::Embedded);
    // Drops the events older than maxMs (record() and replay() call it too).
    void expire();

    // The buffered events of the account after the resume point that pass the filter, in arrival
    // order; or, when the history does not reach back that far, why.
    Replay replay(const QUuid &account, const ResumePoint &from, const SubscriptionFilter &filter);

    // The newest `limit` buffered events, oldest first: of every account in their global arrival
    // order, or of one account. Empty when the history is off. For the console's event stream and
    // the monitoring port (GET /monitor/v1/history), never on a client's path.
    QList<HistoryEvent> recent(int limit, std::optional<QUuid> account = {});

    // The buffered event whose event_id is this UUID (the newest of its account, should two
    // share it), made again from its frame; nothing when it is gone or the history is off. A
    // scan of the ids (no frame is parsed but the one found): for a viewer asking for an event's
    // picture, never on a client's path.
    std::optional<HistoryEvent> find(const QUuid &eventId) const;

    HistoryStats stats() const;
    // Entries of the global arrival order, live or already evicted by count (tests check that
    // it stays proportional to what is held).
    qsizetype orderReferences() const { return qsizetype(m_order.size()); }
    void writeMetrics(PrometheusText &out) const;

private:
    enum class Reason { Count, Age, Bytes };
    struct Entry
    {
        QByteArray frame; // shared with fan-out
        QUuid eventId; // event.event_id when it is a UUID (idIsUuid)
        qint64 arrivedMs = 0;
        quint64 seq = 0;
        quint32 kind : 4; // SourceKind
        quint32 idIsUuid : 1;
    };
    struct Ring
    {
        std::deque<Entry> entries;
        qint64 evictedUpToMs = 0; // arrival of the newest event evicted
    };
    struct Ref
    {
        QUuid account;
        quint64 seq = 0;
        qint64 arrivedMs = 0; // so that expire() needs no lookup while nothing is old enough
    };
    struct UuidHash
    {
        size_t operator()(const QUuid &u) const noexcept { return qHash(u); }
    };
    using Rings = std::unordered_map<QUuid, Ring, UuidHash>;

    // Drops the oldest event of the ring; returns false when that emptied (and erased) it.
    bool evictFront(Rings::iterator it, Reason reason);
    bool isGone(const Ref &ref) const;
    void expireAt(qint64 now); // expire() with the time already read
    void evictOldest(Reason reason);
    void compact();
    void clear();

    Clock m_clock;
    HistoryLimits m_limits;
    bool m_enabled = true;
    qint64 m_startMs = 0;
    // Arrival of the newest event evicted from a ring that then went away: a ring made again for
    // that account starts from it, so a resume by time never skips what was evicted.
    qint64 m_erasedUpToMs = 0;
    Rings m_rings;
    std::deque<Ref> m_order;
    quint64 m_nextSeq = 1;
    HistoryStats m_stats;
};

} // namespace sender
