#include "config/RedisUrl.h"

#include <QUrl>

namespace sender {

QString RedisUrl::toDisplayString() const
{
    QString auth;
    if (!user.isEmpty() || !password.isEmpty())
        auth = user + (password.isEmpty() ? QString() : QStringLiteral(":********")) + u'@';
    const QString hostPart = host.contains(u':') ? u'[' + host + u']' : host;
    return QStringLiteral("redis://") + auth + hostPart + u':' + QString::number(port) + u'/'
        + QString::number(db);
}

std::optional<RedisUrl> parseRedisUrl(const QString &text, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<RedisUrl> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return fail(QStringLiteral("not a valid URL (%1)").arg(url.errorString()));
    if (url.scheme() != QLatin1StringView("redis"))
        return fail(QStringLiteral("the scheme must be redis://, got '%1'").arg(url.scheme()));
    if (url.host().isEmpty())
        return fail(QStringLiteral("the host is missing"));
    if (url.hasQuery() || url.hasFragment())
        return fail(QStringLiteral("a query or fragment is not allowed"));

    RedisUrl result;
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
            return fail(
                QStringLiteral("the database number must be an integer in 0..65535, got '%1'")
                    .arg(path));
        result.db = db;
    }
    return result;
}

} // namespace sender
