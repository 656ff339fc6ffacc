// GET /monitor/v1/connections, /connections/{id}, /filter-sets; POST /connections/{id}/close.
#include "engine/EngineFeed.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorState.h"

#include <QHttpServer>
#include <QJsonDocument>

#include <chrono>
#include <future>
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

// Long enough for a busy engine; short enough that stopping the service (whose engine may be
// the thread that would answer) is never held up for long.
constexpr std::chrono::milliseconds kEngineAnswer(2000);

} // namespace

void addConnectionRoutes(QHttpServer &server, MonitorState &state)
{
    server.route(QStringLiteral("/monitor/v1/connections"),
                 [&state](const QHttpServerRequest &request) {
                     if (auto refused = refuse(request, state.token, Method::Get))
                         return std::move(*refused);
                     state.refresh();
                     return json({{QStringLiteral("connections"), state.connections()}});
                 });

    server.route(QStringLiteral("/monitor/v1/filter-sets"),
                 [&state](const QHttpServerRequest &request) {
                     if (auto refused = refuse(request, state.token, Method::Get))
                         return std::move(*refused);
                     state.refresh();
                     return json({{QStringLiteral("filter_sets"), state.filterSets()}});
                 });

    // Fresh from the engine, or (while a stream watches the lists) at most half a second old.
    server.route(QStringLiteral("/monitor/v1/connections/<arg>"),
                 [&state](const QString &idText, const QHttpServerRequest &request) {
                     if (auto refused = refuse(request, state.token, Method::Get))
                         return std::move(*refused);
                     state.refresh();
                     const std::optional<quint64> id = connectionId(idText);
                     const QJsonObject connection = id ? state.connection(*id) : QJsonObject();
                     if (connection.isEmpty())
                         return error(ApiError::notFound(request.url().path()));
                     return json(connection);
                 });

    // Asks the engine itself (not the list, which may be half a second old) and answers when it
    // has: 200 {"closed": id}, or 404 when it has no such connection. Waiting here holds only this
    // port's thread, for the moment the engine takes to handle one queued call. (Qt 6.4's
    // QFuture replies keep a reference to a request that is gone by the time they are sent.)
    server.route(
        QStringLiteral("/monitor/v1/connections/<arg>/close"),
        [&state](const QString &idText, const QHttpServerRequest &request) {
            if (auto refused = refuse(request, state.token, Method::Post))
                return std::move(*refused);
            const std::optional<quint64> id = connectionId(idText);
            if (!id || !state.feed)
                return error(ApiError::notFound(request.url().path()));
            QString reason;
            if (!request.body().trimmed().isEmpty()) {
                QJsonParseError parseError;
                const QJsonDocument body = QJsonDocument::fromJson(request.body(), &parseError);
                const QJsonValue value = body.object().value(QLatin1StringView("reason"));
                if (!body.isObject() || (!value.isUndefined() && !value.isString()))
                    return error(ApiError::invalidJson(
                        QStringLiteral("the body is optional; when present it is "
                                       "{\"reason\": \"text\"}")));
                reason = value.toString();
            }
            auto answer = std::make_shared<std::promise<bool>>();
            std::future<bool> found = answer->get_future();
            state.feed->closeConnection(*id, reason, [answer](bool f) { answer->set_value(f); });
            if (found.wait_for(kEngineAnswer) != std::future_status::ready)
                return error(ApiError {503, 29107, QStringLiteral("Service unavailable"),
                                       QStringLiteral("the engine did not answer in time; the "
                                                      "connection may still close")});
            if (!found.get())
                return error(ApiError::notFound(request.url().path()));
            return json({{QStringLiteral("closed"), double(*id)}});
        });
}

} // namespace sender::monitor
