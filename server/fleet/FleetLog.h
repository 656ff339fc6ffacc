#pragma once

#include <QLoggingCategory>

namespace sender {
Q_DECLARE_LOGGING_CATEGORY(lcFleet)
} // namespace sender
