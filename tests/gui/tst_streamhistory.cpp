// The event stream with the engine's recent history: the events the history holds go before the
// live ones, each once (the same message locally, the same event id when attached), in arrival
// order, muted and counted in the status; the cap keeps the newest, a paused list takes them on
// resume, a reader who scrolled away keeps their place, a disabled history says nothing. Against
// a real engine: the events from before the list began come first, then the live ones, none
// twice; and the window asks when its engine has started.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "engine/EngineFeed.h"
#include "engine/EngineHost.h"
#include "events/EventMessage.h"
#include "gui/MainWindow.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/panes/EventDetailView.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/storage/ConsolePreferences.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBrush>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTableView>

using namespace sender;
using namespace sender::testing;

namespace {

const QUuid kAccount = QUuid::fromString(QLatin1StringView(kDemoAccount));
const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1800000000000LL, Qt::UTC);

QByteArray eventId(int n)
{
    return QByteArray("00000000-0000-4000-8000-") + QByteArray::number(n).rightJustified(12, '0');
}

std::shared_ptr<const EventMessage> messageOf(int n)
{
    const QByteArray raw = "{\"handler_id\": \"557d54ec-29ad-4f3c-93b4-c9092ef12515\", "
                           "\"events\": [{\"event_id\": \""
        + eventId(n) + "\", \"source\": \"cam-1\"}]}";
    QString error;
    auto m = EventMessage::parse(raw, &error);
    if (!m)
        qFatal("test message does not parse: %s", qPrintable(error));
    return m;
}

// Event n as the live stream gives it: arrived at kStart + 10n ms, one recipient.
EventSample live(int n)
{
    EventSample s;
    s.receivedAt = kStart.addMSecs(10 * n);
    s.account = kAccount;
    s.kind = SourceKind::Publish;
    s.message = messageOf(n);
    s.recipients = 1;
    return s;
}

QList<EventSample> live(int first, int last)
{
    QList<EventSample> out;
    for (int n = first; n <= last; ++n)
        out.append(live(n));
    return out;
}

// The same events as a local engine's history gives them: the very same messages.
QList<EventSample> sameMessages(const QList<EventSample> &samples)
{
    QList<EventSample> out = samples;
    for (EventSample &s : out)
        s.recipients = 0;
    return out;
}

// As an attached console decodes them: messages of their own, the same event ids.
QList<EventSample> decodedAnew(int first, int last)
{
    QList<EventSample> out = live(first, last);
    for (EventSample &s : out)
        s.recipients = 0;
    return out;
}

QList<QByteArray> ids(const EventStreamModel *model)
{
    QList<QByteArray> out;
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(streamEventId(model, row));
    return out;
}

QList<QByteArray> idRange(int first, int last)
{
    QList<QByteArray> out;
    for (int n = first; n <= last; ++n)
        out.append(eventId(n));
    return out;
}

} // namespace

class TestStreamHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void historyGoesOnTopOnce();
    void theSameEventIdIsTheSameEvent();
    void liveEventsTheHistoryGaveAreSkipped();
    void gapsAreFilledInOrder();
    void capKeepsTheNewest();
    void pausedListTakesItOnResume();
    void paneMarksTheHistoryAndSaysSo();
    void disabledHistorySaysNothing();
    void readerKeepsTheirPlace();
    void followingStaysAtTheTail();
    void liveEngineHistoryThenLiveEvents();
    void windowAsksWhenItsEngineStarts();
};

