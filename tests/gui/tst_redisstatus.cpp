// The console during a Redis outage (issues 4 and 6): a real redis-server is killed with SIGKILL
// while the console runs; the status bar turns to "down" with a reconnect countdown, the connected
// WebSocket client stays connected, and when Redis is back the status bar says so and the events
// that follow reach the client.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "RedisProcess.h"
#include "TestTimeouts.h"
#include "config/SettingsLoader.h"
#include "gui/MainWindow.h"
#include "gui/panes/EngineStatusBar.h"

#include <QRegularExpression>

using namespace sender;
using namespace sender::testing;
using sender::test::RedisServerProcess;

namespace {

QByteArray message(int seq)
{
    return R"({"handler_id":"3bd5a2a8-1ab5-4b5e-9a5a-1f0e6d2b5c11","Luna-Request-Id":"1536751345,6a5c2191-3e9b-f5a4-fc45-3abf43625c5f","event-create-time":"2026-11-26T00:00:00.000Z","event-end-time":"2026-11-26T00:00:00.100Z","events":[{"source":"cam-)"
        + QByteArray::number(seq)
        + R"(","face_attributes":{"basic_attributes":{"age":40,"gender":1}}}]})";
}

} // namespace

class TestRedisStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }
    void initTestCase() { isolateSettings(); }

    void outageIsShownAndDeliveryResumes()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        ConsolePreferences preferences;
        preferences.demoClients = false;
        MainWindow window(withRedis(redis.port()), preferences);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(!window.listenAddress().isEmpty(), timeouts::kRoundTrip);
        EngineStatusBar *status = window.engineStatus();
        QTRY_VERIFY_WITH_TIMEOUT(
            status->sourceText().contains(QLatin1StringView("Redis: subscribed")),
            timeouts::kRoundTrip);

        auto client = openClient(portOf(window.listenAddress()));
        QVERIFY(client);
        QSignalSpy frames(client.get(), &QWebSocket::textMessageReceived);
        QSignalSpy closed(client.get(), &QWebSocket::disconnected);
        const QByteArray channel = "luna-sender:" + kDemoAccount;
        QCOMPARE(redis.publish(channel, message(1)), 1);
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 1, timeouts::kSignal);

        QVERIFY2(redis.kill9(), qPrintable(redis.errorString()));
        // "Redis: down, retry in 0.4 s", counting down between attempts, with the reason on hover.
        static const QRegularExpression countdown(
            QStringLiteral(R"(Redis: down, retry in \d+[.,]\d s)"));
        QTRY_VERIFY_WITH_TIMEOUT(countdown.match(status->sourceText()).hasMatch(),
                                 timeouts::kSignal);
        QString tooltip;
        EngineStatusBar::sourceStateText(window.lastSnapshot(), &tooltip);
        QVERIFY2(tooltip.contains(QLatin1StringView("connection")), qPrintable(tooltip));
        QCOMPARE(closed.size(), 0);

        QVERIFY2(redis.restart(), qPrintable(redis.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            status->sourceText().contains(QLatin1StringView("Redis: subscribed")),
            timeouts::kSignal);
        QCOMPARE(closed.size(), 0);
        QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(redis.publish(channel, message(2)), 1);
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 2, timeouts::kSignal);
        QVERIFY(frames.last().first().toString().contains(QLatin1StringView("\"cam-2\"")));
    }
};

QTEST_MAIN(TestRedisStatus)
#include "tst_redisstatus.moc"
