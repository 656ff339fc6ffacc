// GET /monitor/v1/connections, /connections/{id}, /filter-sets; POST /connections/{id}/close.
#include "monitor/MonitorFeed.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorState.h"

#include <QFuture>
#include <QHttpServer>
#include <QJsonDocument>
#include <QPromise>

#include <memory>

namespace sender::monitor {

namespace {

using Method = QHttpServerRequest::Method;

// Ids are decimal; anything else is a path that does not exist.
std::optional<quint64> connectionId(const QString &text)
{
    bool ok = false;
    const quint64 id = text.toULongLong(&ok);
    if (!ok || text.isEmpty() || !text.front().isDigit())
        return std::nullopt;
    return id;
}

QFuture<QHttpServerResponse> ready(QHttpServerResponse &&response)
{
    QPromise<QHttpServerResponse> promise;
    promise.start();
    promise.addResult(std::move(response));
    promise.finish();
    return promise.future();
}

} // namespace

void addConnectionRoutes(QHttpServer &server, MonitorState &state)
{
    server.route(QStringLiteral("/monitor/v1/connections"),
                 [&state](const QHttpServerRequest &request) {
                     if (auto refused = refuse(request, state.token, Method::Get))
                         return std::move(*refused);
                     return json({{QStringLiteral("connections"), state.connections()}});
                 });

    server.route(QStringLiteral("/monitor/v1/filter-sets"),
                 [&state](const QHttpServerRequest &request) {
                     if (auto refused = refuse(request, state.token, Method::Get))
                         return std::move(*refused);
                     return json({{QStringLiteral("filter_sets"), state.filterSets()}});
                 });

    // From the latest list (at most half a second old), like the stream's.
    server.route(QStringLiteral("/monitor/v1/connections/<arg>"),
                 [&state](const QString &idText, const QHttpServerRequest &request) {
                     if (auto refused = refuse(request, state.token, Method::Get))
                         return std::move(*refused);
                     const std::optional<quint64> id = connectionId(idText);
                     const QJsonObject connection = id ? state.connection(*id) : QJsonObject();
                     if (connection.isEmpty())
                         return error(ApiError::notFound(request.url().path()));
                     return json(connection);
                 });

    // Asks the engine itself (not the list, which may be half a second old) and answers when it
    // has: 200 {"closed": id}, or 404 when it has no such connection.
    server.route(
        QStringLiteral("/monitor/v1/connections/<arg>/close"),
        [&state](const QString &idText,
                 const QHttpServerRequest &request) -> QFuture<QHttpServerResponse> {
            if (auto refused = refuse(request, state.token, Method::Post))
                return ready(std::move(*refused));
            const std::optional<quint64> id = connectionId(idText);
            if (!id || !state.feed)
                return ready(error(ApiError::notFound(request.url().path())));
            QString reason;
            if (!request.body().trimmed().isEmpty()) {
                QJsonParseError parseError;
                const QJsonDocument body = QJsonDocument::fromJson(request.body(), &parseError);
                const QJsonValue value = body.object().value(QLatin1StringView("reason"));
                if (!body.isObject() || (!value.isUndefined() && !value.isString()))
                    return ready(error(ApiError::invalidJson(
                        QStringLiteral("the body is optional; when present it is "
                                       "{\"reason\": \"text\"}"))));
                reason = value.toString();
            }
            auto promise = std::make_shared<QPromise<QHttpServerResponse>>();
            promise->start();
            QFuture<QHttpServerResponse> future = promise->future();
            const QString path = request.url().path();
            const quint64 closing = *id;
            state.feed->closeConnection(closing, reason, [promise, path, closing](bool found) {
                promise->addResult(found ? json({{QStringLiteral("closed"), double(closing)}})
                                         : error(ApiError::notFound(path)));
                promise->finish();
            });
            return future;
        });
}

} // namespace sender::monitor
