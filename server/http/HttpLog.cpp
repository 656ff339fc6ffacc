#include "http/HttpLog.h"

Q_LOGGING_CATEGORY(lcHttp, "sender.http", QtInfoMsg)
