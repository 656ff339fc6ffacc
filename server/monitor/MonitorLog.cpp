#include "monitor/MonitorLog.h"

Q_LOGGING_CATEGORY(lcMonitor, "sender.monitor", QtInfoMsg)
