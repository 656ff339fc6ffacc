#include "web/WebRoute.h"

#include "http/ApiError.h"
#include "web/WebAssets.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace sender::web {

namespace {

QByteArray header(const QHttpServerRequest &request, QByteArrayView name)
{
    const auto headers = request.headers();
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QHttpServerResponse notFound(const QHttpServerRequest &request)
{
    const ApiError e = ApiError::notFound(request.url().path());
    QHttpServerResponse r(QByteArrayLiteral("application/json"), e.toJson(),
                          QHttpServerResponse::StatusCode::NotFound);
    r.addHeaders(WebAssets::securityHeaders({}));
    return r;
}

} // namespace

QHttpServerResponse webViewerResponse(QByteArrayView name, const QHttpServerRequest &request)
{
    const std::optional<WebReply> reply =
        WebAssets::instance().reply(name, header(request, "If-None-Match"),
                                    header(request, "Accept-Encoding"), header(request, "Host"));
    if (!reply)
        return notFound(request);
    if (reply->status == 304) {
        QHttpServerResponse r(QHttpServerResponse::StatusCode::NotModified);
        r.addHeaders(reply->headers);
        return r;
    }
    QByteArray contentType;
    QList<Header> rest;
    for (const Header &h : reply->headers) {
        if (h.first == "Content-Type")
            contentType = h.second;
        else
            rest.append(h);
    }
    QHttpServerResponse r(contentType, reply->body);
    r.addHeaders(rest);
    return r;
}

void addWebViewerRoutes(QHttpServer &server)
{
    server.route(QStringLiteral("/monitor"), QHttpServerRequest::Method::Get,
                 [](const QHttpServerRequest &) {
                     QHttpServerResponse r(QHttpServerResponse::StatusCode::MovedPermanently);
                     r.setHeader(QByteArrayLiteral("Location"), QByteArrayLiteral("/monitor/"));
                     return r;
                 });
    // Browsers ask for /favicon.ico on every page load whatever the page links; without this
    // route it fell through to the monitoring API's 401. The icon is public like the page.
    server.route(
        QStringLiteral("/favicon.ico"), QHttpServerRequest::Method::Get,
        [](const QHttpServerRequest &request) { return webViewerResponse("icon.svg", request); });
    server.route(QStringLiteral("/monitor/"), QHttpServerRequest::Method::Get,
                 [](const QHttpServerRequest &request) { return webViewerResponse({}, request); });
    server.route(QStringLiteral("/monitor/<arg>"), QHttpServerRequest::Method::Get,
                 [](const QString &name, const QHttpServerRequest &request) {
                     return webViewerResponse(name.toUtf8(), request);
                 });
}

} // namespace sender::web
