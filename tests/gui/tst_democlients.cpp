// DemoClients against a real engine on port 0: the clients of DemoClients::queries() connect
// for real (two of them share one filter set), receive deliveries, leave on stop(), and come back
// on start() again.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/DemoClients.h"

#include <QSet>

using namespace sender;
using namespace sender::testing;

class TestDemoClients : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }

    void connectFilterReceiveAndLeave()
    {
        const QStringList queries = DemoClients::queries();
        QCOMPARE(queries.size(), 7);
        QCOMPARE(QSet<QString>(queries.cbegin(), queries.cend()).size(), 6);

        EngineHost host;
        QList<ConnectionSnapshot> connections;
        QList<FilterSetSnapshot> groups;
        EngineSnapshot snapshot;
        // The host as the context: what is still queued from the engine's thread goes with it,
        // never into these locals after the function returned.
        connect(&host, &EngineHost::connectionsReady, &host,
                [&](const QList<ConnectionSnapshot> &c) { connections = c; });
        connect(&host, &EngineHost::filterSetsReady, &host,
                [&](const QList<FilterSetSnapshot> &g) { groups = g; });
        connect(&host, &EngineHost::snapshotReady, &host,
                [&](const EngineSnapshot &s) { snapshot = s; });
        const quint16 port = startHost(host, engineSettings(true, 200));
        QVERIFY(port != 0);

        DemoClients clients;
        QVERIFY(!clients.isRunning());
        clients.start(QStringLiteral("0.0.0.0:%1").arg(port), QUuid(kDemoAccount));
        QVERIFY(clients.isRunning());
        auto subscribed = [&] {
            int n = 0;
            for (const ConnectionSnapshot &c : std::as_const(connections))
                n += c.subscribed && c.account == QString::fromLatin1(kDemoAccount) ? 1 : 0;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(subscribed(), 7, timeouts::kRoundTrip);
        // Six filter sets, one with two members.
        QTRY_COMPARE_WITH_TIMEOUT(groups.size(), 6, timeouts::kSignal);
        int shared = 0;
        for (const FilterSetSnapshot &g : std::as_const(groups))
            shared += g.members == 2 ? 1 : 0;
        QCOMPARE(shared, 1);
        // The demo events reach them.
        QTRY_VERIFY_WITH_TIMEOUT(snapshot.deliveries > 0, timeouts::kRoundTrip);

        clients.stop();
        QVERIFY(!clients.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(snapshot.connections, 0, timeouts::kRoundTrip);
        // The lists come at a slower pace than the snapshot: wait until they say so too, or the
        // next check would pass on the first round's list.
        QTRY_COMPARE_WITH_TIMEOUT(subscribed(), 0, timeouts::kRoundTrip);

        clients.start(QStringLiteral("127.0.0.1:%1").arg(port), QUuid(kDemoAccount));
        QTRY_COMPARE_WITH_TIMEOUT(subscribed(), 7, timeouts::kRoundTrip);
        QTRY_COMPARE_WITH_TIMEOUT(snapshot.subscribers, 7, timeouts::kRoundTrip);
        clients.stop();
        QTRY_COMPARE_WITH_TIMEOUT(snapshot.connections, 0, timeouts::kRoundTrip);
        // A stop followed at once by the host's destruction (a stop already under way) ends.
        host.stop();
    }
};

QTEST_MAIN(TestDemoClients)
#include "tst_democlients.moc"
