#include "config/Settings.h"

namespace sender {

Settings::Settings()
{
    for (const ConfigKey &k : ConfigSchema::keys()) {
        QVariant v = k.defaultValue;
        if (k.type == ConfigKey::Type::List || k.type == ConfigKey::Type::HostPortList
            || k.type == ConfigKey::Type::AccountTokens)
            v = QStringList();
        else if (k.type == ConfigKey::Type::Integer)
            v = k.defaultValue.toLongLong(); // one numeric type, so comparisons are exact
        m_values.insert(k.id(), v);
        m_origins.insert(k.id(), Origin::Default);
    }
}

QVariant Settings::value(QStringView id) const
{
    const auto it = m_values.constFind(id.toString());
    Q_ASSERT_X(it != m_values.constEnd(), "Settings::value", "key not in ConfigSchema");
    return it == m_values.constEnd() ? QVariant() : *it;
}

Settings::Origin Settings::origin(QStringView id) const
{
    return m_origins.value(id.toString(), Origin::Default);
}

void Settings::set(const QString &id, const QVariant &value, Origin origin)
{
    Q_ASSERT_X(m_values.contains(id), "Settings::set", "key not in ConfigSchema");
    m_values.insert(id, value);
    m_origins.insert(id, origin);
}

std::optional<RedisUrl> Settings::redisUrl() const
{
    const QString text = string(u"REDIS.URL");
    if (text.isEmpty())
        return std::nullopt;
    return parseRedisUrl(text, nullptr);
}

QList<std::pair<QString, quint16>> Settings::redisSentinels() const
{
    QList<std::pair<QString, quint16>> result;
    for (const QString &item : list(u"REDIS.SENTINELS")) {
        const qsizetype colon = item.lastIndexOf(u':');
        QString host = item.left(colon);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        result.append({host, quint16(item.mid(colon + 1).toUInt())});
    }
    return result;
}

bool Settings::operator==(const Settings &other) const
{
    return m_values == other.m_values;
}

QStringList Settings::differences(const Settings &other) const
{
    QStringList result;
    for (const ConfigKey &k : ConfigSchema::keys()) {
        const QString id = k.id();
        if (m_values.value(id) != other.m_values.value(id))
            result.append(id);
    }
    return result;
}

QString originName(Settings::Origin origin)
{
    switch (origin) {
    case Settings::Origin::Default:
        return QStringLiteral("default");
    case Settings::Origin::File:
        return QStringLiteral("file");
    case Settings::Origin::Environment:
        return QStringLiteral("environment");
    case Settings::Origin::CommandLine:
        return QStringLiteral("command line");
    case Settings::Origin::Console:
        return QStringLiteral("console");
    }
    return {};
}

} // namespace sender
