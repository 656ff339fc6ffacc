// The console on demo data with demo clients, photographed offscreen (QWidget::grab()): the window
// with each pane raised, each pane on its own, the pictures (thumbnails in the stream, the face
// beside the match in the detail pane and in an alarm), and the settings dialog. Every picture must
// show something (many colours, none covering nearly all of it), which catches a pane that renders
// blank. The pictures go to a temporary folder, or, with LUNA_SENDER_SCREENSHOTS=<folder> (and
// optionally LUNA_SENDER_LANGUAGE=ru), to that folder for people to look at.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "PictureChecks.h"
#include "TestTimeouts.h"
#include "gui/MainWindow.h"
#include "gui/dialogs/ConfigForm.h"
#include "gui/dialogs/SettingsDialog.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/FilterSetsModel.h"
#include "gui/panes/ConnectionsPane.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"
#include "gui/panes/FilterSetsPane.h"
#include "gui/panes/RatesChart.h"
#include "gui/text/Translations.h"

#include <QDockWidget>
#include <QHash>
#include <QImage>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

using namespace sender;
using namespace sender::testing;

namespace {

// Empty when the picture shows something; else what is wrong with it. A blank or single-colour
// widget has a handful of colours; a pane with text, a table or a chart has hundreds
// (anti-aliased text alone brings dozens).
QString blankness(const QImage &picture)
{
    if (picture.isNull())
        return QStringLiteral("no picture");
    const QImage image = picture.convertToFormat(QImage::Format_RGB32);
    QHash<QRgb, qint64> counts;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            ++counts[line[x]];
    }
    const qint64 total = qint64(image.width()) * image.height();
    qint64 top = 0;
    for (const qint64 count : std::as_const(counts))
        top = qMax(top, count);
    if (counts.size() < 32)
        return QStringLiteral("only %1 colours").arg(counts.size());
    if (top * 100 > total * 97)
        return QStringLiteral("one colour covers %1% of it").arg(top * 100 / total);
    return {};
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void takeScreenshots();
};

void TestScreenshots::takeScreenshots()
{
    const QString requested = qEnvironmentVariable("LUNA_SENDER_SCREENSHOTS");
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString folder = requested.isEmpty() ? scratch.path() : requested;
    const QString language = qEnvironmentVariable("LUNA_SENDER_LANGUAGE", QStringLiteral("en"));
    installConsoleTranslation(language);
    auto save = [&](QWidget *widget, const QString &name) {
        const QString path = QStringLiteral("%1/%2-%3.png").arg(folder, language, name);
        const QImage picture = widget->grab().toImage();
        const QString problem = blankness(picture);
        QVERIFY2(problem.isEmpty(), qPrintable(name + QStringLiteral(": ") + problem));
        QVERIFY(picture.save(path));
        QVERIFY(QImage(path).size() == picture.size());
    };

    ConsolePreferences preferences;
    preferences.demoClients = true;
    MainWindow window(engineSettings(true, 40), preferences);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Some minutes of rates would take minutes; two dozen seconds of history are enough for people
    // to see, a few seconds enough for the check (the chart then has a line to draw).
    const int samples = requested.isEmpty() ? 3 : 20;
    QTRY_VERIFY_WITH_TIMEOUT(window.ratesChart()->sampleCount() >= samples,
                             timeouts::kLongOperation);
    QTRY_VERIFY_WITH_TIMEOUT(window.connections()->model()->rowCount() >= 7, timeouts::kRoundTrip);

    EventStreamPane *stream = window.eventStream();
    stream->view()->setCurrentIndex(stream->proxy()->index(stream->proxy()->rowCount() - 3, 0));
    window.connections()->selectId(
        window.connections()->model()->index(1, 0).data(Qt::UserRole + 1).toULongLong());
    window.filterSets()->view()->selectRow(1);
    window.playground()->setQuery(
        QStringLiteral("age__gte=40&sources=cam-01-main-entrance,cam-03-parking"));

    // Each pane raised: the window, and the pane on its own (a pane that draws nothing would
    // still leave the rest of the window colourful).
    auto raise = [&](const char *dock, const QString &name) {
        auto *widget = window.findChild<QDockWidget *>(QString::fromLatin1(dock));
        QVERIFY2(widget, dock);
        widget->raise();
        QCoreApplication::processEvents();
        save(&window, name);
        save(widget->widget(), name + QStringLiteral("-pane"));
    };
    raise("connectionsDock", QStringLiteral("1-connections"));
    raise("filterSetsDock", QStringLiteral("2-filter-sets"));
    raise("playgroundDock", QStringLiteral("3-playground"));
    save(window.ratesChart(), QStringLiteral("rates-chart"));
    save(window.eventStream(), QStringLiteral("event-stream"));

    // The pictures (issue 26): thumbnails on screen, the detail pane's face beside the
    // match, and an alarm of the starter rules with its pair. The manual shows these.
    // Paused first: at the demo's rate the rows on screen move on before their pictures come.
    stream->setPaused(true);
    QTRY_VERIFY_WITH_TIMEOUT(detailShowsPictures(stream), timeouts::kLongOperation);
    QTRY_VERIFY_WITH_TIMEOUT(visibleRowsWithThumbnails(stream).size() >= 3,
                             timeouts::kLongOperation);
    save(stream, QStringLiteral("9-stream-pictures"));
    auto *alertsDock = window.findChild<QDockWidget *>(QStringLiteral("alertsDock"));
    QVERIFY(alertsDock);
    alertsDock->raise();
    QTRY_VERIFY_WITH_TIMEOUT(alarmShowsPictures(alertsPaneOf(window)), timeouts::kLongOperation);
    save(&window, QStringLiteral("10-alarm"));
    save(alertsDock->widget(), QStringLiteral("10-alarm-pane"));
    stream->setPaused(false);

    window.playground()->setQuery(QStringLiteral("age__gte=300&sources=cam1"));
    save(window.playground(), QStringLiteral("4-playground-error"));
    stream->setPaused(true);
    stream->searchField()->setText(QStringLiteral("vip"));
    save(&window, QStringLiteral("5-paused-search"));

    SettingsDialog dialog(window.host()->settings(), preferences, &window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, QStringLiteral("6-settings-server"));
    dialog.form()->setCurrentIndex(1);
    save(&dialog, QStringLiteral("7-settings-redis"));
    dialog.form()->setCurrentIndex(dialog.form()->count() - 1);
    save(&dialog, QStringLiteral("8-settings-console"));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
