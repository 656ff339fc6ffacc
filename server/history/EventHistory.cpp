#include "history/EventHistory.h"

#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"
#include "util/StrictUuid.h"

#include <QDateTime>

#include <algorithm>
#include <malloc.h>
#include <mutex>

namespace sender {

namespace {

static_assert(int(SourceKind::Demo) < (1 << 4), "Entry::kind has 4 bits");

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Keeping thousands of frames makes the heap a mix of live and freed chunks, and glibc then keeps
// giving the top of it back to the kernel (its trim threshold, 128 KB at first) and faulting it in
// again a moment later: a page fault every few events. Measured with BM_ParseDispatchWithHistory
// (10 000 events kept, 10 subscribers): +24 % per event over no history with the default, +12 %
// with a 32 MiB threshold (tests/bench/README.md). Process-wide and once, at the first event the
// history keeps; a history that is off changes nothing.
void keepTheHeapTop()
{
    static std::once_flag once;
    std::call_once(once, [] { mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024); });
}

} // namespace

EventHistory::EventHistory()
    : m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_startMs = m_clock();
}

EventHistory::~EventHistory() = default;

void EventHistory::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_startMs = m_clock();
}

void EventHistory::setLimits(const HistoryLimits &limits)
{
    m_limits = limits;
    for (auto it = m_rings.begin(); it != m_rings.end();) {
        // Count first, per ring; evictFront() erases a ring only when it empties, which a count of
        // at least one never does.
        while (qint64(it->second.entries.size()) > m_limits.maxEvents)
            evictFront(it, Reason::Count);
        ++it;
    }
    expire();
    while (qint64(m_stats.bytes) > m_limits.maxBytes)
        evictOldest(Reason::Bytes);
    compact();
}

void EventHistory::setEnabled(bool on)
{
    m_enabled = on;
    if (!on)
        clear();
}

void EventHistory::clear()
{
    m_rings.clear();
    m_order.clear();
    m_stats.events = 0;
    m_stats.bytes = 0;
}

void EventHistory::record(const QUuid &account, const std::shared_ptr<const EventMessage> &message,
                          SourceKind kind)
{
    if (!m_enabled)
        return;
    keepTheHeapTop();
    const qint64 now = m_clock();
    auto [it, created] = m_rings.try_emplace(account);
    if (created)
        it->second.evictedUpToMs = m_erasedUpToMs;
    Ring &ring = it->second;
    const qsizetype events = message->eventCount();
    for (qsizetype i = 0; i < events; ++i) {
        // The frame fan-out sends (built once, here if no subscriber wanted it yet): the history
        // holds a reference to it, not a copy.
        const QByteArray &frame = message->frame(i);
        const std::optional<QUuid> id = parseStrictUuid(message->attributes(i).eventId);
        const quint64 seq = m_nextSeq++;
        ring.entries.push_back(
            {frame, id.value_or(QUuid()), now, seq, quint32(kind), id.has_value() ? 1u : 0u});
        m_order.push_back({account, seq, now});
        ++m_stats.events;
        m_stats.bytes += quint64(frame.size());
    }
    while (qint64(ring.entries.size()) > m_limits.maxEvents) {
        const quint64 evicted = ring.entries.front().seq;
        evictFront(it, Reason::Count); // never empties: at least one stays
        // Usually also the oldest event of all (one account, or accounts at similar rates): its
        // reference goes now, one comparison, so that compact() is rarely needed.
        if (!m_order.empty() && m_order.front().seq == evicted)
            m_order.pop_front();
    }
    // The ring may go from here on (age, bytes): not used below.
    expireAt(now);
    while (qint64(m_stats.bytes) > m_limits.maxBytes)
        evictOldest(Reason::Bytes);
    if (m_order.size() > 2 * size_t(m_stats.events) + 1024)
        compact();
}

bool EventHistory::evictFront(Rings::iterator it, Reason reason)
{
    Ring &ring = it->second;
    const Entry &front = ring.entries.front();
    ring.evictedUpToMs = qMax(ring.evictedUpToMs, front.arrivedMs);
    --m_stats.events;
    m_stats.bytes -= quint64(front.frame.size());
    switch (reason) {
    case Reason::Count:
        ++m_stats.evictedByCount;
        break;
    case Reason::Age:
        ++m_stats.evictedByAge;
        break;
    case Reason::Bytes:
        ++m_stats.evictedByBytes;
        break;
    }
    ring.entries.pop_front();
    if (!ring.entries.empty())
        return true;
    m_erasedUpToMs = qMax(m_erasedUpToMs, ring.evictedUpToMs);
    m_rings.erase(it);
    return false;
}

bool EventHistory::isGone(const Ref &ref) const
{
    // Each ring loses its events from the front in arrival order, so a reference is gone once its
    // ring's oldest event is newer than it (or the ring is gone).
    const auto it = m_rings.find(ref.account);
    return it == m_rings.end() || it->second.entries.front().seq > ref.seq;
}

void EventHistory::evictOldest(Reason reason)
{
    while (!m_order.empty()) {
        const Ref ref = m_order.front();
        m_order.pop_front();
        if (isGone(ref))
            continue;
        const auto it = m_rings.find(ref.account);
        Q_ASSERT(it->second.entries.front().seq == ref.seq);
        evictFront(it, reason);
        return;
    }
}

void EventHistory::expire()
{
    expireAt(m_clock());
}

