#pragma once

#include "config/Settings.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace sender {

// Builds Settings from defaults < the INI file < LUNA_SENDER_* environment < command line.
// Every problem is reported as one sentence naming the key and where it came from, so that an
// operator can fix a unit file or a config file without reading code.
class SettingsLoader
{
public:
    struct Override
    {
        QString id; // "SECTION.KEY", case-insensitive
        QString value;
    };

    // file may be empty (no file). Returns nothing when anything is wrong; *errors lists it all.
    static std::optional<Settings> load(const QString &file, const QProcessEnvironment &environment,
                                        const QList<Override> &commandLine, QStringList *errors);

    // Parses and validates one textual value for a key. On error, *error says what is wrong
    // without naming the key (the caller adds the key and origin).
    static bool parseValue(const ConfigKey &key, const QString &text, QVariant *value,
                           QString *error);

    // Checks rules that span keys (e.g. a token required when publish is on).
    static QStringList crossCheck(const Settings &settings);

    // The path used when --config is not given: $XDG_CONFIG_HOME/luna-sender/luna-sender.conf.
    static QString defaultUserConfigPath();
};

} // namespace sender
