#pragma once

#include "fanout/Recipient.h"

#include <QHash>
#include <QList>
#include <QUuid>

#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sender {

class EventMessage;
class SubscriptionFilter;

// One piece of a group's stream: a frame, or a large group's batch of frames back to back. Every
// member's queue is handed the same QByteArray (shared, never copied per member).
struct StreamChunk
{
    QByteArray bytes;
    quint64 firstEvent = 0; // the group's count of events before it
    qint64 arrivedMs = 0; // when its first event was dispatched (the hub's clock)
    int frames = 0;
};

// Recipients of one account that share one filter set and frame variant: the filter runs once
// per event for all of them, and the frames go into one stream they all read from. A member that
// is behind is a position in that stream (Recipient::m_cursor), not a queue of its own: the
// stream keeps every chunk from the furthest-behind member's position on, once, however many
// members are behind.
struct Group
{
    QUuid account;
    QString canonicalQuery;
    int variant = 0;
    std::shared_ptr<const SubscriptionFilter> filter;
    std::vector<Recipient *> members;
    quint64 eventsPassed = 0;
    // Events of its account it refused: every event dispatched to the account since the group was
    // made and not passed. Derived, so that an event costs nothing in the groups the source index
    // skips (see Hub::dispatch).
    quint64 eventsFilteredOut() const { return *accountEvents - accountEventsBase - eventsPassed; }
    const quint64 *accountEvents = nullptr; // the account's events dispatched (Hub::Account)
    quint64 accountEventsBase = 0; // *accountEvents when the group was made
    // The stream: chunks from `streamBase` (the index of stream.front()) on.
    std::deque<StreamChunk> stream;
    quint64 streamBase = 0;
    quint64 eventsSealed = 0; // events in chunks ever sealed into the stream
    qint64 streamBytes = 0;
    // A large group's frames since its last chunk was sealed, back to back (see Hub::dispatch).
    QByteArray batch;
    int batchFrames = 0;
    qint64 batchArrivedMs = 0;
    bool batchPending = false; // listed in Hub::m_pendingGroups
    bool active = false; // listed in Hub::m_activeGroups: something retained or an open batch
    quint64 streamEnd() const { return streamBase + stream.size(); }
};

// Why the hub closed a subscriber.
enum class LagCloseReason {
    Budget, // the retained bytes were over WEBSOCKET.RETAINED_BYTES: the furthest behind went
    Stuck, // behind for longer than WEBSOCKET.MAX_LAG_SECONDS
};
constexpr int kLagCloseReasons = 2;
const char *lagCloseReasonName(LagCloseReason reason); // "budget", "stuck" (metrics label)

struct LagPolicy
{
    qint64 retainedBudgetBytes = 512LL * 1024 * 1024; // all groups' streams together
    qint64 maxLagMs = 30000;
    // Over the budget, one subscriber (the furthest behind) is closed per this interval, so that
    // a crowd that fell behind together is never closed together; over 1.25x the budget as many
    // as it takes go at once (memory is the harder bound).
    qint64 closeSpacingMs = 100;
    static qint64 hardLimit(qint64 budget) { return budget + budget / 4; }
};

struct HubCounters
{
    quint64 eventsDispatched = 0; // events of messages handed to dispatch()
    quint64 deliveries = 0; // (frame, recipient) pairs put in a group stream for it
    quint64 filteredOut = 0; // (event, recipient) pairs a filter refused
    quint64 slowConsumerCloses = 0; // all reasons
    std::array<quint64, kLagCloseReasons> lagCloses {};
    quint64 droppedFrames = 0; // frames closed subscribers had not been handed yet
    quint64 bytesQueued = 0;
    qint64 retainedBytes = 0; // bytes of every group's stream (and open batch), now
    qint64 peakRetainedBytes = 0;
    // As of the last maintain(): the largest lag of any subscriber.
    quint64 maxLagEvents = 0;
    qint64 maxLagMs = 0;
};

struct GroupSnapshot
{
    QUuid account;
    QString canonicalQuery;
    std::shared_ptr<const SubscriptionFilter> filter;
    int members = 0;
    quint64 eventsPassed = 0;
    quint64 eventsFilteredOut = 0;
};

// The fan-out index: account -> filter groups -> recipients. Single-threaded (the engine thread).
// dispatch() only appends to group streams; flush() hands each member what its queue has room
// for and writes, so several messages arriving in one wake-up become one write per socket. A
// member whose socket is full keeps its position and is handed more when its socket drains
// (refill()), so a burst costs the frames once, not once per subscriber.
class Hub
{
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    Hub();
    ~Hub();
    Hub(const Hub &) = delete;
    Hub &operator=(const Hub &) = delete;

    void setClock(Clock clock)
    {
        m_clock = std::move(clock);
        m_lastMaintainMs = m_clock();
    }
    void setLagPolicy(const LagPolicy &policy) { m_policy = policy; }
    const LagPolicy &lagPolicy() const { return m_policy; }

