#pragma once

#include <QString>
#include <QUrl>

namespace sender {

// What is wrong with a URL given as the base of an HTTP service the server calls (the LUNA API),
// or empty: http or https, a host, no user or password (credentials come from files), no query or
// fragment. The message never repeats the URL (it could hold a password).
inline QString httpOriginProblem(const QUrl &url)
{
    if (!url.isValid()
        || (url.scheme() != QLatin1StringView("http")
            && url.scheme() != QLatin1StringView("https")))
        return QStringLiteral("must be an http:// or https:// URL");
    if (url.host().isEmpty())
        return QStringLiteral("has no host");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("must not hold a user or password (use a credential file)");
    if (url.hasQuery() || url.hasFragment())
        return QStringLiteral("must not have a query or a fragment");
    return {};
}

} // namespace sender
