// GET /monitor/v1/alerts, POST /alerts/{id}/ack, GET and PUT /alert-rules (issue 14's alerts).
#include "engine/EngineFeed.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorState.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <chrono>
#include <future>
#include <memory>

namespace sender::monitor {

namespace {

using Method = QHttpServerRequest::Method;

constexpr std::chrono::milliseconds kEngineAnswer(2000);

// Runs `task` on the engine's thread and waits (on this port's thread only) for its reply;
// engineSilent() when the engine does not answer or is not running.
QHttpServerResponse onEngine(MonitorState &state,
                             std::function<QHttpServerResponse(EngineAlerts &)> task)
{
    if (!state.feed)
        return error(engineSilent());
    // The reply is built on the engine's thread as plain data, turned into a response here.
    struct Reply
    {
        QJsonObject body;
        std::optional<ApiError> error;
    };
    auto answer = std::make_shared<std::promise<Reply>>();
    std::future<Reply> future = answer->get_future();
    auto wrapped = [answer, task = std::move(task)](EngineAlerts *alerts) {
        Reply reply;
        if (!alerts) {
            reply.error = engineSilent();
        } else {
            QHttpServerResponse response = task(*alerts);
            if (response.statusCode() == QHttpServerResponse::StatusCode::Ok)
                reply.body = QJsonDocument::fromJson(response.data()).object();
            else
                reply.error = ApiError {int(response.statusCode()), 0, {}, {}};
            if (reply.error) {
                const QJsonObject e = QJsonDocument::fromJson(response.data()).object();
                reply.error->code = e.value(QLatin1StringView("error_code")).toInt();
                reply.error->desc = e.value(QLatin1StringView("desc")).toString();
                reply.error->detail = e.value(QLatin1StringView("detail")).toString();
            }
        }
        answer->set_value(std::move(reply));
    };
    state.feed->withAlerts(std::move(wrapped));
    if (future.wait_for(kEngineAnswer) != std::future_status::ready)
        return error(engineSilent());
    Reply reply = future.get();
    return reply.error ? error(*reply.error) : json(reply.body);
}

std::optional<quint64> alertId(const QString &text)
{
    bool ok = false;
    const quint64 id = text.toULongLong(&ok);
    if (!ok || text.isEmpty() || !text.front().isDigit())
        return std::nullopt;
    return id;
}

} // namespace

void addAlertRoutes(QHttpServer &server, MonitorState &state)
{
    server.route(QStringLiteral("/monitor/v1/alerts"), [&state](const QHttpServerRequest &request) {
        if (auto refused = refuse(request, state.token, Method::Get))
            return std::move(*refused);
        const QUrlQuery query(request.url());
        alerts::AlertLog::Query q;
        const QString stateName = query.queryItemValue(QStringLiteral("state"));
        if (stateName == u"new")
            q.acknowledged = false;
        else if (stateName == u"acknowledged")
            q.acknowledged = true;
        else if (!stateName.isEmpty())
            return error(ApiError::badQueryParameter(QStringLiteral("state"),
                                                     QStringLiteral("new or acknowledged")));
        const QString severity = query.queryItemValue(QStringLiteral("severity"));
        if (!severity.isEmpty()) {
            q.severity = alerts::severityFromName(severity);
            if (!q.severity)
                return error(ApiError::badQueryParameter(
                    QStringLiteral("severity"), QStringLiteral("info, warning or critical")));
        }
        bool ok = true;
        if (query.hasQueryItem(QStringLiteral("limit"))) {
            q.limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
            if (!ok || q.limit < 1 || q.limit > 10000)
                return error(ApiError::badQueryParameter(QStringLiteral("limit"),
                                                         QStringLiteral("an integer in 1..10000")));
        }
        if (query.hasQueryItem(QStringLiteral("before"))) {
            const std::optional<quint64> before =
                alertId(query.queryItemValue(QStringLiteral("before")));
            if (!before)
                return error(ApiError::badQueryParameter(QStringLiteral("before"),
                                                         QStringLiteral("an alert id")));
            q.before = *before;
        }
        return onEngine(state, [q](EngineAlerts &alerts) {
            qsizetype total = 0;
            QJsonArray list;
            for (const AlertSnapshot &a : alerts.log().query(q, &total))
                list.append(a.toJson());
            return json(
                {{QStringLiteral("alerts"), list},
                 {QStringLiteral("total"), double(total)},
                 {QStringLiteral("unacknowledged"), double(alerts.log().unacknowledged())}});
        });
    });

    server.route(
        QStringLiteral("/monitor/v1/alerts/<arg>/ack"),
        [&state](const QString &idText, const QHttpServerRequest &request) {
            if (auto refused = refuse(request, state.token, Method::Post))
                return std::move(*refused);
            const std::optional<quint64> id = alertId(idText);
            if (!id)
                return error(ApiError::notFound(request.url().path()));
            const QJsonDocument body = QJsonDocument::fromJson(request.body());
            const QJsonValue by = body.object().value(QLatin1StringView("by"));
            const QJsonValue comment = body.object().value(QLatin1StringView("comment"));
            if (!body.isObject() || !by.isString()
                || (!comment.isUndefined() && !comment.isString()))
                return error(ApiError::invalidJson(
                    QStringLiteral("the body is {\"by\": \"operator\", \"comment\": \"text\"}")));
            const QString path = request.url().path();
            return onEngine(state,
                            [id = *id, by = by.toString(), comment = comment.toString(),
                             path](EngineAlerts &alerts) {
                                const std::optional<AlertSnapshot> known = alerts.log().find(id);
                                if (!known)
                                    return error(ApiError::notFound(path));
                                QString why;
                                const std::optional<AlertSnapshot> acknowledged =
                                    alerts.acknowledge(id, by, comment, &why);
                                if (!acknowledged)
                                    return error(ApiError {known->acknowledged ? 409 : 400, 29108,
                                                           QStringLiteral("Alert not acknowledged"),
                                                           why});
                                return json(acknowledged->toJson());
                            });
        });

    server.route(
        QStringLiteral("/monitor/v1/alert-rules"), [&state](const QHttpServerRequest &request) {
            if (auto refused = refuse(request, state.token, Method::Get | Method::Put))
                return std::move(*refused);
            if (request.method() == Method::Get)
                return onEngine(state, [](EngineAlerts &alerts) {
                    QJsonObject o = QJsonDocument::fromJson(alerts.rulesJson()).object();
                    if (!alerts.rulesError().isEmpty())
                        o.insert(QStringLiteral("error"), alerts.rulesError());
                    return json(o);
                });
            const QByteArray body = request.body();
            return onEngine(state, [body](EngineAlerts &alerts) {
                QString why;
                if (!alerts.setRules(body, &why))
                    return error(ApiError {400, 29109, QStringLiteral("Bad alert rules"), why});
                return json(QJsonDocument::fromJson(alerts.rulesJson()).object());
            });
        });
}

} // namespace sender::monitor
