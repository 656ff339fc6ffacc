// sd_notify by hand (app/SystemdNotify) against a real AF_UNIX datagram socket bound here, as
// systemd binds its own: a path socket and an abstract one.

#include "FailOnWarnings.h"
#include "NotifyListener.h"
#include "TestTimeouts.h"
#include "app/SystemdNotify.h"

#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

using namespace sender;
using sender::test::NotifyListener;

Q_DECLARE_METATYPE(NotifyListener::Kind)

class tst_SystemdNotify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void lifecycle_data();
    void lifecycle();
    void statusIsOneLine();
    void disabledWithoutSocket();
    void badSocketNameIsReported();
    void missingSocketIsReported();
    void watchdogPings();
    void watchdogOfAnotherProcessIsIgnored();
};

void tst_SystemdNotify::init()
{
    sender::test::failOnQtWarnings();
    for (const char *name : {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"})
        qunsetenv(name);
}

void tst_SystemdNotify::cleanup()
{
    init();
}

void tst_SystemdNotify::lifecycle_data()
{
    QTest::addColumn<NotifyListener::Kind>("kind");
    QTest::newRow("path") << NotifyListener::Kind::Path;
    QTest::newRow("abstract") << NotifyListener::Kind::Abstract;
}

void tst_SystemdNotify::lifecycle()
{
    QFETCH(NotifyListener::Kind, kind);
    NotifyListener listener(kind);
    QVERIFY(listener.isValid());
    qputenv("NOTIFY_SOCKET", listener.name());

    SystemdNotify notify;
    QVERIFY(notify.isEnabled());
    QCOMPARE(notify.socketName(), listener.name());
    QCOMPARE(notify.watchdogInterval().count(), 0);

    QVERIFY(notify.ready(QStringLiteral("listening on 127.0.0.1:5080")));
    const quint64 before = SystemdNotify::monotonicMicroseconds();
    QVERIFY(notify.reloading(QStringLiteral("reloading")));
    const quint64 after = SystemdNotify::monotonicMicroseconds();
    QVERIFY(notify.ready(QStringLiteral("listening on 127.0.0.1:5081")));
    QVERIFY(notify.stopping(QStringLiteral("shutting down")));

    // Datagrams to a bound socket are queued by the kernel before sendto() returns.
    const QByteArrayList messages = listener.messages();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages.at(0), QByteArray("READY=1\nSTATUS=listening on 127.0.0.1:5080"));
    const QByteArrayList reload = messages.at(1).split('\n');
    QCOMPARE(reload.size(), 3);
    QCOMPARE(reload.at(0), QByteArray("RELOADING=1"));
    QVERIFY(reload.at(1).startsWith("MONOTONIC_USEC="));
    bool ok = false;
    const quint64 stamp = reload.at(1).mid(15).toULongLong(&ok);
    QVERIFY(ok);
    // systemd compares it with its own CLOCK_MONOTONIC reading: it must be "now".
    QVERIFY2(stamp >= before && stamp <= after,
             qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(stamp).arg(before).arg(after)));
    QCOMPARE(reload.at(2), QByteArray("STATUS=reloading"));
    QCOMPARE(messages.at(2), QByteArray("READY=1\nSTATUS=listening on 127.0.0.1:5081"));
    QCOMPARE(messages.at(3), QByteArray("STOPPING=1\nSTATUS=shutting down"));
}

void tst_SystemdNotify::statusIsOneLine()
{
    NotifyListener listener;
    qputenv("NOTIFY_SOCKET", listener.name());
    SystemdNotify notify;
    // A newline in a status must not smuggle in another assignment such as READY=1.
    QVERIFY(notify.status(QStringLiteral("broken\nREADY=1")));
    QCOMPARE(listener.messages(), QByteArrayList {"STATUS=broken READY=1"});
}

void tst_SystemdNotify::disabledWithoutSocket()
{
    SystemdNotify notify;
    QVERIFY(!notify.isEnabled());
    QVERIFY(!notify.ready(QStringLiteral("x")));
    QVERIFY(!notify.stopping(QStringLiteral("x")));
    notify.startWatchdog(); // nothing to ping: must not crash or warn
}

void tst_SystemdNotify::badSocketNameIsReported()
{
    QString error;
    QVERIFY(!SystemdNotify::send("relative/name", "READY=1", &error));
    QVERIFY2(error.contains(u"neither a path nor an abstract name"), qPrintable(error));
    QVERIFY(!SystemdNotify::send('/' + QByteArray(200, 'x'), "READY=1", &error));
    QVERIFY2(error.contains(u"too long"), qPrintable(error));
}

void tst_SystemdNotify::missingSocketIsReported()
{
    QTemporaryDir dir;
    const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("absent")));
    qputenv("NOTIFY_SOCKET", path);
    SystemdNotify notify;
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("cannot notify systemd: .*absent")));
    QVERIFY(!notify.ready(QStringLiteral("x")));
    // The second failure in a row is not logged again (no ignoreMessage: a warning would fail).
    QVERIFY(!notify.ready(QStringLiteral("x")));
}

void tst_SystemdNotify::watchdogPings()
{
    NotifyListener listener(NotifyListener::Kind::Abstract);
    qputenv("NOTIFY_SOCKET", listener.name());
    qputenv("WATCHDOG_USEC", "200000");
    qputenv("WATCHDOG_PID", QByteArray::number(qint64(::getpid())));
    SystemdNotify notify;
    QCOMPARE(notify.watchdogInterval().count(), 200000);
    notify.startWatchdog();
    // One ping at once, then one every 100 ms while the event loop turns.
    QTRY_VERIFY_WITH_TIMEOUT(listener.messages().count("WATCHDOG=1") >= 3, timeouts::kSignal);
    QVERIFY(notify.stopping(QStringLiteral("bye")));
    QVERIFY(listener.find("STOPPING=1") >= 0);
}

void tst_SystemdNotify::watchdogOfAnotherProcessIsIgnored()
{
    NotifyListener listener;
    qputenv("NOTIFY_SOCKET", listener.name());
    qputenv("WATCHDOG_USEC", "200000");
    qputenv("WATCHDOG_PID", QByteArray::number(qint64(::getpid()) + 1));
    SystemdNotify notify;
    QCOMPARE(notify.watchdogInterval().count(), 0);
    notify.startWatchdog();
    QVERIFY(listener.messages().isEmpty());
}

QTEST_GUILESS_MAIN(tst_SystemdNotify)
#include "tst_systemdnotify.moc"
