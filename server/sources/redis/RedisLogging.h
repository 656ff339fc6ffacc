#pragma once

#include <QLoggingCategory>

namespace sender {
Q_DECLARE_LOGGING_CATEGORY(lcRedis)
} // namespace sender
