#include "sources/redis/RedisSettings.h"

#include <algorithm>

namespace sender {

QString RedisSettings::validate() const
{
    if (sentinels.isEmpty() && url.host.isEmpty())
        return QStringLiteral("no Redis host is set");
    if (!sentinels.isEmpty() && sentinelMaster.isEmpty())
        return QStringLiteral("sentinels are set but the master name is not");
    for (const auto &[host, port] : sentinels) {
        if (host.isEmpty() || port == 0)
            return QStringLiteral("a sentinel address needs a host and a port, got '%1:%2'")
                .arg(host, QString::number(port));
    }
    if (sentinels.isEmpty() && url.port == 0)
        return QStringLiteral("the Redis port must be in 1..65535");
    if (url.db < 0)
        return QStringLiteral("the database number must not be negative");
    if (channelPrefix.isEmpty())
        return QStringLiteral("the channel prefix must not be empty");
    if (connectTimeoutMs <= 0 || pingIntervalMs <= 0 || sentinelCheckIntervalMs <= 0)
        return QStringLiteral("timeouts and intervals must be positive");
    if (reconnectMinMs <= 0 || reconnectMaxMs < reconnectMinMs)
        return QStringLiteral("the reconnect delays must satisfy 0 < min <= max (got %1..%2 ms)")
            .arg(reconnectMinMs)
            .arg(reconnectMaxMs);
    if (maxMessageBytes <= 0 || maxBufferedBytes <= 0)
        return QStringLiteral("the message size limits must be positive");
    return QString();
}

qint64 RedisSettings::effectiveBufferedLimit() const
{
    // Room for the largest message we accept plus its framing and the messages queued behind it.
    constexpr qint64 kFraming = 64 * 1024;
    return std::max(maxBufferedBytes, maxMessageBytes + kFraming);
}

QByteArray RedisSettings::globEscaped(QByteArrayView text)
{
    QByteArray pattern;
    pattern.reserve(text.size() * 2 + 1);
    for (char c : text) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    return pattern;
}

QByteArray RedisSettings::subscriptionPattern() const
{
    return globEscaped(channelPrefix) + '*';
}

QString RedisSettings::targetDescription() const
{
    if (!sentinels.isEmpty())
        return QStringLiteral("master '%1' via %2 sentinel(s)")
            .arg(sentinelMaster, QString::number(sentinels.size()));
    return url.host + u':' + QString::number(url.port);
}

} // namespace sender
