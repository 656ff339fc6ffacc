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
    auto it = std::find_if(a.groups.begin(), a.groups.end(), [&](const auto &g) {
        return g->canonicalQuery == key && g->frameVariant == r->frameVariant;
    });
    Group *group;
    if (it == a.groups.end()) {
        auto created = std::make_unique<Group>();
        created->account = account;
        created->canonicalQuery = key;
        created->filter = std::move(filter);
        created->frameVariant = r->frameVariant;
        group = created.get();
        a.groups.push_back(std::move(created));
    } else {
        group = it->get();
        // Frames dispatched before it joined are not its own (a resume's replay has them).
        handOutBatch(group);
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
    // What was dispatched to it before it left is its own, as if queued frame by frame.
    handOutBatch(group);
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
            // The one place the encoding is chosen: the group's, unless the frame is small.
            const QByteArray &plain = message.frame(i);
            const QByteArray &frame = group->frameVariant && plain.size() >= m_deflateMinBytes
                ? message.frame(i, EventMessage::FrameVariant(group->frameVariant))
                : plain;
            if (group->members.size() >= kBatchMinMembers && frame.size() < kBatchBytes) {
                // A large group: the frame is copied once into the group's batch, and each
                // member later gets the batch as one chunk (the per-member cost is then paid
                // once per batch, not per frame). Counted as delivered now; a member whose
                // queue refuses the batch has the batch's frames counted as dropped instead.
                if (group->batch.size() + frame.size() > kBatchBytes) {
                    handOut(group.get());
                    group->batchPending = true; // still listed: it goes on with this frame
                }
                if (group->batch.isEmpty())
                    group->batch.reserve(kBatchBytes);
                group->batch.append(frame);
                group->batchEnds.push_back(group->batch.size());
                ++group->batchFrames;
                if (!group->batchPending) {
                    group->batchPending = true;
                    m_pendingGroups.push_back(group.get());
                }
                const auto members = quint64(group->members.size());
                m_counters.deliveries += members;
                m_counters.bytesQueued += members * quint64(frame.size());
                reached += int(members);
                continue;
            }
            if (group->batchPending)
                handOutBatch(group.get()); // what came before this frame goes before it
            for (Recipient *r : group->members) {
                if (r->m_overflowed) {
                    ++r->stats.dropped;
                    ++m_counters.droppedFrames;
                    continue;
                }
                ++m_counters.deliveries;
                m_counters.bytesQueued += quint64(frame.size());
                queueTo(r, frame, 1);
                if (!r->m_overflowed)
                    ++reached;
            }
        }
        if (recipientsPerEvent)
            (*recipientsPerEvent)[i] = reached;
    }
    closeOverflowed();
}

void Hub::queueTo(Recipient *r, const QByteArray &chunk, int frames,
                  const std::vector<qsizetype> *frameEnds)
{
    // The caller counted the frames as delivered; a refusal turns them into dropped ones.
    if (!r->m_overflowed
        && (Q_LIKELY(r->sendQueue().push(chunk))
            || (r->writeQueuedNow(), r->sendQueue().push(chunk)))) {
        r->stats.delivered += quint64(frames);
        r->stats.bytesQueued += quint64(chunk.size());
        markDirty(r);
        return;
    }
    if (!r->m_overflowed && frameEnds) {
        // A batch that does not fit: the frames at its head that do are queued (a copy of that
        // head; this is the rare path), the first that does not overflows the queue.
        const qint64 room = r->sendQueue().limit() - r->sendQueue().bytes();
        const auto fit = std::upper_bound(frameEnds->begin(), frameEnds->end(), room);
        const int taken = int(fit - frameEnds->begin());
        if (taken > 0) {
            const qsizetype bytes = (*frameEnds)[size_t(taken - 1)];
            r->sendQueue().push(chunk.first(bytes));
            r->stats.delivered += quint64(taken);
            r->stats.bytesQueued += quint64(bytes);
            markDirty(r);
            frames -= taken;
            m_counters.deliveries -= quint64(frames);
            m_counters.bytesQueued -= quint64(chunk.size() - bytes);
            m_counters.droppedFrames += quint64(frames);
            r->stats.dropped += quint64(frames);
            r->m_overflowed = true;
            m_overflowed.push_back(r);
            return;
        }
    }
    if (!r->m_overflowed) {
        r->m_overflowed = true;
        m_overflowed.push_back(r);
    }
    r->stats.dropped += quint64(frames);
    m_counters.deliveries -= quint64(frames);
    m_counters.bytesQueued -= quint64(chunk.size());
    m_counters.droppedFrames += quint64(frames);
}

void Hub::handOutBatch(Group *group)
{
    if (!group->batchPending)
        return;
    std::erase(m_pendingGroups, group);
    handOut(group);
}

void Hub::handOut(Group *group)
{
    group->batchPending = false;
    if (group->batchFrames == 0)
        return;
    const QByteArray batch = std::move(group->batch);
    const std::vector<qsizetype> ends = std::move(group->batchEnds);
    const int frames = group->batchFrames;
    group->batch = QByteArray();
    group->batchEnds.clear();
    group->batchFrames = 0;
    for (Recipient *r : group->members)
        queueTo(r, batch, frames, &ends);
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
    std::vector<Group *> pending;
    pending.swap(m_pendingGroups);
    for (Group *group : pending)
        handOut(group);
    // Closing one unsubscribes it, which may hand out another batch and overflow another.
    while (!m_overflowed.empty())
        closeOverflowed();
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
        const qsizetype first = result.size();
        for (const auto &g : a.groups) {
            // A filter set is one row however its members encode their frames: the plain and
            // the compressed group of one query pass the same events.
            auto same = std::find_if(result.begin() + first, result.end(), [&](const auto &s) {
                return s.canonicalQuery == g->canonicalQuery;
            });
            if (same != result.end()) {
                same->members += int(g->members.size());
                continue;
            }
            result.append({g->account, g->canonicalQuery, g->filter, int(g->members.size()),
                           g->eventsPassed, g->eventsFilteredOut});
        }
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
