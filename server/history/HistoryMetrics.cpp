// The history's families of GET /metrics (documented in the manual's metrics page).

#include "history/EventHistory.h"
#include "metrics/PrometheusText.h"

namespace sender {

void EventHistory::writeMetrics(PrometheusText &out) const
{
    const HistoryStats s = stats();
    out.gauge("luna_sender_history_events",
              "Events held in the history for resuming clients (HISTORY.*).", s.events);
    out.gauge("luna_sender_history_bytes",
              "Bytes of the event frames held in the history (shared with fan-out).", s.bytes);
    out.gauge("luna_sender_history_accounts", "Accounts with events in the history.",
              quint64(s.accounts));
    out.family("luna_sender_history_evictions_total", "counter",
               "Events dropped from the history, by the limit that dropped them (count: "
               "MAX_EVENTS, age: MAX_SECONDS, bytes: MAX_BYTES).");
    out.sample("luna_sender_history_evictions_total",
               PrometheusText::Labels {{"reason", QStringLiteral("age")}}, s.evictedByAge);
    out.sample("luna_sender_history_evictions_total",
               PrometheusText::Labels {{"reason", QStringLiteral("bytes")}}, s.evictedByBytes);
    out.sample("luna_sender_history_evictions_total",
               PrometheusText::Labels {{"reason", QStringLiteral("count")}}, s.evictedByCount);
    out.counter("luna_sender_history_resumes_total",
                "Subscriptions that resumed from the history (since_event_id or since).",
                s.resumes);
    out.counter("luna_sender_history_replayed_events_total",
                "Events replayed from the history to resuming clients.", s.replayedEvents);
}

} // namespace sender
