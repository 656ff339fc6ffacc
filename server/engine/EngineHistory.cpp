// The engine's side of the history for resuming clients: its settings and what the overview
// shows of it. Recording is one call in Engine::dispatchParsed; resuming is ResumeGate's.

#include "engine/Engine.h"

#include <QDateTime>

namespace sender {

void Engine::configureHistory()
{
    HistoryLimits limits;
    limits.maxEvents = m_settings.integer(u"HISTORY.MAX_EVENTS");
    limits.maxMs = m_settings.integer(u"HISTORY.MAX_SECONDS") * 1000;
    limits.maxBytes = m_settings.integer(u"HISTORY.MAX_BYTES");
    m_history.setEnabled(m_settings.boolean(u"HISTORY.ENABLED"));
    m_history.setLimits(limits);
}

QList<EventSample> Engine::recentEvents(int limit, std::optional<QUuid> account)
{
    QList<EventSample> samples;
    const QList<HistoryEvent> events = m_history.recent(limit, account);
    samples.reserve(events.size());
    // The history does not keep how many clients got each event: recipients stays 0.
    for (const HistoryEvent &e : events)
        samples.append({QDateTime::fromMSecsSinceEpoch(e.arrivedMs, Qt::UTC), e.account, e.kind,
                        e.message, e.index, 0});
    return samples;
}

HistorySnapshot Engine::historySnapshot() const
{
    const HistoryStats stats = m_history.stats();
    HistorySnapshot h;
    h.enabled = m_history.isEnabled();
    h.events = stats.events;
    h.bytes = stats.bytes;
    h.accounts = stats.accounts;
    h.evictions = stats.evictions();
    return h;
}

} // namespace sender
