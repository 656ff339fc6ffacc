#include "FailOnWarnings.h"
#include "publicport/WsFrameParser.h"
#include "publicport/WsHandshake.h"

#include <QTest>

using namespace sender;
using Opcode = WsFrameParser::Opcode;
using Result = WsFrameParser::Result;

namespace {

// A client frame as a browser would send it: masked, with the minimal length encoding unless told.
QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true,
                       bool masked = true, int forceLengthBytes = 0, quint8 rsv = 0)
{
    QByteArray f;
    f.append(char((fin ? 0x80 : 0) | rsv | opcode));
    const qsizetype n = payload.size();
    const char maskBit = masked ? char(0x80) : char(0);
    if ((n <= 125 && !forceLengthBytes) || forceLengthBytes == 1) {
        f.append(char(maskBit | char(n)));
    } else if ((n <= 0xFFFF && !forceLengthBytes) || forceLengthBytes == 2) {
        f.append(char(maskBit | 126));
        f.append(char(n >> 8));
        f.append(char(n & 0xff));
    } else {
        f.append(char(maskBit | 127));
        for (int i = 7; i >= 0; --i)
            f.append(char((quint64(n) >> (8 * i)) & 0xff));
    }
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    if (masked)
        f.append(key, 4);
    for (qsizetype i = 0; i < n; ++i)
        f.append(masked ? char(payload[i] ^ key[i & 3]) : payload[i]);
    return f;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    QByteArray p;
    p.append(char(code >> 8));
    p.append(char(code & 0xff));
    return p + reason;
}

} // namespace

