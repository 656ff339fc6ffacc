#pragma once

#include "http/ApiError.h"
#include "monitor/MonitorAuth.h"

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
// 503 29107: the engine did not answer a resource that asks it, in time or at all.
ApiError engineSilent();
// The JSON body of an error, for replies written through a QHttpServerResponder.
QByteArray errorBody(const ApiError &error);

// The header's value, the name compared without case.
QByteArray header(const QHttpServerRequest &request, QByteArrayView name);
// Why a request must be refused before its handler runs: a wrong or missing token (401), or a
// method the resource does not have (405, with Allow). Nothing when it may go on.
// `token` checks the token (a default MonitorAuth, {}, lets everyone in: the public resources).
std::optional<QHttpServerResponse> refuse(const QHttpServerRequest &request,
                                          const MonitorAuth &token,
                                          QHttpServerRequest::Methods allowed);
// The 401 of a request whose token was not accepted (with Retry-After when throttled).
QHttpServerResponse unauthorized(MonitorAuth::Verdict verdict, const QString &detail,
                                 int retryAfterSeconds);

QByteArray methodName(QHttpServerRequest::Method method);

// The headers every answer of the port carries (issue 30, point 5), whether a route, the
// catch-all or the listener writes it: the API's JSON and YAML are never stored, never sniffed
// and never framed; the one HTML page (/monitor/v1/docs/spec, ReDoc) gets the policy its own
// <meta> states plus frame-ancestors, which a <meta> cannot set. `cacheControl`: whether to add
// Cache-Control (the viewer's files carry their own).
QList<std::pair<QByteArray, QByteArray>> securityHeaders(QByteArrayView mimeType,
                                                         bool cacheControl = true);
// Adds those the response does not carry yet.
void addSecurityHeaders(QHttpServerResponse &response);

} // namespace sender::monitor
