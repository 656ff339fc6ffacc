// permessage-deflate (RFC 7692, issue 28) on the Sender port: negotiated in our own handshake,
// each event compressed once and shared; plain and compressed subscribers of one account each get
// exactly their bytes; broken offers get a plain connection; client frames follow section 6.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "PythonWsClient.h"
#include "RawWebSocket.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "events/WsDeflate.h"

#include <QTest>

using namespace sender;
using namespace sender::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kAccepted =
    "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
constexpr quint8 kRsv1 = 0x4; // WsWireFrame::rsv holds RSV1..3 as three bits

// A face event of about 1.5 KB, as LUNA sends them, and a small one under the threshold.
QByteArray largeEvent(const QByteArray &id)
{
    QByteArray detections;
    for (int i = 0; i < 6; ++i)
        detections += QByteArray(i ? "," : "")
            + R"({"sample_id": "0c6e2d4a-5b3f-4e1d-8a7c-9f2b1e0d3c4)" + QByteArray::number(i)
            + R"(", "detection": {"rect": {"x": 10, "y": 20, "width": 120, "height": 160}, "attributes": {"liveness": {"prediction": "real", "estimations": {"score": 0.97}}, "mask": {"predominant_mask": "missing"}}}})";
    return R"({"event_id": ")" + id
        + R"(", "source": "cam-01-main-entrance", "stream_id": "a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21", "face_attributes": {"basic_attributes": {"age": 41, "gender": 1, "ethnicities": {"predominant_ethnicity": "caucasian"}}}, "detections": [)"
        + detections + "]}";
}
QByteArray smallEvent(const QByteArray &id)
{
    return R"({"event_id": ")" + id + R"("})";
}

RawHeaders offer(const QByteArray &extensions)
{
    RawHeaders h {{"Luna-Account-Id", kAccount}};
    if (!extensions.isEmpty())
        h.append({"Sec-WebSocket-Extensions", extensions});
    return h;
}

QList<WsWireFrame> dataFrames(const RawWebSocket &ws)
{
    QList<WsWireFrame> out;
    for (const WsWireFrame &f : ws.frames()) {
        if (f.opcode == WsOpcode::Text || f.opcode == WsOpcode::Binary)
            out.append(f);
    }
    return out;
}

// A client frame with RSV1 set (a compressed message, or a broken control frame).
QByteArray withRsv1(QByteArray frame)
{
    frame[0] = char(quint8(frame[0]) | 0x40);
    return frame;
}

} // namespace

class TestWsDeflate : public QObject
{
    Q_OBJECT

    SenderServer m_server;

private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void initTestCase()
    {
        QVERIFY2(m_server.start(
                     {{QStringLiteral("WEBSOCKET.COMPRESSION"), QStringLiteral("1")},
                      {QStringLiteral("WEBSOCKET.COMPRESSION_MIN_BYTES"), QStringLiteral("256")}}),
                 qPrintable(m_server.errorString()));
    }

