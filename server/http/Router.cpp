#include "http/Router.h"

#include <algorithm>

namespace sender {

void Router::addRoute(const QByteArray &path, const QList<QByteArray> &methods, HttpHandler handler,
                      BodyLimit bodyLimit)
{
    m_routes.append({path, false, false, methods, std::move(handler), std::move(bodyLimit)});
}

void Router::addPrefixRoute(const QByteArray &prefix, const QList<QByteArray> &methods,
                            HttpHandler handler)
{
    m_routes.append({prefix, true, false, methods, std::move(handler), {}});
}

void Router::addWebSocketRoute(const QByteArray &path)
{
    m_routes.append({path, false, true, {QByteArrayLiteral("GET")}, {}, {}});
}

void Router::removeRoute(const QByteArray &path)
{
    m_routes.removeIf([&](const Route &r) { return r.path == path; });
}

Router::Match Router::match(const QByteArray &method, const QByteArray &path) const
{
    for (const Route &r : m_routes) {
        const bool pathMatches = r.prefix ? path.startsWith(r.path) : path == r.path;
        if (!pathMatches)
            continue;
        const bool allowed = r.methods.contains(method)
            || (method == "HEAD" && !r.webSocket && r.methods.contains(QByteArrayLiteral("GET")));
        if (!allowed) {
            QStringList names;
            for (const QByteArray &m : r.methods)
                names.append(QString::fromLatin1(m));
            if (!r.webSocket && r.methods.contains(QByteArrayLiteral("GET")))
                names.append(QStringLiteral("HEAD"));
            const QString allow = names.join(QStringLiteral(", "));
            return {nullptr, false, ApiError::methodNotAllowed(method, allow), allow.toLatin1(),
                    r.path};
        }
        // Only the methods that carry content (not GET or HEAD) take the route's body.
        const bool bodyMethod = method != "GET" && method != "HEAD";
        return {r.webSocket ? nullptr : &r.handler,
                r.webSocket,
                std::nullopt,
                {},
                r.path,
                bodyMethod && r.bodyLimit ? std::max<qint64>(0, r.bodyLimit()) : 0};
    }
    return {nullptr, false, ApiError::notFound(QString::fromUtf8(path)), {}, {}};
}

} // namespace sender
