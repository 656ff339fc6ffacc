// Scaling out: two luna-sender processes on two ports share one real redis-server. Every
// instance PSUBSCRIBEs luna-sender:*, so one PUBLISH reaches both, and each delivers the event
// once to each of its own matching clients: nothing is shared between instances but Redis.

#include "FailOnWarnings.h"
#include "RedisProcess.h"
#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QWebSocket>

#include <csignal>
#include <memory>
#include <vector>

using namespace sender::test;

namespace {

const QByteArray kAccountA = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kAccountB = "0f3c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e2f";

QByteArray message(const QByteArray &marker, const QByteArray &source = "cam-1")
{
    return R"({"handler_id": "3e9ac0ac-7c4f-4a3e-9d5a-6a7c0d2b1f10",)"
           R"( "Luna-Request-Id": "1700000000,0f6e4c7a-2b1d-4c3e-8f5a-9b8c7d6e5f40",)"
           R"( "event_create_time": "2024-05-14T09:30:12.120123+00:00",)"
           R"( "event_end_time": "2024-05-14T09:30:12.180456+00:00",)"
           R"( "events": [{"event_id": ")"
        + marker + R"(", "source": ")" + source + R"("}]})";
}

// Redis connections holding a pattern subscription (PUBSUB NUMPAT counts distinct patterns, and
// both instances use the same one).
int patternSubscribers(RedisServerProcess &redis)
{
    const std::optional<RespReply> list = redis.command({"CLIENT", "LIST", "TYPE", "pubsub"});
    return list ? int(list->string.count(" psub=1 ")) : -1;
}

// One subscriber and the event ids of the frames it got, in order.
struct Subscriber
{
    QString name;
    std::unique_ptr<QWebSocket> socket;
    QStringList received;
};

} // namespace

class tst_ScaleOut : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void twoInstancesShareOneRedis();
};

void tst_ScaleOut::twoInstancesShareOneRedis()
{
    RedisServerProcess redis;
    QVERIFY2(redis.start(), qPrintable(redis.errorString()));
    const QString url = QStringLiteral("redis://%1:%2").arg(redis.host()).arg(redis.port());

    ServiceProcess first;
    ServiceProcess second;
    const quint16 firstPort =
        first.startListening({QStringLiteral("--redis"), url, QStringLiteral("--set"),
                              QStringLiteral("SERVER.DRAIN_SECONDS=0")});
    QVERIFY2(firstPort != 0, first.log().constData());
    const quint16 secondPort =
        second.startListening({QStringLiteral("--redis"), url, QStringLiteral("--set"),
                               QStringLiteral("SERVER.DRAIN_SECONDS=0")});
    QVERIFY2(secondPort != 0, second.log().constData());
    QVERIFY(firstPort != secondPort);

    // Both instances hold their pattern subscription before anything is published.
    QTRY_COMPARE_WITH_TIMEOUT(patternSubscribers(redis), 2, timeouts::kRoundTrip);

    std::vector<Subscriber> subscribers;
    auto subscribe = [&subscribers](const QString &name, quint16 port, const QByteArray &account,
                                    const QByteArray &query = {}) {
        subscribers.push_back({name, openClient(port, account, query), {}});
    };
    subscribe(QStringLiteral("first/A/1"), firstPort, kAccountA);
    subscribe(QStringLiteral("first/A/2"), firstPort, kAccountA);
    subscribe(QStringLiteral("first/A/cam-2 only"), firstPort, kAccountA, "sources=cam-2");
    subscribe(QStringLiteral("second/A"), secondPort, kAccountA);
    subscribe(QStringLiteral("second/B"), secondPort, kAccountB);
    for (Subscriber &s : subscribers) {
        QWebSocket *socket = s.socket.get();
        QStringList *received = &s.received;
        connect(socket, &QWebSocket::textMessageReceived, socket, [received](const QString &text) {
            received->append(QJsonDocument::fromJson(text.toUtf8())
                                 .object()
                                 .value(u"event")
                                 .toObject()
                                 .value(u"event_id")
                                 .toString());
        });
    }
    for (Subscriber &s : subscribers)
        QTRY_VERIFY2_WITH_TIMEOUT(s.socket->state() == QAbstractSocket::ConnectedState,
                                  qPrintable(s.name), timeouts::kRoundTrip);

    // A PUBLISH over a real connection reaches both instances (two pattern subscribers)...
    QCOMPARE(redis.publish("luna-sender:" + kAccountA, message("a1")), 2);
    QCOMPARE(redis.publish("luna-sender:" + kAccountB, message("b1")), 2);
    QCOMPARE(redis.publish("luna-sender:" + kAccountA, message("a2", "cam-2")), 2);
    // ...and a last event per account marks the end: frames of one connection arrive in order.
    QCOMPARE(redis.publish("luna-sender:" + kAccountA, message("end", "cam-2")), 2);
    QCOMPARE(redis.publish("luna-sender:" + kAccountB, message("end", "cam-2")), 2);
    for (Subscriber &s : subscribers)
        QTRY_VERIFY2_WITH_TIMEOUT(s.received.contains(u"end"), qPrintable(s.name),
                                  timeouts::kRoundTrip);

    // ...and each instance delivered to its own clients exactly once, filters applied.
    const QStringList allOfA {QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("end")};
    QCOMPARE(subscribers.at(0).received, allOfA);
    QCOMPARE(subscribers.at(1).received, allOfA);
    QCOMPARE(subscribers.at(2).received,
             QStringList({QStringLiteral("a2"), QStringLiteral("end")}));
    QCOMPARE(subscribers.at(3).received, allOfA);
    QCOMPARE(subscribers.at(4).received,
             QStringList({QStringLiteral("b1"), QStringLiteral("end")}));

    // One instance going away (draining at once: DRAIN_SECONDS=0) does not disturb the other or its
    // clients.
    QVERIFY(first.signal(SIGTERM));
    QVERIFY(first.waitForExit(timeouts::kProcessExit));
    QCOMPARE(first.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(patternSubscribers(redis), 1, timeouts::kRoundTrip);
    QCOMPARE(redis.publish("luna-sender:" + kAccountA, message("a3")), 1);
    QTRY_COMPARE_WITH_TIMEOUT(subscribers.at(3).received.size(), 4, timeouts::kRoundTrip);
    QCOMPARE(subscribers.at(3).received.last(), QStringLiteral("a3"));
    QCOMPARE(subscribers.at(0).received.size(), 3);

    QVERIFY(second.signal(SIGTERM));
    QVERIFY(second.waitForExit(timeouts::kProcessExit));
    QCOMPARE(second.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_ScaleOut)
#include "tst_scaleout.moc"
