#pragma once

#include "http/ApiError.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <functional>

namespace sender {

// What a handler knows about the request besides the request itself.
struct RequestContext
{
    QByteArray requestId; // the client's valid Luna-Request-Id or a generated one
    QByteArray peer; // "address:port", for logs
};

using HttpHandler = std::function<HttpResponse(const HttpRequest &, const RequestContext &)>;
// The most body bytes a route takes, asked when a request announces a body (so a limit that
// follows the configuration stays current). A route without one takes no body at all.
using BodyLimit = std::function<qint64()>;

// Maps method + path to handlers. An exact path or a prefix ("/docs/dev/"). Unknown paths give
// 404/12013 and known paths with another method 405/12021 (with Allow), as the contract wants.
// WebSocket endpoints are registered too (with no handler), so that their 404/405 answers come
// from the same table as everyone else's.
class Router
{
public:
    struct Match
    {
        const HttpHandler *handler = nullptr; // null for a WebSocket endpoint
        bool isWebSocket = false;
        std::optional<ApiError> error;
        QByteArray allow; // for 405: the methods the path accepts
        QByteArray route; // the matched route ("/docs/dev/" for a prefix), "" when none (metrics)
        qint64 maxBodyBytes = 0; // 0: the route takes no body
    };

    void addRoute(const QByteArray &path, const QList<QByteArray> &methods, HttpHandler handler,
                  BodyLimit bodyLimit = {});
    void addPrefixRoute(const QByteArray &prefix, const QList<QByteArray> &methods,
                        HttpHandler handler);
    void addWebSocketRoute(const QByteArray &path);
    void removeRoute(const QByteArray &path);

    // HEAD is accepted wherever GET is.
    Match match(const QByteArray &method, const QByteArray &path) const;

private:
    struct Route
    {
        QByteArray path;
        bool prefix = false;
        bool webSocket = false;
        QList<QByteArray> methods;
        HttpHandler handler;
        BodyLimit bodyLimit;
    };
    QList<Route> m_routes;
};

} // namespace sender
