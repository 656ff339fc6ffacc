#include "net/NetLog.h"

Q_LOGGING_CATEGORY(lcNet, "sender.net", QtInfoMsg)
