// Delivery (section 4): each event of a message published for an account reaches every client of
// that account as one text frame {"event", "handler_id", "event-create-time", "event-end-time",
// "Luna-Request-id"} with the event byte for byte; accounts never mix; a malformed message is
// counted and the next one still flows. Seen through QWebSocket on both endpoints, through a raw
// client that checks the frames themselves, and through the vendor's language (Python).

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "PythonWsClient.h"
#include "RawWebSocket.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace sender::test;

namespace {
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kAccountB = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const QByteArray kAccountC = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

// The same subscription seen by three different clients.
struct Subscribers
{
    WsClient v1;
    WsClient v2;
    RawWebSocket raw;

    bool open(const SenderServer &server, const QByteArray &account, QString *error)
    {
        if (!v1.open(server.wsUrl("/1/ws"), account)) {
            *error = v1.errorString();
            return false;
        }
        if (!v2.open(server.wsUrl("/2/ws"), account)) {
            *error = v2.errorString();
            return false;
        }
        if (!raw.openFor(server.port(), "/2/ws", account)) {
            *error = raw.errorString();
            return false;
        }
        return true;
    }
    bool waitForAll(qsizetype count, int timeoutMs = timeouts::kSignal)
    {
        return QTest::qWaitFor(
            [&] {
                return v1.messages.size() >= count && v2.messages.size() >= count
                    && raw.texts().size() >= count;
            },
            timeoutMs);
    }
    // Frame-level checks on the raw client: every data frame a single unfragmented text frame.
    QString frameShapeProblem() const
    {
        if (!raw.protocolProblem().isEmpty())
            return raw.protocolProblem();
        for (const WsWireFrame &frame : raw.frames()) {
            if (frame.opcode == WsOpcode::Text && !frame.fin)
                return QStringLiteral("an event was split over several frames");
            if (frame.opcode == WsOpcode::Continuation)
                return QStringLiteral("a continuation frame");
            if (frame.opcode == WsOpcode::Binary)
                return QStringLiteral("a binary frame");
        }
        return {};
    }
};

// The raw bytes of each element of a message's "events" array.
QList<QByteArray> rawEventsOf(const QByteArray &message)
{
    const auto members = rawMembers(message);
    if (!members)
        return {};
    for (const RawMember &m : *members) {
        if (m.key == "events")
            return rawElements(m.value).value_or(QList<QByteArray>());
    }
    return {};
}

QByteArray stringMember(const QByteArray &message, const QByteArray &key)
{
    const auto members = rawMembers(message);
    for (const RawMember &m : members.value_or(QList<RawMember>())) {
        if (m.key == key)
            return m.value.mid(1, m.value.size() - 2);
    }
    return {};
}
} // namespace

class TestWsDelivery : public QObject
{
    Q_OBJECT

private:
    SenderServer m_server;

private Q_SLOTS:
    void init()
    {
        // Expected here: messages that are not events are skipped with a warning.
        sender::test::failOnQtWarnings({"malformed message from"});
    }
    void initTestCase()
    {
        QVERIFY2(
            m_server.start({{QStringLiteral("REDIS.MAX_MESSAGE_BYTES"), QStringLiteral("65536")}}),
            qPrintable(m_server.errorString()));
    }

