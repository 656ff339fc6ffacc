#include "alerts/AlertsLogging.h"

Q_LOGGING_CATEGORY(lcAlerts, "sender.alerts", QtInfoMsg)