void EventHistory::expireAt(qint64 now)
{
    const qint64 oldest = now - m_limits.maxMs;
    while (!m_order.empty()) {
        const Ref &ref = m_order.front();
        // The common case, one comparison: the oldest reference (live or not) is young enough.
        if (ref.arrivedMs >= oldest)
            return;
        if (isGone(ref)) {
            m_order.pop_front();
            continue;
        }
        const auto it = m_rings.find(ref.account);
        m_order.pop_front();
        evictFront(it, Reason::Age);
    }
}

void EventHistory::compact()
{
    std::erase_if(m_order, [this](const Ref &ref) { return isGone(ref); });
}

Replay EventHistory::replay(const QUuid &account, const ResumePoint &from,
                            const SubscriptionFilter &filter)
{
    Replay r;
    if (!m_enabled) {
        r.why = QStringLiteral("this instance keeps no history (HISTORY.ENABLED is 0)");
        return r;
    }
    expire();
    const auto it = m_rings.find(account);
    const std::deque<Entry> *entries = it == m_rings.end() ? nullptr : &it->second.entries;
    size_t first = 0;
    if (from.afterEventId) {
        const QUuid id = *from.afterEventId;
        // From the newest back, since a client resumes from near the end.
        size_t found = entries ? entries->size() : 0;
        while (found > 0) {
            const Entry &e = (*entries)[found - 1];
            if (e.idIsUuid && e.eventId == id)
                break;
            --found;
        }
        if (found == 0) {
            r.why = QStringLiteral("event %1 is not in the history of this account (evicted, or "
                                   "never seen by this instance); events may have been missed")
                        .arg(id.toString(QUuid::WithoutBraces));
            return r;
        }
        first = found;
    } else if (from.sinceMs) {
        // Complete only when nothing of the account that arrived at or after the time was
        // evicted, and the instance was already running then.
        const qint64 evictedUpTo = it == m_rings.end() ? m_erasedUpToMs : it->second.evictedUpToMs;
        if (*from.sinceMs < m_startMs || (evictedUpTo > 0 && *from.sinceMs <= evictedUpTo)) {
            const qint64 reach = qMax(m_startMs, evictedUpTo + 1);
            r.why = QStringLiteral("the history of this account reaches back to %1, not to %2; "
                                   "events may have been missed")
                        .arg(isoMs(reach), isoMs(*from.sinceMs));
            return r;
        }
        if (entries) {
            const auto pos = std::partition_point(
                entries->begin(), entries->end(),
                [since = *from.sinceMs](const Entry &e) { return e.arrivedMs < since; });
            first = size_t(pos - entries->begin());
        }
    }
    r.reachesBack = true;
    if (entries) {
        // A filter needs the event's attributes: the frame is parsed again (a filter without
        // conditions passes everything and needs none).
        const bool all = filter.isEmpty();
        for (size_t i = first; i < entries->size(); ++i) {
            const Entry &e = (*entries)[i];
            if (!all) {
                const std::shared_ptr<const EventMessage> m = EventMessage::fromFrame(e.frame);
                if (!m || !filter.matches(*m, 0))
                    continue;
            }
            r.frames.append(e.frame);
            r.bytes += e.frame.size();
        }
    }
    ++m_stats.resumes;
    m_stats.replayedEvents += quint64(r.frames.size());
    return r;
}

std::optional<HistoryEvent> EventHistory::find(const QUuid &eventId) const
{
    if (!m_enabled || eventId.isNull())
        return std::nullopt;
    for (const auto &[account, ring] : m_rings) {
        for (auto e = ring.entries.rbegin(); e != ring.entries.rend(); ++e) {
            if (!e->idIsUuid || e->eventId != eventId)
                continue;
            if (std::shared_ptr<const EventMessage> m = EventMessage::fromFrame(e->frame))
                return HistoryEvent {account, std::move(m), 0, e->arrivedMs, SourceKind(e->kind)};
            return std::nullopt;
        }
    }
    return std::nullopt;
}

QList<HistoryEvent> EventHistory::recent(int limit, std::optional<QUuid> account)
{
    QList<HistoryEvent> out;
    if (!m_enabled || limit <= 0)
        return out;
    expire();
    const auto add = [&out](const QUuid &owner, const Entry &e) {
        if (std::shared_ptr<const EventMessage> m = EventMessage::fromFrame(e.frame))
            out.append({owner, std::move(m), 0, e.arrivedMs, SourceKind(e.kind)});
    };
    if (account) {
        const auto it = m_rings.find(*account);
        if (it == m_rings.end())
            return out;
        const std::deque<Entry> &entries = it->second.entries;
        const size_t first = entries.size() - qMin(entries.size(), size_t(limit));
        out.reserve(qsizetype(entries.size() - first));
        for (size_t i = first; i < entries.size(); ++i)
            add(*account, entries[i]);
        return out;
    }
    // From the newest reference back, skipping those whose event is gone (evicted by count);
    // within a ring the entries are in seq order, so each is found by a binary search.
    out.reserve(qMin(qsizetype(limit), qsizetype(m_stats.events)));
    for (auto ref = m_order.rbegin(); ref != m_order.rend() && out.size() < limit; ++ref) {
        if (isGone(*ref))
            continue;
        const std::deque<Entry> &entries = m_rings.find(ref->account)->second.entries;
        const auto e =
            std::lower_bound(entries.begin(), entries.end(), ref->seq,
                             [](const Entry &entry, quint64 seq) { return entry.seq < seq; });
        Q_ASSERT(e != entries.end() && e->seq == ref->seq);
        add(ref->account, *e);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

HistoryStats EventHistory::stats() const
{
    HistoryStats s = m_stats;
    s.accounts = int(m_rings.size());
    return s;
}

} // namespace sender
