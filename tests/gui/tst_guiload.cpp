// The console under sustained load, functionally: the whole window shown, the demo generator
// running, demo clients subscribed and a playground query active. Events keep arriving in the
// event list (ten times its cap of them), and the lists never hold more than their caps however
// many events go by. How late the GUI thread runs under load is a measurement,
// not a check: tests/gui/bench/gui_latency.cpp (numbers in tests/bench/README.md).

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/MainWindow.h"
#include "gui/models/EventStreamModel.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"

using namespace sender;
using namespace sender::testing;

class TestGuiLoad : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void listsStayWithinTheirCaps();
};

void TestGuiLoad::listsStayWithinTheirCaps()
{
    constexpr int kCap = ConsolePreferences::kMinEventCap * 2;
    ConsolePreferences preferences;
    preferences.eventCap = kCap;
    preferences.demoClients = true;
    MainWindow window(engineSettings(true, 2000), preferences);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.playground()->setQuery(QStringLiteral("age__gte=50&liveness=1"));
    EventStreamModel *model = window.eventStream()->model();
    QCOMPARE(model->cap(), kCap);

    // The most rows the list ever held, seen after every change of its rows.
    int maxRows = 0;
    int maxRecent = 0;
    auto track = [&] {
        maxRows = qMax(maxRows, model->rowCount());
        maxRecent = qMax(maxRecent, window.playground()->recentCount());
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, track);
    connect(model, &QAbstractItemModel::rowsRemoved, this, track);

    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kCap, timeouts::kLongOperation);
    // Ten times the cap more events go by: the head is trimmed batch after batch.
    const quint64 target = model->receivedCount() + 10 * kCap;
    QTRY_VERIFY_WITH_TIMEOUT(model->receivedCount() >= target, timeouts::kLongOperation);
    QCOMPARE(maxRows, kCap);
    QCOMPARE(model->rowCount(), kCap);
    QVERIFY2(maxRecent <= kCap, qPrintable(QString::number(maxRecent)));
    // The rows are the newest events, numbered without a gap.
    QCOMPARE(model->numberAt(kCap - 1) - model->numberAt(0), quint64(kCap - 1));
}

QTEST_MAIN(TestGuiLoad)
#include "tst_guiload.moc"
