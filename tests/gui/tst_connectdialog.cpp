// The Connect-to-service dialog: recent services remembered in the console's own settings, the
// token kept by TokenStore, and a plain note when no system keyring runs (the token is then kept
// for the session only, never written to a file).

#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/dialogs/ConnectDialog.h"
#include "gui/storage/ConsolePreferences.h"
#include "gui/storage/RecentServices.h"
#include "gui/storage/TokenStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>

using namespace sender;
using namespace sender::testing;

class TestConnectDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void serviceAddressesAreChecked();
    void recentServicesComeFirstAndAreBounded();
    void withoutKeyringTheTokenIsKeptForTheSessionOnly();
    void acceptingRemembersTheServiceAndTheToken();
    void aBadAddressIsRefusedWithAReason();
};

void TestConnectDialog::initTestCase()
{
    isolateSettings();
    // No session bus, so no Secret Service nor KWallet: the test never touches the user's
    // keyring, and the fallback is what runs.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/luna-sender-test-bus");
}

void TestConnectDialog::init()
{
    // Every warning fails the test; none is expected.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    consoleSettingsStore()->remove(QStringLiteral("attach/recent"));
}

void TestConnectDialog::serviceAddressesAreChecked()
{
    QCOMPARE(ConnectDialog::parseService(QStringLiteral("http://10.0.0.5:5081/")),
             QUrl(QStringLiteral("http://10.0.0.5:5081")));
    // Without a scheme, http is meant.
    QCOMPARE(ConnectDialog::parseService(QStringLiteral(" monitor.example:5081 ")),
             QUrl(QStringLiteral("http://monitor.example:5081")));
    QCOMPARE(ConnectDialog::parseService(QStringLiteral("https://h:5081/monitor/v1")),
             QUrl(QStringLiteral("https://h:5081")));
    QVERIFY(!ConnectDialog::parseService(QStringLiteral("ftp://h:21")).isValid());
    QVERIFY(!ConnectDialog::parseService(QString()).isValid());
    // Credentials in the address would end up in the recent list: refused.
    QVERIFY(!ConnectDialog::parseService(QStringLiteral("http://user:secret@h:5081")).isValid());
    QCOMPARE(TokenStore::serviceKey(QStringLiteral("http://h:5081/monitor/v1/overview?x=1")),
             QStringLiteral("http://h:5081"));
}

void TestConnectDialog::recentServicesComeFirstAndAreBounded()
{
    for (int i = 0; i < RecentServices::kMax + 3; ++i)
        RecentServices::remember(QStringLiteral("http://10.0.0.%1:5081").arg(i));
    RecentServices::remember(QStringLiteral("http://10.0.0.5:5081/"));
    const QStringList recent = RecentServices::load();
    QCOMPARE(recent.size(), RecentServices::kMax);
    QCOMPARE(recent.first(), QStringLiteral("http://10.0.0.5:5081"));
    QCOMPARE(recent.count(QStringLiteral("http://10.0.0.5:5081")), 1);
    QCOMPARE(recent.at(1), QStringLiteral("http://10.0.0.%1:5081").arg(RecentServices::kMax + 2));

    ConnectDialog dialog(nullptr, new TokenStore(this));
    QCOMPARE(dialog.serviceField()->count(), RecentServices::kMax);
    QCOMPARE(dialog.serviceField()->currentText(), QStringLiteral("http://10.0.0.5:5081"));
}

void TestConnectDialog::withoutKeyringTheTokenIsKeptForTheSessionOnly()
{
    TokenStore store;
    QSignalSpy saved(&store, &TokenStore::saved);
    store.save(QStringLiteral("http://127.0.0.1:5081"), QStringLiteral("s3cret-token"));
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, timeouts::kLongOperation);
    QCOMPARE(saved.first().at(1).toBool(), false); // not in a keyring
    QVERIFY(!store.keyringAvailable());
    QVERIFY(store.fallbackNote().contains(QStringLiteral("this session only")));

    QSignalSpy loaded(&store, &TokenStore::loaded);
    store.load(QStringLiteral("http://127.0.0.1:5081/"));
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().at(1).toString(), QStringLiteral("s3cret-token"));
    store.load(QStringLiteral("http://127.0.0.1:9999"));
    QTRY_COMPARE(loaded.size(), 2);
    QVERIFY(loaded.at(1).at(1).toString().isEmpty());

    // Nothing of the token reached a file of the console's settings.
    consoleSettingsStore()->sync();
    QDirIterator files(QFileInfo(consoleSettingsStore()->fileName()).absolutePath(), QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("s3cret-token"), qPrintable(file.fileName()));
    }
}

void TestConnectDialog::acceptingRemembersTheServiceAndTheToken()
{
    auto *store = new TokenStore(this);
    {
        ConnectDialog dialog(nullptr, store);
        dialog.serviceField()->setCurrentText(QStringLiteral("127.0.0.1:5081"));
        dialog.tokenField()->setText(QStringLiteral("tok-1"));
        QTest::keyClick(dialog.tokenField(), Qt::Key_End); // as if typed
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.service(), QUrl(QStringLiteral("http://127.0.0.1:5081")));
        QCOMPARE(dialog.token(), QStringLiteral("tok-1"));
    }
    QCOMPARE(RecentServices::load().first(), QStringLiteral("http://127.0.0.1:5081"));

    // Next time the address is offered first and its token filled in from the store, with the
    // note that it was kept for this session only.
    ConnectDialog again(nullptr, store);
    QCOMPARE(again.serviceField()->currentText(), QStringLiteral("http://127.0.0.1:5081"));
    QTRY_COMPARE_WITH_TIMEOUT(again.tokenField()->text(), QStringLiteral("tok-1"),
                              timeouts::kLongOperation);
    QVERIFY(again.noteLabel()->text().contains(QStringLiteral("this session only")));
    QCOMPARE(again.rememberBox()->text(), QStringLiteral("Keep the token for this session"));
    QCOMPARE(again.tokenField()->echoMode(), QLineEdit::Password);
}

void TestConnectDialog::aBadAddressIsRefusedWithAReason()
{
    ConnectDialog dialog(nullptr, new TokenStore(this));
    dialog.serviceField()->setCurrentText(QStringLiteral("ftp://nowhere"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
    QVERIFY(dialog.noteLabel()->text().contains(QStringLiteral("monitoring port's address")));
    QVERIFY(RecentServices::load().isEmpty());
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
