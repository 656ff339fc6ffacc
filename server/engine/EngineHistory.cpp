// The engine's side of the history for resuming clients: its settings and what the overview
// shows of it. Recording is one call in Engine::dispatchParsed; resuming is ResumeGate's.

#include "engine/Engine.h"

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
