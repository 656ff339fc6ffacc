#include "gui/Console.h"

#include "gui/ConsolePreferences.h"
#include "gui/MainWindow.h"
#include "gui/Translations.h"

#include <QApplication>

namespace sender {

int runConsole(const Settings &settings)
{
    const ConsolePreferences preferences = ConsolePreferences::load();
    installConsoleTranslation(preferences.language);
    MainWindow window(settings, preferences);
    window.show();
    return QApplication::exec();
}

} // namespace sender
