#pragma once

#include "http/ApiError.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>

#include <optional>

namespace sender::monitor {

// Replies in the contract's shapes: JSON bodies, errors as ApiError's
// {"error_code", "desc", "detail", "link"}.
QHttpServerResponse
json(const QJsonObject &body,
     QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
QHttpServerResponse error(const ApiError &error);
// The JSON body of an error, for replies written through a QHttpServerResponder.
QByteArray errorBody(const ApiError &error);

// The header's value, the name compared without case.
QByteArray header(const QHttpServerRequest &request, QByteArrayView name);
// The token a request presents: the Bearer of Authorization, or (allowQuery, for the stream, as
// browsers cannot set headers on a WebSocket) the `token` query parameter.
QByteArray presentedToken(const QHttpServerRequest &request, bool allowQuery);
// Whether the request carries a token at all (an Authorization header, or with allowQuery a
// `token` query parameter, even empty). A stream handshake without one signs in by its first
// message instead (MonitorStream::accept).
bool presentsToken(const QHttpServerRequest &request, bool allowQuery);
// Constant-time; an empty expected token lets everyone in (loopback without a token).
bool tokenAccepted(const QByteArray &expected, const QHttpServerRequest &request, bool allowQuery);

// Why a request must be refused before its handler runs: a wrong or missing token (401), or a
// method the resource does not have (405, with Allow). Nothing when it may go on.
std::optional<QHttpServerResponse> refuse(const QHttpServerRequest &request,
                                          const QByteArray &token,
                                          QHttpServerRequest::Methods allowed);

QByteArray methodName(QHttpServerRequest::Method method);

} // namespace sender::monitor