// A local engine: the history shares the very messages the live stream showed.
void TestStreamHistory::historyGoesOnTopOnce()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<EventSample> events = live(1, 5);
    model.appendSamples(events.mid(2)); // 3, 4, 5 arrived after the list began
    QCOMPARE(model.addHistory(sameMessages(events.mid(0, 4))), 2); // the history had 1..4
    QCOMPARE(ids(&model), idRange(1, 5));
    QCOMPARE(streamOrigins(&model), QByteArray("hhlll"));
    QCOMPARE(model.historyCount(), 2);
    QCOMPARE(model.numberAt(0), 0u);
    QCOMPARE(model.numberAt(2), 1u);
    QCOMPARE(model.receivedCount(), 3u); // the live ones only
    // Asked again (a second start, a re-attach): nothing new.
    QCOMPARE(model.addHistory(sameMessages(events.mid(0, 4))), 0);
    QCOMPARE(ids(&model), idRange(1, 5));
    // Into an empty list: all of it.
    EventStreamModel empty;
    QCOMPARE(empty.addHistory(sameMessages(events)), 5);
    QCOMPARE(streamOrigins(&empty), QByteArray("hhhhh"));
}

// Attached: the events are decoded anew on each side, so the event id tells them apart.
void TestStreamHistory::theSameEventIdIsTheSameEvent()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendSamples(live(4, 6));
    QCOMPARE(model.addHistory(decodedAnew(1, 5)), 3);
    QCOMPARE(ids(&model), idRange(1, 6));
    QCOMPARE(streamOrigins(&model), QByteArray("hhhlll"));
    // The same id in another account is another event.
    QList<EventSample> other = decodedAnew(2, 2);
    other.first().account = QUuid::createUuid();
    other.first().receivedAt = kStart.addMSecs(61);
    QCOMPARE(model.addHistory(other), 1);
    QCOMPARE(model.rowCount(), 7);
    // A history that repeats itself does not show an event twice either.
    EventStreamModel twice;
    QCOMPARE(twice.addHistory(decodedAnew(1, 2) + decodedAnew(2, 3)), 3);
    QCOMPARE(ids(&twice), idRange(1, 3));
}

// The history answers before the batch with the last live events it holds too: those are not
// shown again. Live events that arrived after its newest are never compared.
void TestStreamHistory::liveEventsTheHistoryGaveAreSkipped()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<EventSample> events = live(1, 6);
    model.appendSamples(events.mid(2, 1)); // 3
    QCOMPARE(model.addHistory(sameMessages(events.mid(0, 4))), 3); // 1, 2 and 4
    model.appendSamples(events.mid(3, 2)); // 4 again, and 5
    QCOMPARE(ids(&model), idRange(1, 5));
    QCOMPARE(streamOrigins(&model), QByteArray("hhlhl"));
    QCOMPARE(model.receivedCount(), 2u);
    // Attached: the same by event id.
    EventStreamModel attached;
    attached.addHistory(decodedAnew(1, 3));
    attached.appendSamples(live(3, 4));
    QCOMPARE(ids(&attached), idRange(1, 4));
    QCOMPARE(streamOrigins(&attached), QByteArray("hhhl"));
}

// After a re-attach: the rows of before the lost link, the live rows of after it, and between
// them what the history kept of the gap.
void TestStreamHistory::gapsAreFilledInOrder()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendSamples(live(1, 2));
    model.appendSamples(live(7, 8));
    QCOMPARE(model.addHistory(decodedAnew(2, 7)), 4);
    QCOMPARE(ids(&model), idRange(1, 8));
    QCOMPARE(streamOrigins(&model), QByteArray("llhhhhll"));

    // A history that shares no event with the list goes by arrival: after the older rows,
    // before the newer ones.
    EventStreamModel apart;
    QAbstractItemModelTester apartTester(&apart,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    apart.appendSamples(live(1, 2));
    apart.appendSamples(live(6, 6));
    QCOMPARE(apart.addHistory(decodedAnew(3, 5)), 3);
    QCOMPARE(ids(&apart), idRange(1, 6));
    QCOMPARE(streamOrigins(&apart), QByteArray("llhhhl"));
}

