#include "http/ApiError.h"

namespace sender {

QByteArray jsonQuoted(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(uchar(c) >> 4) & 0xf];
                out += hex[uchar(c) & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QString ApiError::link() const
{
    if (code >= 29100 && code < 29200)
        return {};
    return QStringLiteral(
               "https://docs.visionlabs.ai/info/luna/troubleshooting/errors-description/code-%1")
        .arg(code);
}

QByteArray ApiError::toJson() const
{
    // Written by hand to keep the key order of the contract (QJsonObject sorts keys).
    QByteArray out = "{\"error_code\": " + QByteArray::number(code)
        + ", \"desc\": " + jsonQuoted(desc) + ", \"detail\": " + jsonQuoted(detail);
    const QString l = link();
    if (!l.isEmpty())
        out += ", \"link\": " + jsonQuoted(l);
    out += '}';
    return out;
}

ApiError ApiError::internal(const QString &detail)
{
    return {500, 1, QStringLiteral("Internal server error"), detail};
}

ApiError ApiError::badQueryParameter(const QString &name, const QString &detail)
{
    return {400, 12012, QStringLiteral("Bad query parameters '%1'").arg(name), detail};
}

ApiError ApiError::notFound(const QString &path)
{
    return {404, 12013, QStringLiteral("Resource not found"),
            QStringLiteral("There is no resource at '%1'").arg(path)};
}

ApiError ApiError::methodNotAllowed(const QByteArray &method, const QString &allowed)
{
    return {405, 12021, QStringLiteral("Method not allowed"),
            QStringLiteral("Method %1 is not allowed here; allowed: %2")
                .arg(QString::fromLatin1(method), allowed)};
}

ApiError ApiError::unsupportedMediaType()
{
    // Texts as the vendor's page gives them for 12024.
    return {415, 12024, QStringLiteral("Unsupported media type"),
            QStringLiteral("Bad/incomplete input data")};
}

ApiError ApiError::accountHeaderMissing()
{
    return {403, 29001,
            QStringLiteral("Forbidden. Cannot subscribe for events without 'Luna-Account-Id' "
                           "header set"),
            QStringLiteral("Cannot subscribe for events without 'Luna-Account-Id' header set")};
}

ApiError ApiError::healthCheck(const QString &detail)
{
    return {502, 38001, QStringLiteral("Health check error"), detail};
}

ApiError ApiError::slowConsumer(const QString &detail)
{
    return {500, 29004, QStringLiteral("Internal server error. Failed to publish message to ws"),
            detail};
}

ApiError ApiError::invalidHttpRequest(const QString &why, int status)
{
    return {status, 12046, QStringLiteral("Bad/incomplete input data"),
            QStringLiteral("Invalid http request: %1").arg(why)};
}

ApiError ApiError::invalidJson(const QString &why)
{
    return {400, 12027, QStringLiteral("Bad/incomplete input data"),
            QStringLiteral("Failed to validate input json. Message: %1").arg(why)};
}

ApiError ApiError::emptyBody()
{
    return {400, 12030, QStringLiteral("Bad/incomplete input data"),
            QStringLiteral("Request does not contain data")};
}

ApiError ApiError::payloadTooLarge(const QString &detail)
{
    return {413, 37003, QStringLiteral("Request payload is too large"), detail};
}

ApiError ApiError::headTooLarge(const QString &detail)
{
    return {431, 29101, QStringLiteral("Request header fields too large"), detail};
}

ApiError ApiError::tooManyConnections(qint64 limit)
{
    return {503, 29102, QStringLiteral("Service unavailable"),
            QStringLiteral("Too many connections: the server accepts at most %1").arg(limit)};
}

ApiError ApiError::serverBusy(const QString &detail)
{
    return {503, 29102, QStringLiteral("Service unavailable"), detail};
}

ApiError ApiError::unauthorized(const QString &detail)
{
    return {401, 29103, QStringLiteral("Unauthorized"), detail};
}

ApiError ApiError::requestTimeout()
{
    return {408, 29104, QStringLiteral("Request timeout"),
            QStringLiteral("The request did not arrive in time")};
}

ApiError ApiError::originNotAllowed(const QString &origin)
{
    return {403, 29105, QStringLiteral("Forbidden"),
            QStringLiteral("Origin '%1' is not allowed").arg(origin)};
}

ApiError ApiError::upgradeRequired(const QString &why)
{
    return {426, 29106, QStringLiteral("Upgrade required"), why};
}

ApiError ApiError::historyGone(const QString &detail)
{
    return {410, 29110,
            QStringLiteral("Events are gone. The history does not reach back far enough"), detail};
}

} // namespace sender
