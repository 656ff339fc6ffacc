#include "FailOnWarnings.h"
#include "RecordingSink.h"
#include "RedisProcess.h"
#include "TestTimeouts.h"
#include "sources/redis/RedisSubscriber.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using sender::EventSource;
using sender::RedisSettings;
using sender::RedisSubscriber;
using sender::test::RedisServerProcess;
using State = sender::EventSource::State;

namespace {
constexpr int kReadyTimeoutMs = timeouts::kSignal;

RedisSettings settingsFor(const sender::test::RedisProcess &redis)
{
    RedisSettings settings;
    settings.url.host = redis.host();
    settings.url.port = redis.port();
    return settings;
}

// Counts the warnings of the sender.redis category while it lives; every message still reaches
// the test framework's handler.
class RedisWarningCounter
{
public:
    RedisWarningCounter() { s_previous = qInstallMessageHandler(&RedisWarningCounter::handle); }
    ~RedisWarningCounter() { qInstallMessageHandler(s_previous); }
    static int warnings() { return s_warnings.loadRelaxed(); }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (type == QtWarningMsg && qstrcmp(context.category, "sender.redis") == 0)
            s_warnings.fetchAndAddRelaxed(1);
        if (s_previous)
            s_previous(type, context, text);
    }
    static inline QtMessageHandler s_previous = nullptr;
    static inline QAtomicInt s_warnings = 0;
};

// PUBSUB NUMPAT: how many pattern subscriptions the server holds (ours is the only one).
qint64 patternCount(RedisServerProcess &redis)
{
    const auto reply = redis.command({"PUBSUB", "NUMPAT"});
    return reply ? reply->integer : -1;
}

// Connections the server holds, the fixture's own command connection included.
qint64 clientCount(RedisServerProcess &redis)
{
    const auto reply = redis.command({"INFO", "clients"});
    if (!reply)
        return -1;
    for (const QByteArray &line : reply->string.split('\n')) {
        if (line.startsWith("connected_clients:"))
            return line.mid(18).trimmed().toLongLong();
    }
    return -1;
}
} // namespace