void TestStreamHistory::capKeepsTheNewest()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCap(4);
    model.appendSamples(live(3, 5));
    QCOMPARE(model.addHistory(decodedAnew(1, 3)), 1);
    QCOMPARE(ids(&model), idRange(2, 5));
    QCOMPARE(model.historyCount(), 1);
    // Full of newer events: older ones have no room.
    QCOMPARE(model.addHistory(decodedAnew(0, 1)), 0);
    QCOMPARE(ids(&model), idRange(2, 5));
    // Live events push the history out like any other rows.
    model.appendSamples(live(6, 6));
    QCOMPARE(ids(&model), idRange(3, 6));
    QCOMPARE(model.historyCount(), 0);
    // A history longer than the cap: its newest.
    EventStreamModel small;
    small.setCap(3);
    QCOMPARE(small.addHistory(decodedAnew(1, 10)), 3);
    QCOMPARE(ids(&small), idRange(8, 10));
}

void TestStreamHistory::pausedListTakesItOnResume()
{
    EventStreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendSamples(live(3, 4));
    model.setPaused(true);
    model.appendSamples(live(5, 5));
    model.addHistory(decodedAnew(1, 5));
    QCOMPARE(ids(&model), idRange(3, 4)); // frozen
    model.setPaused(false);
    QCOMPARE(ids(&model), idRange(1, 5));
    QCOMPARE(streamOrigins(&model), QByteArray("hhlll"));
}

void TestStreamHistory::paneMarksTheHistoryAndSaysSo()
{
    EventStreamPane pane;
    pane.appendSamples(live(3, 4), 0);
    QVERIFY(!pane.statusText().contains(QStringLiteral("history")));
    pane.addHistory(decodedAnew(1, 3), true);
    QVERIFY2(pane.statusText().contains(QStringLiteral("2 events from the history")),
             qPrintable(pane.statusText()));
    EventStreamModel *model = pane.model();
    const int number = model->columnOf(EventStreamModel::Number);
    const int recipients = model->columnOf(EventStreamModel::Recipients);
    // Muted, without a number or a count of recipients (the history keeps none).
    QCOMPARE(model->index(0, number).data().toString(), QString());
    QCOMPARE(model->index(0, recipients).data().toString(), QString());
    QCOMPARE(model->index(0, number).data(Qt::ForegroundRole).value<QBrush>().color(),
             QColor(Qt::gray));
    QVERIFY(model->index(0, number).data(Qt::ToolTipRole).toString().contains(u"history"));
    QCOMPARE(model->index(2, number).data().toString(), QStringLiteral("1"));
    QCOMPARE(model->index(2, recipients).data().toString(), QStringLiteral("1"));
    QVERIFY(!model->index(2, number).data(Qt::ForegroundRole).isValid());
    // The detail pane says where the event came from.
    pane.view()->setCurrentIndex(pane.proxy()->index(0, 0));
    QVERIFY2(pane.detail()->summaryText().contains(QStringLiteral("Event from the history")),
             qPrintable(pane.detail()->summaryText()));
    // Searchable like any row.
    pane.searchField()->setText(QString::fromLatin1(eventId(1)));
    QCOMPARE(pane.proxy()->rowCount(), 1);
    pane.searchField()->clear();
    // Cleared, the list forgets it.
    pane.clearAction()->trigger();
    QVERIFY(!pane.statusText().contains(QStringLiteral("history")));
}

void TestStreamHistory::disabledHistorySaysNothing()
{
    EventStreamPane pane;
    pane.appendSamples(live(3, 4), 0);
    const QString before = pane.statusText();
    pane.addHistory({}, false);
    pane.addHistory(decodedAnew(1, 2), false); // whatever comes with it
    QCOMPARE(pane.model()->rowCount(), 2);
    QCOMPARE(pane.statusText(), before);
    pane.addHistory({}, true); // on, but nothing kept yet
    QCOMPARE(pane.statusText(), before);
}

// Rows that go in above a reader who scrolled away do not move what they read.
void TestStreamHistory::readerKeepsTheirPlace()
{
    EventStreamPane pane;
    pane.resize(900, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.appendSamples(live(101, 300), 0);
    QScrollBar *bar = pane.view()->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 100, timeouts::kSignal);
    bar->setValue(50); // the user scrolls up
    QVERIFY(!pane.isFollowingTail());
    const QByteArray top = streamEventId(pane.model(), bar->value());
    pane.addHistory(decodedAnew(1, 100), true);
    QCOMPARE(pane.model()->rowCount(), 300);
    QTRY_COMPARE_WITH_TIMEOUT(streamEventId(pane.model(), bar->value()), top, timeouts::kSignal);
    QVERIFY(!pane.isFollowingTail());
}

