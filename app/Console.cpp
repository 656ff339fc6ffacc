#include "app/Console.h"

#include "engine/EngineHost.h"
#include "gui/MainWindow.h"
#include "gui/link/RemoteEngineView.h"
#include "gui/storage/ConsolePreferences.h"
#include "gui/storage/RecentServices.h"
#include "gui/storage/TokenStore.h"
#include "gui/text/Translations.h"
#include "monitor/MonitorLog.h"
#include "monitor/MonitorService.h"

#include <QApplication>

namespace sender {

int runConsole(const Settings &settings)
{
    const ConsolePreferences preferences = ConsolePreferences::load();
    installConsoleTranslation(preferences.language);
    MainWindow window(settings, preferences);
    // The console's engine has its monitoring port too, so another console can attach to it. A
    // port that cannot open (a headless instance on this machine holds 5081) costs only that.
    MonitorService monitor;
    QString error;
    if (!monitor.start(settings, window.host(), &error))
        qCWarning(lcMonitor, "%s; this console's engine runs without one", qUtf8Printable(error));
    else
        window.host()->setMonitorAddress(monitor.address()); // for the fleet's announcement
    window.show();
    return QApplication::exec();
}

int runAttachedConsole(const QUrl &service, const QString &token)
{
    const ConsolePreferences preferences = ConsolePreferences::load();
    installConsoleTranslation(preferences.language);
    auto *view = new RemoteEngineView(service, token);
    MainWindow window(view, preferences);
    window.show();
    RecentServices::remember(service.toString());
    if (token.isEmpty()) {
        TokenStore *tokens = TokenStore::instance();
        QObject::connect(
            tokens, &TokenStore::loaded, view,
            [view](const QString &, const QString &kept) {
                view->setToken(kept);
                view->start();
            },
            Qt::SingleShotConnection);
        tokens->load(service.toString());
    } else {
        view->start();
    }
    return QApplication::exec();
}

} // namespace sender
