#include "config/RedisUrl.h"

#include <QUrl>

namespace sender {

QString RedisUrl::toDisplayString() const
{
    QString auth;
    if (!user.isEmpty() || !password.isEmpty())
        auth = user + (password.isEmpty() ? QString() : QStringLiteral(":********")) + u'@';
    const QString hostPart = host.contains(u':') ? u'[' + host + u']' : host;
    return (tls ? QStringLiteral("rediss://") : QStringLiteral("redis://")) + auth + hostPart + u':'
        + QString::number(port) + u'/' + QString::number(db);
}

namespace {

// Qt's URL error text goes on with "; source was \"<the whole URL>\"; userinfo = ..." and names
// the offending character; both can be the password. Only the first clause is kept, without its
// parenthesis: "Invalid port or port number out of range".
QString safeUrlError(const QString &qtError)
{
    QString first = qtError.left(qtError.indexOf(u';'));
    const qsizetype paren = first.indexOf(QLatin1StringView(" ("));
    if (paren > 0)
        first.truncate(paren);
    return first.isEmpty() ? QStringLiteral("Invalid URL") : first;
}

} // namespace

QString maskUrlPassword(const QString &text)
{
    // Everything between "scheme://user:" and the last '@' is the password, however malformed the
    // rest is (an unencoded '@' or '/' in it included).
    const qsizetype schemeEnd = text.indexOf(QLatin1StringView("://"));
    const qsizetype start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    const qsizetype at = text.lastIndexOf(u'@');
    if (at < start)
        return text;
    const qsizetype colon = text.indexOf(u':', start);
    if (colon < 0 || colon > at)
        return text; // a user name only
    return text.left(colon + 1) + QStringLiteral("********") + text.mid(at);
}

std::optional<RedisUrl> parseRedisUrl(const QString &text, QString *error)
{
    // No message below quotes the text: it may hold the password (see maskUrlPassword).
    auto fail = [error](const QString &why) -> std::optional<RedisUrl> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return fail(QStringLiteral("not a valid URL (%1)").arg(safeUrlError(url.errorString())));
    if (url.scheme() != QLatin1StringView("redis") && url.scheme() != QLatin1StringView("rediss"))
        return fail(QStringLiteral("the scheme must be redis:// (or rediss:// for TLS)"));
    if (url.host().isEmpty())
        return fail(QStringLiteral("the host is missing"));
    if (url.hasQuery() || url.hasFragment())
        return fail(QStringLiteral("a query or fragment is not allowed"));

    RedisUrl result;
    result.tls = url.scheme() == QLatin1StringView("rediss");
    result.host = url.host();
    const int port = url.port(6379);
    if (port < 1 || port > 65535)
        return fail(QStringLiteral("the port must be in 1..65535"));
    result.port = quint16(port);
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);

    QString path = url.path();
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        const int db = path.toInt(&ok);
        if (!ok || db < 0 || db > 65535 || path.contains(u'+') || path.contains(u' '))
            return fail(QStringLiteral("the database number (the path) must be an integer in "
                                       "0..65535"));
        result.db = db;
    }
    return result;
}

} // namespace sender
