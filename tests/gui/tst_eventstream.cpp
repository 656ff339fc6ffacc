// The event stream against a live engine: the cap is never exceeded, pause freezes the list and
// resume adds what waited, the quick search, following the tail, and the detail pane whose JSON
// is what a real client received.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "events/EventMessage.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/JsonTreeModel.h"
#include "gui/panes/EventDetailView.h"
#include "gui/panes/EventStreamPane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTreeView>

using namespace sender;
using namespace sender::testing;

class TestEventStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void neverMoreRowsThanTheCap();
    void pauseFreezesAndResumeCatchesUp();
    void quickSearch();
    void followsTheTailUntilTheUserScrolls();
    void detailShowsWhatTheClientReceived();
};

namespace {

struct LiveStream
{
    EngineHost host;
    EventStreamPane pane;
    quint16 port = 0;

    explicit LiveStream(int rate)
    {
        QObject::connect(&host, &EngineHost::eventsSampled, &pane, &EventStreamPane::appendSamples);
        host.setSampling(true);
        port = startHost(host, engineSettings(true, rate));
    }
};

} // namespace

void TestEventStream::neverMoreRowsThanTheCap()
{
    LiveStream live(3000);
    QVERIFY(live.port);
    EventStreamModel *model = live.pane.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model->setCap(250);
    int maxRows = 0;
    int inserts = 0;
    connect(model, &QAbstractItemModel::rowsInserted, this, [&] {
        ++inserts;
        maxRows = qMax(maxRows, model->rowCount());
    });
    QTRY_VERIFY_WITH_TIMEOUT(model->receivedCount() > 3000, timeouts::kRoundTrip);
    QCOMPARE(model->rowCount(), 250);
    QCOMPARE(maxRows, 250);
    // Batches, not one insert per event.
    QVERIFY2(
        inserts * 20 < int(model->receivedCount()),
        qPrintable(
            QStringLiteral("%1 inserts for %2 events").arg(inserts).arg(model->receivedCount())));
    // The numbers are consecutive and end at the newest.
    QCOMPARE(model->numberAt(249), model->receivedCount());
    QCOMPARE(model->numberAt(0), model->receivedCount() - 249);

    // Lowering the cap trims at once; raising it keeps what is there.
    model->setCap(100);
    QCOMPARE(model->rowCount(), 100);
    model->setCap(10000);
    QVERIFY(model->rowCount() >= 100);
}

void TestEventStream::pauseFreezesAndResumeCatchesUp()
{
    LiveStream live(500);
    QVERIFY(live.port);
    EventStreamModel *model = live.pane.model();
    model->setCap(1000);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 50, timeouts::kRoundTrip);

    live.pane.pauseAction()->trigger();
    QVERIFY(model->isPaused());
    QCOMPARE(live.pane.pauseAction()->text(), QStringLiteral("Resume"));
    const int frozenRows = model->rowCount();
    const quint64 frozenLast = model->numberAt(frozenRows - 1);
    QTRY_VERIFY_WITH_TIMEOUT(model->pendingCount() > 200, timeouts::kRoundTrip);
    QCOMPARE(model->rowCount(), frozenRows);
    QCOMPARE(model->numberAt(frozenRows - 1), frozenLast);

    live.pane.pauseAction()->trigger();
    QVERIFY(!model->isPaused());
    QCOMPARE(model->pendingCount(), 0);
    QVERIFY(model->rowCount() > frozenRows);
    QVERIFY(model->rowCount() <= 1000);
    // Nothing lost in between while under the cap: numbers run on without a gap.
    for (int row = 1; row < model->rowCount(); ++row)
        QCOMPARE(model->numberAt(row), model->numberAt(row - 1) + 1);

    // While paused, what waits is capped too.
    model->setCap(100);
    live.pane.setPaused(true);
    QTRY_VERIFY_WITH_TIMEOUT(model->receivedCount() > model->numberAt(99) + 300,
                             timeouts::kRoundTrip);
    QCOMPARE(model->pendingCount(), 100);
    live.pane.setPaused(false);
    QCOMPARE(model->rowCount(), 100);
    QCOMPARE(model->numberAt(99), model->receivedCount());
}

void TestEventStream::quickSearch()
{
    LiveStream live(500);
    QVERIFY(live.port);
    EventStreamModel *model = live.pane.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 200, timeouts::kRoundTrip);
    live.pane.setPaused(true);
    QTest::keyClicks(live.pane.searchField(), QStringLiteral("CAM-03"));
    const int shown = live.pane.proxy()->rowCount();
    QVERIFY(shown > 0 && shown < model->rowCount());
    const int source = model->columnOf(EventStreamModel::Source);
    for (int row = 0; row < shown; ++row)
        QCOMPARE(live.pane.proxy()->index(row, source).data().toString(),
                 QStringLiteral("cam-03-parking"));
    // The full event id is searchable though no column shows it.
    const EventSample &s = model->sampleAt(5);
    live.pane.searchField()->setText(summarize(*s.message, s.index).eventId);
    QCOMPARE(live.pane.proxy()->rowCount(), 1);
    live.pane.searchField()->clear();
    QCOMPARE(live.pane.proxy()->rowCount(), model->rowCount());
}

