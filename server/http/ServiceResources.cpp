#include "http/ServiceResources.h"

#include "SenderVersion.h"
#include "config/ConfigRender.h"
#include "http/DocsPages.h"
#include "http/MediaType.h"
#include "util/Bytes.h"

#include <QElapsedTimer>
#include <QJsonDocument>

namespace sender {

namespace {

HttpResponse errorResponse(const ApiError &e)
{
    return HttpResponse::json(e.httpStatus, e.toJson());
}

HttpResponse version(const HttpRequest &, const RequestContext &)
{
    return HttpResponse::json(
        200,
        "{\"Version\": {\"api\": " QT_STRINGIFY(SENDER_API_VERSION) ", \"major\": " QT_STRINGIFY(
            SENDER_VERSION_MAJOR) ", \"minor\": " QT_STRINGIFY(SENDER_VERSION_MINOR) ", "
                                                                                     "\"patch\":"
                                                                                     " " QT_STRINGIFY(
                                                                                         SENDER_VERSION_PATCH) "}}");
}

// Only include_luna_services is known here; its value must be 0 or 1.
std::optional<ApiError> checkHealthQuery(const QByteArray &query)
{
    for (QByteArrayView item : splitView(query, '&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        const QByteArrayView name = eq < 0 ? item : item.first(eq);
        const QByteArrayView value = eq < 0 ? QByteArrayView() : item.sliced(eq + 1);
        if (name != "include_luna_services")
            return ApiError::badQueryParameter(
                QString::fromUtf8(name),
                QStringLiteral(
                    "unknown parameter; /healthcheck accepts only include_luna_services"));
        if (value != "0" && value != "1")
            return ApiError::badQueryParameter(
                QStringLiteral("include_luna_services"),
                QStringLiteral("must be 0 or 1, got '%1'").arg(QString::fromUtf8(value)));
    }
    return std::nullopt;
}

QByteArray seconds(const QElapsedTimer &timer)
{
    return QByteArray::number(double(timer.nsecsElapsed()) / 1e9, 'f', 6);
}

} // namespace

void addServiceResources(Router &router, ServiceContext *context)
{
    const QList<QByteArray> get = {QByteArrayLiteral("GET")};
    router.addRoute("/version", get, version);

    router.addRoute(
        "/healthcheck", get, [context](const HttpRequest &request, const RequestContext &) {
            QElapsedTimer timer;
            timer.start();
            if (const auto error = checkHealthQuery(request.query))
                return errorResponse(*error);
            const QList<ServiceContext::HealthProblem> problems = context->healthProblems();
            if (problems.isEmpty())
                return HttpResponse::json(200, "{\"execution_time\": " + seconds(timer) + '}');
            QByteArray errors;
            for (const auto &p : problems) {
                const ApiError e = ApiError::healthCheck(p.detail);
                if (!errors.isEmpty())
                    errors += ", ";
                errors += "{\"component\": " + jsonQuoted(p.component) + ", \"error_code\": "
                    + QByteArray::number(e.code) + ", \"desc\": " + jsonQuoted(e.desc)
                    + ", \"detail\": " + jsonQuoted(e.detail) + '}';
            }
            return HttpResponse::json(
                502, "{\"errors\": [" + errors + "], \"execution_time\": " + seconds(timer) + '}');
        });

    router.addRoute("/config", get, [context](const HttpRequest &request, const RequestContext &) {
        static const QList<QByteArray> types = {"application/json", "text/plain"};
        switch (negotiateMediaType(request.header("accept"), types)) {
        case 0:
            return HttpResponse::json(
                200,
                QJsonDocument(settingsToJson(context->settings())).toJson(QJsonDocument::Indented));
        case 1:
            return HttpResponse::text(200, settingsToText(context->settings()),
                                      "text/plain; charset=utf-8");
        default:
            return errorResponse(ApiError::unsupportedMediaType());
        }
    });

    router.addRoute("/docs/spec", get, [](const HttpRequest &request, const RequestContext &) {
        // YAML first: tools and `curl` (Accept: */*) get the document, browsers rank text/html
        // higher than */* and get the rendered page.
        static const QList<QByteArray> types = {"application/x-yaml", "application/yaml",
                                                "text/html"};
        const qsizetype chosen = negotiateMediaType(request.header("accept"), types);
        if (chosen < 0)
            return errorResponse(ApiError::unsupportedMediaType());
        if (chosen == 2)
            return HttpResponse::text(200, docs::specHtmlPage(), "text/html; charset=utf-8");
        return HttpResponse::text(200, docs::openApiYaml(), types[chosen]);
    });

    const auto toIndex = [](const HttpRequest &, const RequestContext &) {
        return HttpResponse::redirect("/docs/dev/index.html");
    };
    router.addRoute("/docs/dev", get, toIndex);
    router.addRoute("/docs/dev/", get, toIndex);
    router.addPrefixRoute(
        "/docs/dev/", get, [](const HttpRequest &request, const RequestContext &) {
            const QByteArray relative = request.path.mid(qsizetype(sizeof("/docs/dev/") - 1));
            const std::optional<docs::File> file = docs::manualFile(relative);
            if (!file)
                return errorResponse(ApiError::notFound(QString::fromUtf8(request.path)));
            HttpResponse r = HttpResponse::text(200, file->content, file->contentType);
            r.setHeader("Cache-Control", "no-cache");
            return r;
        });
}

} // namespace sender
