// The settings dialog: generated from ConfigSchema (one editor per key), validated with the
// loader's own rules, saved to an INI file the loader reads back, and applied by a restart.

#include "GuiTestSupport.h"
#include "config/SettingsLoader.h"
#include "gui/ConfigForm.h"
#include "gui/MainWindow.h"
#include "gui/SettingsDialog.h"
#include "gui/SettingsFile.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace sender;
using namespace sender::testing;

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void formIsGeneratedFromTheSchema();
    void invalidValuesAreRefused();
    void savesWhatTheLoaderReads();
    void applyRestartsTheEngine();
};

void TestSettingsDialog::formIsGeneratedFromTheSchema()
{
    const Settings settings;
    ConfigForm form(settings);
    QCOMPARE(form.count(), ConfigSchema::sections().size());
    for (const ConfigKey &key : ConfigSchema::keys()) {
        QWidget *editor = form.editor(key.id());
        QVERIFY2(editor, qPrintable(key.id()));
        QCOMPARE(form.text(key.id()), settingText(key, key.defaultValue));
        if (key.type == ConfigKey::Type::Boolean)
            QVERIFY(qobject_cast<QCheckBox *>(editor));
        if (key.isSecret())
            QCOMPARE(qobject_cast<QLineEdit *>(editor)->echoMode(), QLineEdit::Password);
    }
    QVERIFY(form.changedKeys().isEmpty());
    QVERIFY(form.isValid());
}

void TestSettingsDialog::invalidValuesAreRefused()
{
    SettingsDialog dialog {Settings(), ConsolePreferences()};
    ConfigForm *form = dialog.form();
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    form->setText(QStringLiteral("REDIS.URL"), QStringLiteral("http://nope"));
    QVERIFY(!form->errorOf(QStringLiteral("REDIS.URL")).isEmpty());
    QVERIFY(!ok->isEnabled());
    form->setText(QStringLiteral("REDIS.URL"), QStringLiteral("redis://127.0.0.1:6390/2"));
    QVERIFY(form->errorOf(QStringLiteral("REDIS.URL")).isEmpty());
    QVERIFY(ok->isEnabled());

    // A rule across keys (the loader's crossCheck) keeps the dialog open with the reason.
    form->setText(QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("settingsProblems"))
                ->text()
                .contains(QStringLiteral("PUBLISH.TOKEN")));
}

void TestSettingsDialog::savesWhatTheLoaderReads()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/luna-sender.conf"));
    Settings start;
    start.setConfigFile(path);
    SettingsDialog dialog(start, ConsolePreferences());
    ConfigForm *form = dialog.form();
    form->setText(QStringLiteral("SERVER.PORT"), QStringLiteral("6123"));
    form->setText(QStringLiteral("REDIS.SENTINELS"),
                  QStringLiteral("10.0.0.1:26379, 10.0.0.2:26379"));
    form->setText(QStringLiteral("REDIS.SENTINEL_PASSWORD"), QStringLiteral("p@ss,w;rd \"x\""));
    form->setText(QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1"));
    form->setText(QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("@token"));
    form->setText(QStringLiteral("LOGGING.LEVEL"), QStringLiteral("debug"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.serverChanged());
    QCOMPARE(dialog.changedKeys().size(), 6);

    QStringList errors;
    const std::optional<Settings> loaded =
        SettingsLoader::load(path, QProcessEnvironment(), {}, &errors);
    QVERIFY2(loaded, qPrintable(errors.join(u'\n')));
    QCOMPARE(loaded->port(), quint16(6123));
    QCOMPARE(loaded->list(u"REDIS.SENTINELS"),
             (QStringList {QStringLiteral("10.0.0.1:26379"), QStringLiteral("10.0.0.2:26379")}));
    QCOMPARE(loaded->string(u"REDIS.SENTINEL_PASSWORD"), QStringLiteral("p@ss,w;rd \"x\""));
    QCOMPARE(loaded->string(u"PUBLISH.TOKEN"), QStringLiteral("@token"));
    QCOMPARE(loaded->string(u"LOGGING.LEVEL"), QStringLiteral("debug"));
    QVERIFY(loaded->boolean(u"PUBLISH.ENABLED"));
    QVERIFY(loaded->differences(dialog.newSettings()).isEmpty());
    // Holding secrets, a new file is readable by its owner only.
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());

    // A second edit keeps the keys saved before.
    SettingsDialog again(*loaded, ConsolePreferences());
    again.form()->setText(QStringLiteral("DEMO.RATE"), QStringLiteral("50"));
    again.accept();
    QCOMPARE(again.changedKeys(), QStringList {QStringLiteral("DEMO.RATE")});
    const std::optional<Settings> reloaded =
        SettingsLoader::load(path, QProcessEnvironment(), {}, &errors);
    QVERIFY(reloaded);
    QCOMPARE(reloaded->integer(u"DEMO.RATE"), 50);
    QCOMPARE(reloaded->port(), quint16(6123));
}

void TestSettingsDialog::applyRestartsTheEngine()
{
    ConsolePreferences preferences;
    preferences.demoClients = false;
    MainWindow window(engineSettings(), preferences);
    QTRY_VERIFY_WITH_TIMEOUT(!window.listenAddress().isEmpty(), 10000);
    const QString firstAddress = window.listenAddress();
    auto client = openClient(portOf(firstAddress));
    QVERIFY(client);
    QSignalSpy closed(client.get(), &QWebSocket::disconnected);

    Settings next = window.host()->settings();
    next.set(QStringLiteral("DEMO.ENABLED"), true, Settings::Origin::Console);
    QSignalSpy started(window.host(), &EngineHost::started);
    window.restartEngine(next);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 5000);
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QVERIFY(window.host()->settings().boolean(u"DEMO.ENABLED"));
    // The restarted engine generates demo events, and the console shows them.
    QTRY_VERIFY_WITH_TIMEOUT(window.lastSnapshot().running
                                 && window.lastSnapshot().eventsIn[size_t(SourceKind::Demo)] > 0,
                             10000);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
