#pragma once

#include "fanout/Recipient.h"

#include <QHash>
#include <QList>
#include <QUuid>

#include <memory>
#include <unordered_map>
#include <vector>

namespace sender {

class EventMessage;
class SubscriptionFilter;

// Recipients of one account that share one filter set: the filter runs once per event for all of
// them, and the frame is queued to each.
struct Group
{
    QUuid account;
    QString canonicalQuery;
    std::shared_ptr<const SubscriptionFilter> filter;
    quint8 frameVariant = 0; // Recipient::frameVariant of every member
    std::vector<Recipient *> members;
    quint64 eventsPassed = 0;
    quint64 eventsFilteredOut = 0;
    // A large group's frames since its last hand-out, back to back: one chunk in every member's
    // queue (one push and one iovec per member) instead of one per frame (see Hub::dispatch).
    QByteArray batch;
    std::vector<qsizetype> batchEnds; // where each frame of the batch ends
    int batchFrames = 0;
    bool batchPending = false; // listed in Hub::m_pendingGroups
};

struct HubCounters
{
    quint64 eventsDispatched = 0; // events of messages handed to dispatch()
    quint64 deliveries = 0; // frames queued to recipients
    quint64 filteredOut = 0; // (event, recipient) pairs a filter refused
    quint64 slowConsumerCloses = 0;
    quint64 droppedFrames = 0;
    quint64 bytesQueued = 0;
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
// dispatch() only queues; flush() writes, so several messages arriving in one wake-up become one
// write per socket.
class Hub
{
public:
    Hub();
    ~Hub();
    Hub(const Hub &) = delete;
    Hub &operator=(const Hub &) = delete;

    void subscribe(Recipient *recipient, const QUuid &account,
                   std::shared_ptr<const SubscriptionFilter> filter);
    void unsubscribe(Recipient *recipient);

    // Queues every event of the message to each recipient of the account whose filter passes it.
    // recipientsPerEvent, when given, receives how many recipients got each event (the console).
    void dispatch(const QUuid &account, const EventMessage &message,
                  QList<int> *recipientsPerEvent = nullptr);
    // Writes what dispatch() queued. Returns how many recipients were flushed.
    int flush();
    bool hasPendingFlush() const { return !m_dirty.empty() || !m_pendingGroups.empty(); }

    // Groups with at least this many members collect their frames into one batch per round; a
    // batch is handed out once it holds kBatchBytes, when the group's membership changes, and at
    // flush(). A queue that cannot take a whole batch takes the frames of it that fit, exactly
    // as it would have taken them one by one, so the slow-consumer bound is unchanged.
    static constexpr size_t kBatchMinMembers = 8;
    static constexpr qsizetype kBatchBytes = 64 * 1024;

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
    struct Account
    {
        std::vector<std::unique_ptr<Group>> groups;
        int recipients = 0;
    };

    void markDirty(Recipient *r);
    void closeOverflowed();
    // Queues one chunk (one or several frames) to r, or marks it overflowed.
    void queueTo(Recipient *r, const QByteArray &chunk, int frames,
                 const std::vector<qsizetype> *frameEnds = nullptr);
    // Gives the group's batch to every member now (before its membership changes, at flush).
    void handOutBatch(Group *group);
    void handOut(Group *group); // the same for a group already taken off m_pendingGroups

    struct UuidHash
    {
        size_t operator()(const QUuid &u) const noexcept { return qHash(u); }
    };
    std::unordered_map<QUuid, Account, UuidHash> m_accounts;
    std::vector<Recipient *> m_dirty;
    std::vector<Recipient *> m_overflowed;
    std::vector<Group *> m_pendingGroups;
    int m_recipientCount = 0;
    qsizetype m_deflateMinBytes = 256;
    HubCounters m_counters;
};

} // namespace sender
