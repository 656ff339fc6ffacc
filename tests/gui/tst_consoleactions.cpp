// The console as runConsole() (app/Console.cpp) opens it: with the saved preferences (language
// included) until Quit; and what the window's menu actions do (stream pause and clear, the
// View menu's panes and Reset layout, Quit), triggered as a user would, offscreen.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "app/Console.h"
#include "gui/MainWindow.h"
#include "gui/models/EventStreamModel.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/text/Translations.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTimer>

using namespace sender;
using namespace sender::testing;

namespace {

QMenu *menuAt(MainWindow &window, int index)
{
    const QList<QAction *> menus = window.menuBar()->actions();
    return index < menus.size() ? menus[index]->menu() : nullptr;
}

QAction *actionNamed(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

class TestConsoleActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }

    // runConsole shows the window in the saved language and returns when it is quit.
    void runConsoleUntilQuit()
    {
        ConsolePreferences saved;
        saved.language = QStringLiteral("ru");
        saved.demoClients = false;
        saved.save();

        QStringList menuTitles;
        bool visible = false;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                auto *window = qobject_cast<MainWindow *>(widget);
                if (!window || !window->isVisible() || window->listenAddress().isEmpty())
                    continue;
                poll.stop();
                visible = true;
                for (QAction *menu : window->menuBar()->actions())
                    menuTitles.append(menu->text());
                QAction *quit = menuAt(*window, 0)->actions().constLast();
                quit->trigger();
                return;
            }
        });
        poll.start();
        // Whatever happens, the event loop ends.
        QTimer::singleShot(60000, qApp, [] { QCoreApplication::exit(99); });
        const int code = runConsole(engineSettings());
        installConsoleTranslation(QStringLiteral("en"));
        QCOMPARE(code, 0);
        QVERIFY(visible);
        QCOMPARE(menuTitles.size(), 4);
        QCOMPARE(menuTitles.first(), QStringLiteral("&Файл"));
    }

    void streamActions()
    {
        ConsolePreferences preferences;
        preferences.demoClients = false;
        preferences.eventCap = ConsolePreferences::kMinEventCap;
        MainWindow window(engineSettings(true, 200), preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        EventStreamPane *stream = window.eventStream();
        QMenu *menu = menuAt(window, 1);
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(stream->pauseAction()));
        QVERIFY(menu->actions().contains(stream->clearAction()));
        QTRY_VERIFY_WITH_TIMEOUT(stream->model()->rowCount() > 0, timeouts::kRoundTrip);

        // Pause: rows stay as they are while events wait.
        stream->pauseAction()->trigger();
        QVERIFY(stream->model()->isPaused());
        const int rows = stream->model()->rowCount();
        QTRY_VERIFY_WITH_TIMEOUT(stream->model()->pendingCount() > 0, timeouts::kRoundTrip);
        QCOMPARE(stream->model()->rowCount(), rows);
        // Clear empties the list; resume brings in what waited.
        stream->clearAction()->trigger();
        QCOMPARE(stream->model()->rowCount(), 0);
        stream->pauseAction()->trigger();
        QVERIFY(!stream->model()->isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(stream->model()->rowCount() > 0, timeouts::kRoundTrip);
    }

    void viewMenuAndQuit()
    {
        ConsolePreferences preferences;
        preferences.demoClients = false;
        MainWindow window(engineSettings(), preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMenu *view = menuAt(window, 2);
        QVERIFY(view);
        const QList<QDockWidget *> docks = window.findChildren<QDockWidget *>();
        QVERIFY(docks.size() >= 3);
        // Every pane has its toggle in the View menu; unticking it hides the pane.
        for (QDockWidget *dock : docks) {
            QVERIFY2(view->actions().contains(dock->toggleViewAction()),
                     qPrintable(dock->objectName()));
            dock->toggleViewAction()->trigger();
            QVERIFY2(dock->isHidden(), qPrintable(dock->objectName()));
        }
        QAction *reset = actionNamed(view, QStringLiteral("&Reset layout"));
        QVERIFY(reset);
        reset->trigger();
        for (QDockWidget *dock : docks)
            QVERIFY2(!dock->isHidden(), qPrintable(dock->objectName()));

        // Quit closes the window (not to the tray) and stores its layout.
        QAction *quit = actionNamed(menuAt(window, 0), QStringLiteral("&Quit"));
        QVERIFY(quit);
        quit->trigger();
        QTRY_VERIFY(!window.isVisible());
        QVERIFY(consoleSettingsStore()->contains(QStringLiteral("window/state")));
    }
};

QTEST_MAIN(TestConsoleActions)
#include "tst_consoleactions.moc"
