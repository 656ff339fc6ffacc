#include "monitor/MonitorHttp.h"

#include "util/Bytes.h"

#include <QUrlQuery>

namespace sender::monitor {

namespace {
constexpr QByteArrayView kJson = "application/json";
}

QHttpServerResponse json(const QJsonObject &body, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(body, status);
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

QByteArray presentedToken(const QHttpServerRequest &request, bool allowQuery)
{
    const QByteArray authorization = header(request, "authorization").trimmed();
    if (authorization.size() > 7
        && QByteArrayView(authorization).first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return authorization.mid(7).trimmed();
    if (allowQuery) {
        const QUrlQuery query(request.url());
        if (query.hasQueryItem(QStringLiteral("token")))
            return query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8();
    }
    return {};
}

bool presentsToken(const QHttpServerRequest &request, bool allowQuery)
{
    if (!header(request, "authorization").isEmpty())
        return true;
    return allowQuery && QUrlQuery(request.url()).hasQueryItem(QStringLiteral("token"));
}

bool tokenAccepted(const QByteArray &expected, const QHttpServerRequest &request, bool allowQuery)
{
    return expected.isEmpty() || constantTimeEquals(presentedToken(request, allowQuery), expected);
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
                                          const QByteArray &token,
                                          QHttpServerRequest::Methods allowed)
{
    // The token first: without it nobody learns which resources exist.
    if (!tokenAccepted(token, request, false))
        return error(ApiError::unauthorized(
            QStringLiteral("this monitoring port needs 'Authorization: Bearer <token>' with the "
                           "token of [MONITOR]")));
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
