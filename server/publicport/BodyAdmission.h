#pragma once

#include "http/ApiError.h"
#include "http/HttpRequest.h"
#include "http/Router.h"

#include <optional>

namespace sender {

// What to do with a body that a request's head announces, decided from the head and the route
// before a byte of the body is read or a byte of memory set aside for it (issue 18, finding 4).
struct BodyAdmission
{
    std::optional<ApiError> refusal; // answered at once, and the connection closed
    qint64 maxBytes = 0; // otherwise: read at most this much
};

// announced: the Content-Length, or -1 for a chunked body.
BodyAdmission admitBody(const Router::Match &match, const HttpRequest &head, qint64 announced);

} // namespace sender
