// GET /monitor/v1/instances: the fleet, every instance sharing this one's Redis with its load and
// state, as this instance last read their announcements there. Display only: it is read from
// Redis, never fetched from the other instances' ports, and no announcement holds a token, so a
// token of this port opens this port and nothing else.
#include "engine/EngineFeed.h"
#include "engine/SnapshotCodec.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorState.h"

#include <QHttpServer>

#include <chrono>
#include <future>
#include <memory>

namespace sender::monitor {

namespace {

// As for the other resources that ask the engine.
constexpr std::chrono::milliseconds kEngineAnswer(2000);

} // namespace

void addInstanceRoutes(QHttpServer &server, MonitorState &state)
{
    server.route(
        QStringLiteral("/monitor/v1/instances"), [&state](const QHttpServerRequest &request) {
            if (auto refused = refuse(request, state.token, QHttpServerRequest::Method::Get))
                return std::move(*refused);
            if (!state.feed)
                return error(engineSilent());
            auto answer = std::make_shared<std::promise<std::optional<FleetSnapshot>>>();
            std::future<std::optional<FleetSnapshot>> future = answer->get_future();
            state.feed->fleet([answer](std::optional<FleetSnapshot> fleet) {
                answer->set_value(std::move(fleet));
            });
            if (future.wait_for(kEngineAnswer) != std::future_status::ready)
                return error(engineSilent());
            const std::optional<FleetSnapshot> fleet = future.get();
            if (!fleet)
                return error(engineSilent());
            return json(SnapshotCodec::encodeFleet(*fleet));
        });
}

} // namespace sender::monitor