    void subscribe(Recipient *recipient, const QUuid &account,
                   std::shared_ptr<const SubscriptionFilter> filter);
    void unsubscribe(Recipient *recipient);

    // Appends every event of the message to the stream of each group of the account whose filter
    // passes it. recipientsPerEvent, when given, receives how many recipients got each event.
    void dispatch(const QUuid &account, const EventMessage &message,
                  QList<int> *recipientsPerEvent = nullptr);
    // Hands out and writes what dispatch() appended; then applies the lag policy when it is due.
    // Returns how many recipients were flushed.
    int flush();
    bool hasPendingFlush() const { return !m_pendingGroups.empty(); }
    // Hands the recipient the chunks after its position that its queue has room for (its queue's
    // limit less a little room for control frames; at least one chunk when the queue is empty).
    // Returns whether it handed any. Never closes or unsubscribes anyone.
    bool refill(Recipient *recipient);
    // Trims the streams, updates the lag figures and closes who is too far behind (see
    // LagPolicy). Called by flush() and by a timer, so that it runs while nothing arrives too.
    void maintain();

    // The frame of event i a recipient of this variant is sent: the one place a variant is chosen.
    const QByteArray &frameFor(const EventMessage &message, qsizetype i, int variant) const;

    // Groups with at least this many members collect their frames into one chunk per round (up
    // to kBatchBytes): one push and one iovec per member per chunk instead of per frame.
    static constexpr size_t kBatchMinMembers = 8;
    static constexpr qsizetype kBatchBytes = 64 * 1024;

    RecipientLag lagOf(const Recipient *recipient) const;
    // Calls f for every recipient behind its stream (lagOf(r).events > 0), with its lag. Looks
    // only at the groups with something retained or an open batch, not at every recipient.
    void forEachBehind(const std::function<void(const Recipient *, const RecipientLag &)> &f) const;
    bool hasSubscribers(const QUuid &account) const { return m_accounts.count(account) > 0; }
    int recipientCount() const { return m_recipientCount; }
    int accountCount() const { return int(m_accounts.size()); }
    QHash<QUuid, int> recipientsPerAccount() const;
    const HubCounters &counters() const { return m_counters; }
    QList<GroupSnapshot> groups() const;
    // Frames with a payload below this many bytes go plain to permessage-deflate subscribers too
    // (WEBSOCKET.COMPRESSION_MIN_BYTES): compressing them costs more than it saves.
    void setDeflateMinBytes(qsizetype bytes) { m_deflateMinBytes = bytes; }
    // The filter of an existing group with this canonical query, so equal filters share one object.
    std::shared_ptr<const SubscriptionFilter> sharedFilter(const QString &canonicalQuery) const;

private:
    struct StringHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view v) const noexcept
        {
            return std::hash<std::string_view> {}(v);
        }
    };
    struct Account
    {
        std::vector<std::unique_ptr<Group>> groups;
        // The source index: the groups whose filter has a `sources` condition, under each of its
        // sources, and the others. An event is checked only against the groups of its source and
        // the unindexed ones (one camera's subscribers do not cost the other cameras' events).
        std::unordered_map<std::string, std::vector<Group *>, StringHash, std::equal_to<>> bySource;
        std::vector<Group *> unindexed;
        int recipients = 0;
        quint64 events = 0; // events dispatched to it (Group::eventsFilteredOut)
    };
    struct Candidate
    {
        Recipient *recipient;
        qint64 arrivedMs; // of the oldest event it has not been handed
        RecipientLag lag;
    };

    void markDirty(Recipient *r);
    void appendChunk(Group *group, QByteArray bytes, int frames, qint64 arrivedMs);
    void seal(Group *group); // the open batch becomes a chunk of the stream
    void sealPending(Group *group); // the same, taking it off m_pendingGroups
    void trim(Group *group); // drops the chunks every member is past
    void activate(Group *group); // it holds something now: maintain() looks at it
    void close(const Candidate &c, LagCloseReason reason);
    // Appends the event to the group's stream (its filter passed it); returns its members.
    int deliver(Group *group, const EventMessage &message, qsizetype i);

    struct UuidHash
    {
        size_t operator()(const QUuid &u) const noexcept { return qHash(u); }
    };
    std::unordered_map<QUuid, Account, UuidHash> m_accounts;
    std::vector<Recipient *> m_dirty;
    std::vector<Group *> m_pendingGroups;
    // The groups that may have something retained or an open batch (a superset: one that became
    // quiet leaves at the next maintain()). maintain() and forEachBehind() walk only these, so a
    // tick costs the groups with traffic, not the thousand idle filters of a large site.
    std::vector<Group *> m_activeGroups;
    int m_recipientCount = 0;
    qsizetype m_deflateMinBytes = 256;
    HubCounters m_counters;
    LagPolicy m_policy;
    Clock m_clock;
    qint64 m_nowMs = 0; // read once per dispatch
    qint64 m_lastMaintainMs = 0;
    qint64 m_lastSpacedCloseMs = 0;
};

} // namespace sender
