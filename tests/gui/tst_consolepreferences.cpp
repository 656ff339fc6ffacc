// ConsolePreferences: saved to the console's own store, console.ini (never the server's
// configuration file), read back as saved, with out-of-range values clamped and defaults for what
// was never saved.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "gui/storage/ConsolePreferences.h"
#include "gui/storage/WindowLayout.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

using namespace sender;
using namespace sender::testing;

class TestConsolePreferences : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init()
    {
        sender::test::failOnQtWarnings();
        consoleSettingsStore()->clear();
    }

    void defaultsWhenNothingIsSaved()
    {
        const ConsolePreferences loaded = ConsolePreferences::load();
        QCOMPARE(loaded, ConsolePreferences());
        QCOMPARE(loaded.eventCap, ConsolePreferences::kDefaultEventCap);
        QVERIFY(loaded.language.isEmpty());
        QVERIFY(loaded.closeToTray);
        QVERIFY(loaded.demoClients);
    }

    void savedAsGivenAndReadBack()
    {
        ConsolePreferences preferences;
        preferences.language = QStringLiteral("ru");
        preferences.eventCap = 2500;
        preferences.closeToTray = false;
        preferences.demoClients = false;
        preferences.save();
        QCOMPARE(ConsolePreferences::load(), preferences);

        // In console.ini of the luna-sender folder, apart from the server's luna-sender.conf.
        const QString path = consoleSettingsStore()->fileName();
        QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("console.ini"));
        QCOMPARE(QFileInfo(path).dir().dirName(), QStringLiteral("luna-sender"));
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        QSettings file(path, QSettings::IniFormat);
        QCOMPARE(file.value(QStringLiteral("console/eventCap")).toInt(), 2500);
        QCOMPARE(file.value(QStringLiteral("console/language")).toString(), QStringLiteral("ru"));
    }

    void firstRunGeometryUsesTheScreen();
    void layoutSavedAndRestored();
    void corruptLayoutIgnored();

    void capIsClamped_data()
    {
        QTest::addColumn<QVariant>("stored");
        QTest::addColumn<int>("loaded");
        QTest::newRow("below the minimum") << QVariant(5) << ConsolePreferences::kMinEventCap;
        QTest::newRow("above the maximum")
            << QVariant(50000000) << ConsolePreferences::kMaxEventCap;
        QTest::newRow("negative") << QVariant(-1) << ConsolePreferences::kMinEventCap;
        QTest::newRow("in range") << QVariant(777) << 777;
    }
    void capIsClamped()
    {
        QFETCH(QVariant, stored);
        QFETCH(int, loaded);
        consoleSettingsStore()->setValue(QStringLiteral("console/eventCap"), stored);
        QCOMPARE(ConsolePreferences::load().eventCap, loaded);
    }
};

// A window like the console's: a named splitter in the middle, one dock.
struct LayoutWindow : QMainWindow
{
    LayoutWindow()
    {
        splitter = new QSplitter(Qt::Vertical, this);
        splitter->setObjectName(QStringLiteral("streamSplitter"));
        splitter->addWidget(new QLabel(QStringLiteral("a")));
        splitter->addWidget(new QLabel(QStringLiteral("b")));
        setCentralWidget(splitter);
        dock = new QDockWidget(QStringLiteral("Dock"), this);
        dock->setObjectName(QStringLiteral("dock"));
        dock->setWidget(new QLabel(QStringLiteral("c")));
        addDockWidget(Qt::BottomDockWidgetArea, dock);
    }
    QSplitter *splitter;
    QDockWidget *dock;
};

void TestConsolePreferences::firstRunGeometryUsesTheScreen()
{
    const QRect available(0, 0, 1920, 1080);
    const QRect g = windowlayout::defaultGeometry(available);
    QCOMPARE(g.size(), QSize(1536, 864));
    QCOMPARE(g.center(), available.center());
}

void TestConsolePreferences::layoutSavedAndRestored()
{
    {
        LayoutWindow window;
        window.resize(900, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.splitter->setSizes({150, 450});
        window.dock->hide();
        windowlayout::save(&window);
    }
    LayoutWindow again;
    QVERIFY(windowlayout::restore(&again));
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(900, 700));
    QVERIFY(again.dock->isHidden());
    QTRY_VERIFY(again.splitter->sizes().at(0) < again.splitter->sizes().at(1));
}

void TestConsolePreferences::corruptLayoutIgnored()
{
    consoleSettingsStore()->setValue(QStringLiteral("window/geometry"), QByteArray("garbage"));
    consoleSettingsStore()->setValue(QStringLiteral("window/state"), QByteArray("\x00\xffjunk"));
    consoleSettingsStore()->setValue(QStringLiteral("window/splitters/streamSplitter"),
                                     QByteArray("junk"));
    LayoutWindow window;
    window.resize(640, 480);
    QVERIFY(!windowlayout::restore(&window));
    QCOMPARE(window.size(), QSize(640, 480)); // the default stays
    QVERIFY(!window.dock->isHidden());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
}

QTEST_MAIN(TestConsolePreferences)
#include "tst_consolepreferences.moc"
