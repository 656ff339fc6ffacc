#include "engine/EngineLog.h"

Q_LOGGING_CATEGORY(lcEngine, "sender.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "sender.demo", QtInfoMsg)
