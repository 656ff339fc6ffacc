// The fleet in the console (issue 27, point 4): engines in this process on one real redis-server
// announce themselves there, and the console's Fleet pane lists them all, the attached one
// marked, live: local (the console's own engine) and attached over the real monitoring port
// (RemoteEngineView, GET /monitor/v1/instances). An instance that stops cleanly shows as stopped;
// one that loses its Redis while the others keep theirs (its link to Redis goes through a relay
// the test cuts) shows as gone once its announcement expired. The connections table names the
// instance its subscribers are on.

#include "AttachSupport.h"
#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "RedisProcess.h"
#include "TestTimeouts.h"
#include "config/SettingsLoader.h"
#include "gui/MainWindow.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/FleetModel.h"
#include "gui/panes/ConnectionsPane.h"
#include "gui/panes/FleetPane.h"
#include "gui/text/Translations.h"

#include <QLabel>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

using namespace sender;
using namespace sender::testing;
using sender::test::RedisServerProcess;

namespace {

// Settings of a fleet instance named `name` on Redis at `redisPort`, announcing every 200 ms so
// the test waits little.
Settings fleetSettings(const QString &name, quint16 redisPort)
{
    Settings settings = withRedis(redisPort);
    settings.set(QStringLiteral("SERVER.INSTANCE_NAME"), name, Settings::Origin::CommandLine);
    settings.set(QStringLiteral("FLEET.ANNOUNCE_INTERVAL_MS"), 200, Settings::Origin::CommandLine);
    return settings;
}

// A TCP relay to Redis: one instance reaches Redis only through it, so cutting it takes that
// instance's Redis away while the others keep theirs (one real redis-server for all).
class RedisRelay : public QObject
{
public:
    explicit RedisRelay(quint16 redisPort)
        : m_redisPort(redisPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &RedisRelay::accept);
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    // Closes every relayed connection and refuses new ones.
    void cut()
    {
        m_server.close();
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
            if (socket)
                socket->abort();
        }
    }

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            m_sockets << client << upstream;
            const auto pipe = [](QTcpSocket *from, QTcpSocket *to) {
                connect(from, &QTcpSocket::readyRead, to,
                        [from, to] { to->write(from->readAll()); });
            };
            pipe(client, upstream);
            pipe(upstream, client);
            connect(upstream, &QTcpSocket::connected, client,
                    [client, upstream] { upstream->write(client->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            upstream->connectToHost(QHostAddress::LocalHost, m_redisPort);
        }
    }

    const quint16 m_redisPort;
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
};

FleetPane *fleetPaneOf(MainWindow &window)
{
    return window.findChild<FleetPane *>();
}

// The state of the instance named `name` in the pane's model, -1 when it has no such row.
int stateOf(const FleetModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->rowAt(row)->instance.name == name)
            return int(model->rowAt(row)->state);
    }
    return -1;
}

QString shown(const FleetModel *model, const QString &name, int column)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->rowAt(row)->instance.name == name)
            return model->index(row, column).data().toString();
    }
    return {};
}

bool attachedIs(const FleetModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const FleetModel::Row *r = model->rowAt(row);
        if (r->instance.self != (r->instance.name == name))
            return false;
    }
    return model->rowCount() > 0;
}

constexpr int kServing = int(FleetModel::State::Serving);
constexpr int kGone = int(FleetModel::State::Gone);
constexpr int kStopped = int(FleetModel::State::Stopped);

} // namespace

class TestFleetPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        installConsoleTranslation(QStringLiteral("en")); // the plural forms
    }
    void init()
    {
        // Expected: the instance whose relay is cut warns that its Redis went away.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }

    void localConsoleShowsTheFleetAndWhoLeaves()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        ConsolePreferences preferences;
        preferences.demoClients = false;
        MainWindow window(fleetSettings(QStringLiteral("alpha"), redis.port()), preferences);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(!window.listenAddress().isEmpty(), timeouts::kRoundTrip);

        RedisRelay relay(redis.port());
        QVERIFY(relay.listen());
        EngineHost beta;
        QVERIFY(startHost(beta, fleetSettings(QStringLiteral("beta"), relay.port())) != 0);
        EngineHost gamma;
        QVERIFY(startHost(gamma, fleetSettings(QStringLiteral("gamma"), redis.port())) != 0);

        FleetPane *pane = fleetPaneOf(window);
        QVERIFY(pane);
        const FleetModel *model = pane->model();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, QStringLiteral("beta")), kServing,
                                  timeouts::kRoundTrip);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, QStringLiteral("gamma")), kServing,
                                  timeouts::kRoundTrip);
        QCOMPARE(stateOf(model, QStringLiteral("alpha")), kServing);
        QCOMPARE(model->rowCount(), 3);
        QVERIFY(attachedIs(model, QStringLiteral("alpha")));
        QCOMPARE(shown(model, QStringLiteral("alpha"), FleetModel::Name),
                 QStringLiteral("alpha (attached)"));
        QCOMPARE(shown(model, QStringLiteral("beta"), FleetModel::StateColumn),
                 QStringLiteral("serving"));
        QCOMPARE(shown(model, QStringLiteral("beta"), FleetModel::Listen),
                 QStringLiteral("127.0.0.1:%1").arg(portOf(beta.listenAddress())));
        QTRY_VERIFY_WITH_TIMEOUT(pane->summary()->text().contains(u"3 instances"),
                                 timeouts::kSignal);

        // A subscriber of the console's engine is on alpha.
        auto client = openClient(portOf(window.listenAddress()));
        QVERIFY(client);
        ConnectionsModel *connections = window.connections()->model();
        QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 1, timeouts::kRoundTrip);
        QTRY_COMPARE_WITH_TIMEOUT(
            connections->index(0, ConnectionsModel::Instance).data().toString(),
            QStringLiteral("alpha"), timeouts::kSignal);

        // A clean stop: the engine drops it from its list, the pane says it stopped.
        QSignalSpy stopped(&gamma, &EngineHost::stopped);
        gamma.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, QStringLiteral("gamma")), kStopped,
                                  timeouts::kRoundTrip);
        QVERIFY(shown(model, QStringLiteral("gamma"), FleetModel::StateColumn)
                    .startsWith(u"stopped at "));

        // beta's Redis goes away while alpha keeps its own: gone once its announcement expired.
        relay.cut();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, QStringLiteral("beta")), kGone,
                                  timeouts::kRoundTrip);
        QVERIFY(shown(model, QStringLiteral("beta"), FleetModel::StateColumn)
                    .startsWith(u"gone since "));
        QCOMPARE(stateOf(model, QStringLiteral("alpha")), kServing);
        QVERIFY2(pane->summary()->text().contains(u"1 instance on this Redis"),
                 qPrintable(pane->summary()->text()));
    }

    void attachedConsoleShowsTheFleetOfItsService()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        MonitoredEngine alpha(fleetSettings(QStringLiteral("alpha"), redis.port()));
        QVERIFY2(alpha.start(), qPrintable(alpha.error));
        alpha.host.setMonitorAddress(alpha.monitor.address()); // as the console's main does
        EngineHost beta;
        QVERIFY(startHost(beta, fleetSettings(QStringLiteral("beta"), redis.port())) != 0);

        AttachedConsole console(alpha.url(), QString::fromLatin1(kMonitorToken));
        QVERIFY(console.waitUp());
        FleetPane *pane = fleetPaneOf(console.window);
        QVERIFY(pane);
        const FleetModel *model = pane->model();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, QStringLiteral("beta")), kServing,
                                  timeouts::kRoundTrip);
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(attachedIs(model, QStringLiteral("alpha")));
        QCOMPARE(shown(model, QStringLiteral("alpha"), FleetModel::Monitor),
                 QStringLiteral("127.0.0.1:%1").arg(alpha.monitorPort));
        QCOMPARE(shown(model, QStringLiteral("beta"), FleetModel::Monitor), QStringLiteral("none"));

        auto client = openClient(alpha.port);
        QVERIFY(client);
        ConnectionsModel *connections = console.window.connections()->model();
        QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 1, timeouts::kRoundTrip);
        QTRY_COMPARE_WITH_TIMEOUT(
            connections->index(0, ConnectionsModel::Instance).data().toString(),
            QStringLiteral("alpha"), timeouts::kSignal);
        const QString id = model->attached()->id.toString(QUuid::WithoutBraces);
        QCOMPARE(connections->index(0, ConnectionsModel::Instance).data(Qt::ToolTipRole),
                 QVariant(QStringLiteral("Instance %1").arg(id)));

        beta.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, QStringLiteral("beta")), kStopped,
                                  timeouts::kRoundTrip);
        QCOMPARE(stateOf(model, QStringLiteral("alpha")), kServing);
    }

    void stoppedRowsAreBoundedAndForgottenGoneOnesGo()
    {
        FleetModel model;
        FleetSnapshot fleet;
        fleet.shared = true;
        fleet.redisUp = true;
        InstanceSnapshot self;
        self.id = QUuid::createUuid();
        self.name = QStringLiteral("self");
        self.self = true;
        fleet.instances << self;
        // Announced and gone by turns: kMaxStopped + 5 instances that each stop cleanly.
        for (int n = 0; n < FleetModel::kMaxStopped + 5; ++n) {
            InstanceSnapshot other;
            other.id = QUuid::createUuid();
            other.name = QStringLiteral("other-%1").arg(n);
            FleetSnapshot withOther = fleet;
            withOther.instances << other;
            model.setFleet(withOther);
            model.setFleet(fleet);
        }
        QCOMPARE(model.rowCount(), 1 + FleetModel::kMaxStopped);
        QCOMPARE(stateOf(&model, QStringLiteral("other-0")), -1); // the oldest went first
        QCOMPARE(stateOf(&model, QStringLiteral("other-5")), kStopped);

        // A gone one that the engine forgets (FLEET.GONE_KEEP_SECONDS) is not "stopped".
        FleetModel gone;
        InstanceSnapshot dead;
        dead.id = QUuid::createUuid();
        dead.name = QStringLiteral("dead");
        dead.state = InstanceSnapshot::State::Gone;
        FleetSnapshot withDead = fleet;
        withDead.instances << dead;
        gone.setFleet(withDead);
        QCOMPARE(stateOf(&gone, QStringLiteral("dead")), kGone);
        gone.setFleet(fleet);
        QCOMPARE(stateOf(&gone, QStringLiteral("dead")), -1);
        QCOMPARE(gone.rowCount(), 1);
    }
};

QTEST_MAIN(TestFleetPane)
#include "tst_fleetpane.moc"
