#include "metrics/MetricsLog.h"

Q_LOGGING_CATEGORY(lcMetrics, "sender.metrics", QtInfoMsg)