class TestRedisSubscriber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }
    void deliversInOrderWithExactBytes()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis));
        RecordingSink sink;
        subscriber.setSink(&sink);
        QSignalSpy states(&subscriber, &EventSource::stateChanged);
        subscriber.start();
        QCOMPARE(subscriber.state(), State::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.at(0).at(0).value<State>(), State::Connecting);
        QCOMPARE(states.at(1).at(0).value<State>(), State::Ready);
        QVERIFY2(subscriber.stateDetail().startsWith(
                     QStringLiteral("subscribed to 127.0.0.1:%1 db 0").arg(redis.port())),
                 qPrintable(subscriber.stateDetail()));

        const QList<std::pair<QByteArray, QByteArray>> sent = {
            {"3fa85f64-5717-4562-b3fc-2c963f66afa6", R"({"handler_id":"h","events":[{"a":1}]})"},
            {"7c9e6679-7425-40de-944b-e07fc1f90ae7", QStringLiteral("юникод ✓ 😀").toUtf8()},
            {"3fa85f64-5717-4562-b3fc-2c963f66afa6", QByteArray("\0\r\n*1\r\n$-1\r\n\xff", 13)},
            {"3fa85f64-5717-4562-b3fc-2c963f66afa6", QByteArray()},
            {"", "empty account: the sink decides"},
        };
        for (const auto &[account, payload] : sent)
            QCOMPARE(redis.publish("luna-sender:" + account, payload), 1);
        QCOMPARE(redis.publish("other:3fa85f64", "not ours"), 0);
        QCOMPARE(redis.publish("luna-sender", "no colon: not ours"), 0);

        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), sent.size(), timeouts::kSignal);
        for (qsizetype i = 0; i < sent.size(); ++i) {
            QCOMPARE(sink.messages.at(i).account, sent.at(i).first);
            QCOMPARE(sink.messages.at(i).payload, sent.at(i).second);
            QCOMPARE(sink.messages.at(i).kind, sender::SourceKind::Redis);
        }
        QCOMPARE(subscriber.messagesReceived(), quint64(sent.size()));
        QCOMPARE(subscriber.malformedCount(), 0u);
        QVERIFY(subscriber.bytesReceived() > 100);
        QCOMPARE(subscriber.reconnectCount(), 0u);
    }

    void pipelinedBurstKeepsOrder()
    {
        // Many replies arrive per read: all are parsed and delivered in publish order.
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis));
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);

        constexpr int kCount = 5000;
        QList<QList<QByteArray>> commands;
        for (int i = 0; i < kCount; ++i) {
            const QByteArray account = "acc-" + QByteArray::number(i % 7);
            commands.append(
                {"PUBLISH", "luna-sender:" + account, "message " + QByteArray::number(i)});
        }
        QCOMPARE(redis.pipeline(commands).size(), kCount);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), kCount, timeouts::kRoundTrip);
        for (int i = 0; i < kCount; ++i) {
            QCOMPARE(sink.messages.at(i).payload, "message " + QByteArray::number(i));
            QCOMPARE(sink.messages.at(i).account, "acc-" + QByteArray::number(i % 7));
        }
    }

    void largePayload()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis));
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);

        QByteArray big(1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char((i * 131) ^ (i >> 8));
        QCOMPARE(redis.publish("luna-sender:big", big), 1);
        QCOMPARE(redis.publish("luna-sender:after", "small"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 2, timeouts::kSignal);
        QCOMPARE(sink.messages.at(0).account, QByteArray("big"));
        QVERIFY(sink.messages.at(0).payload == big);
        QCOMPARE(sink.messages.at(1).payload, QByteArray("small"));
        QCOMPARE(subscriber.malformedCount(), 0u);
    }

    void nothingListening()
    {
        RedisSettings settings;
        settings.url.host = QStringLiteral("127.0.0.1");
        settings.url.port = sender::test::findFreePort();
        settings.reconnectMaxMs = 200;
        RedisSubscriber subscriber(settings);
        RedisWarningCounter counter;
        const int warningsBefore = counter.warnings();
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().startsWith(QLatin1StringView("connection refused")),
                 qPrintable(subscriber.stateDetail()));
        const qint64 retry = subscriber.nextRetryInMs();
        QVERIFY2(retry >= 0 && retry <= 200, qPrintable(QString::number(retry)));
        QTRY_VERIFY_WITH_TIMEOUT(subscriber.reconnectCount() >= 6, timeouts::kSignal);
        QCOMPARE(subscriber.state(), State::Down);
        // The same failure over and over is one warning (the rest go to the debug level); a long
        // outage must not fill the journal.
        QCOMPARE(counter.warnings() - warningsBefore, 1);
    }

    // A peer that takes the subscription and then drops it, again and again, is retried ever more
    // slowly: the back-off only starts over once a subscription has stayed up for a while.
    void flappingPeerBacksOff()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis)); // 100 ms .. 1.5 s
        subscriber.start();
        QList<qint64> retries;
        for (int round = 0; round < 5; ++round) {
            QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
            const auto killed = redis.command({"CLIENT", "KILL", "TYPE", "pubsub"});
            QVERIFY(killed && killed->integer == 1);
            QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
            retries.append(subscriber.nextRetryInMs());
        }
        // Delays are drawn from [ceiling / 2, ceiling] with the ceiling doubling from 100 ms:
        // the first is at most 100 ms, the fifth (ceiling 1.5 s) at least 750 ms, less the few
        // milliseconds between the drop and the check.
        QVERIFY2(retries.first() <= 100, qPrintable(QString::number(retries.first())));
        QVERIFY2(retries.last() >= 600, qPrintable(QString::number(retries.last())));
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
    }

    void survivesKillAndRestart()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis)); // default back-off: 100 ms .. 1.5 s
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QCOMPARE(redis.publish("luna-sender:a", "before"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);

        QVERIFY(redis.kill9());
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().startsWith(QLatin1StringView("connection lost")),
                 qPrintable(subscriber.stateDetail()));
        // Stay down long enough for the back-off to reach its ceiling: the worst case for resuming.
        QTRY_VERIFY_WITH_TIMEOUT(subscriber.reconnectCount() >= 6, timeouts::kRoundTrip);
        QCOMPARE(subscriber.state() == State::Ready, false);

        QVERIFY2(redis.restart(), qPrintable(redis.errorString()));
        // Back on the next attempt: the back-off does not grow past its ceiling (1.5 s) and no
        // attempt is wasted once Redis answers again. Counted, not timed, so load cannot fail it.
        const quint64 attemptsBeforeBack = subscriber.reconnectCount();
        QVERIFY2(subscriber.nextRetryInMs() <= 1500,
                 qPrintable(QString::number(subscriber.nextRetryInMs())));
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, timeouts::kRoundTrip);
        QVERIFY2(subscriber.reconnectCount() <= attemptsBeforeBack + 1,
                 qPrintable(QStringLiteral("%1 attempts after Redis was back")
                                .arg(subscriber.reconnectCount() - attemptsBeforeBack)));

        QCOMPARE(redis.publish("luna-sender:a", "after"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 2, timeouts::kSignal);
        QCOMPARE(sink.messages.at(1).payload, QByteArray("after"));
        QVERIFY(subscriber.reconnectCount() >= 6);
    }

    void survivesGracefulShutdown()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis));
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QVERIFY(redis.stop());
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY(redis.restart());
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, timeouts::kSignal);
        QCOMPARE(redis.publish("luna-sender:a", "again"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);
    }

    void stopInEveryState()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis));
        QSignalSpy states(&subscriber, &EventSource::stateChanged);

        // Connecting
        subscriber.start();
        QCOMPARE(subscriber.state(), State::Connecting);
        subscriber.stop();
        QCOMPARE(subscriber.state(), State::Stopped);
        subscriber.stop();
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.last().at(0).value<State>(), State::Stopped);

        // Ready: the server sees the subscription go away.
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QCOMPARE(patternCount(redis), 1);
        subscriber.stop();
        QCOMPARE(subscriber.state(), State::Stopped);
        QTRY_COMPARE_WITH_TIMEOUT(patternCount(redis), 0, timeouts::kSignal);
        subscriber.stop();

        // Down, with a retry pending: stop() cancels it.
        QVERIFY(redis.kill9());
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        subscriber.stop();
        QCOMPARE(subscriber.state(), State::Stopped);
        QCOMPARE(subscriber.nextRetryInMs(), -1);
        const quint64 reconnects = subscriber.reconnectCount();
        QVERIFY(!QTest::qWaitFor([&] { return subscriber.reconnectCount() != reconnects; },
                                 timeouts::kAbsence));
        QCOMPARE(subscriber.state(), State::Stopped);

        // And it starts again.
        QVERIFY(redis.restart());
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
    }

    void destroyInEveryState_data()
    {
        QTest::addColumn<int>("when");
        QTest::newRow("never started") << 0;
        QTest::newRow("connecting") << 1;
        QTest::newRow("ready") << 2;
        QTest::newRow("down") << 3;
        QTest::newRow("right after the server died") << 4;
        QTest::newRow("stopped") << 5;
    }
    void destroyInEveryState()
    {
        QFETCH(int, when);
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        auto subscriber = std::make_unique<RedisSubscriber>(settingsFor(redis));
        RecordingSink sink;
        subscriber->setSink(&sink);
        if (when >= 1)
            subscriber->start();
        if (when >= 2 && when != 3)
            QTRY_COMPARE_WITH_TIMEOUT(subscriber->state(), State::Ready, kReadyTimeoutMs);
        if (when == 3) {
            QVERIFY(redis.kill9());
            QTRY_COMPARE_WITH_TIMEOUT(subscriber->state(), State::Down, timeouts::kSignal);
        }
        if (when == 4)
            QVERIFY(redis.kill9()); // the socket's error is still undelivered
        if (when == 5)
            subscriber->stop();
        subscriber.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        // Nothing reached the sink, and the subscriber left nothing behind: while Redis runs, its
        // subscription and its connection are gone (only the fixture's own connection remains);
        // after a crash, a Redis started again sees no reconnect from it.
        QVERIFY(sink.messages.isEmpty());
        if (when == 3 || when == 4)
            QVERIFY(redis.restart());
        QTRY_COMPARE_WITH_TIMEOUT(patternCount(redis), 0, timeouts::kSignal);
        QTRY_COMPARE_WITH_TIMEOUT(clientCount(redis), 1, timeouts::kSignal);
    }

    void stopFromInsideTheSink()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSubscriber subscriber(settingsFor(redis));
        RecordingSink sink;
        sink.afterEach = [&subscriber] {
            subscriber.stop();
        };
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QList<QList<QByteArray>> burst;
        for (int i = 0; i < 100; ++i)
            burst.append({"PUBLISH", "luna-sender:a", QByteArray::number(i)});
        QCOMPARE(redis.pipeline(burst).size(), 100);
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Stopped, timeouts::kSignal);
        QVERIFY(!QTest::qWaitFor([&] { return sink.messages.size() > 1; }, timeouts::kAbsence));
        QCOMPARE(sink.messages.size(), 1);
    }

    void deleteLaterFromInsideTheSink()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        QPointer<RedisSubscriber> subscriber = new RedisSubscriber(settingsFor(redis));
        RecordingSink sink;
        sink.afterEach = [&subscriber] {
            if (subscriber)
                subscriber->deleteLater();
        };
        subscriber->setSink(&sink);
        subscriber->start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber->state(), State::Ready, kReadyTimeoutMs);
        QList<QList<QByteArray>> burst;
        for (int i = 0; i < 100; ++i)
            burst.append({"PUBLISH", "luna-sender:a", QByteArray::number(i)});
        QCOMPARE(redis.pipeline(burst).size(), 100);
        QTRY_VERIFY_WITH_TIMEOUT(subscriber.isNull(), timeouts::kSignal);
        QTRY_COMPARE_WITH_TIMEOUT(patternCount(redis), 0, timeouts::kSignal);
    }

    void runsOnItsOwnThread()
    {
        // The engine runs sources on its own QThread: timers and sockets must live there too.
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        struct ThreadSink : sender::MessageSink
        {
            void acceptMessage(QByteArrayView account, const QByteArray &payload,
                               sender::SourceKind) override
            {
                const QMutexLocker lock(&mutex);
                received.append(account.toByteArray() + '=' + payload);
                thread = QThread::currentThread();
            }
            QMutex mutex;
            QList<QByteArray> received;
            QThread *thread = nullptr;
        } sink;
        QThread engine;
        engine.start();
        auto *subscriber = new RedisSubscriber(settingsFor(redis));
        subscriber->setSink(&sink);
        subscriber->moveToThread(&engine);
        QMetaObject::invokeMethod(subscriber, &RedisSubscriber::start);
        const auto stateOf = [subscriber] {
            State state = State::Stopped;
            QMetaObject::invokeMethod(
                subscriber, [&] { state = subscriber->state(); }, Qt::BlockingQueuedConnection);
            return state;
        };
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), State::Ready, kReadyTimeoutMs);
        QCOMPARE(redis.publish("luna-sender:t", "threaded"), 1);
        const auto received = [&sink] {
            const QMutexLocker lock(&sink.mutex);
            return sink.received;
        };
        QTRY_COMPARE_WITH_TIMEOUT(received(), QList<QByteArray> {"t=threaded"}, timeouts::kSignal);
        QCOMPARE(sink.thread, &engine);
        // A kill and a reconnect on that thread: the retry timer moved along.
        QVERIFY(redis.kill9());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), State::Down, timeouts::kSignal);
        QVERIFY(redis.restart());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), State::Ready, timeouts::kSignal);
        // Deleted on its own thread as the engine does at shutdown: deleteLater, then the thread
        // ends.
        QMetaObject::invokeMethod(subscriber, &QObject::deleteLater, Qt::BlockingQueuedConnection);
        engine.quit();
        QVERIFY(engine.wait(timeouts::kSignal));
        QTRY_COMPARE_WITH_TIMEOUT(patternCount(redis), 0, timeouts::kSignal);
    }

    void invalidSettings()
    {
        RedisSubscriber subscriber(RedisSettings {});
        subscriber.start();
        QCOMPARE(subscriber.state(), State::Down);
        QVERIFY2(subscriber.stateDetail().startsWith(QLatin1StringView("invalid settings: ")),
                 qPrintable(subscriber.stateDetail()));
        QCOMPARE(subscriber.nextRetryInMs(), -1);
        subscriber.stop();
        QCOMPARE(subscriber.state(), State::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestRedisSubscriber)
#include "tst_redissubscriber.moc"
