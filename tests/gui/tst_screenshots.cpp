// Not a check but a camera: with LUNA_SENDER_SCREENSHOTS=<folder> (and optionally
// LUNA_SENDER_LANGUAGE=ru), runs the console on demo data with demo clients and saves a PNG of
// the window with each pane raised, and of the settings dialog, for people to look at.

#include "GuiTestSupport.h"
#include "gui/MainWindow.h"
#include "gui/dialogs/ConfigForm.h"
#include "gui/dialogs/SettingsDialog.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/FilterSetsModel.h"
#include "gui/panes/ConnectionsPane.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"
#include "gui/panes/FilterSetsPane.h"
#include "gui/panes/RatesChart.h"
#include "gui/text/Translations.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

using namespace sender;
using namespace sender::testing;

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void takeScreenshots();
};

void TestScreenshots::takeScreenshots()
{
    const QString folder = qEnvironmentVariable("LUNA_SENDER_SCREENSHOTS");
    if (folder.isEmpty())
        QSKIP("set LUNA_SENDER_SCREENSHOTS to a folder to take screenshots");
    const QString language = qEnvironmentVariable("LUNA_SENDER_LANGUAGE", QStringLiteral("en"));
    installConsoleTranslation(language);
    auto save = [&](QWidget *widget, const QString &name) {
        const QString path = QStringLiteral("%1/%2-%3.png").arg(folder, language, name);
        QVERIFY(widget->grab().save(path));
        qInfo("saved %s", qPrintable(path));
    };

    ConsolePreferences preferences;
    preferences.demoClients = true;
    MainWindow window(engineSettings(true, 40), preferences);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Some minutes of rates would take minutes; two dozen seconds of history are enough to see.
    QTRY_VERIFY_WITH_TIMEOUT(window.ratesChart()->sampleCount() >= 20, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(window.connections()->model()->rowCount() >= 7, 10000);

    EventStreamPane *stream = window.eventStream();
    stream->view()->setCurrentIndex(stream->proxy()->index(stream->proxy()->rowCount() - 3, 0));
    window.connections()->selectId(
        window.connections()->model()->index(1, 0).data(Qt::UserRole + 1).toULongLong());
    window.filterSets()->view()->selectRow(1);
    window.playground()->setQuery(
        QStringLiteral("age__gte=40&sources=cam-01-main-entrance,cam-03-parking"));

    auto raise = [&](const char *dock) {
        window.findChild<QDockWidget *>(QString::fromLatin1(dock))->raise();
        QCoreApplication::processEvents();
    };
    raise("connectionsDock");
    save(&window, QStringLiteral("1-connections"));
    raise("filterSetsDock");
    save(&window, QStringLiteral("2-filter-sets"));
    raise("playgroundDock");
    save(&window, QStringLiteral("3-playground"));
    window.playground()->setQuery(QStringLiteral("age__gte=300&sources=cam1"));
    save(window.playground(), QStringLiteral("4-playground-error"));
    stream->setPaused(true);
    stream->searchField()->setText(QStringLiteral("vip"));
    save(&window, QStringLiteral("5-paused-search"));

    SettingsDialog dialog(window.host()->settings(), preferences, &window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, QStringLiteral("6-settings-server"));
    dialog.form()->setCurrentIndex(1);
    save(&dialog, QStringLiteral("7-settings-redis"));
    dialog.form()->setCurrentIndex(dialog.form()->count() - 1);
    save(&dialog, QStringLiteral("8-settings-console"));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
