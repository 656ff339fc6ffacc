#include "fanout/Hub.h"

#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"

#include <algorithm>
#include <chrono>

namespace sender {

quint64 Recipient::filteredOut() const
{
    return m_filteredOutEarlier + (m_group ? m_group->eventsFilteredOut() - m_filteredOutBase : 0);
}

const char *lagCloseReasonName(LagCloseReason reason)
{
    switch (reason) {
    case LagCloseReason::Budget:
        return "budget";
    case LagCloseReason::Stuck:
        break;
    }
    return "stuck";
}

Hub::Hub()
    : m_clock([] {
        return qint64(std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count());
    })
{
    m_lastMaintainMs = m_clock();
}

Hub::~Hub() = default;

const QByteArray &Hub::frameFor(const EventMessage &message, qsizetype i, int variant) const
{
    // Variant 0 is the plain text frame; a variant per permessage-deflate parameter set is chosen
    // here, so that the stream of a group holds the frames of its members' variant. A small
    // frame goes plain to everyone (RFC 7692 lets a compressed connection receive plain frames).
    const QByteArray &plain = message.frame(i);
    if (variant == 0 || plain.size() < m_deflateMinBytes)
        return plain;
    return message.frame(i, EventMessage::FrameVariant(variant));
}

void Hub::subscribe(Recipient *r, const QUuid &account,
                    std::shared_ptr<const SubscriptionFilter> filter)
{
    Q_ASSERT(r && !r->m_group);
    Account &a = m_accounts[account];
    const QString key = filter->canonicalQuery();
    const int variant = r->frameVariant;
    auto it = std::find_if(a.groups.begin(), a.groups.end(), [&](const auto &g) {
        return g->canonicalQuery == key && g->variant == variant;
    });
    Group *group;
    if (it == a.groups.end()) {
        auto created = std::make_unique<Group>();
        created->account = account;
        created->canonicalQuery = key;
        created->variant = variant;
        created->filter = std::move(filter);
        created->accountEvents = &a.events;
        created->accountEventsBase = a.events;
        group = created.get();
        a.groups.push_back(std::move(created));
        if (const std::vector<QByteArray> *sources = group->filter->sources()) {
            for (const QByteArray &source : *sources)
                a.bySource[source.toStdString()].push_back(group);
        } else {
            a.unindexed.push_back(group);
        }
    } else {
        group = it->get();
        // Frames dispatched before it joined are not its own (a resume's replay has them).
        seal(group);
    }
    r->m_group = group;
    r->m_cursor = group->streamEnd();
    r->m_filteredOutBase = group->eventsFilteredOut();
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
    // O(1) removal: the last member takes the leaving one's place. The chunks it alone held are
    // dropped at the group's next trim.
    std::vector<Recipient *> &members = group->members;
    Recipient *last = members.back();
    members[size_t(r->m_indexInGroup)] = last;
    last->m_indexInGroup = r->m_indexInGroup;
    members.pop_back();
    r->m_filteredOutEarlier += group->eventsFilteredOut() - r->m_filteredOutBase;
    r->m_group = nullptr;
    r->m_indexInGroup = -1;
    if (r->m_dirty) {
        std::erase(m_dirty, r);
        r->m_dirty = false;
    }
    --m_recipientCount;

    auto accountIt = m_accounts.find(group->account);
    Q_ASSERT(accountIt != m_accounts.end());
    Account &account = accountIt->second;
    --account.recipients;
    if (members.empty()) {
        m_counters.retainedBytes -= group->streamBytes + group->batch.size();
        if (group->batchPending)
            std::erase(m_pendingGroups, group);
        if (group->active)
            std::erase(m_activeGroups, group);
        if (const std::vector<QByteArray> *sources = group->filter->sources()) {
            for (const QByteArray &source : *sources) {
                const auto bucket = account.bySource.find(
                    std::string_view(source.constData(), size_t(source.size())));
                Q_ASSERT(bucket != account.bySource.end());
                std::erase(bucket->second, group);
                if (bucket->second.empty())
                    account.bySource.erase(bucket);
            }
        } else {
            std::erase(account.unindexed, group);
        }
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

void Hub::activate(Group *group)
{
    if (!group->active) {
        group->active = true;
        m_activeGroups.push_back(group);
    }
}

void Hub::appendChunk(Group *group, QByteArray bytes, int frames, qint64 arrivedMs)
{
    activate(group);
    const qsizetype size = bytes.size();
    group->stream.push_back({std::move(bytes), group->eventsSealed, arrivedMs, frames});
    group->eventsSealed += quint64(frames);
    group->streamBytes += size;
    m_counters.retainedBytes += size;
}

void Hub::seal(Group *group)
{
    if (group->batchFrames == 0)
        return;
    QByteArray batch = std::move(group->batch);
    group->batch = QByteArray();
    m_counters.retainedBytes -= batch.size(); // counted again as a chunk
    const int frames = group->batchFrames;
    group->batchFrames = 0;
    appendChunk(group, std::move(batch), frames, group->batchArrivedMs);
}

int Hub::deliver(Group *group, const EventMessage &message, qsizetype i)
{
    ++group->eventsPassed;
    const QByteArray &frame = frameFor(message, i, group->variant);
    // Every member gets it: what its queue has no room for now waits in the stream.
    const auto members = quint64(group->members.size());
    m_counters.deliveries += members;
    m_counters.bytesQueued += members * quint64(frame.size());
    if (!group->batchPending) {
        group->batchPending = true;
        m_pendingGroups.push_back(group);
    }
    if (group->members.size() >= kBatchMinMembers && frame.size() < kBatchBytes) {
        // A large group: the frame is copied once into the group's batch, and each member is
        // later handed the batch as one chunk (the per-member cost is then paid once per batch,
        // not per frame).
        if (group->batch.size() + frame.size() > kBatchBytes)
            seal(group);
        if (group->batchFrames == 0) {
            group->batch.reserve(kBatchBytes);
            group->batchArrivedMs = m_nowMs;
            activate(group);
        }
        group->batch.append(frame);
        ++group->batchFrames;
        m_counters.retainedBytes += frame.size();
        return int(members);
    }
    seal(group); // what came before this frame goes before it
    appendChunk(group, frame, 1, m_nowMs); // shared with the message, not copied
    return int(members);
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
    Account &target = accountIt->second;
    m_nowMs = m_clock();

    for (qsizetype i = 0; i < events; ++i) {
        // Every group refuses the event unless it passes it (Group::eventsFilteredOut). Only the
        // groups that can pass it are asked: those of its source, and those without a sources
        // condition; a group under another source (or under any, when the event has none) would
        // refuse it on that condition alone.
        ++target.events;
        int reached = 0;
        const EventAttributes &attributes = message.attributes(i);
        if (attributes.has(EventAttributes::Source)) {
            const auto bucket = target.bySource.find(
                std::string_view(attributes.source.data(), size_t(attributes.source.size())));
            if (bucket != target.bySource.end()) {
                for (Group *group : bucket->second) {
                    if (group->filter->matches(message, i))
                        reached += deliver(group, message, i);
                }
            }
        }
        for (Group *group : target.unindexed) {
            if (group->filter->matches(message, i))
                reached += deliver(group, message, i);
        }
        m_counters.filteredOut += quint64(target.recipients - reached);
        if (recipientsPerEvent)
            (*recipientsPerEvent)[i] = reached;
    }
    m_counters.peakRetainedBytes = qMax(m_counters.peakRetainedBytes, m_counters.retainedBytes);
}

bool Hub::refill(Recipient *r)
{
    Group *group = r->m_group;
    if (!group)
        return false;
    SendQueue &queue = r->sendQueue();
    // A little of the queue's bound stays free for pongs and the close frame.
    const qint64 window = queue.limit() - qMin<qint64>(8192, queue.limit() / 4);
    const quint64 end = group->streamEnd();
    bool handed = false;
    while (r->m_cursor < end) {
        const StreamChunk &chunk = group->stream[size_t(r->m_cursor - group->streamBase)];
        if (!queue.isEmpty() && queue.bytes() + chunk.bytes.size() > window)
            break;
        queue.pushUnbounded(chunk.bytes);
        r->stats.delivered += quint64(chunk.frames);
        r->stats.bytesQueued += quint64(chunk.bytes.size());
        ++r->m_cursor;
        handed = true;
    }
    return handed;
}

void Hub::trim(Group *group)
{
    quint64 oldest = group->streamEnd();
    for (const Recipient *r : group->members)
        oldest = qMin(oldest, r->m_cursor);
    while (group->streamBase < oldest) {
        const qsizetype size = group->stream.front().bytes.size();
        group->streamBytes -= size;
        m_counters.retainedBytes -= size;
        group->stream.pop_front();
        ++group->streamBase;
    }
}

int Hub::flush()
{
    std::vector<Group *> pending;
    pending.swap(m_pendingGroups);
    for (Group *group : pending) {
        group->batchPending = false;
        seal(group);
        for (Recipient *r : group->members) {
            if (refill(r))
                markDirty(r);
        }
        trim(group);
    }
    std::vector<Recipient *> dirty;
    dirty.swap(m_dirty);
    for (Recipient *r : dirty)
        r->m_dirty = false;
    // Writing may close a connection (a socket error), which unsubscribes it: not in the loop
    // above, which walks the members.
    for (Recipient *r : dirty)
        r->flushQueued();
    if (m_clock() - m_lastMaintainMs >= m_policy.closeSpacingMs
        || m_counters.retainedBytes > LagPolicy::hardLimit(m_policy.retainedBudgetBytes))
        maintain();
    return int(dirty.size());
}

RecipientLag Hub::lagOf(const Recipient *r) const
{
    const Group *group = r->m_group;
    if (!group)
        return {};
    const qint64 now = m_clock();
    const quint64 total = group->eventsSealed + quint64(group->batchFrames);
    if (r->m_cursor < group->streamEnd()) {
        const StreamChunk &chunk = group->stream[size_t(r->m_cursor - group->streamBase)];
        return {total - chunk.firstEvent, qMax<qint64>(0, now - chunk.arrivedMs)};
    }
    if (group->batchFrames > 0)
        return {quint64(group->batchFrames), qMax<qint64>(0, now - group->batchArrivedMs)};
    return {};
}

void Hub::forEachBehind(const std::function<void(const Recipient *, const RecipientLag &)> &f) const
{
    for (const Group *group : m_activeGroups) {
        if (group->stream.empty() && group->batchFrames == 0)
            continue; // every member at the end of its stream (see maintain)
        for (const Recipient *r : group->members) {
            const RecipientLag lag = lagOf(r);
            if (lag.events > 0)
                f(r, lag);
        }
    }
}

void Hub::close(const Candidate &c, LagCloseReason reason)
{
    Recipient *r = c.recipient;
    Group *group = r->m_group;
    if (!group)
        return; // gone already
    const RecipientLag lag = lagOf(r);
    r->stats.dropped += lag.events;
    m_counters.droppedFrames += lag.events;
    ++m_counters.slowConsumerCloses;
    ++m_counters.lagCloses[size_t(reason)];
    const bool groupStays = group->members.size() > 1;
    unsubscribe(r);
    if (groupStays)
        trim(group); // what it alone held goes now
    // Short: a close frame's reason has at most 123 bytes.
    const QString seconds = QString::number(double(lag.ms) / 1000.0, 'f', 1);
    r->closeAsSlowConsumer(
        reason == LagCloseReason::Budget
            ? QStringLiteral("slow consumer: %1 events (%2 s) behind, server lag budget full; "
                             "resume with since_event_id")
                  .arg(lag.events)
                  .arg(seconds)
            : QStringLiteral("slow consumer: %1 s behind (limit %2 s); resume with "
                             "since_event_id")
                  .arg(seconds)
                  .arg(m_policy.maxLagMs / 1000));
}

void Hub::maintain()
{
    const qint64 now = m_clock();
    m_lastMaintainMs = now;
    std::vector<Candidate> behind;
    quint64 maxEvents = 0;
    qint64 maxMs = 0;
    for (size_t i = 0; i < m_activeGroups.size();) {
        Group *group = m_activeGroups[i];
        // A group with nothing retained and no open batch has every member at the end of its
        // stream: nothing to trim, no lag. It leaves the list, so that this pass is proportional
        // to the groups with traffic, not to every group or subscriber (most idle at scale).
        if (group->stream.empty() && group->batchFrames == 0) {
            group->active = false;
            m_activeGroups[i] = m_activeGroups.back();
            m_activeGroups.pop_back();
            continue;
        }
        ++i;
        trim(group);
        for (Recipient *r : group->members) {
            const RecipientLag lag = lagOf(r);
            maxEvents = qMax(maxEvents, lag.events);
            maxMs = qMax(maxMs, lag.ms);
            if (r->m_cursor < group->streamEnd())
                behind.push_back({r, now - lag.ms, lag});
        }
    }
    m_counters.maxLagEvents = maxEvents;
    m_counters.maxLagMs = maxMs;
    if (behind.empty())
        return;
    const qint64 budget = m_policy.retainedBudgetBytes;
    const bool over = m_counters.retainedBytes > budget;
    const bool stuck = maxMs > m_policy.maxLagMs;
    if (!over && !stuck)
        return;
    // The furthest behind first: the oldest event not yet handed over, then the most events.
    std::sort(behind.begin(), behind.end(), [](const Candidate &a, const Candidate &b) {
        return a.arrivedMs != b.arrivedMs ? a.arrivedMs < b.arrivedMs : a.lag.events > b.lag.events;
    });
    size_t next = 0;
    // Past the hard limit memory decides: as many go at once as it takes.
    while (next < behind.size() && m_counters.retainedBytes > LagPolicy::hardLimit(budget))
        close(behind[next++], LagCloseReason::Budget);
    // Otherwise one at a time, spaced out: those behind them may catch up meanwhile.
    if (next < behind.size() && now - m_lastSpacedCloseMs >= m_policy.closeSpacingMs) {
        const Candidate &c = behind[next];
        if (m_counters.retainedBytes > budget) {
            close(c, LagCloseReason::Budget);
            m_lastSpacedCloseMs = now;
        } else if (c.lag.ms > m_policy.maxLagMs) {
            close(c, LagCloseReason::Stuck);
            m_lastSpacedCloseMs = now;
        }
    }
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
                           g->eventsPassed, g->eventsFilteredOut()});
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
