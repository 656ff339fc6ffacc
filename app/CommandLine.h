#pragma once

#include "config/SettingsLoader.h"

#include <QStringList>

namespace sender {

// What the command line asks for. Parsed before any Q*Application exists, because it decides
// which one to create (the console's QApplication or a bare QCoreApplication).
struct CommandLine
{
    enum class Action { Run, Help, Version, PrintDefaultConfig, CheckConfig, Error };

    Action action = Action::Run;
    bool headless = false;
    QString configFile; // empty: LUNA_SENDER_CONFIG, else the user's default file if it exists
    // --attach: open the console on a running instance's monitoring port instead of starting a
    // local engine. Checked here (http or https with a host); the token file is read by main().
    QString attachUrl;
    QString tokenFile;
    QList<SettingsLoader::Override> overrides;
    QString error;
    QString helpText;

    static CommandLine parse(const QStringList &arguments);
};

} // namespace sender
