// A subscription's life after the upgrade (sections 3 and 7, and RFC 6455 where the contract
// relies on it): client frames are read and ignored, the close handshake, keepalive pings and
// the drop of a silent client, 1001 on shutdown, the bounded send queue of a client that never
// reads (1008, counted, nobody else delayed), and the frames a server must refuse (1009, 1002).

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "RawWebSocket.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QtEndian>

using namespace sender::test;

namespace {
// What the server logged that mentions error 29004 (the contract: "error 29004 is logged").
QStringList g_logged29004;
QtMessageHandler g_previousHandler = nullptr;
void recordingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(u"29004"))
        g_logged29004.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

QByteArray eventJson(const QByteArray &id)
{
    return "{\"event_id\": \"" + id + "\"}";
}
} // namespace

class TestWsConnection : public QObject
{
    Q_OBJECT

private:
    SenderServer m_server;

private Q_SLOTS:
    void init()
    {
        // Expected here: a client closed for a slow read or unanswered pings is logged as a warning
        // with its error (29004).
        sender::test::failOnQtWarnings({"Failed to publish message to ws"});
    }
    void initTestCase()
    {
        QVERIFY2(m_server.start({{QStringLiteral("WEBSOCKET.MAX_CLIENT_FRAME_BYTES"),
                                  QStringLiteral("1024")}}),
                 qPrintable(m_server.errorString()));
    }

    // "Client text frames are read and ignored": whatever a client says, it keeps receiving and
    // gets nothing back but the pong its ping asks for.
    void clientFramesAreIgnored()
    {
        WsClient qt;
        QVERIFY2(qt.open(m_server.wsUrl("/2/ws"), kAccount), qPrintable(qt.errorString()));
        RawWebSocket raw;
        QVERIFY2(raw.openFor(m_server.port(), "/1/ws", kAccount), qPrintable(raw.errorString()));

        qt.socket().sendTextMessage(QStringLiteral("hello, server"));
        qt.socket().sendBinaryMessage(QByteArray("\x00\x01\x02", 3));
        qt.socket().sendTextMessage(QStringLiteral("{\"subscribe\": \"everything\"}"));
        raw.sendFrame(WsOpcode::Text, "text");
        raw.sendFrame(WsOpcode::Binary, QByteArray(1000, '\x7f'));
        raw.sendFrame(WsOpcode::Text, "frag", false);
        raw.sendFrame(WsOpcode::Ping, "are you there", true);
        raw.sendFrame(WsOpcode::Continuation, "mented", true);
        raw.sendFrame(WsOpcode::Pong, "unsolicited");
        raw.sendFrame(WsOpcode::Text, QByteArray(1024, 'x')); // exactly the limit

        m_server.publish(kAccount, redisMessage({eventJson("after-chatter")}));
        QVERIFY(qt.waitForMessages(1));
        QVERIFY(raw.waitForTexts(1));
        QCOMPARE(eventField(qt.messages.first(), QStringLiteral("event_id")),
                 QByteArray("after-chatter"));
        QCOMPARE(eventField(raw.texts().first(), QStringLiteral("event_id")),
                 QByteArray("after-chatter"));
        QCOMPARE(qt.messages.size(), 1);
        QVERIFY(qt.binaryMessages.isEmpty());
        QCOMPARE(raw.texts().size(), 1);
        // The only other frame is the pong to our ping, with our payload.
        QList<WsWireFrame> others;
        for (const WsWireFrame &frame : raw.frames()) {
            if (frame.opcode != WsOpcode::Text && frame.opcode != WsOpcode::Ping)
                others.append(frame);
        }
        QCOMPARE(others.size(), 1);
        QCOMPARE(others.first().opcode, WsOpcode::Pong);
        QCOMPARE(others.first().payload, QByteArray("are you there"));
        QVERIFY2(raw.protocolProblem().isEmpty(), qPrintable(raw.protocolProblem()));
        QVERIFY(qt.isConnected());
        QVERIFY(!raw.isDisconnected());
    }

