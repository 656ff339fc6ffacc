// FilterSetsPane fed by a real engine with real WebSocket clients: one row per filter set with
// its member count, and for the selected set its query, its conditions and the clients sharing it.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/models/FilterSetsModel.h"
#include "gui/panes/FilterConditionsView.h"
#include "gui/panes/FilterSetsPane.h"

#include <QLabel>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QTableView>

using namespace sender;
using namespace sender::testing;

class TestFilterSetsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }

    void setsMembersAndDetails()
    {
        EngineHost host;
        FilterSetsPane pane;
        connect(&host, &EngineHost::filterSetsReady, &pane, &FilterSetsPane::setFilterSets);
        connect(&host, &EngineHost::connectionsReady, &pane, &FilterSetsPane::setConnections);
        const quint16 port = startHost(host, engineSettings());
        QVERIFY(port != 0);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));

        // Two clients share "age__gte=40", one has no filter.
        std::vector<std::unique_ptr<QWebSocket>> clients;
        for (const QString &query :
             {QStringLiteral("age__gte=40"), QStringLiteral("age__gte=40"), QString()}) {
            clients.push_back(openClient(port, query));
            QVERIFY(clients.back());
        }
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 2, timeouts::kRoundTrip);

        // No selection: the details invite to select, and no member is listed.
        auto *conditions = pane.findChild<FilterConditionsView *>();
        QVERIFY(conditions);
        QCOMPARE(conditions->topLevelItemCount(), 0);
        QCOMPARE(pane.membersView()->count(), 0);

        // Select the shared set: its one condition and its two clients.
        int sharedRow = -1;
        for (int row = 0; row < pane.model()->rowCount(); ++row) {
            const FilterSetSnapshot *g = pane.model()->groupAt(row);
            QVERIFY(g);
            if (g->filterQuery.contains(QStringLiteral("age")))
                sharedRow = row;
        }
        QVERIFY(sharedRow >= 0);
        QCOMPARE(pane.model()->groupAt(sharedRow)->members, 2);
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(pane.view()->model());
        const int viewRow =
            proxy ? proxy->mapFromSource(pane.model()->index(sharedRow, 0)).row() : sharedRow;
        pane.view()->selectRow(viewRow);
        QTRY_COMPARE_WITH_TIMEOUT(pane.membersView()->count(), 2, timeouts::kSignal);
        QCOMPARE(conditions->topLevelItemCount(), 1);
        QCOMPARE(conditions->topLevelItem(0)->text(0), QStringLiteral("age"));
        QVERIFY(pane.membersView()->item(0)->text().contains(QStringLiteral("127.0.0.1")));

        // One of the two leaves: the set stays, with one member listed.
        clients[0]->close();
        QTRY_COMPARE_WITH_TIMEOUT(pane.membersView()->count(), 1, timeouts::kRoundTrip);
        // Both gone: the set goes.
        clients[1]->close();
        QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 1, timeouts::kRoundTrip);
        host.stop();
    }
};

QTEST_MAIN(TestFilterSetsPane)
#include "tst_filtersetspane.moc"