class tst_WsFrameParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void readsMessagesOfEverySize_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {0, 1, 125, 126, 65535, 65536, 100000})
            QTest::newRow(qPrintable(QString::number(size))) << size;
    }

    void readsMessagesOfEverySize()
    {
        QFETCH(int, size);
        WsFrameParser parser(1 << 20);
        const QByteArray payload(size, 'x');
        QByteArray in = clientFrame(1, payload);
        // Arrives in two halves: nothing until the whole frame is there.
        QByteArray first = in.left(in.size() / 2);
        const QByteArray second = in.mid(in.size() / 2);
        WsFrameParser::Message m;
        if (!second.isEmpty() && in.size() > 1)
            QCOMPARE(parser.next(first, &m), Result::NeedMore);
        first += second;
        QCOMPARE(parser.next(first, &m), Result::Message);
        QCOMPARE(m.opcode, Opcode::Text);
        QCOMPARE(m.payload, payload);
        QVERIFY(first.isEmpty());
    }

    void fragmentsAndInterleavedControlFrames()
    {
        WsFrameParser parser(1024);
        QByteArray in = clientFrame(1, "Hel", false) + clientFrame(9, "ping!")
            + clientFrame(0, "lo ", false) + clientFrame(0, "wörld", true)
            + clientFrame(2, QByteArray("\x00\xff", 2));
        WsFrameParser::Message m;
        QCOMPARE(parser.next(in, &m), Result::Message);
        QCOMPARE(m.opcode, Opcode::Ping);
        QCOMPARE(m.payload, QByteArray("ping!"));
        QCOMPARE(parser.next(in, &m), Result::Message);
        QCOMPARE(m.opcode, Opcode::Text);
        QCOMPARE(QString::fromUtf8(m.payload), QStringLiteral("Hello wörld"));
        QCOMPARE(parser.next(in, &m), Result::Message);
        QCOMPARE(m.opcode, Opcode::Binary);
        QCOMPARE(parser.next(in, &m), Result::NeedMore);
    }

    void closeFrames()
    {
        WsFrameParser parser(1024);
        QByteArray in = clientFrame(8, closePayload(1000, "bye")) + clientFrame(8, QByteArray());
        WsFrameParser::Message m;
        QCOMPARE(parser.next(in, &m), Result::Message);
        QCOMPARE(m.opcode, Opcode::Close);
        QCOMPARE(m.payload.mid(2), QByteArray("bye"));
        QCOMPARE(parser.next(in, &m), Result::Message);
        QVERIFY(m.payload.isEmpty());
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<QString>("reason");

        QTest::newRow("unmasked") << clientFrame(1, "hi", true, false) << 1002 << "must be masked";
        QTest::newRow("rsv bits") << clientFrame(1, "hi", true, true, 0, 0x40) << 1002
                                  << "reserved bits";
        QTest::newRow("unknown opcode") << clientFrame(3, "hi") << 1002 << "unknown opcode";
        QTest::newRow("fragmented ping") << clientFrame(9, "hi", false) << 1002 << "control frames";
        QTest::newRow("long ping")
            << clientFrame(9, QByteArray(126, 'p')) << 1002 << "control frames";
        QTest::newRow("orphan continuation")
            << clientFrame(0, "hi") << 1002 << "continuation frame without";
        QTest::newRow("message inside message")
            << clientFrame(1, "a", false) + clientFrame(1, "b") << 1002 << "new message before";
        QTest::newRow("non-minimal 16-bit")
            << clientFrame(1, "short", true, true, 2) << 1002 << "non-minimal";
        QTest::newRow("non-minimal 64-bit")
            << clientFrame(1, QByteArray(200, 'a'), true, true, 8) << 1002 << "non-minimal";
        QTest::newRow("invalid utf-8")
            << clientFrame(1, QByteArray("\xc3\x28", 2)) << 1007 << "not valid UTF-8";
        QTest::newRow("surrogate in utf-8")
            << clientFrame(1, QByteArray("\xed\xa0\x80", 3)) << 1007 << "not valid UTF-8";
        QTest::newRow("overlong utf-8")
            << clientFrame(1, QByteArray("\xc0\xaf", 2)) << 1007 << "not valid UTF-8";
        QTest::newRow("too big") << clientFrame(2, QByteArray(2000, 'b')) << 1009
                                 << "larger than 1024";
        QTest::newRow("too big in fragments")
            << clientFrame(1, QByteArray(1000, 'a'), false) + clientFrame(0, QByteArray(100, 'a'))
            << 1009 << "larger than 1024";
        QTest::newRow("one-byte close") << clientFrame(8, "x") << 1002 << "one-byte payload";
        QTest::newRow("reserved close code")
            << clientFrame(8, closePayload(1005)) << 1002 << "invalid close code";
        QTest::newRow("close code 999")
            << clientFrame(8, closePayload(999)) << 1002 << "invalid close code";
        QTest::newRow("close reason not utf-8")
            << clientFrame(8, closePayload(1000, "\xff")) << 1007 << "close reason";
    }

    void protocolErrors()
    {
        QFETCH(QByteArray, input);
        WsFrameParser parser(1024);
        WsFrameParser::Message m;
        Result r;
        while ((r = parser.next(input, &m)) == Result::Message) { }
        QCOMPARE(r, Result::Error);
        QTEST(int(parser.errorCloseCode()), "closeCode");
        QFETCH(QString, reason);
        QVERIFY2(parser.errorReason().contains(reason), qPrintable(parser.errorReason()));
    }

    void oversizeIsRefusedFromTheHeaderAlone()
    {
        // A hostile client announcing 2^62 bytes is refused before anything is buffered.
        WsFrameParser parser(65536);
        QByteArray header;
        header.append(char(0x82));
        header.append(char(0x80 | 127));
        header.append(char(0x40));
        header.append(QByteArray(7, '\0'));
        header.append("\x01\x02\x03\x04", 4);
        WsFrameParser::Message m;
        QCOMPARE(parser.next(header, &m), Result::Error);
        QCOMPARE(parser.errorCloseCode(), quint16(1009));
    }

    void utf8Validator()
    {
        QVERIFY(isValidUtf8("plain ascii"));
        QVERIFY(isValidUtf8(QStringLiteral("Привет, 世界 😀").toUtf8()));
        QVERIFY(!isValidUtf8(QByteArray("\xf4\x90\x80\x80", 4))); // > U+10FFFF
        QVERIFY(!isValidUtf8(QByteArray("\xe2\x82", 2))); // truncated
        QVERIFY(!isValidUtf8(QByteArray("\x80", 1)));
    }

    void acceptKey()
    {
        // The example of RFC 6455 section 1.3.
        QCOMPARE(wshandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="),
                 QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    void handshakeChecks_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<int>("status"); // 0: acceptable
        const QByteArray good =
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        QTest::newRow("good") << good << 0;
        QTest::newRow("case and lists")
            << QByteArray("upgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\n"
                          "sec-websocket-version: 13\r\n"
                          "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
            << 0;
        QTest::newRow("no upgrade") << QByteArray("Connection: keep-alive\r\n") << 426;
        QTest::newRow("no connection upgrade")
            << QByteArray("Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
            << 400;
        QTest::newRow("version 8") << QByteArray("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                                 "Sec-WebSocket-Version: 8\r\n"
                                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                                   << 426;
        QTest::newRow("short key")
            << QByteArray("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: abcd\r\n")
            << 400;
        QTest::newRow("bad base64") << QByteArray(
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\n")
                                    << 400;
    }

    void handshakeChecks()
    {
        QFETCH(QByteArray, headers);
        QFETCH(int, status);
        HttpRequestParser parser;
        QByteArray in = "GET /2/ws HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
        QCOMPARE(parser.feed(in), HttpRequestParser::Status::Complete);
        const auto problem = wshandshake::check(parser.request());
        QCOMPARE(problem ? problem->status : 0, status);
    }
};

QTEST_GUILESS_MAIN(tst_WsFrameParser)
#include "tst_wsframeparser.moc"
