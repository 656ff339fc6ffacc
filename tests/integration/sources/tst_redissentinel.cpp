#include "FailOnWarnings.h"
#include "RecordingSink.h"
#include "RedisProcess.h"
#include "TestTimeouts.h"
#include "sources/redis/RedisSubscriber.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using sender::RedisSettings;
using sender::RedisSubscriber;
using sender::test::RedisServerProcess;
using sender::test::SentinelProcess;
using State = sender::EventSource::State;

namespace {
constexpr int kReadyTimeoutMs = timeouts::kRoundTrip;

RedisSettings viaSentinels(const QList<quint16> &ports,
                           const QString &master = QStringLiteral("mymaster"))
{
    RedisSettings settings;
    for (quint16 port : ports)
        settings.sentinels.append({QStringLiteral("127.0.0.1"), port});
    settings.sentinelMaster = master;
    settings.connectTimeoutMs = 1000;
    settings.sentinelCheckIntervalMs = 500;
    return settings;
}

SentinelProcess::Options sentinelFor(const RedisServerProcess &master)
{
    SentinelProcess::Options options;
    options.masterPort = master.port();
    return options;
}
} // namespace

class TestRedisSentinel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        // And Sentinel's answers: no master, a master that moved or is a replica.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN", "sentinel: "});
    }
    void discoversTheMaster()
    {
        RedisServerProcess master;
        QVERIFY2(master.start(), qPrintable(master.errorString()));
        SentinelProcess sentinel(sentinelFor(master));
        QVERIFY2(sentinel.start(), qPrintable(sentinel.errorString()));

        // The first sentinel listed is dead: the next one is asked.
        RedisSubscriber subscriber(viaSentinels({sender::test::findFreePort(), sentinel.port()}));
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QCOMPARE(subscriber.endpoint(), QStringLiteral("127.0.0.1:%1").arg(master.port()));
        QVERIFY2(subscriber.stateDetail().contains(
                     QStringLiteral("from sentinel 127.0.0.1:%1").arg(sentinel.port())),
                 qPrintable(subscriber.stateDetail()));
        QCOMPARE(master.publish("luna-sender:acc", "via sentinel"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);
        QCOMPARE(sink.messages.at(0).account, QByteArray("acc"));
    }

    // Issue 18: a sentinel's reply was buffered without a bound until the timeout. One that
    // announces a gigabyte and keeps sending is cut off at the resolver's reply limit.
    void endlessSentinelReplyIsCut()
    {
        QTcpServer hostile;
        QVERIFY(hostile.listen(QHostAddress::LocalHost, 0));
        qint64 sent = 0;
        bool cut = false;
        connect(&hostile, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = hostile.nextPendingConnection();
            connect(socket, &QTcpSocket::disconnected, this, [&] { cut = true; });
            connect(socket, &QTcpSocket::readyRead, this, [&, socket] {
                socket->readAll();
                socket->write("$1000000000\r\n");
                // 4 MiB, far beyond any sentinel answer and far short of the announced length.
                const QByteArray chunk(64 * 1024, 'x');
                for (int i = 0; i < 64; ++i)
                    sent += socket->write(chunk);
            });
        });
        RedisSettings settings = viaSentinels({hostile.serverPort()});
        settings.connectTimeoutMs = 60000; // so that only the size limit can end the round soon
        RedisSubscriber subscriber(settings);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, kReadyTimeoutMs);
        QVERIFY2(subscriber.stateDetail().contains(QLatin1StringView("a reply larger than 65536")),
                 qPrintable(subscriber.stateDetail()));
        QTRY_VERIFY_WITH_TIMEOUT(cut, kReadyTimeoutMs); // the resolver hung up
        QVERIFY(sent > 0);
        subscriber.stop();
    }

    void unknownMaster()
    {
        RedisServerProcess master;
        QVERIFY2(master.start(), qPrintable(master.errorString()));
        SentinelProcess sentinel(sentinelFor(master));
        QVERIFY2(sentinel.start(), qPrintable(sentinel.errorString()));
        RedisSubscriber subscriber(viaSentinels({sentinel.port()}, QStringLiteral("nope")));
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, kReadyTimeoutMs);
        QVERIFY2(
            subscriber.stateDetail().startsWith(QLatin1StringView("sentinel: no master 'nope'")),
            qPrintable(subscriber.stateDetail()));
    }

    void noSentinelAnswers()
    {
        RedisSubscriber subscriber(viaSentinels({sender::test::findFreePort()}));
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, kReadyTimeoutMs);
        QVERIFY2(subscriber.stateDetail().startsWith(
                     QLatin1StringView("sentinel: no address for master 'mymaster' (127.0.0.1:")),
                 qPrintable(subscriber.stateDetail()));
    }

    void passwords_data()
    {
        QTest::addColumn<QString>("sentinelPassword");
        QTest::addColumn<QString>("failure");
        QTest::newRow("right") << "sentinel-secret"
                               << "";
        QTest::newRow("wrong") << "bad"
                               << "authentication failed: WRONGPASS";
    }
    void passwords()
    {
        QFETCH(QString, sentinelPassword);
        QFETCH(QString, failure);
        RedisServerProcess::Options masterOptions;
        masterOptions.password = QStringLiteral("master-secret");
        RedisServerProcess master(masterOptions);
        QVERIFY2(master.start(), qPrintable(master.errorString()));
        SentinelProcess::Options options = sentinelFor(master);
        options.masterPassword = masterOptions.password;
        options.password = QStringLiteral("sentinel-secret");
        SentinelProcess sentinel(options);
        QVERIFY2(sentinel.start(), qPrintable(sentinel.errorString()));

        RedisSettings settings = viaSentinels({sentinel.port()});
        settings.sentinelPassword = sentinelPassword;
        settings.url.password = masterOptions.password;
        RedisSubscriber subscriber(settings);
        subscriber.start();
        if (failure.isEmpty()) {
            QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, kReadyTimeoutMs);
            QVERIFY2(subscriber.stateDetail().contains(failure),
                     qPrintable(subscriber.stateDetail()));
        }
    }

    void followsAFailover()
    {
        RedisServerProcess master;
        QVERIFY2(master.start(), qPrintable(master.errorString()));
        RedisServerProcess::Options replicaOptions;
        replicaOptions.extraConfig = {QStringLiteral("replicaof 127.0.0.1 %1").arg(master.port())};
        RedisServerProcess replica(replicaOptions);
        QVERIFY2(replica.start(), qPrintable(replica.errorString()));
        // Start the sentinel once the replica is attached: its first INFO of the master lists it.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto info = master.command({"INFO", "replication"});
                return info && info->string.contains("connected_slaves:1");
            }(),
            timeouts::kRoundTrip);
        SentinelProcess sentinel(sentinelFor(master));
        QVERIFY2(sentinel.start(), qPrintable(sentinel.errorString()));

        RedisSubscriber subscriber(viaSentinels({sentinel.port()}));
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QCOMPARE(subscriber.endpoint(), QStringLiteral("127.0.0.1:%1").arg(master.port()));

        // The sentinel needs to have met the replica before it can promote it.
        // (QTRY_* evaluates its expression once more at the end: remember the success.)
        bool failoverStarted = false;
        const auto startFailover = [&] {
            const auto reply = sentinel.command({"SENTINEL", "FAILOVER", "mymaster"});
            failoverStarted = reply && !reply->isError();
            return failoverStarted;
        };
        QTRY_VERIFY_WITH_TIMEOUT(failoverStarted || startFailover(), timeouts::kLongOperation);
        QTRY_VERIFY_WITH_TIMEOUT(sentinel.masterAddress()
                                     && sentinel.masterAddress()->second == replica.port(),
                                 timeouts::kLongOperation);
        QTRY_VERIFY_WITH_TIMEOUT(subscriber.state() == State::Ready
                                     && subscriber.endpoint()
                                         == QStringLiteral("127.0.0.1:%1").arg(replica.port()),
                                 timeouts::kLongOperation);
        QCOMPARE(replica.publish("luna-sender:acc", "after failover"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);
        QCOMPARE(sink.messages.at(0).payload, QByteArray("after failover"));
    }

    void refusesAReplica()
    {
        // A sentinel whose answer is stale (it names a replica) must not get us subscribed there.
        RedisServerProcess master;
        QVERIFY2(master.start(), qPrintable(master.errorString()));
        SentinelProcess sentinel(sentinelFor(master));
        QVERIFY2(sentinel.start(), qPrintable(sentinel.errorString()));
        QVERIFY(master.command(
            {"REPLICAOF", "127.0.0.1", QByteArray::number(sender::test::findFreePort())}));

        RedisSettings settings = viaSentinels({sentinel.port()});
        settings.reconnectMaxMs = 300;
        RedisSubscriber subscriber(settings);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, kReadyTimeoutMs);
        QVERIFY2(
            subscriber.stateDetail().contains(QLatin1StringView("is not a master (role slave)")),
            qPrintable(subscriber.stateDetail()));
        // Once it is a master again, the retry succeeds.
        QVERIFY(master.command({"REPLICAOF", "NO", "ONE"}));
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestRedisSentinel)
#include "tst_redissentinel.moc"