void TestStreamHistory::followingStaysAtTheTail()
{
    EventStreamPane pane;
    pane.resize(900, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.appendSamples(live(101, 300), 0);
    QScrollBar *bar = pane.view()->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 100, timeouts::kSignal);
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), bar->maximum(), timeouts::kSignal);
    const int max = bar->maximum();
    pane.addHistory(decodedAnew(1, 100), true);
    QTRY_COMPARE_WITH_TIMEOUT(bar->maximum(), max + 100, timeouts::kSignal);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(pane.isFollowingTail());
}

// A real engine: events that arrived before the list began come from the history, on top and in
// order; the live ones follow; none shows twice, though the last ones were in both.
void TestStreamHistory::liveEngineHistoryThenLiveEvents()
{
    EngineHost host;
    quint64 held = 0;
    // The host as the context, not the test object: the snapshots come queued from the engine's
    // thread, and one still queued when this function returns would write into a dead `held`
    // (the next test's MainWindow lives there; this crashed tst_streamhistory now and then).
    connect(&host, &EngineHost::snapshotReady, &host,
            [&](const EngineSnapshot &s) { held = s.history.events; });
    QVERIFY(startHost(host, engineSettings(true, 200)));
    QTRY_VERIFY_WITH_TIMEOUT(held >= 30, timeouts::kRoundTrip);

    EventStreamPane pane;
    QAbstractItemModelTester tester(pane.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&host, &EngineHost::eventsSampled, &pane, &EventStreamPane::appendSamples);
    connect(&host, &EngineHost::recentEventsReady, &pane, &EventStreamPane::addHistory);
    QSignalSpy answered(&host, &EngineHost::recentEventsReady);
    // Everything the history holds, and room for all of it: on a slow run (sanitizers, valgrind)
    // more live events than a smaller limit may be shown before the request, and the newest ones
    // of the history would then all be duplicates of live rows.
    pane.setCap(50000);
    host.setSampling(true);
    QTRY_VERIFY_WITH_TIMEOUT(pane.model()->rowCount() >= 10, timeouts::kRoundTrip);
    host.requestRecentEvents(50000);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, timeouts::kRoundTrip);
    QVERIFY(answered.first().at(1).toBool());
    EventStreamModel *model = pane.model();
    QVERIFY2(model->historyCount() >= 30, qPrintable(QString::number(model->historyCount())));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= model->historyCount() + 20, timeouts::kRoundTrip);
    pane.setPaused(true);
    const QString problem = streamOnceInOrder(model);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The events from before the sampling first; then the live rows, except that the last
    // events the history had may come from it, when it answered before the live batch that
    // carried them (which then adds only what is new).
    const QString o = QString::fromLatin1(streamOrigins(model));
    QVERIFY2(QRegularExpression(QStringLiteral("^h{30,}l+h*l*$")).match(o).hasMatch(),
             qPrintable(o));
    QCOMPARE(model->sampleAt(0).kind, SourceKind::Demo);
    QCOMPARE(model->sampleAt(0).account, kAccount);
}

void TestStreamHistory::windowAsksWhenItsEngineStarts()
{
    ConsolePreferences preferences;
    preferences.demoClients = false;
    MainWindow window(engineSettings(true, 200), preferences);
    QSignalSpy answered(window.feed(), &EngineFeed::recentEventsReady);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, timeouts::kRoundTrip);
    QVERIFY(answered.first().at(1).toBool());
    EventStreamModel *model = window.eventStream()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 30, timeouts::kRoundTrip);
    window.eventStream()->setPaused(true);
    const QString problem = streamOnceInOrder(model);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_MAIN(TestStreamHistory)
#include "tst_streamhistory.moc"
