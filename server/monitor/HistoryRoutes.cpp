// GET /monitor/v1/history: the newest events the engine's history holds, for a console that
// attaches and wants to see what happened just before.
#include "engine/EngineFeed.h"
#include "engine/SnapshotCodec.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorState.h"
#include "util/StrictUuid.h"

#include <QHttpServer>
#include <QUrlQuery>

#include <chrono>
#include <future>
#include <memory>

namespace sender::monitor {

namespace {

using Method = QHttpServerRequest::Method;

constexpr int kDefaultLimit = 200;
constexpr int kMaxLimit = 10000;
// As for the other resources that ask the engine: long enough for a busy engine, short enough
// that stopping the service is never held up for long.
constexpr std::chrono::milliseconds kEngineAnswer(2000);

// Decimal digits only, 1..kMaxLimit: no sign, no spaces, no exponent.
std::optional<int> limitOf(const QString &text)
{
    if (text.isEmpty() || text.size() > 5)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const int limit = text.toInt();
    if (limit < 1 || limit > kMaxLimit)
        return std::nullopt;
    return limit;
}

} // namespace

void addHistoryRoutes(QHttpServer &server, MonitorState &state)
{
    server.route(
        QStringLiteral("/monitor/v1/history"), [&state](const QHttpServerRequest &request) {
            if (auto refused = refuse(request, state.token, Method::Get))
                return std::move(*refused);
            const QUrlQuery query(request.url());
            int limit = kDefaultLimit;
            if (query.hasQueryItem(QStringLiteral("limit"))) {
                const std::optional<int> given =
                    limitOf(query.queryItemValue(QStringLiteral("limit")));
                if (!given)
                    return error(ApiError::badQueryParameter(
                        QStringLiteral("limit"),
                        QStringLiteral("an integer in 1..%1").arg(kMaxLimit)));
                limit = *given;
            }
            std::optional<QUuid> account;
            if (query.hasQueryItem(QStringLiteral("account"))) {
                account = parseStrictUuid(
                    query.queryItemValue(QStringLiteral("account"), QUrl::FullyDecoded).toLatin1());
                if (!account)
                    return error(ApiError::badQueryParameter(
                        QStringLiteral("account"),
                        QStringLiteral("an account id: a UUID, 8-4-4-4-12 hexadecimal digits")));
            }
            if (!state.feed)
                return error(engineSilent());
            // The engine only copies its references out (the messages are shared); the JSON is
            // built here, on this port's thread.
            struct Reply
            {
                std::optional<QList<EventSample>> events;
                bool enabled = false;
            };
            auto answer = std::make_shared<std::promise<Reply>>();
            std::future<Reply> future = answer->get_future();
            state.feed->recentEvents(
                limit, account, [answer](std::optional<QList<EventSample>> events, bool enabled) {
                    answer->set_value({std::move(events), enabled});
                });
            if (future.wait_for(kEngineAnswer) != std::future_status::ready)
                return error(engineSilent());
            const Reply reply = future.get();
            if (!reply.events)
                return error(engineSilent());
            return json(SnapshotCodec::encodeRecentEvents(*reply.events, reply.enabled));
        });
}

} // namespace sender::monitor
