// The settings dialog: generated from ConfigSchema (one editor per key), validated with the
// loader's own rules, saved to an INI file the loader reads back, and applied by a restart.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "config/ConfigRender.h"
#include "config/SettingsLoader.h"
#include "gui/MainWindow.h"
#include "gui/dialogs/ConfigForm.h"
#include "gui/dialogs/SettingsDialog.h"
#include "gui/storage/SettingsFile.h"

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
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void formIsGeneratedFromTheSchema();
    void invalidValuesAreRefused();
    void savesWhatTheLoaderReads();
    void keepsTheFileAsItWas();
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

// Saving into an operator's commented file (the package's /etc/luna-sender/luna-sender.conf is
// the default config) changes the lines of the changed keys and nothing else.
void TestSettingsDialog::keepsTheFileAsItWas()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("luna-sender.conf"));
    const QByteArray original = defaultConfigFile();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(original);
    }
    QVERIFY(QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));

    Settings changed;
    changed.setConfigFile(path);
    changed.set(QStringLiteral("SERVER.PORT"), 6200, Settings::Origin::Console);
    changed.set(QStringLiteral("REDIS.SENTINEL_PASSWORD"), QStringLiteral("@a,b;c \"d\""),
                Settings::Origin::Console);
    changed.set(QStringLiteral("DEMO.RATE"), 25, Settings::Origin::Console);
    QString error;
    QVERIFY2(
        saveSettingsFile(path, changed,
                         {QStringLiteral("SERVER.PORT"), QStringLiteral("REDIS.SENTINEL_PASSWORD"),
                          QStringLiteral("DEMO.RATE")},
                         &error),
        qPrintable(error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> before = original.split('\n');
    const QList<QByteArray> after = file.readAll().split('\n');
    QCOMPARE(after.size(), before.size());
    QList<QByteArray> differing;
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (after.at(i) != before.at(i))
            differing.append(after.at(i));
    }
    QCOMPARE(differing.size(), 3);
    QCOMPARE(differing.at(0), QByteArray("PORT = 6200"));
    QVERIFY2(differing.at(1).startsWith("SENTINEL_PASSWORD = \""), differing.at(1).constData());
    QCOMPARE(differing.at(2), QByteArray("RATE = 25"));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::ReadGroup);

    QStringList errors;
    const std::optional<Settings> loaded =
        SettingsLoader::load(path, QProcessEnvironment(), {}, &errors);
    QVERIFY2(loaded, qPrintable(errors.join(u'\n')));
    QCOMPARE(loaded->port(), quint16(6200));
    QCOMPARE(loaded->string(u"REDIS.SENTINEL_PASSWORD"), QStringLiteral("@a,b;c \"d\""));
    QCOMPARE(loaded->integer(u"DEMO.RATE"), 25);

    // A file without the key's section gets the section at its end; one without the key gets it
    // after the section's last line, before the blank lines that separate it from the next.
    {
        QFile partial(path);
        QVERIFY(partial.open(QIODevice::WriteOnly | QIODevice::Truncate));
        partial.write("; mine\n[SERVER]\n; the port\nPORT = 5081\n\n[LOGGING]\nLEVEL = info\n");
    }
    changed.set(QStringLiteral("SERVER.HOST"), QStringLiteral("127.0.0.1"),
                Settings::Origin::Console);
    QVERIFY2(saveSettingsFile(path, changed,
                              {QStringLiteral("SERVER.HOST"), QStringLiteral("DEMO.RATE")}, &error),
             qPrintable(error));
    QFile partial(path);
    QVERIFY(partial.open(QIODevice::ReadOnly));
    QCOMPARE(partial.readAll(),
             QByteArray("; mine\n[SERVER]\n; the port\nPORT = 5081\nHOST = 127.0.0.1\n\n"
                        "[LOGGING]\nLEVEL = info\n\n[DEMO]\nRATE = 25\n"));
}

void TestSettingsDialog::applyRestartsTheEngine()
{
    ConsolePreferences preferences;
    preferences.demoClients = false;
    MainWindow window(engineSettings(), preferences);
    QTRY_VERIFY_WITH_TIMEOUT(!window.listenAddress().isEmpty(), timeouts::kRoundTrip);
    const QString firstAddress = window.listenAddress();
    auto client = openClient(portOf(firstAddress));
    QVERIFY(client);
    QSignalSpy closed(client.get(), &QWebSocket::disconnected);

    Settings next = window.host()->settings();
    next.set(QStringLiteral("DEMO.ENABLED"), true, Settings::Origin::Console);
    QSignalSpy started(window.host(), &EngineHost::started);
    window.restartEngine(next);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), timeouts::kRoundTrip);
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), timeouts::kSignal);
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QVERIFY(window.host()->settings().boolean(u"DEMO.ENABLED"));
    // The restarted engine generates demo events, and the console shows them.
    QTRY_VERIFY_WITH_TIMEOUT(window.lastSnapshot().running
                                 && window.lastSnapshot().eventsIn[size_t(SourceKind::Demo)] > 0,
                             timeouts::kRoundTrip);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
