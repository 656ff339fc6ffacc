#pragma once

#include <QByteArrayView>

namespace sender::alerts {

// The rules a new install runs with when [ALERTS] RULES_FILE names none (and STARTER_RULES is
// true, the default), so the alert dock and the web viewer's alarms show what they are for on the
// first run; the demo source triggers the event rules. Documented in the manual (Alerts); an
// operator who wants none sets STARTER_RULES = false, one who wants others writes a RULES_FILE (the
// console's rule editor starts from these).
inline constexpr QByteArrayView kStarterRulesJson = R"({"rules": [
  {"name": "Watchlist match", "severity": "critical",
   "condition": "matching_candidates_labels=bad%20guys&object_similarity__gte=0.8",
   "quiet_seconds": 30},
  {"name": "Strong match on any list", "severity": "info",
   "condition": "object_similarity__gte=0.9", "quiet_seconds": 60},
  {"name": "Liveness check failed", "severity": "warning",
   "condition": "liveness=0", "quiet_seconds": 60},
  {"name": "Subscriber far behind", "severity": "warning",
   "condition": "lag_seconds__gt=10", "quiet_seconds": 300}
]})";

} // namespace sender::alerts
