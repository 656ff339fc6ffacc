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

// permessage-deflate (RFC 7692) from the client's Sec-WebSocket-Extensions: the response header
// value when one offer can be accepted, else nothing (a plain connection). We compress every
// message on its own with a 15-bit window, so an offer is accepted only if it allows that (no
// server_max_window_bits below 15); an offer that breaks section 7's rules (an unknown or repeated
// parameter, a bad value) is declined as the RFC says, never half-accepted. The answer always
// holds server_no_context_takeover (one compressed frame fits every such subscriber) and
// client_no_context_takeover (each client message inflates on its own, with bounded memory).
std::optional<QByteArray> negotiateDeflate(const HttpRequest &request);

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key.
QByteArray acceptKey(QByteArrayView clientKey);

} // namespace sender::wshandshake
