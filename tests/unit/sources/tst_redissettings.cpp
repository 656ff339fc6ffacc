#include "FailOnWarnings.h"
#include "sources/redis/RedisSettings.h"

#include <QTest>

using sender::RedisSettings;

namespace {
RedisSettings direct()
{
    RedisSettings settings;
    settings.url.host = QStringLiteral("127.0.0.1");
    return settings;
}
} // namespace

class TestRedisSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void defaultsAreUsable()
    {
        const RedisSettings settings = direct();
        QCOMPARE(settings.validate(), QString());
        QCOMPARE(settings.channelPrefix, QByteArray("luna-sender:"));
        QCOMPARE(settings.url.port, 6379);
        QCOMPARE(settings.connectTimeoutMs, 3000);
        QVERIFY(settings.reconnectMinMs <= settings.reconnectMaxMs);
        QVERIFY(settings.maxMessageBytes <= settings.maxBufferedBytes);
        QCOMPARE(settings.effectiveBufferedLimit(), settings.maxBufferedBytes);
    }

    void bufferLimitMakesRoomForTheLargestMessage()
    {
        RedisSettings settings = direct();
        settings.maxMessageBytes = 100 * 1024 * 1024; // configured above the buffer default
        QCOMPARE(settings.validate(), QString());
        QVERIFY(settings.effectiveBufferedLimit() > settings.maxMessageBytes);
    }

    void validate_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no host") << 0 << QStringLiteral("no Redis host");
        QTest::newRow("sentinels without master") << 1 << QStringLiteral("master name");
        QTest::newRow("sentinel without port") << 2 << QStringLiteral("sentinel address");
        QTest::newRow("empty prefix") << 3 << QStringLiteral("prefix");
        QTest::newRow("zero timeout") << 4 << QStringLiteral("positive");
        QTest::newRow("min above max") << 5 << QStringLiteral("100..50");
        QTest::newRow("no message limit") << 6 << QStringLiteral("size limits must be positive");
        QTest::newRow("port zero") << 7 << QStringLiteral("port");
    }
    void validate()
    {
        QFETCH(int, mutation);
        QFETCH(QString, fragment);
        RedisSettings settings = direct();
        switch (mutation) {
        case 0:
            settings.url.host.clear();
            break;
        case 1:
            settings.sentinels = {{QStringLiteral("127.0.0.1"), 26379}};
            break;
        case 2:
            settings.sentinels = {{QStringLiteral("127.0.0.1"), 0}};
            settings.sentinelMaster = QStringLiteral("mymaster");
            break;
        case 3:
            settings.channelPrefix.clear();
            break;
        case 4:
            settings.pingIntervalMs = 0;
            break;
        case 5:
            settings.reconnectMinMs = 100;
            settings.reconnectMaxMs = 50;
            break;
        case 6:
            settings.maxMessageBytes = 0;
            break;
        case 7:
            settings.url.port = 0;
            break;
        }
        const QString problem = settings.validate();
        QVERIFY2(problem.contains(fragment), qPrintable(problem));
    }

    void sentinelsNeedNoHost()
    {
        RedisSettings settings;
        settings.sentinels = {{QStringLiteral("127.0.0.1"), 26379}};
        settings.sentinelMaster = QStringLiteral("mymaster");
        QCOMPARE(settings.validate(), QString());
        QCOMPARE(settings.targetDescription(),
                 QStringLiteral("master 'mymaster' via 1 sentinel(s)"));
    }

    void subscriptionPattern_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("pattern");
        QTest::newRow("default") << QByteArray("luna-sender:") << QByteArray("luna-sender:*");
        QTest::newRow("glob characters escaped")
            << QByteArray("a*b?c[d]e\\:") << QByteArray("a\\*b\\?c\\[d\\]e\\\\:*");
    }
    void subscriptionPattern()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, pattern);
        RedisSettings settings = direct();
        settings.channelPrefix = prefix;
        QCOMPARE(settings.subscriptionPattern(), pattern);
    }

    void targetDescription()
    {
        RedisSettings settings = direct();
        settings.url.port = 6380;
        QCOMPARE(settings.targetDescription(), QStringLiteral("127.0.0.1:6380"));
    }
};

QTEST_GUILESS_MAIN(TestRedisSettings)
#include "tst_redissettings.moc"
