#include "FailOnWarnings.h"
#include "sources/redis/RespReader.h"

#include <QTest>

using sender::appendRespCommand;
using sender::RespReader;
using sender::RespValue;

namespace {
// Feeds `input` in slices of `step` bytes and collects every reply as text.
QStringList parseAll(const QByteArray &input, qsizetype step, RespReader &reader,
                     bool *error = nullptr)
{
    QStringList replies;
    for (qsizetype at = 0; at < input.size(); at += step) {
        reader.feed(input.constData() + at, std::min(step, input.size() - at));
        for (;;) {
            const RespValue *reply = nullptr;
            const auto status = reader.next(&reply);
            if (status == RespReader::Status::Reply) {
                replies.append(reply->describe());
                continue;
            }
            if (status == RespReader::Status::Error && error)
                *error = true;
            break;
        }
    }
    return replies;
}
} // namespace

class TestRespReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void splitsAnywhere_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("status") << QByteArray("+OK\r\n") << QStringList {QStringLiteral("+OK")};
        QTest::newRow("error") << QByteArray("-WRONGPASS invalid\r\n")
                               << QStringList {QStringLiteral("-WRONGPASS invalid")};
        QTest::newRow("integer") << QByteArray(":-42\r\n") << QStringList {QStringLiteral(":-42")};
        QTest::newRow("nil") << QByteArray("$-1\r\n") << QStringList {QStringLiteral("(nil)")};
        QTest::newRow("empty string")
            << QByteArray("$0\r\n\r\n") << QStringList {QStringLiteral("$")};
        QTest::newRow("pmessage") << QByteArray(
            "*4\r\n$8\r\npmessage\r\n$13\r\nluna-sender:*\r\n$14\r\nluna-sender:a1\r\n$2\r\n{}\r\n")
                                  << QStringList {QStringLiteral(
                                         "[$pmessage, $luna-sender:*, $luna-sender:a1, ${}]")};
        QTest::newRow("nested") << QByteArray("*3\r\n$6\r\nmaster\r\n:10\r\n*1\r\n*3\r\n$9\r\n127."
                                              "0.0.1\r\n$4\r\n6380\r\n$2\r\n10\r\n")
                                << QStringList {QStringLiteral(
                                       "[$master, :10, [[$127.0.0.1, $6380, $10]]]")};
        QTest::newRow("pipelined batch")
            << QByteArray("+OK\r\n+OK\r\n*3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:1\r\n*2\r\n$"
                          "4\r\npong\r\n$0\r\n\r\n")
            << QStringList {QStringLiteral("+OK"), QStringLiteral("+OK"),
                            QStringLiteral("[$psubscribe, $*, :1]"), QStringLiteral("[$pong, $]")};
        QTest::newRow("empty array") << QByteArray("*0\r\n") << QStringList {QStringLiteral("[]")};
        QTest::newRow("nil array")
            << QByteArray("*-1\r\n") << QStringList {QStringLiteral("(nil)")};
    }
    void splitsAnywhere()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        for (qsizetype step = 1; step <= input.size(); ++step) {
            RespReader reader;
            QCOMPARE(parseAll(input, step, reader), expected);
            QCOMPARE(reader.bufferedBytes(), 0);
        }
    }

    void binarySafePayload()
    {
        QByteArray payload("\0\r\n$-1\r\n*\xff\xfe", 11);
        payload += QStringLiteral("привет 👋").toUtf8();
        QByteArray input = "*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$1\r\nc\r\n$"
            + QByteArray::number(payload.size()) + "\r\n" + payload + "\r\n";
        RespReader reader;
        reader.feed(input.constData(), input.size());
        const RespValue *reply = nullptr;
        QCOMPARE(reader.next(&reply), RespReader::Status::Reply);
        QVERIFY(reply->isArray(4));
        QVERIFY(reply->element(0)->textEquals("PMESSAGE"));
        QCOMPARE(reply->element(3)->bytes, payload);
        QCOMPARE(reply->element(4), nullptr);
    }

    void keptPayloadSurvivesPoolReuse()
    {
        RespReader reader;
        QByteArray kept;
        for (int i = 0; i < 3; ++i) {
            const QByteArray payload = "payload-" + QByteArray::number(i);
            QByteArray input;
            appendRespCommand(input, {"x", payload});
            reader.feed(input.constData(), input.size());
            const RespValue *reply = nullptr;
            QCOMPARE(reader.next(&reply), RespReader::Status::Reply);
            if (i == 0)
                kept = reply->element(1)->bytes; // a sink keeping its shallow copy
            QCOMPARE(reply->element(1)->bytes, payload);
        }
        QCOMPARE(kept, QByteArray("payload-0"));
    }

    void partialReplySurvivesNeedMore()
    {
        // The pool must not be recycled while hiredis holds a half-built array.
        RespReader reader;
        const QByteArray first("*3\r\n$1\r\na\r\n");
        const QByteArray rest("$1\r\nb\r\n$1\r\nc\r\n");
        reader.feed(first.constData(), first.size());
        const RespValue *reply = nullptr;
        QCOMPARE(reader.next(&reply), RespReader::Status::NeedMore);
        QCOMPARE(reader.next(&reply), RespReader::Status::NeedMore);
        reader.feed(rest.constData(), rest.size());
        QCOMPARE(reader.next(&reply), RespReader::Status::Reply);
        QCOMPARE(reply->describe(), QStringLiteral("[$a, $b, $c]"));
    }

    void oversizedStringIsMarkedNotCopied()
    {
        RespReader reader(10);
        QByteArray input;
        appendRespCommand(input, {"pmessage", "*", "c", QByteArray(20, 'x')});
        appendRespCommand(input, {"pmessage", "*", "c", "small"});
        reader.feed(input.constData(), input.size());
        const RespValue *reply = nullptr;
        QCOMPARE(reader.next(&reply), RespReader::Status::Reply);
        QVERIFY(reply->element(3)->oversized);
        QCOMPARE(reply->element(3)->integer, 20);
        QVERIFY(reply->element(3)->bytes.isEmpty());
        QCOMPARE(reader.next(&reply), RespReader::Status::Reply);
        QVERIFY(!reply->element(3)->oversized);
        QCOMPARE(reply->element(3)->bytes, QByteArray("small"));
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("unknown type byte") << QByteArray("?what\r\n");
        QTest::newRow("too deep") << QByteArray(
            "*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n");
        QTest::newRow("too many values")
            << QByteArray("*100\r\n" + QByteArray(":1\r\n").repeated(100));
    }
    void protocolErrors()
    {
        QFETCH(QByteArray, input);
        RespReader reader(1024, 16);
        bool error = false;
        parseAll(input, input.size(), reader, &error);
        QVERIFY(error);
        QVERIFY(!reader.errorString().isEmpty());
        // reset() makes it usable again, as for a new connection.
        reader.reset();
        QCOMPARE(parseAll("+OK\r\n", 5, reader), QStringList {QStringLiteral("+OK")});
    }

    void hugeDeclaredArrayAllocatesNothingUpFront()
    {
        RespReader reader;
        const QByteArray input("*2000000000\r\n:1\r\n");
        reader.feed(input.constData(), input.size());
        const RespValue *reply = nullptr;
        QCOMPARE(reader.next(&reply), RespReader::Status::NeedMore);
    }

    void encodesCommands()
    {
        QByteArray out;
        appendRespCommand(out, {"AUTH", "us er", QByteArray("p\r\n\0w", 5)});
        QCOMPARE(out, QByteArray("*3\r\n$4\r\nAUTH\r\n$5\r\nus er\r\n$5\r\np\r\n\0w\r\n", 36));
    }
};

QTEST_GUILESS_MAIN(TestRespReader)
#include "tst_respreader.moc"
