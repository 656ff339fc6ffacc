#include "FailOnWarnings.h"
#include "RecordingSink.h"
#include "RedisProcess.h"
#include "TestTimeouts.h"
#include "sources/redis/RedisSubscriber.h"

#include <QTest>

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
} // namespace

// Logging in: password, ACL user, database; a wrong one ends in Down with a detail that says why.
class TestRedisLogin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }
    void credentials_data()
    {
        QTest::addColumn<QString>("serverPassword");
        QTest::addColumn<QString>("aclUser");
        QTest::addColumn<QString>("aclRules");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("failure"); // empty: expect Ready
        const QString all = QStringLiteral("~* &* +@all");
        QTest::newRow("password") << "s3cret"
                                  << "" << all << ""
                                  << "s3cret"
                                  << "";
        QTest::newRow("wrong password") << "s3cret"
                                        << "" << all << ""
                                        << "nope"
                                        << "authentication failed: WRONGPASS";
        QTest::newRow("no password given") << "s3cret"
                                           << "" << all << ""
                                           << ""
                                           << "authentication required: NOAUTH";
        QTest::newRow("password nobody asked for") << ""
                                                   << "" << all << ""
                                                   << "x"
                                                   << "authentication failed: ERR AUTH";
        QTest::newRow("acl user") << ""
                                  << "luna" << all << "luna"
                                  << "pa:ss@word"
                                  << "";
        QTest::newRow("acl user, minimal rights")
            << ""
            << "luna"
            << "resetchannels &luna-sender:* -@all +psubscribe +punsubscribe +ping"
            << "luna"
            << "pa:ss@word"
            << "";
        QTest::newRow("acl user, wrong password") << ""
                                                  << "luna" << all << "luna"
                                                  << "bad"
                                                  << "authentication failed: WRONGPASS";
        QTest::newRow("acl user, unknown") << ""
                                           << "luna" << all << "ghost"
                                           << "pa:ss@word"
                                           << "authentication failed: WRONGPASS";
        QTest::newRow("acl user without channel rights") << ""
                                                         << "luna"
                                                         << "~* resetchannels +@all"
                                                         << "luna"
                                                         << "pa:ss@word"
                                                         << "subscription refused: NOPERM";
    }
    void credentials()
    {
        QFETCH(QString, serverPassword);
        QFETCH(QString, aclUser);
        QFETCH(QString, aclRules);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, failure);
        RedisServerProcess::Options options;
        options.password = serverPassword;
        options.aclUser = aclUser;
        options.aclPassword = QStringLiteral("pa:ss@word");
        options.aclRules = aclRules;
        RedisServerProcess redis(options);
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));

        RedisSettings settings = settingsFor(redis);
        settings.url.user = user;
        settings.url.password = password;
        RedisSubscriber subscriber(settings);
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        if (failure.isEmpty()) {
            QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
            QCOMPARE(redis.publish("luna-sender:a", "hello"), 1);
            QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);
            QCOMPARE(sink.messages.at(0).payload, QByteArray("hello"));
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, kReadyTimeoutMs);
            QVERIFY2(subscriber.stateDetail().startsWith(failure),
                     qPrintable(subscriber.stateDetail()));
            QVERIFY(subscriber.nextRetryInMs() >= 0);
        }
    }

    void databaseNumber()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSettings settings = settingsFor(redis);
        settings.url.db = 3;
        RedisSubscriber subscriber(settings);
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QVERIFY2(subscriber.stateDetail().contains(QLatin1StringView(" db 3")),
                 qPrintable(subscriber.stateDetail()));
        // The connection really selected db 3 (CLIENT LIST shows each client's db) ...
        const auto clients = redis.command({"CLIENT", "LIST", "TYPE", "pubsub"});
        QVERIFY(clients);
        QVERIFY2(clients->string.contains(" db=3 "), clients->string.constData());
        // ... while pub/sub itself ignores databases: a publisher on db 0 reaches us.
        QCOMPARE(redis.publish("luna-sender:a", "x"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);

        settings.url.db = 99;
        RedisSubscriber outOfRange(settings);
        outOfRange.start();
        QTRY_COMPARE_WITH_TIMEOUT(outOfRange.state(), State::Down, kReadyTimeoutMs);
        QVERIFY2(outOfRange.stateDetail().startsWith(
                     QLatin1StringView("SELECT 99 failed: ERR DB index is out of range")),
                 qPrintable(outOfRange.stateDetail()));
    }
};

QTEST_GUILESS_MAIN(TestRedisLogin)
#include "tst_redislogin.moc"
