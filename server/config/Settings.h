#pragma once

#include "config/ConfigSchema.h"
#include "config/RedisUrl.h"

#include <QHash>
#include <QString>
#include <QVariant>

#include <optional>

namespace sender {

// The effective, validated configuration: every key of ConfigSchema has a value of its type.
// A value object, cheap to copy and safe to hand to another thread.
class Settings
{
public:
    enum class Origin { Default, File, Environment, CommandLine, Console };

    Settings(); // every key at its default

    QVariant value(QStringView id) const;
    Origin origin(QStringView id) const;
    // Stores an already validated value (see SettingsLoader::parseValue).
    void set(const QString &id, const QVariant &value, Origin origin);

    QString string(QStringView id) const { return value(id).toString(); }
    qint64 integer(QStringView id) const { return value(id).toLongLong(); }
    bool boolean(QStringView id) const { return value(id).toBool(); }
    QStringList list(QStringView id) const { return value(id).toStringList(); }

    // The file the settings were read from (empty when none); the console saves back to it.
    QString configFile() const { return m_configFile; }
    void setConfigFile(const QString &path) { m_configFile = path; }

    // Typed shortcuts for what many places read.
    QString host() const { return string(u"SERVER.HOST"); }
    quint16 port() const { return quint16(integer(u"SERVER.PORT")); }
    std::optional<RedisUrl> redisUrl() const; // nothing: the embedded bus
    // The Redis password: the URL's, or REDIS.PASSWORD, or the content of REDIS.PASSWORD_FILE
    // (read on every call, so a reload picks up a rotated password). Validation
    // (SettingsLoader::crossCheck) and the connection use this one function. Nothing, and
    // *error, when it cannot be had (given twice, or the file unusable).
    std::optional<QString> redisPassword(QString *error) const;
    QList<std::pair<QString, quint16>> redisSentinels() const;
    // The content of INFLUX.PASSWORD_FILE (read on every call); empty when none is set.
    std::optional<QString> influxPassword(QString *error) const;

    bool operator==(const Settings &other) const;
    // Keys whose values differ, as "SECTION.KEY" ids.
    QStringList differences(const Settings &other) const;

private:
    QHash<QString, QVariant> m_values;
    QHash<QString, Origin> m_origins;
    QString m_configFile;
};

QString originName(Settings::Origin origin);

// The password a file holds (one line; a final newline is dropped). Nothing, and *error naming
// keyId and the file but never the content, when it is missing, unreadable, empty or too large.
std::optional<QString> readPasswordFile(QStringView keyId, const QString &file, QString *error);

} // namespace sender