    void exactFormat_data()
    {
        QTest::addColumn<QByteArray>("event");
        QTest::newRow("unicode escapes")
            // (Not a raw string literal: moc 6.4 misreads \" inside one and skips the class.)
            << QByteArray("{\"event_id\": \"u1\", \"user_data\": \"caf\\u00e9 \\ud83d\\ude00 "
                          "\\\"q\\\" \\\\ \\/ \\n\\u0000\"}");
        QTest::newRow("raw UTF-8")
            << QStringLiteral(u"{\"event_id\": \"u2\", \"user_data\": \"юникод ✓ 😀\"}").toUtf8();
        QTest::newRow("number spellings") << QByteArray(
            R"({"event_id": "n1", "a": 1e-12, "b": 1.92238889737406e-12, "c": -0.0, )"
            R"("d": 1E+300, "e": 12345678901234567890123, "f": 0.1000, )"
            R"("g": 7.65100649502415e-10, "h": 50, "i": -7, "j": 0.00000965219624049496})");
        QTest::newRow("key order") << QByteArray(
            R"({"z": 1, "event_id": "k1", "a": {"y": [3, 2, 1], "b": null, "a": true}, "m": false})");
        QTest::newRow("whitespace inside")
            << QByteArray("{\n  \"event_id\" : \"w1\",\n\t\"list\": [ 1 , 2 ] ,\"o\":{ }\n}");
        QTest::newRow("empty object") << QByteArray("{}");
        QTest::newRow("nested arrays")
            << QByteArray(R"({"landmarks5": [[23, 72], [82, 71]], "x": []})");
    }
    void exactFormat()
    {
        QFETCH(QByteArray, event);
        Subscribers subscribers;
        QString error;
        QVERIFY2(subscribers.open(m_server, kAccount, &error), qPrintable(error));
        MessageMeta meta;
        meta.handlerId = "8950722f-3fd4-4223-b48f-03f95f0e8dfb";
        meta.requestId = "1709277400,2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e";
        meta.createTime = "2024-03-01T10:16:40.123456+03:00";
        meta.endTime = "2024-03-01T10:16:41Z";
        m_server.publish(kAccount, redisMessage({event}, meta));
        QVERIFY(subscribers.waitForAll(1));
        for (const QByteArray &frame :
             {subscribers.v1.messages.first(), subscribers.v2.messages.first(),
              subscribers.raw.texts().first()}) {
            const QString problem = frameProblem(frame, event, meta);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        const QString shape = subscribers.frameShapeProblem();
        QVERIFY2(shape.isEmpty(), qPrintable(shape));
    }

    // The repository's sample messages, published exactly as stored (pretty-printed, compact).
    void sampleMessages_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("the vendor's example") << QStringLiteral("tests/data/seed_message.json");
        QTest::newRow("every filtered attribute")
            << QStringLiteral("tests/data/all_attributes_message.json");
    }
    void sampleMessages()
    {
        QFETCH(QString, file);
        const QByteArray message = readSourceFile(file);
        QVERIFY2(!message.isEmpty(), qPrintable(sourcePath(file)));
        const QList<QByteArray> events = rawEventsOf(message);
        QVERIFY(!events.isEmpty());
        MessageMeta meta;
        meta.handlerId = stringMember(message, "handler_id");
        meta.requestId = stringMember(message, "Luna-Request-Id");
        meta.createTime = stringMember(message, "event_create_time");
        meta.endTime = stringMember(message, "event_end_time");

        Subscribers subscribers;
        QString error;
        QVERIFY2(subscribers.open(m_server, kAccount, &error), qPrintable(error));
        m_server.publish(kAccount, message);
        QVERIFY(subscribers.waitForAll(events.size()));
        for (qsizetype i = 0; i < events.size(); ++i) {
            for (const QByteArray &frame :
                 {subscribers.v1.messages.at(i), subscribers.v2.messages.at(i),
                  subscribers.raw.texts().at(i)}) {
                const QString problem = frameProblem(frame, events.at(i), meta);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        }
        const QString shape = subscribers.frameShapeProblem();
        QVERIFY2(shape.isEmpty(), qPrintable(shape));
    }

    // One message with several events: one frame per event, in the message's order.
    void oneFramePerEvent()
    {
        Subscribers subscribers;
        QString error;
        QVERIFY2(subscribers.open(m_server, kAccount, &error), qPrintable(error));
        const QList<QByteArray> events = {R"({"event_id": "m1", "source": "a"})",
                                          R"({"event_id": "m2", "source": "b", "n": 2.50})",
                                          R"({"event_id": "m3"})"};
        const MessageMeta meta;
        m_server.publish(kAccount, redisMessage(events, meta));
        m_server.publish(kAccount, redisMessage({R"({"event_id": "m4"})"}, meta));
        QVERIFY(subscribers.waitForAll(4));
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QString problem = frameProblem(subscribers.raw.texts().at(i), events.at(i), meta);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QCOMPARE(eventField(subscribers.v1.messages.at(i), QStringLiteral("event_id")),
                     QByteArray("m") + QByteArray::number(i + 1));
        }
        QCOMPARE(subscribers.raw.texts().size(), 4);
        QCOMPARE(subscribers.v1.messages.size(), 4);
        QCOMPARE(subscribers.v2.messages.size(), 4);
        const QString shape = subscribers.frameShapeProblem();
        QVERIFY2(shape.isEmpty(), qPrintable(shape));
    }

