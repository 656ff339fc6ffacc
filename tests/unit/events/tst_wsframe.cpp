#include "FailOnWarnings.h"
#include "events/WsFrame.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace wsframe = sender::wsframe;

// Server-to-client frames as RFC 6455 lays them out: FIN + opcode, no mask bit, and the 7-bit,
// 16-bit or 64-bit length form chosen by the payload size.
class TestWsFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void textHeaderForPayloadSize_data();
    void textHeaderForPayloadSize();
    void pingAndPong_data();
    void pingAndPong();
    void closeCarriesCodeAndReason();
    void closeTruncatesReasonOnCodePointBoundary_data();
    void closeTruncatesReasonOnCodePointBoundary();
    void closeWithoutStatusHasNoPayload();
};

void TestWsFrame::textHeaderForPayloadSize_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("empty") << qsizetype(0) << "\x81\x00"_ba;
    QTest::newRow("125: last 7-bit length") << qsizetype(125) << "\x81\x7d"_ba;
    QTest::newRow("126: first 16-bit length") << qsizetype(126) << "\x81\x7e\x00\x7e"_ba;
    QTest::newRow("65535: last 16-bit length") << qsizetype(65535) << "\x81\x7e\xff\xff"_ba;
    QTest::newRow("65536: first 64-bit length")
        << qsizetype(65536) << "\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00"_ba;
    QTest::newRow("1 MiB + 3") << qsizetype((1 << 20) + 3)
                               << "\x81\x7f\x00\x00\x00\x00\x00\x10\x00\x03"_ba;
}

void TestWsFrame::textHeaderForPayloadSize()
{
    QFETCH(qsizetype, size);
    QFETCH(QByteArray, header);
    QByteArray payload(size, 'x');
    if (size > 0)
        payload[size - 1] = 'z';
    const QByteArray frame = wsframe::text(payload);
    QCOMPARE(frame.size(), header.size() + size);
    QCOMPARE(frame.first(header.size()), header);
    QCOMPARE(frame.sliced(header.size()), payload);
    QCOMPARE(wsframe::headerSize(size), header.size());
    QCOMPARE(wsframe::headerSizeOfFrame(frame), header.size());
}

void TestWsFrame::pingAndPong_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty ping") << wsframe::ping() << "\x89\x00"_ba;
    QTest::newRow("ping with payload") << wsframe::ping("abc")
                                       << "\x89\x03"
                                          "abc"_ba;
    QTest::newRow("pong echoes payload") << wsframe::pong("abc")
                                         << "\x8a\x03"
                                            "abc"_ba;
    QTest::newRow("empty pong") << wsframe::pong({}) << "\x8a\x00"_ba;
    // A control frame cannot carry more than 125 bytes: longer payloads are cut, not rejected.
    QTest::newRow("ping payload cut at 125")
        << wsframe::ping(QByteArray(300, 'p')) << QByteArray("\x89\x7d"_ba + QByteArray(125, 'p'));
    QTest::newRow("pong payload cut at 125")
        << wsframe::pong(QByteArray(126, 'q')) << QByteArray("\x8a\x7d"_ba + QByteArray(125, 'q'));
}

void TestWsFrame::pingAndPong()
{
    QFETCH(QByteArray, frame);
    QFETCH(QByteArray, expected);
    QCOMPARE(frame, expected);
}

void TestWsFrame::closeCarriesCodeAndReason()
{
    QCOMPARE(wsframe::close(1001, "going away"), "\x88\x0c\x03\xe9going away"_ba);
    QCOMPARE(wsframe::close(1008, {}), "\x88\x02\x03\xf0"_ba);
    QCOMPARE(wsframe::close(4000, "\xc3\xa9"), "\x88\x04\x0f\xa0\xc3\xa9"_ba);
}

void TestWsFrame::closeTruncatesReasonOnCodePointBoundary_data()
{
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("kept");
    QTest::newRow("exactly 123 bytes kept") << QByteArray(123, 'r') << QByteArray(123, 'r');
    QTest::newRow("ASCII cut at 123") << QByteArray(200, 'r') << QByteArray(123, 'r');
    // 122 ASCII bytes + a 2-byte letter = 124 bytes: the letter would be split, so it goes.
    QTest::newRow("2-byte letter not split")
        << QByteArray(QByteArray(122, 'r') + "\xc3\xa9") << QByteArray(122, 'r');
    // 41 three-byte characters are exactly 123 bytes; the 42nd does not fit.
    QTest::newRow("3-byte characters")
        << QByteArray("\xe2\x82\xac").repeated(50) << QByteArray("\xe2\x82\xac").repeated(41);
    QTest::newRow("4-byte emoji not split")
        << QByteArray(QByteArray(121, 'r') + "\xf0\x9f\x98\x80") << QByteArray(121, 'r');
}

void TestWsFrame::closeTruncatesReasonOnCodePointBoundary()
{
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, kept);
    const QByteArray frame = wsframe::close(1008, reason);
    QVERIFY(frame.size() <= 2 + wsframe::kMaxControlPayload);
    QCOMPARE(quint8(frame[1]), quint8(2 + kept.size()));
    QCOMPARE(frame.sliced(4), kept);
}

void TestWsFrame::closeWithoutStatusHasNoPayload()
{
    QCOMPARE(wsframe::close(1005, "ignored"), "\x88\x00"_ba);
}

QTEST_APPLESS_MAIN(TestWsFrame)
#include "tst_wsframe.moc"
