// The connections and filter-set models against a live engine: rows appear when real WebSocket
// clients subscribe and vanish when they leave; equal filter sets share one row.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/FilterSetsModel.h"

#include <QAbstractItemModelTester>

using namespace sender;
using namespace sender::testing;

class TestConsoleModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void rowsFollowClients();
    void filterSetsGroupIdenticalFilters();
};

void TestConsoleModels::rowsFollowClients()
{
    EngineHost host;
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&host, &EngineHost::connectionsReady, &model, &ConnectionsModel::setConnections);
    const quint16 port = startHost(host, engineSettings());
    QVERIFY(port);
    QCOMPARE(model.rowCount(), 0);

    auto first = openClient(port, QStringLiteral("sources=cam1,cam2&age__gte=50"));
    auto second = openClient(port);
    QVERIFY(first && second);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, timeouts::kSignal);

    // The first client's row: its peer and its readable filters.
    const QString firstPeer = QStringLiteral("127.0.0.1:%1").arg(first->localPort());
    int firstRow = -1;
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.index(r, ConnectionsModel::Peer).data().toString() == firstPeer)
            firstRow = r;
    }
    QVERIFY2(firstRow >= 0, qPrintable(firstPeer));
    QCOMPARE(model.index(firstRow, ConnectionsModel::Account)
                 .data(ConnectionsModel::SearchRole)
                 .toString(),
             QString::fromLatin1(kDemoAccount));
    QCOMPARE(model.index(firstRow, ConnectionsModel::Account).data().toString(),
             QStringLiteral("8b8b5937…"));
    QCOMPARE(model.index(firstRow, ConnectionsModel::Filters).data().toString(),
             QStringLiteral("sources ∈ {cam1, cam2} AND age ≥ 50"));
    const quint64 firstId = model.index(firstRow, 0).data(ConnectionsModel::IdRole).toULongLong();

    // The first leaves: its row goes, the other stays.
    first->close();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, timeouts::kSignal);
    QCOMPARE(model.rowOf(firstId), -1);
    QCOMPARE(model.index(0, ConnectionsModel::Filters).data().toString(),
             QStringLiteral("all events"));

    second->close();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, timeouts::kSignal);
}

void TestConsoleModels::filterSetsGroupIdenticalFilters()
{
    EngineHost host;
    FilterSetsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&host, &EngineHost::filterSetsReady, &model, &FilterSetsModel::setFilterSets);
    const quint16 port = startHost(host, engineSettings(true, 200));
    QVERIFY(port);

    // The same filter set written two ways, and a different one.
    auto a = openClient(port, QStringLiteral("gender=1&age__gte=50"));
    auto b = openClient(port, QStringLiteral("age__gte=50&gender=1"));
    auto c = openClient(port, QStringLiteral("liveness=0"));
    QVERIFY(a && b && c);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, timeouts::kSignal);

    auto rowWith = [&](const QString &conditions) {
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.index(r, FilterSetsModel::Conditions).data().toString() == conditions)
                return r;
        }
        return -1;
    };
    const QString sharedSet = QStringLiteral("age ≥ 50 AND gender = male");
    auto group = [&](const QString &conditions) {
        const int row = rowWith(conditions);
        return row < 0 ? FilterSetSnapshot {} : *model.groupAt(row);
    };
    QCOMPARE(group(sharedSet).members, 2);
    QCOMPARE(group(QStringLiteral("liveness ∈ {spoof}")).members, 1);

    // The demo stream runs through both sets: their counters move.
    QTRY_VERIFY_WITH_TIMEOUT(group(sharedSet).passed + group(sharedSet).filteredOut > 50,
                             timeouts::kRoundTrip);
    QVERIFY(group(sharedSet).filteredOut > 0);
    QVERIFY(
        !model.index(rowWith(sharedSet), FilterSetsModel::PassRate).data().toString().isEmpty());

    b->close();
    QTRY_COMPARE_WITH_TIMEOUT(group(sharedSet).members, 1, timeouts::kSignal);
    a->close();
    c->close();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, timeouts::kSignal);
}

QTEST_MAIN(TestConsoleModels)
#include "tst_consolemodels.moc"
