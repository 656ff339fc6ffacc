#include "fanout/Hub.h"

#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"

#include <algorithm>

namespace sender {

quint64 Recipient::filteredOut() const
{
    return m_filteredOutEarlier + (m_group ? m_group->eventsFilteredOut - m_filteredOutBase : 0);
}

Hub::Hub() = default;
Hub::~Hub() = default;

void Hub::subscribe(Recipient *r, const QUuid &account,
                    std::shared_ptr<const SubscriptionFilter> filter)
{
    Q_ASSERT(r && !r->m_group);
    Account &a = m_accounts[account];
    const QString key = filter->canonicalQuery();
    auto it = std::find_if(a.groups.begin(), a.groups.end(),
                           [&](const auto &g) { return g->canonicalQuery == key; });
    Group *group;
    if (it == a.groups.end()) {
        auto created = std::make_unique<Group>();
        created->account = account;
        created->canonicalQuery = key;
        created->filter = std::move(filter);
        group = created.get();
        a.groups.push_back(std::move(created));
    } else {
        group = it->get();
    }
    r->m_group = group;
    r->m_filteredOutBase = group->eventsFilteredOut;
    r->m_indexInGroup = qsizetype(group->members.size());
    group->members.push_back(r);
    ++a.recipients;
    ++m_recipientCount;
}

void Hub::unsubscribe(Recipient *r)
{
    Group *group = r->m_group;
    if (!group)
        return;
    // O(1) removal: the last member takes the leaving one's place.
    std::vector<Recipient *> &members = group->members;
    Recipient *last = members.back();
    members[size_t(r->m_indexInGroup)] = last;
    last->m_indexInGroup = r->m_indexInGroup;
    members.pop_back();
    r->m_filteredOutEarlier += group->eventsFilteredOut - r->m_filteredOutBase;
    r->m_group = nullptr;
    r->m_indexInGroup = -1;
    if (r->m_dirty) {
        std::erase(m_dirty, r);
        r->m_dirty = false;
    }
    if (r->m_overflowed) {
        std::erase(m_overflowed, r);
        r->m_overflowed = false;
    }
    --m_recipientCount;

    auto accountIt = m_accounts.find(group->account);
    Q_ASSERT(accountIt != m_accounts.end());
    Account &account = accountIt->second;
    --account.recipients;
    if (members.empty()) {
        std::erase_if(account.groups, [group](const auto &g) { return g.get() == group; });
        if (account.groups.empty())
            m_accounts.erase(accountIt);
    }
}

void Hub::markDirty(Recipient *r)
{
    if (!r->m_dirty) {
        r->m_dirty = true;
        m_dirty.push_back(r);
    }
}

void Hub::dispatch(const QUuid &account, const EventMessage &message,
                   QList<int> *recipientsPerEvent)
{
    const qsizetype events = message.eventCount();
    m_counters.eventsDispatched += quint64(events);
    if (recipientsPerEvent)
        recipientsPerEvent->fill(0, events);
    const auto accountIt = m_accounts.find(account);
    if (accountIt == m_accounts.end())
        return;
    const Account &target = accountIt->second;

    for (qsizetype i = 0; i < events; ++i) {
        int reached = 0;
        for (const auto &group : target.groups) {
            if (!group->filter->matches(message, i)) {
                // per recipient: Recipient::filteredOut(), from this count
                ++group->eventsFilteredOut;
                m_counters.filteredOut += group->members.size();
                continue;
            }
            ++group->eventsPassed;
            const QByteArray &frame = message.frame(i);
            for (Recipient *r : group->members) {
                if (r->m_overflowed) {
                    ++r->stats.dropped;
                    ++m_counters.droppedFrames;
                    continue;
                }
                if (Q_UNLIKELY(!r->sendQueue().push(frame))
                    && (r->writeQueuedNow(), !r->sendQueue().push(frame))) {
                    r->m_overflowed = true;
                    m_overflowed.push_back(r);
                    ++r->stats.dropped;
                    ++m_counters.droppedFrames;
                    continue;
                }
                ++r->stats.delivered;
                r->stats.bytesQueued += quint64(frame.size());
                ++m_counters.deliveries;
                m_counters.bytesQueued += quint64(frame.size());
                markDirty(r);
                ++reached;
            }
        }
        if (recipientsPerEvent)
            (*recipientsPerEvent)[i] = reached;
    }
    closeOverflowed();
}

void Hub::closeOverflowed()
{
    if (m_overflowed.empty())
        return;
    std::vector<Recipient *> overflowed;
    overflowed.swap(m_overflowed);
    for (Recipient *r : overflowed) {
        r->m_overflowed = false;
        ++m_counters.slowConsumerCloses;
        const qint64 limit = r->sendQueue().limit();
        r->closeAsSlowConsumer(
            QStringLiteral("slow consumer: more than %1 bytes waiting to be sent").arg(limit));
    }
}

int Hub::flush()
{
    std::vector<Recipient *> dirty;
    dirty.swap(m_dirty);
    for (Recipient *r : dirty)
        r->m_dirty = false;
    for (Recipient *r : dirty)
        r->flushQueued();
    return int(dirty.size());
}

QHash<QUuid, int> Hub::recipientsPerAccount() const
{
    QHash<QUuid, int> result;
    for (const auto &[id, account] : m_accounts)
        result.insert(id, account.recipients);
    return result;
}

QList<GroupSnapshot> Hub::groups() const
{
    QList<GroupSnapshot> result;
    for (const auto &[id, a] : m_accounts) {
        for (const auto &g : a.groups)
            result.append({g->account, g->canonicalQuery, g->filter, int(g->members.size()),
                           g->eventsPassed, g->eventsFilteredOut});
    }
    return result;
}

std::shared_ptr<const SubscriptionFilter> Hub::sharedFilter(const QString &canonicalQuery) const
{
    for (const auto &[id, a] : m_accounts) {
        for (const auto &g : a.groups) {
            if (g->canonicalQuery == canonicalQuery)
                return g->filter;
        }
    }
    return nullptr;
}

} // namespace sender
