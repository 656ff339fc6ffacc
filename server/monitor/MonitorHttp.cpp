#include "monitor/MonitorHttp.h"

namespace sender::monitor {

namespace {
constexpr QByteArrayView kJson = "application/json";
}

QHttpServerResponse json(const QJsonObject &body, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(body, status);
}

ApiError engineSilent()
{
    return {503, 29107, QStringLiteral("Service unavailable"),
            QStringLiteral("the engine did not answer in time, or is not running")};
}

QByteArray errorBody(const ApiError &error)
{
    return error.toJson();
}

QHttpServerResponse error(const ApiError &error)
{
    return QHttpServerResponse(kJson.toByteArray(), error.toJson(),
                               QHttpServerResponse::StatusCode(error.httpStatus));
}

QByteArray header(const QHttpServerRequest &request, QByteArrayView name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QHttpServerResponse unauthorized(MonitorAuth::Verdict verdict, const QString &detail,
                                 int retryAfterSeconds)
{
    // A throttled address is told to wait, and nothing about its token (it was not compared).
    const bool throttled = verdict == MonitorAuth::Verdict::Throttled;
    QHttpServerResponse response = error(ApiError::unauthorized(
        throttled ? QStringLiteral("too many wrong tokens from your address: try again in %1 s")
                        .arg(qMax(1, retryAfterSeconds))
                  : detail));
    response.setHeader("WWW-Authenticate", "Bearer realm=\"luna-sender monitor\"");
    if (throttled)
        response.setHeader("Retry-After", QByteArray::number(qMax(1, retryAfterSeconds)));
    return response;
}

QList<std::pair<QByteArray, QByteArray>> securityHeaders(QByteArrayView mimeType, bool cacheControl)
{
    const QByteArray policy = mimeType.startsWith("text/html")
        ? QByteArrayLiteral("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src "
                            "'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' "
                            "data:; connect-src 'self'; worker-src 'self' blob:; object-src "
                            "'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        : QByteArrayLiteral("default-src 'none'; base-uri 'none'; form-action 'none'; "
                            "frame-ancestors 'none'");
    QList<std::pair<QByteArray, QByteArray>> headers = {
        {"Content-Security-Policy", policy},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    };
    if (cacheControl)
        headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
    return headers;
}

void addSecurityHeaders(QHttpServerResponse &response)
{
    for (const auto &[name, value] : securityHeaders(response.mimeType()))
        if (!response.hasHeader(name))
            response.setHeader(name, value);
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET";
    case M::Put:
        return "PUT";
    case M::Delete:
        return "DELETE";
    case M::Post:
        return "POST";
    case M::Head:
        return "HEAD";
    case M::Options:
        return "OPTIONS";
    case M::Patch:
        return "PATCH";
    case M::Connect:
        return "CONNECT";
    case M::Trace:
        return "TRACE";
    default:
        break;
    }
    return "UNKNOWN";
}

std::optional<QHttpServerResponse> refuse(const QHttpServerRequest &request,
                                          const MonitorAuth &token,
                                          QHttpServerRequest::Methods allowed)
{
    // The token first: without it nobody learns which resources exist.
    const MonitorAuth::Verdict verdict =
        token.check(MonitorAuth::presented(request, false), request.remoteAddress());
    if (verdict != MonitorAuth::Verdict::Accepted)
        return unauthorized(verdict,
                            QStringLiteral("this monitoring port needs 'Authorization: Bearer "
                                           "<token>' with the token of [MONITOR]"),
                            token.retryAfterSeconds(request.remoteAddress()));
    if (!allowed.testFlag(request.method())) {
        QStringList names;
        for (QHttpServerRequest::Method m :
             {QHttpServerRequest::Method::Get, QHttpServerRequest::Method::Post,
              QHttpServerRequest::Method::Put, QHttpServerRequest::Method::Delete}) {
            if (allowed.testFlag(m))
                names.append(QString::fromLatin1(methodName(m)));
        }
        const QString allow = names.join(QStringLiteral(", "));
        QHttpServerResponse response =
            error(ApiError::methodNotAllowed(methodName(request.method()), allow));
        response.addHeader("Allow", allow.toLatin1());
        return response;
    }
    return std::nullopt;
}

} // namespace sender::monitor