    void closeHandshakeFromTheClient()
    {
        // The clients of the tests before are gone (their sockets were closed or aborted).
        QTRY_COMPARE_WITH_TIMEOUT(m_server.snapshot().connections, 0, timeouts::kSignal);
        RawWebSocket raw;
        QVERIFY2(raw.openFor(m_server.port(), "/2/ws", kAccount), qPrintable(raw.errorString()));
        raw.sendClose(1000, "bye");
        QVERIFY2(raw.waitForClose(), "no close frame in answer");
        QCOMPARE(raw.closeCode(), 1000);
        // The server closes the TCP connection once the close handshake is done.
        QVERIFY(raw.waitForDisconnected());
        QVERIFY2(raw.protocolProblem().isEmpty(), qPrintable(raw.protocolProblem()));

        WsClient qt;
        QVERIFY2(qt.open(m_server.wsUrl("/1/ws"), kAccount), qPrintable(qt.errorString()));
        qt.socket().close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("done"));
        QVERIFY(qt.waitForDisconnected());
        QCOMPARE(qt.socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.snapshot().connections, 0, timeouts::kSignal);
    }

    // A client that just goes away (no close frame) is forgotten too.
    void abruptDisconnectIsNoticed()
    {
        const int before = m_server.snapshot().subscribers;
        {
            RawWebSocket raw;
            QVERIFY2(raw.openFor(m_server.port(), "/2/ws", kAccount),
                     qPrintable(raw.errorString()));
            QTRY_COMPARE_WITH_TIMEOUT(m_server.snapshot().subscribers, before + 1,
                                      timeouts::kSignal);
            raw.socket().abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server.snapshot().subscribers, before, timeouts::kSignal);
        // And the others still get their events.
        WsClient qt;
        QVERIFY2(qt.open(m_server.wsUrl("/2/ws"), kAccount), qPrintable(qt.errorString()));
        m_server.publish(kAccount, redisMessage({eventJson("still-flowing")}));
        QVERIFY(qt.waitForMessages(1));
    }

    void oversizedClientFrame_data()
    {
        QTest::addColumn<QList<QByteArray>>("frames"); // encoded frames, sent one after another
        QTest::newRow("one text frame over the limit")
            << QList<QByteArray> {encodeWsFrame(WsOpcode::Text, QByteArray(1025, 'x'))};
        QTest::newRow("one binary frame far over the limit")
            << QList<QByteArray> {encodeWsFrame(WsOpcode::Binary, QByteArray(70000, 'x'))};
        QTest::newRow("a message over the limit in small fragments") << QList<QByteArray> {
            encodeWsFrame(WsOpcode::Text, QByteArray(600, 'x'), false),
            encodeWsFrame(WsOpcode::Continuation, QByteArray(600, 'x'), false),
            encodeWsFrame(WsOpcode::Continuation, QByteArray(600, 'x'), true)};
    }
    void oversizedClientFrame()
    {
        QFETCH(QList<QByteArray>, frames);
        RawWebSocket raw;
        QVERIFY2(raw.openFor(m_server.port(), "/2/ws", kAccount), qPrintable(raw.errorString()));
        for (const QByteArray &frame : frames)
            raw.sendRaw(frame);
        QVERIFY2(raw.waitForClose(), "no close frame");
        QCOMPARE(raw.closeCode(), 1009);
        QVERIFY(raw.waitForDisconnected());
    }

    // What RFC 6455 says a server must fail the connection for (1002 protocol error).
    void protocolViolation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("unmasked text frame") << encodeWsFrame(WsOpcode::Text, "hello", true, false);
        QTest::newRow("unmasked close frame")
            << encodeWsFrame(WsOpcode::Close, QByteArray("\x03\xe8", 2), true, false);
        QByteArray rsv = encodeWsFrame(WsOpcode::Text, "hello");
        rsv[0] = char(rsv.at(0) | 0x40);
        QTest::newRow("RSV1 set without an extension") << rsv;
        QTest::newRow("reserved opcode 3") << encodeWsFrame(0x3, "hello");
        QTest::newRow("reserved control opcode 0xB") << encodeWsFrame(0xB, "hello");
        QTest::newRow("continuation without a start") << encodeWsFrame(WsOpcode::Continuation, "x");
        QTest::newRow("fragmented ping") << encodeWsFrame(WsOpcode::Ping, "x", false);
        QTest::newRow("ping over 125 bytes") << encodeWsFrame(WsOpcode::Ping, QByteArray(126, 'p'));
        QTest::newRow("new message inside a fragmented one")
            << (encodeWsFrame(WsOpcode::Text, "a", false) + encodeWsFrame(WsOpcode::Text, "b"));
    }
    void protocolViolation()
    {
        QFETCH(QByteArray, bytes);
        RawWebSocket raw;
        QVERIFY2(raw.openFor(m_server.port(), "/2/ws", kAccount), qPrintable(raw.errorString()));
        raw.sendRaw(bytes);
        QVERIFY2(raw.waitForClose(), "no close frame");
        QCOMPARE(raw.closeCode(), 1002);
        QVERIFY(raw.waitForDisconnected());
    }

    // Every PING_INTERVAL a ping; a client that answers stays, one that does not is dropped
    // PONG_TIMEOUT later. QWebSocket answers on its own and stays too.
    void keepalive()
    {
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("WEBSOCKET.PING_INTERVAL"), QStringLiteral("1")},
                               {QStringLiteral("WEBSOCKET.PONG_TIMEOUT"), QStringLiteral("1")}}),
                 qPrintable(server.errorString()));
        RawWebSocket answering;
        QVERIFY2(answering.openFor(server.port(), "/2/ws", kAccount),
                 qPrintable(answering.errorString()));
        RawWebSocket silent;
        silent.setAnswerPings(false);
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(silent.openFor(server.port(), "/2/ws", kAccount),
                 qPrintable(silent.errorString()));
        WsClient qt;
        QVERIFY2(qt.open(server.wsUrl("/1/ws"), kAccount), qPrintable(qt.errorString()));

        QVERIFY2(silent.waitForDisconnected(timeouts::kRoundTrip),
                 "a client that never answers pings stayed");
        const qint64 dropped = clock.elapsed();
        QVERIFY2(silent.pingsReceived() >= 1, "dropped without ever being pinged");
        // Not before a ping went unanswered for PONG_TIMEOUT; how much later depends on the load
        // of the machine, so only the wait above bounds it.
        QVERIFY2(dropped >= 1500,
                 qPrintable(QStringLiteral("dropped after %1 ms (ping every 1 s, 1 s to answer)")
                                .arg(dropped)));

        QVERIFY2(
            QTest::qWaitFor([&] { return answering.pingsReceived() >= 4; }, timeouts::kRoundTrip),
            qPrintable(QStringLiteral("%1 pings").arg(answering.pingsReceived())));
        QVERIFY2(clock.elapsed() >= 3000,
                 qPrintable(QStringLiteral("4 pings in %1 ms: more often than every second")
                                .arg(clock.elapsed())));
        QVERIFY(!answering.isDisconnected());
        QVERIFY(qt.isConnected());
        QVERIFY2(answering.protocolProblem().isEmpty(), qPrintable(answering.protocolProblem()));

        // Still subscribed, not just connected.
        server.publish(kAccount, redisMessage({eventJson("alive")}));
        QVERIFY(answering.waitForTexts(1));
        QVERIFY(qt.waitForMessages(1));
    }

    void shutdownClosesEveryClientWith1001()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        WsClient v1;
        QVERIFY2(v1.open(server.wsUrl("/1/ws"), kAccount), qPrintable(v1.errorString()));
        WsClient v2;
        QVERIFY2(v2.open(server.wsUrl("/2/ws?gender=1"), "3fa85f64-5717-4562-b3fc-2c963f66afa6"),
                 qPrintable(v2.errorString()));
        RawWebSocket raw;
        QVERIFY2(raw.openFor(server.port(), "/2/ws", kAccount), qPrintable(raw.errorString()));

        QVERIFY2(server.stop(3000), qPrintable(server.errorString()));
        QVERIFY(raw.waitForClose());
        QCOMPARE(raw.closeCode(), 1001);
        QVERIFY(raw.waitForDisconnected());
        QVERIFY(v1.waitForDisconnected());
        QVERIFY(v2.waitForDisconnected());
        QCOMPARE(v1.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(v2.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }

    // A client that never reads is closed with 1008 once its bounded queue overflows, the close is
    // counted, and a normal client of the same account receives every event meanwhile. If it
    // reads again, it finds the close frame; if it never does, the server lets go of it anyway.
    void slowConsumerIsClosedAndNobodyWaits_data()
    {
        QTest::addColumn<bool>("readsAgain");
        QTest::newRow("reads what is left") << true;
        QTest::newRow("never reads again") << false;
    }
    void slowConsumerIsClosedAndNobodyWaits()
    {
        QFETCH(bool, readsAgain);
        g_logged29004.clear();
        g_previousHandler = qInstallMessageHandler(recordingHandler);
        const auto restore = qScopeGuard([] { qInstallMessageHandler(g_previousHandler); });
        constexpr int kQueueBytes = 256 * 1024;
        SenderServer server;
        // The budget of retained frames is what closes a client that stays behind.
        QVERIFY2(server.start(
                     {{QStringLiteral("WEBSOCKET.SEND_QUEUE_BYTES"), QString::number(kQueueBytes)},
                      {QStringLiteral("WEBSOCKET.RETAINED_BYTES"), QString::number(kQueueBytes)}}),
                 qPrintable(server.errorString()));
        RawWebSocket slow;
        QVERIFY2(slow.openFor(server.port(), "/2/ws", kAccount), qPrintable(slow.errorString()));
        slow.setReading(false);

        QWebSocket normal;
        qsizetype received = 0;
        QByteArray last;
        connect(&normal, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
            ++received;
            last = text.toUtf8();
        });
        QNetworkRequest request(server.wsUrl("/2/ws"));
        request.setRawHeader("Luna-Account-Id", kAccount);
        normal.open(request);
        QTRY_COMPARE_WITH_TIMEOUT(normal.state(), QAbstractSocket::ConnectedState,
                                  timeouts::kSignal);

        // Each burst (published before the event loop runs again) stays well under the queue
        // bound, so a client that reads is never over it; one that never reads must be.
        const QByteArray pad(8 * 1024, 'p');
        constexpr int kBatch = 8;
        constexpr int kMaxEvents = 12000; // ~100 MB: far beyond any socket buffer
        int published = 0;
        while (server.snapshot().slowConsumerCloses == 0 && published < kMaxEvents) {
            for (int i = 0; i < kBatch; ++i, ++published)
                server.publish(kAccount,
                               redisMessage({"{\"event_id\": \"s" + QByteArray::number(published)
                                             + "\", \"pad\": \"" + pad + "\"}"}));
            // The normal client keeps up all along.
            QVERIFY2(QTest::qWaitFor([&] { return received == published; }, timeouts::kRoundTrip),
                     qPrintable(QStringLiteral("the normal client has %1 of %2 events")
                                    .arg(received)
                                    .arg(published)));
        }
        QVERIFY2(
            server.snapshot().slowConsumerCloses == 1,
            qPrintable(
                QStringLiteral("no slow-consumer close after %1 events of 8 KB").arg(published)));
        QCOMPARE(eventField(last, QStringLiteral("event_id")),
                 "s" + QByteArray::number(published - 1));

        if (!readsAgain) {
            // Bounded: the server does not keep the connection (and its buffers) forever.
            QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().connections, 1, timeouts::kLongOperation);
            slow.setReading(true);
            QVERIFY2(slow.waitForDisconnected(timeouts::kRoundTrip),
                     "the server forgot the connection but the socket is still open");
        } else {
            // Read what is left: the close frame is 1008 and its reason says why.
            slow.setReading(true);
            QVERIFY2(
                slow.waitForClose(timeouts::kRoundTrip),
                qPrintable(QStringLiteral("the slow client never got a close frame; after "
                                          "reading again it has %1 of the %2 events, %3 bytes, "
                                          "connection %4")
                               .arg(slow.texts().size())
                               .arg(published)
                               .arg(slow.received().size())
                               .arg(slow.isDisconnected() ? QStringLiteral("closed")
                                                          : QStringLiteral("open"))));
            QCOMPARE(slow.closeCode(), 1008);
            QVERIFY2(!slow.closeReason().isEmpty(), "the close frame gives no reason");
            const QByteArray reason = slow.closeReason().toLower();
            QVERIFY2(reason.contains("slow") || reason.contains("queue")
                         || reason.contains("29004"),
                     slow.closeReason().constData());
            QVERIFY(slow.waitForDisconnected());
        }

        QVERIFY2(!g_logged29004.isEmpty(), "error 29004 was not logged");

        // The normal client is still subscribed.
        server.publish(kAccount, redisMessage({eventJson("after")}));
        QTRY_COMPARE_WITH_TIMEOUT(received, qsizetype(published + 1), timeouts::kSignal);
        QCOMPARE(server.snapshot().slowConsumerCloses, 1u);
    }
};

QTEST_GUILESS_MAIN(TestWsConnection)
#include "tst_wsconnection.moc"
