#include "config/Settings.h"

#include <QFile>

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

std::optional<QString> Settings::redisPassword(QString *error) const
{
    auto fail = [error](const QString &why) -> std::optional<QString> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const std::optional<RedisUrl> url = redisUrl();
    const QString inUrl = url ? url->password : QString();
    const QString password = string(u"REDIS.PASSWORD");
    const QString file = string(u"REDIS.PASSWORD_FILE");
    if (int(!inUrl.isEmpty()) + int(!password.isEmpty()) + int(!file.isEmpty()) > 1)
        return fail(QStringLiteral("the Redis password is given more than once (in REDIS.URL, "
                                   "REDIS.PASSWORD, REDIS.PASSWORD_FILE): keep one"));
    if (file.isEmpty())
        return password.isEmpty() ? inUrl : password;
    return readPasswordFile(u"REDIS.PASSWORD_FILE", file, error);
}

std::optional<QString> Settings::influxPassword(QString *error) const
{
    const QString file = string(u"INFLUX.PASSWORD_FILE");
    if (file.isEmpty())
        return QString();
    return readPasswordFile(u"INFLUX.PASSWORD_FILE", file, error);
}

std::optional<QString> readPasswordFile(QStringView keyId, const QString &file, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<QString> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    // A password is short; a large file is the wrong file (a key, a log), not a password.
    constexpr qint64 kMaxPasswordFileBytes = 4096;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot read '%2' (%3)").arg(keyId, file, f.errorString()));
    QByteArray content = f.read(kMaxPasswordFileBytes + 1);
    if (content.size() > kMaxPasswordFileBytes)
        return fail(QStringLiteral("%1: '%2' has more than %3 bytes; it should "
                                   "hold the password only")
                        .arg(keyId, file)
                        .arg(kMaxPasswordFileBytes));
    if (content.endsWith('\n'))
        content.chop(content.endsWith("\r\n") ? 2 : 1);
    if (content.isEmpty())
        return fail(QStringLiteral("%1: '%2' is empty").arg(keyId, file));
    return QString::fromUtf8(content);
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