    void plainAndCompressedOnOneAccount()
    {
        RawWebSocket plain, compressed, compressedToo;
        QVERIFY(plain.open(m_server.port(), "/1/ws", offer({})));
        QVERIFY(compressed.open(m_server.port(), "/1/ws",
                                offer("permessage-deflate; client_max_window_bits")));
        QVERIFY(compressedToo.open(m_server.port(), "/1/ws", offer("permessage-deflate")));
        QVERIFY(plain.handshake().header("sec-websocket-extensions").isEmpty());
        QCOMPARE(compressed.handshake().header("sec-websocket-extensions"), kAccepted);
        QCOMPARE(compressedToo.handshake().header("sec-websocket-extensions"), kAccepted);

        m_server.publish(
            kAccount, redisMessage({largeEvent("big1"), smallEvent("small"), largeEvent("big2")}));
        QVERIFY(plain.waitForTexts(3));
        QTRY_COMPARE_WITH_TIMEOUT(dataFrames(compressed).size(), 3, timeouts::kSignal);
        QTRY_COMPARE_WITH_TIMEOUT(dataFrames(compressedToo).size(), 3, timeouts::kSignal);
        QVERIFY2(plain.protocolProblem().isEmpty(), qPrintable(plain.protocolProblem()));

        const QList<WsWireFrame> reference = dataFrames(plain);
        const QList<WsWireFrame> got = dataFrames(compressed);
        const QList<WsWireFrame> gotToo = dataFrames(compressedToo);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(reference[i].rsv, quint8(0));
            const bool large = i != 1;
            QCOMPARE(got[i].rsv, large ? kRsv1 : quint8(0)); // the small one goes plain
            QCOMPARE(got[i].opcode, WsOpcode::Text);
            QVERIFY(got[i].fin && !got[i].masked);
            // One compressed frame shared: both compressed subscribers got the same bytes.
            QCOMPARE(gotToo[i].payload, got[i].payload);
            if (!large) {
                QCOMPARE(got[i].payload, reference[i].payload);
                continue;
            }
            QVERIFY(got[i].payload.size() < reference[i].payload.size() * 2 / 3);
            bool tooLarge = false;
            const std::optional<QByteArray> inflated =
                wsdeflate::decompress(got[i].payload, 1 << 20, &tooLarge);
            QVERIFY(inflated);
            QCOMPARE(*inflated, reference[i].payload);
        }
    }

    void brokenOffersGetAPlainConnection_data()
    {
        QTest::addColumn<QByteArray>("extensions");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("smaller server window")
            << "permessage-deflate; server_max_window_bits=10"_ba << false;
        QTest::newRow("server window 15")
            << "permessage-deflate; server_max_window_bits=15"_ba << true;
        QTest::newRow("quoted window")
            << "permessage-deflate; server_max_window_bits=\"15\""_ba << true;
        QTest::newRow("unknown parameter") << "permessage-deflate; foo"_ba << false;
        QTest::newRow("client window 16")
            << "permessage-deflate; client_max_window_bits=16"_ba << false;
        QTest::newRow("leading zero")
            << "permessage-deflate; client_max_window_bits=09"_ba << false;
        QTest::newRow("repeated parameter")
            << "permessage-deflate; server_no_context_takeover; server_no_context_takeover"_ba
            << false;
        QTest::newRow("value on a flag")
            << "permessage-deflate; server_no_context_takeover=1"_ba << false;
        QTest::newRow("another extension") << "x-webkit-deflate-frame"_ba << false;
        QTest::newRow("second offer acceptable")
            << "permessage-deflate; server_max_window_bits=10, permessage-deflate"_ba << true;
        QTest::newRow("browser offer") << "permessage-deflate; client_max_window_bits"_ba << true;
    }
    void brokenOffersGetAPlainConnection()
    {
        QFETCH(QByteArray, extensions);
        QFETCH(bool, accepted);
        RawWebSocket ws;
        QVERIFY(ws.open(m_server.port(), "/1/ws", offer(extensions)));
        QCOMPARE(ws.handshake().header("sec-websocket-extensions"),
                 accepted ? kAccepted : QByteArray());
        m_server.publish(kAccount, redisMessage({largeEvent("b")}));
        QTRY_COMPARE_WITH_TIMEOUT(dataFrames(ws).size(), 1, timeouts::kSignal);
        QCOMPARE(dataFrames(ws).at(0).rsv, accepted ? kRsv1 : quint8(0));
    }

    void switchedOffNothingIsNegotiated()
    {
        SenderServer off;
        QVERIFY(off.start({{QStringLiteral("WEBSOCKET.COMPRESSION"), QStringLiteral("0")}}));
        RawWebSocket ws;
        QVERIFY(ws.open(off.port(), "/1/ws", offer("permessage-deflate")));
        QVERIFY(ws.handshake().header("sec-websocket-extensions").isEmpty());
        off.publish(kAccount, redisMessage({largeEvent("b")}));
        QVERIFY(ws.waitForTexts(1));
        QVERIFY2(ws.protocolProblem().isEmpty(), qPrintable(ws.protocolProblem()));
    }

    // Section 6: a client may compress its data messages; RSV1 on a control frame or a
    // continuation, or data that does not inflate, fails the connection.
    void clientFrames_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("closeCode"); // 0: stays open
        const QByteArray hello = wsdeflate::compress("hello from the client");
        QTest::newRow("compressed text") << withRsv1(encodeWsFrame(WsOpcode::Text, hello)) << 0;
        QTest::newRow("compressed binary")
            << withRsv1(encodeWsFrame(WsOpcode::Binary, wsdeflate::compress("\x01\x02"))) << 0;
        QTest::newRow("compressed, fragmented")
            << QByteArray(withRsv1(encodeWsFrame(WsOpcode::Text, hello.first(5), false))
                          + encodeWsFrame(WsOpcode::Continuation, hello.sliced(5)))
            << 0;
        QTest::newRow("RSV1 on a continuation")
            << QByteArray(withRsv1(encodeWsFrame(WsOpcode::Text, hello.first(5), false))
                          + withRsv1(encodeWsFrame(WsOpcode::Continuation, hello.sliced(5))))
            << 1002;
        QTest::newRow("RSV1 on a ping") << withRsv1(encodeWsFrame(WsOpcode::Ping, "x")) << 1002;
        QTest::newRow("RSV1 on a close")
            << withRsv1(encodeWsFrame(WsOpcode::Close, "\x03\xe8"_ba)) << 1002;
        QTest::newRow("RSV2")
            << QByteArray(encodeWsFrame(WsOpcode::Text, "x")).replace(0, 1, "\xa1") << 1002;
        QTest::newRow("not DEFLATE")
            << withRsv1(encodeWsFrame(WsOpcode::Text, "\xff\xff\xff\xff\xff"_ba)) << 1007;
        QTest::newRow("invalid UTF-8 inside")
            << withRsv1(encodeWsFrame(WsOpcode::Text, wsdeflate::compress("\xc3\x28"))) << 1007;
        // 64 KiB of zeros compress to a few hundred bytes: the bound is on what it inflates to.
        QTest::newRow("inflates past the bound")
            << withRsv1(encodeWsFrame(WsOpcode::Binary, wsdeflate::compress(QByteArray(70000, 0))))
            << 1009;
    }
    void clientFrames()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, closeCode);
        RawWebSocket ws;
        QVERIFY(ws.open(m_server.port(), "/1/ws", offer("permessage-deflate")));
        QCOMPARE(ws.handshake().header("sec-websocket-extensions"), kAccepted);
        ws.sendRaw(bytes);
        if (closeCode) {
            QVERIFY(ws.waitForClose());
            QCOMPARE(ws.closeCode(), closeCode);
            return;
        }
        // Still subscribed: the next event arrives, and an uncompressed ping is answered.
        ws.sendFrame(WsOpcode::Ping, "p");
        m_server.publish(kAccount, redisMessage({largeEvent("after")}));
        QTRY_COMPARE_WITH_TIMEOUT(dataFrames(ws).size(), 1, timeouts::kSignal);
        QVERIFY(!ws.closeReceived());
    }

    // The vendor's own client is Python; Debian's python3-websockets offers permessage-deflate by
    // default and inflates with its own zlib: what it reads must be the plain frame's text.
    void pythonClient()
    {
        RawWebSocket reference;
        QVERIFY(reference.open(m_server.port(), "/1/ws", offer({})));
        PythonWsClient client;
        QVERIFY2(client.start(m_server.wsUrl("/1/ws"), kAccount, 2), qPrintable(client.error()));
        m_server.publish(kAccount, redisMessage({largeEvent("py1"), smallEvent("py2")}));
        QVERIFY2(client.finish(), qPrintable(client.error()));
        QVERIFY(reference.waitForTexts(2));
        QCOMPARE(client.extensions(), kAccepted);
        QCOMPARE(client.messages().size(), 2);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(client.messages().at(i).text);
            QCOMPARE(client.messages().at(i).data, reference.texts().at(i));
        }
    }
};

QTEST_GUILESS_MAIN(TestWsDeflate)
#include "tst_wsdeflate.moc"