    // A client gets the events of its account and nothing else.
    void accountsAreIsolated()
    {
        WsClient a1;
        QVERIFY2(a1.open(m_server.wsUrl("/2/ws"), kAccount), qPrintable(a1.errorString()));
        WsClient a2;
        QVERIFY2(a2.open(m_server.wsUrl("/1/ws"), kAccount), qPrintable(a2.errorString()));
        WsClient b;
        QVERIFY2(b.open(m_server.wsUrl("/2/ws"), kAccountB), qPrintable(b.errorString()));
        WsClient c;
        QVERIFY2(c.open(m_server.wsUrl("/2/ws"), kAccountC), qPrintable(c.errorString()));

        m_server.publish(kAccount,
                         redisMessage({R"({"event_id": "a-1"})", R"({"event_id": "a-2"})"}));
        m_server.publish(kAccountB, redisMessage({R"({"event_id": "b-1"})"}));
        m_server.publish(kAccount, redisMessage({R"({"event_id": "a-3"})"}));
        // Upper-case hex is the same account in another spelling only if the server says so; the
        // contract names no such rule, so it is not published here.
        QVERIFY(a1.waitForMessages(3));
        QVERIFY(a2.waitForMessages(3));
        QVERIFY(b.waitForMessages(1));
        // c has seen nothing: a message of its own arrives first.
        m_server.publish(kAccountC, redisMessage({R"({"event_id": "c-1"})"}));
        QVERIFY(c.waitForMessages(1));

        const auto ids = [](const WsClient &client) {
            QList<QByteArray> result;
            for (const QByteArray &frame : client.messages)
                result.append(eventField(frame, QStringLiteral("event_id")));
            return result;
        };
        const QList<QByteArray> accountA = {"a-1", "a-2", "a-3"};
        QCOMPARE(ids(a1), accountA);
        QCOMPARE(ids(a2), accountA);
        QCOMPARE(ids(b), QList<QByteArray> {"b-1"});
        QCOMPARE(ids(c), QList<QByteArray> {"c-1"});
    }

