// A benchmark, not a test (CTest does not run it): how responsive the console stays under load.
// The whole window, shown, with the demo generator at LATENCY_RATE events/s (default 5 000), demo
// clients subscribed and a playground query active. A precise 10 ms timer on the GUI thread
// records how late each tick fires; prints the percentiles, the rate that reached the console and
// the memory. The Face column's thumbnails are on as in the console (LATENCY_PICTURES=0 turns them
// off, for the comparison), with what the picture loader asked for. Numbers and the command:
// tests/bench/README.md, "The console under load". That the lists keep their caps is checked by the
// functional test tests/gui/tst_guiload.cpp.

#include "../GuiTestSupport.h"
#include "gui/MainWindow.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/PictureLoader.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <algorithm>

using namespace sender;
using namespace sender::testing;

namespace {

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class TestGuiLatency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void latencyUnderDemoLoad();
};

void TestGuiLatency::latencyUnderDemoLoad()
{
    const int rate = qEnvironmentVariableIntValue("LATENCY_RATE") > 0
        ? qEnvironmentVariableIntValue("LATENCY_RATE")
        : 5000;
    const int seconds = qEnvironmentVariableIntValue("LATENCY_SECONDS") > 0
        ? qEnvironmentVariableIntValue("LATENCY_SECONDS")
        : 10;
    ConsolePreferences preferences;
    preferences.eventCap = 10000;
    preferences.demoClients = true;
    MainWindow window(engineSettings(true, rate), preferences);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.playground()->setQuery(QStringLiteral("age__gte=50&liveness=1"));
    EventStreamModel *model = window.eventStream()->model();
    PictureLoader *pictures = model->pictureLoader();
    const bool withPictures = qEnvironmentVariable("LATENCY_PICTURES") != u"0";
    if (!withPictures)
        window.eventStream()->setPictureLoader(nullptr);

    // Warm up until the list is full, so trimming the head is part of what is measured.
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == model->cap(), 30000);
    const qint64 rssBefore = residentKiB();
    const quint64 receivedBefore = model->receivedCount();

    constexpr int kIntervalMs = 10;
    std::vector<qint64> lateness;
    int maxRows = 0;
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(kIntervalMs);
    qint64 last = 0;
    connect(&tick, &QTimer::timeout, this, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        lateness.push_back(qMax<qint64>(0, now - last - kIntervalMs * 1000));
        last = now;
        maxRows = qMax(maxRows, model->rowCount());
    });
    clock.start();
    tick.start();
    const size_t ticks = size_t(seconds * 1000 / kIntervalMs);
    QTRY_VERIFY_WITH_TIMEOUT(lateness.size() >= ticks, seconds * 4000);
    tick.stop();
    const double elapsed = double(clock.elapsed()) / 1000.0;
    const double eventsPerSecond = double(model->receivedCount() - receivedBefore) / elapsed;

    std::vector<qint64> sorted = lateness;
    std::sort(sorted.begin(), sorted.end());
    auto percentile = [&](double p) {
        return double(sorted[size_t(p * double(sorted.size() - 1))]) / 1000.0;
    };
    const double maxMs = double(sorted.back()) / 1000.0;
    qInfo("GUI event-loop lateness at %.0f events/s sampled (demo rate %d) over %.1f s, %zu ticks "
          "of %d ms: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
          eventsPerSecond, rate, elapsed, sorted.size(), kIntervalMs, percentile(0.5),
          percentile(0.9), percentile(0.99), maxMs);
    qInfo("rows: event list %d (cap %d, max seen %d), playground %d; RSS %lld KiB -> %lld KiB",
          model->rowCount(), model->cap(), maxRows, window.playground()->recentCount(), rssBefore,
          residentKiB());
    qInfo("pictures %s: %llu asked of the engine, %d cached (%lld KiB decoded), %d in flight",
          withPictures ? "on" : "off", qulonglong(pictures->requestsSent()),
          pictures->cachedCount(), pictures->cachedBytes() / 1024, pictures->inFlight());
}

QTEST_MAIN(TestGuiLatency)
#include "gui_latency.moc"
