// ConsolePreferences: saved to the console's own store, console.ini (never the server's
// configuration file), read back as saved, with out-of-range values clamped and defaults for what
// was never saved.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "gui/storage/ConsolePreferences.h"

#include <QFileInfo>
#include <QSettings>

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

QTEST_MAIN(TestConsolePreferences)
#include "tst_consolepreferences.moc"