    // The message's own key order and extra keys change nothing in the frame.
    void messageKeyOrderAndExtraKeys()
    {
        WsClient client;
        QVERIFY2(client.open(m_server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));
        MessageMeta meta;
        meta.handlerId = "346a5645-ec89-4806-820a-dbcb6e0dc381";
        const QByteArray event = R"({"event_id": "ko", "source": "cam"})";
        const QByteArray message = "{\"event_end_time\": \"" + meta.endTime
            + "\", \"extra\": {\"nested\": [1, 2]}, \"events\": [" + event
            + "], \"Luna-Request-Id\": \"" + meta.requestId + "\", \"event_create_time\": \""
            + meta.createTime + "\", \"handler_id\": \"" + meta.handlerId + "\"}";
        m_server.publish(kAccount, message);
        QVERIFY(client.waitForMessages(1));
        const QString problem = frameProblem(client.messages.first(), event, meta);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Pathological nesting neither crashes the server nor stops the flow: the event is counted as
    // malformed, and the next message arrives.
    void deepNesting()
    {
        SenderServer server;
        QVERIFY2(
            server.start({{QStringLiteral("REDIS.MAX_MESSAGE_BYTES"), QStringLiteral("4194304")}}),
            qPrintable(server.errorString()));
        RawWebSocket client;
        QVERIFY2(client.openFor(server.port(), "/2/ws", kAccount),
                 qPrintable(client.errorString()));
        constexpr int kDepth = 500000;
        const QByteArray deep = "{\"event_id\": \"deep\", \"x\": " + QByteArray(kDepth, '[')
            + QByteArray(kDepth, ']') + "}";
        const quint64 malformedBefore = server.snapshot().malformed;
        server.publish(kAccount, redisMessage({deep}));
        server.publish(kAccount, redisMessage({R"({"event_id": "next"})"}));
        QVERIFY(QTest::qWaitFor(
            [&] { return client.texts().size() >= 1 && client.texts().last().contains("next"); },
            timeouts::kRoundTrip));
        // Deeper than the scanner's limit (JsonTape::kMaxDepth, 128): the event is counted
        // malformed and not delivered; the next one is.
        QCOMPARE(client.texts().size(), 1);
        QCOMPARE(server.snapshot().malformed, malformedBefore + 1);
    }

    // Fan-out to many clients of one account: every client, every event, in order.
    void manyClients()
    {
        constexpr int kClients = 300;
        constexpr int kEvents = 20;
        std::vector<std::unique_ptr<RawWebSocket>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<RawWebSocket>());
            QVERIFY2(clients.back()->openFor(m_server.port(), i % 2 ? "/1/ws" : "/2/ws", kAccount),
                     qPrintable(clients.back()->errorString()));
        }
        QList<QByteArray> events;
        for (int i = 0; i < kEvents; ++i)
            events.append("{\"event_id\": \"f" + QByteArray::number(i) + "\"}");
        m_server.publish(kAccount, redisMessage(events.mid(0, 10)));
        m_server.publish(kAccount, redisMessage(events.mid(10)));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(clients.begin(), clients.end(),
                                   [&](const auto &c) { return c->texts().size() >= kEvents; });
            },
            timeouts::kLongOperation));
        for (const auto &c : clients) {
            QCOMPARE(c->texts().size(), kEvents);
            for (int i = 0; i < kEvents; ++i)
                QCOMPARE(eventField(c->texts().at(i), QStringLiteral("event_id")),
                         "f" + QByteArray::number(i));
        }
    }

    // A malformed message is counted, delivers nothing, and the next message still flows.
    void malformedMessageIsCountedAndSkipped_data()
    {
        QTest::addColumn<QByteArray>("account");
        QTest::addColumn<QByteArray>("payload");
        const QByteArray good = redisMessage({R"({"event_id": "x"})"});
        QTest::newRow("bad JSON") << kAccount << QByteArray(R"({"handler_id": "h", "events": [)");
        QTest::newRow("not JSON") << kAccount << QByteArray("hello");
        QTest::newRow("empty") << kAccount << QByteArray();
        QTest::newRow("invalid UTF-8")
            << kAccount << QByteArray("{\"events\": [{\"x\": \"\xff\xfe\"}]}");
        QTest::newRow("a JSON array") << kAccount << QByteArray("[{\"event_id\": \"x\"}]");
        QTest::newRow("events not an array")
            << kAccount << QByteArray(R"({"handler_id": "h", "events": {"event_id": "x"}})");
        QTest::newRow("events missing") << kAccount << QByteArray(R"({"handler_id": "h"})");
        QTest::newRow("trailing garbage") << kAccount << (good + "}");
        QTest::newRow("channel account not a UUID") << QByteArray("not-a-uuid") << good;
        QTest::newRow("channel account with a suffix") << (kAccount + "x") << good;
        QTest::newRow("empty channel account") << QByteArray() << good;
        QTest::newRow("over REDIS.MAX_MESSAGE_BYTES")
            << kAccount
            << redisMessage(
                   {"{\"event_id\": \"big\", \"pad\": \"" + QByteArray(70000, 'x') + "\"}"});
    }
    void malformedMessageIsCountedAndSkipped()
    {
        QFETCH(QByteArray, account);
        QFETCH(QByteArray, payload);
        WsClient client;
        QVERIFY2(client.open(m_server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));
        const quint64 before = m_server.snapshot().malformed;
        m_server.publish(account, payload);
        const QByteArray next = R"({"event_id": "next"})";
        m_server.publish(kAccount, redisMessage({next}));
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(eventField(client.messages.first(), QStringLiteral("event_id")),
                 QByteArray("next"));
        QCOMPARE(client.messages.size(), 1);
        QCOMPARE(m_server.snapshot().malformed, before + 1);
        QVERIFY(client.isConnected());
    }

    // The vendor's own client is Python; Debian's python3-websockets stands in for it.
    void pythonClient()
    {
        PythonWsClient client;
        QVERIFY2(client.start(m_server.wsUrl("/2/ws?gender=1"), kAccount, 2),
                 qPrintable(client.error()));
        const QByteArray male1 =
            R"({"event_id": "py1", "face_attributes": {"basic_attributes": {"age": 50, "gender": 1}}, "x": 1e-12})";
        const QByteArray female =
            R"({"event_id": "py2", "face_attributes": {"basic_attributes": {"gender": 0}}})";
        const QByteArray male2 =
            R"({"event_id": "py3", "user_data": "caf\u00e9", "face_attributes": {"basic_attributes": {"gender": 1}}})";
        const MessageMeta meta;
        m_server.publish(kAccount, redisMessage({male1, female, male2}, meta));
        QVERIFY2(client.finish(), qPrintable(client.error()));
        QCOMPARE(client.messages().size(), 2);
        const QList<QByteArray> expected = {male1, male2};
        for (int i = 0; i < 2; ++i) {
            QVERIFY(client.messages().at(i).text);
            const QString problem =
                frameProblem(client.messages().at(i).data, expected.at(i), meta);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
};

QTEST_GUILESS_MAIN(TestWsDelivery)
#include "tst_wsdelivery.moc"
