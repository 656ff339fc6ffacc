#pragma once

#include <QByteArrayView>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace sender::web {

// The web viewer on the monitoring port's QHttpServer: GET /monitor (redirect to /monitor/),
// /monitor/ (index.html), /monitor/<file> and /favicon.ico (the viewer's icon.svg). The files are
// public (they hold no data: every figure comes from /monitor/v1/..., which needs the token), so
// these routes need no token. Register them before any catch-all rule; /monitor/v1/... paths have a
// slash after the first segment and never match /monitor/<file>.
void addWebViewerRoutes(QHttpServer &server);

// The answer for one file name (empty: index.html): 200, 304 or 404 in the contract's error JSON.
QHttpServerResponse webViewerResponse(QByteArrayView name, const QHttpServerRequest &request);

} // namespace sender::web