void TestEventStream::followsTheTailUntilTheUserScrolls()
{
    LiveStream live(400);
    QVERIFY(live.port);
    live.pane.resize(900, 700);
    live.pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&live.pane));
    QScrollBar *bar = live.pane.view()->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 100, timeouts::kRoundTrip);
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), bar->maximum(), timeouts::kSignal);
    QVERIFY(live.pane.isFollowingTail());

    // The user scrolls up: following stops, and the view stays where the user put it.
    bar->triggerAction(QAbstractSlider::SliderToMinimum);
    QVERIFY(!live.pane.isFollowingTail());
    QVERIFY(!live.pane.followAction()->isChecked());
    const int max = bar->maximum();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > max + 50, timeouts::kRoundTrip);
    QCOMPARE(bar->value(), 0);

    // Follow again: the view jumps to the newest and stays there.
    live.pane.followAction()->trigger();
    QVERIFY(live.pane.isFollowingTail());
    const int again = bar->maximum();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > again + 50, timeouts::kRoundTrip);
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), bar->maximum(), timeouts::kSignal);
}

void TestEventStream::detailShowsWhatTheClientReceived()
{
    LiveStream live(50);
    QVERIFY(live.port);
    auto client = openClient(live.port);
    QVERIFY(client);
    QHash<QString, QString> frames; // event_id -> frame
    connect(client.get(), &QWebSocket::textMessageReceived, this, [&](const QString &frame) {
        const QJsonObject o = QJsonDocument::fromJson(frame.toUtf8()).object();
        frames.insert(o.value(QStringLiteral("event"))
                          .toObject()
                          .value(QStringLiteral("event_id"))
                          .toString(),
                      frame);
    });
    EventStreamModel *model = live.pane.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 40, timeouts::kRoundTrip);
    live.pane.setPaused(true);

    // Pick an event the client got, select it in the list.
    int row = model->rowCount() - 1;
    QString id;
    QTRY_VERIFY_WITH_TIMEOUT(frames.contains(id = model->summaryAt(row).eventId),
                             timeouts::kSignal);
    QCOMPARE(model->sampleAt(row).recipients, 1);
    live.pane.view()->setCurrentIndex(live.pane.proxy()->mapFromSource(model->index(row, 0)));
    EventDetailView *detail = live.pane.detail();
    QVERIFY(detail->hasSample());
    QVERIFY(detail->summaryText().contains(model->summaryAt(row).source));

    // Copy as JSON gives what the client received.
    detail->copyDeliveredJson();
    const QJsonDocument copied =
        QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8());
    QVERIFY(copied.isObject());
    QCOMPARE(copied, QJsonDocument::fromJson(frames.value(id).toUtf8()));
    detail->copyEventJson();
    QCOMPARE(QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object(),
             copied.object().value(QStringLiteral("event")).toObject());

    // The tree: the event's keys in published order, the key attributes marked and visible.
    JsonTreeModel *tree = detail->treeModel();
    QCOMPARE(tree->index(0, JsonTreeModel::Key).data().toString(), QStringLiteral("event"));
    QCOMPARE(tree->index(0, 0, tree->index(0, 0)).data().toString(), QStringLiteral("event_id"));
    const QModelIndex source = tree->indexOfPath(QStringLiteral("event.source"));
    QVERIFY(source.isValid());
    QVERIFY(source.data(JsonTreeModel::KeyAttributeRole).toBool());
    QCOMPARE(source.siblingAtColumn(JsonTreeModel::Filters).data().toString(),
             QStringLiteral("sources"));
    QVERIFY(!tree->indexOfPath(QStringLiteral("event.event_id"))
                 .data(JsonTreeModel::KeyAttributeRole)
                 .toBool());
    const QModelIndex location = tree->indexOfPath(QStringLiteral("event.location"));
    QVERIFY(detail->treeView()->isExpanded(location));
    const QModelIndex handler = tree->indexOfPath(QStringLiteral("handler_id"));
    QCOMPARE(handler.siblingAtColumn(JsonTreeModel::Filters).data().toString(),
             QStringLiteral("handler_ids"));
}

QTEST_MAIN(TestEventStream)
#include "tst_eventstream.moc"
