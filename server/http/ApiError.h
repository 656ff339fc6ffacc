#pragma once

#include <QByteArray>
#include <QString>

namespace sender {

// One error of the catalog: HTTP status, LUNA error code and texts. Serialised everywhere as
// {"error_code": N, "desc": "...", "detail": "...", "link": "..."} (link only for LUNA's codes).
struct ApiError
{
    int httpStatus = 500;
    int code = 1;
    QString desc;
    QString detail;

    QByteArray toJson() const;
    // The vendor's page for LUNA's own codes; empty for the codes this product adds (291xx).
    QString link() const;

    // --- the contract's catalog ---
    static ApiError internal(const QString &detail = QStringLiteral("Internal server error"));
    static ApiError badQueryParameter(const QString &name, const QString &detail); // 400 12012
    static ApiError notFound(const QString &path); // 404 12013
    static ApiError methodNotAllowed(const QByteArray &method, const QString &allowed); // 405 12021
    static ApiError unsupportedMediaType(); // 415 12024
    static ApiError accountHeaderMissing(); // 403 29001
    static ApiError healthCheck(const QString &detail); // 38001, inside the healthcheck body
    static ApiError slowConsumer(const QString &detail); // 29004, logged and counted only

    // --- request-level errors ---
    static ApiError invalidHttpRequest(const QString &why, int status = 400); // 12046
    static ApiError invalidJson(const QString &why); // 400 12027 (publish body)
    static ApiError emptyBody(); // 400 12030
    static ApiError payloadTooLarge(const QString &detail); // 413 37003

    // --- added by this product (documented in the OpenAPI document and the manual) ---
    static ApiError headTooLarge(const QString &detail); // 431 29101
    static ApiError tooManyConnections(qint64 limit); // 503 29102
    static ApiError unauthorized(const QString &detail); // 401 29103
    static ApiError requestTimeout(); // 408 29104
    static ApiError originNotAllowed(const QString &origin); // 403 29105
    static ApiError upgradeRequired(const QString &why); // 426 29106
    // 503 29102 like tooManyConnections: another of the server's bounds on what strangers can
    // make it hold (connections or handshakes from one address, unfinished request bodies).
    static ApiError serverBusy(const QString &detail);
    static ApiError
    historyGone(const QString &detail); // 410 29110 (a resume the history cannot serve)
};

QByteArray jsonQuoted(QStringView text); // a JSON string literal, quotes included

} // namespace sender
