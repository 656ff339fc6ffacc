// GET /monitor/v1/overview, /config and /docs/spec.
#include "config/ConfigRender.h"
#include "http/MediaType.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorState.h"

#include <QFile>
#include <QHttpServer>

namespace sender::monitor {

namespace {

using Method = QHttpServerRequest::Method;

QByteArray resource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The public port's ReDoc page, pointed at this port's document and bundle.
QByteArray specPage()
{
    static const QByteArray page = [] {
        QByteArray html = resource(QStringLiteral(":/sender/docs/spec.html"));
        html.replace("/docs/dev/_static/redoc.standalone.js",
                     "/monitor/v1/docs/redoc.standalone.js");
        html.replace("'/docs/spec'", "'/monitor/v1/docs/spec'");
        html.replace("\"/docs/spec\"", "\"/monitor/v1/docs/spec\"");
        html.replace("Luna Sender API reference", "Luna Sender monitoring API reference");
        html.replace("luna-sender-openapi.yaml", "luna-sender-monitor-openapi.yaml");
        return html;
    }();
    return page;
}

} // namespace

void addServiceRoutes(QHttpServer &server, MonitorState &state)
{
    server.route(
        QStringLiteral("/monitor/v1/overview"), [&state](const QHttpServerRequest &request) {
            if (auto refused = refuse(request, state.token, Method::Get))
                return std::move(*refused);
            if (!state.refresh())
                return error(
                    ApiError {503, 29107, QStringLiteral("Service unavailable"),
                              QStringLiteral("the engine has not reported yet; try again")});
            return json(state.overview());
        });

    server.route(QStringLiteral("/monitor/v1/config"), [&state](const QHttpServerRequest &request) {
        if (auto refused = refuse(request, state.token, Method::Get))
            return std::move(*refused);
        // Secrets masked, as on the Sender port's /config: the token of this very port too.
        return json(settingsToJson(state.settings));
    });

    // The document describes the API and nothing of this instance: like the public /docs/spec it
    // needs no token, so a browser can open it.
    server.route(QStringLiteral("/monitor/v1/docs/spec"), [](const QHttpServerRequest &request) {
        if (auto refused = refuse(request, {}, Method::Get))
            return std::move(*refused);
        static const QList<QByteArray> types = {"application/x-yaml", "application/yaml",
                                                "text/html"};
        const qsizetype chosen = negotiateMediaType(header(request, "accept"), types);
        if (chosen < 0)
            return error(ApiError::unsupportedMediaType());
        if (chosen == 2)
            return QHttpServerResponse("text/html; charset=utf-8", specPage());
        static const QByteArray yaml = resource(QStringLiteral(":/sender/monitor.yaml"));
        return QHttpServerResponse(types[chosen], yaml);
    });
    server.route(QStringLiteral("/monitor/v1/docs/redoc.standalone.js"),
                 [](const QHttpServerRequest &request) {
                     if (auto refused = refuse(request, {}, Method::Get))
                         return std::move(*refused);
                     static const QByteArray bundle =
                         resource(QStringLiteral(":/sender/docs/dev/_static/redoc.standalone.js"));
                     if (bundle.isEmpty())
                         return error(ApiError::notFound(request.url().path()));
                     return QHttpServerResponse("text/javascript; charset=utf-8", bundle);
                 });
}

} // namespace sender::monitor
