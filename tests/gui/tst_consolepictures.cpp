// The console's pictures end to end (issue 26), offscreen: the real engine with the demo source
// and its default starter alert rules, the console on it locally and attached over the real
// monitoring port (RemoteEngineView). A stream row on screen shows a real thumbnail in its Face
// column, the detail pane the captured face beside the match's enrolled face with label and
// similarity, and an alarm in the alert dock the same pair. Nothing here is a placeholder.

#include "AttachSupport.h"
#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "PictureChecks.h"
#include "TestTimeouts.h"
#include "gui/MainWindow.h"

#include <QDockWidget>

using namespace sender;
using namespace sender::testing;

namespace {

// The three places, in the window as it is.
void checkPictures(MainWindow &window)
{
    EventStreamPane *stream = window.eventStream();
    QVERIFY(stream->model()->pictureLoader());
    QVERIFY(!stream->view()->isColumnHidden(stream->model()->columnOf(EventStreamModel::Face)));
    QTRY_VERIFY_WITH_TIMEOUT(visibleRowWithThumbnail(stream) >= 0, timeouts::kLongOperation);

    stream->setPaused(true); // the rows stay where they are while one is looked at
    QTRY_VERIFY_WITH_TIMEOUT(detailShowsPictures(stream), timeouts::kLongOperation);
    const EventPictures *detail = stream->detail()->pictures();
    QVERIFY(detail->matchText().contains(
        stream->model()
            ->summaryAt(stream->proxy()->mapToSource(stream->view()->currentIndex()).row())
            .topMatchLabel));

    AlertsPane *alerts = alertsPaneOf(window);
    QVERIFY(alerts);
    window.findChild<QDockWidget *>(QStringLiteral("alertsDock"))->raise();
    QTRY_VERIFY_WITH_TIMEOUT(alarmShowsPictures(alerts), timeouts::kLongOperation);
    QVERIFY(!alerts->pictures()->matchText().isEmpty());
}

} // namespace

class TestConsolePictures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }

    void localConsole()
    {
        MainWindow window(engineSettings(true, 20), ConsolePreferences());
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        checkPictures(window);
    }

    void attachedConsole()
    {
        MonitoredEngine engine(engineSettings(true, 20));
        QVERIFY2(engine.start(), qPrintable(engine.error));
        AttachedConsole console(engine.url(), QString::fromLatin1(kMonitorToken));
        console.window.resize(1500, 950);
        QVERIFY(QTest::qWaitForWindowExposed(&console.window));
        QVERIFY(console.waitUp());
        checkPictures(console.window);
        // Through the monitoring port, not around it.
        QVERIFY(console.window.eventStream()->model()->pictureLoader()->requestsSent() > 0);
    }
};

QTEST_MAIN(TestConsolePictures)
#include "tst_consolepictures.moc"
