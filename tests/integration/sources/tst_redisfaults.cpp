#include "FailOnWarnings.h"
#include "RecordingSink.h"
#include "RedisProcess.h"
#include "TestTimeouts.h"
#include "sources/redis/RedisSubscriber.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>

using sender::EventSource;
using sender::RedisSettings;
using sender::RedisSubscriber;
using sender::test::RedisServerProcess;
using State = sender::EventSource::State;

namespace {
constexpr int kReadyTimeoutMs = timeouts::kSignal;

// A TCP peer on a free port that plays Redis badly: `respond` decides what to write back to each
// chunk a client sends (nothing at all: a server that accepts and never answers).
class FakePeer : public QObject
{
public:
    using Responder = std::function<void(QTcpSocket *socket, const QByteArray &received)>;

    explicit FakePeer(Responder respond = {})
        : m_respond(std::move(respond))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    const QByteArray data = socket->readAll();
                    if (m_respond)
                        m_respond(socket, data);
                });
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    RedisSettings settings() const
    {
        RedisSettings settings;
        settings.url.host = QStringLiteral("127.0.0.1");
        settings.url.port = m_server.serverPort();
        return settings;
    }

    int connections = 0;

private:
    QTcpServer m_server;
    Responder m_respond;
};

const QByteArray kSubscribed = "*3\r\n$10\r\npsubscribe\r\n$13\r\nluna-sender:*\r\n:1\r\n";

QByteArray pmessage(const QByteArray &channel, const QByteArray &payload)
{
    QByteArray out = "*4\r\n$8\r\npmessage\r\n$13\r\nluna-sender:*\r\n";
    out += '$' + QByteArray::number(channel.size()) + "\r\n" + channel + "\r\n";
    out += '$' + QByteArray::number(payload.size()) + "\r\n" + payload + "\r\n";
    return out;
}
} // namespace

class TestRedisFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        // And it names each malformed reply it skips.
        sender::test::failOnQtWarnings(
            {"(retry in ", "redis source DOWN", "unexpected reply while subscribed",
             "message on a foreign channel", "pmessage with non-string parts",
             "over the size limit skipped", "protocol error from"});
    }
    void serverThatNeverAnswers()
    {
        FakePeer silent;
        RedisSettings settings = silent.settings();
        settings.connectTimeoutMs = 500;
        settings.reconnectMaxMs = 200;
        RedisSubscriber subscriber(settings);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().startsWith(QLatin1StringView("no answer within 500 ms")),
                 qPrintable(subscriber.stateDetail()));
        // ... and it keeps trying rather than hanging.
        QTRY_VERIFY_WITH_TIMEOUT(silent.connections >= 3, timeouts::kSignal);
        QVERIFY(subscriber.reconnectCount() >= 2);
    }

    void redisThatStopsAnswering()
    {
        // A real Redis frozen with SIGSTOP: TCP stays up, the kernel even accepts new connections,
        // but no PONG comes back.
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSettings settings;
        settings.url.host = redis.host();
        settings.url.port = redis.port();
        settings.pingIntervalMs = 200;
        settings.connectTimeoutMs = 500;
        RedisSubscriber subscriber(settings);
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        // Several pings answered: no false alarm while the server is healthy.
        QVERIFY(!QTest::qWaitFor([&] { return subscriber.state() != State::Ready; },
                                 timeouts::kAbsence));

        QVERIFY(redis.pause());
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().startsWith(
                     QLatin1StringView("no answer to PING within 500 ms")),
                 qPrintable(subscriber.stateDetail()));
        QTRY_VERIFY_WITH_TIMEOUT(subscriber.reconnectCount() >= 1, timeouts::kSignal);
        QVERIFY(subscriber.state() != State::Ready);

        QVERIFY(redis.resume());
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, timeouts::kSignal);
        QCOMPARE(redis.publish("luna-sender:a", "alive"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);
    }

    void garbageInsteadOfResp()
    {
        FakePeer garbage([](QTcpSocket *socket, const QByteArray &) {
            socket->write("HTTP/1.1 400 Bad Request\r\n\r\n");
        });
        RedisSettings settings = garbage.settings();
        settings.reconnectMaxMs = 200;
        RedisSubscriber subscriber(settings);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().startsWith(QLatin1StringView("protocol error from")),
                 qPrintable(subscriber.stateDetail()));
        QVERIFY(subscriber.malformedCount() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(garbage.connections >= 3, timeouts::kSignal);
    }

    void garbageAfterSubscribing()
    {
        // Subscribed, a message, then bytes that are no RESP at all: counted, reconnect, no crash,
        // and the message before the garbage is still delivered.
        FakePeer peer([](QTcpSocket *socket, const QByteArray &received) {
            if (received.contains("PSUBSCRIBE"))
                socket->write(kSubscribed + pmessage("luna-sender:a", "first") + "!!garbage\r\n");
        });
        RedisSettings settings = peer.settings();
        settings.reconnectMaxMs = 200;
        RedisSubscriber subscriber(settings);
        RecordingSink sink;
        subscriber.setSink(&sink);
        QSignalSpy states(&subscriber, &EventSource::stateChanged);
        subscriber.start();
        QTRY_VERIFY_WITH_TIMEOUT(peer.connections >= 2, timeouts::kSignal);
        QVERIFY(states.contains(QVariantList {QVariant::fromValue(State::Ready)}));
        QVERIFY(sink.messages.size() >= 1);
        QCOMPARE(sink.messages.at(0).payload, QByteArray("first"));
        QVERIFY(subscriber.malformedCount() >= 1);
    }

    void unexpectedRepliesAreCountedNotFatal()
    {
        FakePeer peer([](QTcpSocket *socket, const QByteArray &received) {
            if (!received.contains("PSUBSCRIBE"))
                return;
            QByteArray out = kSubscribed;
            out += "*3\r\n$7\r\nmessage\r\n$3\r\nchn\r\n$1\r\nx\r\n"; // not a pattern message
            out += ":5\r\n";
            out += "-ERR out of the blue\r\n";
            out += "*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$13\r\nluna-sender:a\r\n:7\r\n"; // integer
                                                                                        // payload
            out += pmessage("foreign:a", "x");
            out += "*2\r\n$4\r\npong\r\n$0\r\n\r\n"; // a PONG nobody asked for
            out += pmessage("luna-sender:a", "valid");
            socket->write(out);
        });
        RedisSubscriber subscriber(peer.settings());
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 1, timeouts::kSignal);
        QCOMPARE(sink.messages.at(0).payload, QByteArray("valid"));
        QCOMPARE(subscriber.malformedCount(), 6u);
        QCOMPARE(subscriber.state(), State::Ready);
        QCOMPARE(subscriber.reconnectCount(), 0u);
        QCOMPARE(peer.connections, 1);
    }

    void oversizedPayloadIsSkipped()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        RedisSettings settings;
        settings.url.host = redis.host();
        settings.url.port = redis.port();
        settings.maxMessageBytes = 1000;
        RedisSubscriber subscriber(settings);
        RecordingSink sink;
        subscriber.setSink(&sink);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Ready, kReadyTimeoutMs);
        QCOMPARE(redis.publish("luna-sender:a", QByteArray(1000, 'a')), 1); // at the limit: fine
        QCOMPARE(redis.publish("luna-sender:a", QByteArray(1001, 'b')), 1);
        QCOMPARE(redis.publish("luna-sender:a", QByteArray(5 * 1024 * 1024, 'c')), 1);
        QCOMPARE(redis.publish("luna-sender:a", "next"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(sink.messages.size(), 2, timeouts::kSignal);
        QCOMPARE(sink.messages.at(0).payload.size(), 1000);
        QCOMPARE(sink.messages.at(1).payload, QByteArray("next"));
        QCOMPARE(subscriber.malformedCount(), 2u);
        QCOMPARE(subscriber.state(), State::Ready);
        QCOMPARE(subscriber.reconnectCount(), 0u);
    }

    void endlessReplyIsCutOff()
    {
        // A bulk string that claims 100 MB and keeps coming: the connection is dropped once more
        // than maxBufferedBytes wait unparsed, instead of buffering without bound.
        FakePeer peer([](QTcpSocket *socket, const QByteArray &received) {
            if (!received.contains("PSUBSCRIBE"))
                return;
            socket->write(
                kSubscribed
                + "*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$13\r\nluna-sender:a\r\n$100000000\r\n");
            socket->write(QByteArray(2 * 1024 * 1024, 'z'));
        });
        RedisSettings settings = peer.settings();
        settings.maxMessageBytes = 256 * 1024;
        settings.maxBufferedBytes = 1024 * 1024;
        RedisSubscriber subscriber(settings);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().contains(
                     QLatin1StringView("a reply larger than 1048576 bytes")),
                 qPrintable(subscriber.stateDetail()));
        QVERIFY(subscriber.malformedCount() >= 1);
    }

    void hugeArrayIsAProtocolError()
    {
        FakePeer peer([](QTcpSocket *socket, const QByteArray &received) {
            if (!received.contains("PSUBSCRIBE"))
                return;
            socket->write(kSubscribed + "*2000000000\r\n" + QByteArray(":1\r\n").repeated(10000));
        });
        RedisSubscriber subscriber(peer.settings());
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().contains(QLatin1StringView("more than 4096 values")),
                 qPrintable(subscriber.stateDetail()));
    }

    void peerClosesDuringLogin()
    {
        FakePeer peer([](QTcpSocket *socket, const QByteArray &) { socket->close(); });
        RedisSettings settings = peer.settings();
        settings.reconnectMaxMs = 200;
        RedisSubscriber subscriber(settings);
        subscriber.start();
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::Down, timeouts::kSignal);
        QVERIFY2(subscriber.stateDetail().contains(
                     QLatin1StringView("closed the connection before the subscription")),
                 qPrintable(subscriber.stateDetail()));
        QTRY_VERIFY_WITH_TIMEOUT(peer.connections >= 3, timeouts::kSignal);
    }

    void destroyWhileConnectingToASilentServer()
    {
        FakePeer silent;
        auto subscriber = std::make_unique<RedisSubscriber>(silent.settings());
        subscriber->start();
        QTRY_COMPARE_WITH_TIMEOUT(silent.connections, 1, timeouts::kSignal);
        QCOMPARE(subscriber->state(), State::Connecting);
        subscriber->stop();
        QCOMPARE(subscriber->state(), State::Stopped);
        subscriber->start();
        QTRY_COMPARE_WITH_TIMEOUT(silent.connections, 2, timeouts::kSignal);
        subscriber.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
};

QTEST_GUILESS_MAIN(TestRedisFaults)
#include "tst_redisfaults.moc"
