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
    std::vector<Recipient *> members;
    quint64 eventsPassed = 0;
    quint64 eventsFilteredOut = 0;
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
    bool hasPendingFlush() const { return !m_dirty.empty(); }

    bool hasSubscribers(const QUuid &account) const { return m_accounts.count(account) > 0; }
    int recipientCount() const { return m_recipientCount; }
    int accountCount() const { return int(m_accounts.size()); }
    QHash<QUuid, int> recipientsPerAccount() const;
    const HubCounters &counters() const { return m_counters; }
    QList<GroupSnapshot> groups() const;
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

    struct UuidHash
    {
        size_t operator()(const QUuid &u) const noexcept { return qHash(u); }
    };
    std::unordered_map<QUuid, Account, UuidHash> m_accounts;
    std::vector<Recipient *> m_dirty;
    std::vector<Recipient *> m_overflowed;
    int m_recipientCount = 0;
    HubCounters m_counters;
};

} // namespace sender
