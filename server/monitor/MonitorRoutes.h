#pragma once

class QHttpServer;
class QObject;

namespace sender {

class MonitorState;

// The monitoring API's resources, one group (and one file) each, all under /monitor/v1. Every
// handler starts with monitor::refuse() (token, then method: 401 and 405 in the contract's JSON
// error shape); unknown paths get the 404 of MonitorServer's missing handler. A resource group is
// one function here and one file.
namespace monitor {

// GET /overview, GET /config, GET /docs/spec.
void addServiceRoutes(QHttpServer &server, MonitorState &state);
// GET /connections, GET /connections/{id}, POST /connections/{id}/close, GET /filter-sets.
void addConnectionRoutes(QHttpServer &server, MonitorState &state);
// GET /alerts, POST /alerts/{id}/ack, GET and PUT /alert-rules.
void addAlertRoutes(QHttpServer &server, MonitorState &state);
// GET /history: the newest events of the engine's history, oldest first.
void addHistoryRoutes(QHttpServer &server, MonitorState &state);
// GET /instances: the fleet, as read from Redis.
void addInstanceRoutes(QHttpServer &server, MonitorState &state);
// GET /events/{event_id}/images/{face|body|match}: an event's picture, answered when the engine
// has it (asynchronously; `context` lives on this port's thread and the answers are written there
// while it does).
void addImageRoutes(QHttpServer &server, MonitorState &state, QObject *context);

} // namespace monitor

} // namespace sender
