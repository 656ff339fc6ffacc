// EngineHost: the engine in this process behind the panes' one interface. A real engine on
// port 0 and real WebSocket clients: the view reports start, link state, snapshots, lists and
// event batches, closes a client on request, gives the configuration as /config shows it and the
// recent events of its history.

#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "engine/EngineHost.h"

#include <QJsonObject>
#include <QRegularExpression>

using namespace sender;
using namespace sender::testing;

class TestEngineHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }
    void reportsWhatTheEngineDoes();
    void disconnectsAClient();
    void givesTheConfiguration();
    void givesTheRecentHistory();
    void destroyedWhileStopping();
};

namespace {

quint16 startView(EngineHost &view, const Settings &settings)
{
    QSignalSpy started(&view, &EngineFeed::started);
    view.start(settings);
    if (!QTest::qWaitFor([&] { return !started.isEmpty(); }, timeouts::kRoundTrip))
        return 0;
    return portOf(started.first().first().toString());
}

} // namespace

void TestEngineHost::reportsWhatTheEngineDoes()
{
    EngineHost view;
    QVERIFY(!view.isRemote());
    QSignalSpy links(&view, &EngineFeed::linkStateChanged);
    QSignalSpy snapshots(&view, &EngineFeed::snapshotReady);
    QSignalSpy events(&view, &EngineFeed::eventsSampled);
    QList<ConnectionSnapshot> connections;
    connect(&view, &EngineFeed::connectionsReady, this,
            [&](const QList<ConnectionSnapshot> &list) { connections = list; });
    QList<FilterSetSnapshot> sets;
    connect(&view, &EngineFeed::filterSetsReady, this,
            [&](const QList<FilterSetSnapshot> &list) { sets = list; });
    view.setSampling(true);

    const quint16 port = startView(view, engineSettings(true, 50));
    QVERIFY(port);
    QCOMPARE(view.linkState(), EngineFeed::LinkState::Up);
    QCOMPARE(view.instanceName(), QStringLiteral("127.0.0.1:%1").arg(port));
    QCOMPARE(view.listenAddress(), view.instanceName());
    QVERIFY(!links.isEmpty());

    auto client = openClient(port, QStringLiteral("age__gte=30"));
    QVERIFY(client);
    QTRY_COMPARE_WITH_TIMEOUT(connections.size(), 1, timeouts::kRoundTrip);
    QCOMPARE(connections.first().filterQuery, QStringLiteral("age__gte=30"));
    QTRY_COMPARE_WITH_TIMEOUT(sets.size(), 1, timeouts::kRoundTrip);
    QCOMPARE(sets.first().members, 1);
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), timeouts::kRoundTrip);
    QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), timeouts::kRoundTrip); // demo events, sampled
    QTRY_COMPARE_WITH_TIMEOUT(snapshots.last().first().value<EngineSnapshot>().subscribers, 1,
                              timeouts::kRoundTrip);

    client->close();
    QTRY_VERIFY_WITH_TIMEOUT(connections.isEmpty(), timeouts::kRoundTrip);
}

void TestEngineHost::disconnectsAClient()
{
    EngineHost view;
    QList<ConnectionSnapshot> connections;
    connect(&view, &EngineFeed::connectionsReady, this,
            [&](const QList<ConnectionSnapshot> &list) { connections = list; });
    const quint16 port = startView(view, engineSettings());
    QVERIFY(port);
    auto client = openClient(port);
    QVERIFY(client);
    QSignalSpy closed(client.get(), &QWebSocket::disconnected);
    QTRY_COMPARE_WITH_TIMEOUT(connections.size(), 1, timeouts::kRoundTrip);

    view.disconnectClient(connections.first().id, QStringLiteral("by the operator"));
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, timeouts::kRoundTrip);
    QCOMPARE(client->closeReason(), QStringLiteral("by the operator"));
    QTRY_VERIFY_WITH_TIMEOUT(connections.isEmpty(), timeouts::kRoundTrip);
}

void TestEngineHost::givesTheConfiguration()
{
    EngineHost view;
    QVERIFY(startView(view, engineSettings()));
    QSignalSpy config(&view, &EngineFeed::configReady);
    view.requestConfig();
    QTRY_COMPARE(config.size(), 1);
    const QJsonObject json = config.first().first().toJsonObject();
    QCOMPARE(json.value(u"SERVER").toObject().value(u"HOST").toString(),
             QStringLiteral("127.0.0.1"));
    QVERIFY(json.contains(u"REDIS"));
}

// The engine's history as the event stream takes it: the newest events, oldest first, with their
// source and account; with HISTORY.ENABLED = 0, nothing and "not enabled".
void TestEngineHost::givesTheRecentHistory()
{
    EngineHost view;
    QSignalSpy snapshots(&view, &EngineFeed::snapshotReady);
    QVERIFY(startView(view, engineSettings(true, 200)));
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty()
                                 && snapshots.last().first().value<EngineSnapshot>().history.events
                                     >= 20,
                             timeouts::kRoundTrip);
    QSignalSpy recent(&view, &EngineFeed::recentEventsReady);
    view.requestRecentEvents(10);
    QTRY_COMPARE_WITH_TIMEOUT(recent.size(), 1, timeouts::kRoundTrip);
    const auto events = recent.first().first().value<QList<EventSample>>();
    QVERIFY(recent.first().at(1).toBool());
    QCOMPARE(events.size(), 10);
    for (qsizetype i = 0; i < events.size(); ++i) {
        QVERIFY(events[i].message);
        QCOMPARE(events[i].kind, SourceKind::Demo);
        QCOMPARE(events[i].account, QUuid::fromString(QLatin1StringView(kDemoAccount)));
        if (i > 0)
            QVERIFY(events[i - 1].receivedAt <= events[i].receivedAt);
    }

    EngineHost off;
    Settings settings = engineSettings(true, 200);
    settings.set(QStringLiteral("HISTORY.ENABLED"), false, Settings::Origin::CommandLine);
    QVERIFY(startView(off, settings));
    QSignalSpy none(&off, &EngineFeed::recentEventsReady);
    off.requestRecentEvents(10);
    QTRY_COMPARE_WITH_TIMEOUT(none.size(), 1, timeouts::kRoundTrip);
    QVERIFY(none.first().first().value<QList<EventSample>>().isEmpty());
    QVERIFY(!none.first().at(1).toBool());
}

// The console closing right after "stop": the host is destroyed while the engine's stop is
// still draining. The destructor used to wait in a nested event loop that, now and then (seen
// under ASan in tst_democlients, about one run in ten), never got the server's reap, and the
// window never closed. This does not reproduce that race on demand; it pins the behaviour: many
// rounds, with and without a client and with the demo source busy, all end and close clients.
void TestEngineHost::destroyedWhileStopping()
{
    for (int round = 0; round < 20; ++round) {
        auto host = std::make_unique<EngineHost>();
        const quint16 port = startHost(*host, engineSettings(true, 200));
        QVERIFY(port != 0);
        std::unique_ptr<QWebSocket> client;
        if (round % 2) {
            client = openClient(port);
            QVERIFY(client);
        }
        host->stop();
        host.reset(); // returns: the test would time out otherwise
        if (client)
            QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::UnconnectedState,
                                      timeouts::kRoundTrip);
    }
}

QTEST_MAIN(TestEngineHost)
#include "tst_enginehost.moc"
