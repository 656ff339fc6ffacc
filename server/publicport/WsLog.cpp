#include "publicport/WsLog.h"

Q_LOGGING_CATEGORY(lcWs, "sender.ws", QtInfoMsg)
