#pragma once

#include "http/HttpRequest.h"

#include <QString>

#include <optional>

namespace sender::wshandshake {

// The RFC 6455 part of an upgrade request (the Sender's own rules are in HandshakeGate).
// Nothing when it is a valid WebSocket opening handshake; else why not, and the status to answer.
struct Problem
{
    int status; // 426 when it is not an upgrade at all or the version is unsupported, else 400
    QString detail;
};
std::optional<Problem> check(const HttpRequest &request);

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key.
QByteArray acceptKey(QByteArrayView clientKey);

} // namespace sender::wshandshake
