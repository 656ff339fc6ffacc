#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace sender {

// Every setting the program knows, in one table. The table drives the INI file, the environment
// (LUNA_SENDER_<SECTION>_<KEY>), --set on the command line, /config, the console's settings
// dialog, --print-default-config and the manual's configuration reference, so none of them can
// drift from the others.
struct ConfigKey
{
    enum class Type {
        String,
        Secret, // a password or token: never logged, "********" in /config
        Integer,
        Boolean, // 0/1, true/false, yes/no, on/off; shown as 0/1 like LUNA's configs
        Choice, // one of `choices`
        List, // comma-separated strings
        RedisUrl, // redis://[[user]:password@]host[:port][/db], password masked
        HostPortList, // host:port,host:port
        AccountTokens, // account-uuid:token,... (secret)
    };

    const char *section;
    const char *key;
    Type type;
    QVariant defaultValue;
    qint64 minimum = 0;
    qint64 maximum = 0;
    QStringList choices = {};
    const char *unit = ""; // "s", "ms", "bytes", ... for people only
    const char *description = "";
    // Applied on SIGHUP or from the console without restarting the engine.
    bool reloadable = false;

    QString id() const; // "SECTION.KEY"
    QString environmentName() const; // "LUNA_SENDER_SECTION_KEY"
    bool isSecret() const;
};

class ConfigSchema
{
public:
    static const QList<ConfigKey> &keys();
    static const ConfigKey *find(QStringView section, QStringView key);
    static const ConfigKey *find(QStringView id); // "SECTION.KEY"
    static QStringList sections(); // in table order
    // "Server" for SERVER, marked for the console's translation (context "ConfigSchema"); nullptr
    // for a section without a title.
    static const char *sectionTitle(QStringView section);
};

} // namespace sender
