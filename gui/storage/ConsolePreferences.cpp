#include "gui/storage/ConsolePreferences.h"

#include <QSettings>

namespace sender {

QSettings *consoleSettingsStore()
{
    // Not the default QSettings of the application: that path is the server's configuration file.
    static QSettings *store =
        new QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("luna-sender"),
                      QStringLiteral("console"));
    return store;
}

ConsolePreferences ConsolePreferences::load()
{
    QSettings *s = consoleSettingsStore();
    ConsolePreferences p;
    p.language = s->value(QStringLiteral("console/language")).toString();
    p.eventCap =
        qBound(kMinEventCap, s->value(QStringLiteral("console/eventCap"), kDefaultEventCap).toInt(),
               kMaxEventCap);
    p.closeToTray = s->value(QStringLiteral("console/closeToTray"), true).toBool();
    p.demoClients = s->value(QStringLiteral("console/demoClients"), true).toBool();
    return p;
}

void ConsolePreferences::save() const
{
    QSettings *s = consoleSettingsStore();
    s->setValue(QStringLiteral("console/language"), language);
    s->setValue(QStringLiteral("console/eventCap"), eventCap);
    s->setValue(QStringLiteral("console/closeToTray"), closeToTray);
    s->setValue(QStringLiteral("console/demoClients"), demoClients);
    s->sync();
}

} // namespace sender
