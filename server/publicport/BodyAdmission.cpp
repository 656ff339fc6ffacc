#include "publicport/BodyAdmission.h"

namespace sender {

BodyAdmission admitBody(const Router::Match &match, const HttpRequest &head, qint64 announced)
{
    // No such resource, or not with this method: the answer it would get anyway, without reading
    // a body nobody would look at.
    if (match.error)
        return {*match.error, 0};
    const QString request = QString::fromLatin1(head.method) + u' ' + QString::fromUtf8(head.path);
    if (match.maxBodyBytes <= 0)
        return {ApiError::payloadTooLarge(request + QStringLiteral(" takes no request body")), 0};
    if (announced > match.maxBodyBytes)
        return {
            ApiError::payloadTooLarge(
                QStringLiteral("the body of %1 bytes exceeds the %2 bytes that %3 takes")
                    .arg(QString::number(announced), QString::number(match.maxBodyBytes), request)),
            0};
    return {std::nullopt, match.maxBodyBytes};
}

} // namespace sender
