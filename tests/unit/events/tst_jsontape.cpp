#include "FailOnWarnings.h"
#include "events/JsonTape.h"

#include <QTest>

using namespace Qt::StringLiterals;
using sender::json::Tape;
using sender::json::Type;

// The validating scanner: every RFC 8259 rule the contract insists on, the byte offsets it
// reports, and the navigation helpers the attribute extraction relies on.
class TestJsonTape : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void acceptsValidDocuments_data();
    void acceptsValidDocuments();
    void rejectsInvalidDocuments_data();
    void rejectsInvalidDocuments();
    void limitsNestingDepth();
    void recordsByteRanges();
    void duplicateKeysLastWins();
    void escapedKeysAreCompared();
    void decodesEscapes_data();
    void decodesEscapes();
    void readsNumbers_data();
    void readsNumbers();
};

void TestJsonTape::acceptsValidDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("values");
    QTest::newRow("empty object") << "{}"_ba << 1;
    QTest::newRow("empty array") << "[]"_ba << 1;
    QTest::newRow("zero") << "0"_ba << 1;
    QTest::newRow("negative zero") << "-0"_ba << 1;
    QTest::newRow("fraction and exponent") << "-12.5e-12"_ba << 1;
    QTest::newRow("upper-case exponent with plus") << "1E+5"_ba << 1;
    QTest::newRow("huge integer") << "123456789012345678901234567890"_ba << 1;
    QTest::newRow("literals") << "[true,false,null]"_ba << 4;
    QTest::newRow("string") << "\"a\""_ba << 1;
    QTest::newRow("every simple escape") << R"("\" \\ \/ \b \f \n \r \t")"_ba << 1;
    QTest::newRow("unicode escape") << R"("caf\u00e9")"_ba << 1;
    QTest::newRow("surrogate pair escape") << R"("\ud83d\ude00")"_ba << 1;
    QTest::newRow("raw 2/3/4-byte UTF-8") << "\"\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""_ba << 1;
    QTest::newRow("U+10FFFF raw") << "\"\xf4\x8f\xbf\xbf\""_ba << 1;
    QTest::newRow("nested") << R"({"a":[1,2,{"b":null}],"c":{}})"_ba << 7;
    QTest::newRow("whitespace everywhere") << " \t\r\n{ \"a\" : [ 1 , 2 ] }\n "_ba << 4;
    QTest::newRow("DEL is allowed in strings") << "\"\x7f\""_ba << 1;
}

void TestJsonTape::acceptsValidDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(int, values);
    Tape tape;
    QString error;
    QVERIFY2(tape.parse(json, &error), qPrintable(error));
    QCOMPARE(tape.size(), values);
    QCOMPARE(tape[0].after, quint32(values));
}

void TestJsonTape::rejectsInvalidDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty input") << ""_ba << u"unexpected end of input at byte 0"_s;
    QTest::newRow("only whitespace") << "  "_ba << u"unexpected end of input at byte 2"_s;
    QTest::newRow("unclosed object") << "{"_ba << u"expected a string key at byte 1"_s;
    QTest::newRow("unclosed array") << "[1"_ba << u"expected ',' or ']' at byte 2"_s;
    QTest::newRow("trailing comma in object")
        << R"({"a":1,})"_ba << u"expected a string key at byte 7"_s;
    QTest::newRow("trailing comma in array") << "[1,]"_ba << u"unexpected character at byte 3"_s;
    QTest::newRow("NaN") << "NaN"_ba << u"unexpected character at byte 0"_s;
    QTest::newRow("Infinity") << "[Infinity]"_ba << u"unexpected character at byte 1"_s;
    QTest::newRow("-Infinity") << "-Infinity"_ba << u"expected a digit at byte 1"_s;
    QTest::newRow("leading zero") << "[01]"_ba << u"leading zero in number at byte 1"_s;
    QTest::newRow("leading zero negative") << "-00"_ba << u"leading zero in number at byte 1"_s;
    QTest::newRow("plus sign") << "+1"_ba << u"unexpected character at byte 0"_s;
    QTest::newRow("lone minus") << "-"_ba << u"expected a digit at byte 1"_s;
    QTest::newRow("dot without digits")
        << "1."_ba << u"expected a digit after the decimal point at byte 2"_s;
    QTest::newRow("leading dot") << ".5"_ba << u"unexpected character at byte 0"_s;
    QTest::newRow("empty exponent") << "1e"_ba << u"expected a digit in the exponent at byte 2"_s;
    QTest::newRow("hex number") << "0x10"_ba << u"trailing data after the document at byte 1"_s;
    QTest::newRow("unterminated string") << "\"abc"_ba << u"unterminated string at byte 4"_s;
    QTest::newRow("control char in string")
        << "\"a\x01\""_ba << u"control character in string at byte 2"_s;
    QTest::newRow("raw newline in string")
        << "\"a\nb\""_ba << u"control character in string at byte 2"_s;
    QTest::newRow("invalid escape") << R"("\x")"_ba << u"invalid escape at byte 1"_s;
    QTest::newRow("short unicode escape") << R"("\u12")"_ba << u"truncated \\u escape at byte 2"_s;
    QTest::newRow("bad hex in unicode escape")
        << R"("\u12g4")"_ba << u"invalid hex digit in \\u escape at byte 5"_s;
    QTest::newRow("truncated unicode escape")
        << R"("\u1)"_ba << u"truncated \\u escape at byte 2"_s;
    QTest::newRow("lone high surrogate")
        << R"("\ud800")"_ba << u"high surrogate not followed by a low surrogate at byte 1"_s;
    QTest::newRow("high surrogate then letter")
        << R"("\ud800\u0041")"_ba << u"high surrogate not followed by a low surrogate at byte 1"_s;
    QTest::newRow("lone low surrogate")
        << R"("\udc00")"_ba << u"lone low surrogate in \\u escape at byte 1"_s;
    QTest::newRow("overlong NUL") << "\"\xc0\x80\""_ba << u"invalid UTF-8 at byte 1"_s;
    QTest::newRow("overlong slash") << "\"\xe0\x80\xaf\""_ba << u"invalid UTF-8 at byte 1"_s;
    QTest::newRow("UTF-8 surrogate") << "\"\xed\xa0\x80\""_ba << u"invalid UTF-8 at byte 1"_s;
    QTest::newRow("above U+10FFFF") << "\"\xf4\x90\x80\x80\""_ba << u"invalid UTF-8 at byte 1"_s;
    QTest::newRow("F5 lead byte") << "\"\xf5\x80\x80\x80\""_ba << u"invalid UTF-8 at byte 1"_s;
    QTest::newRow("truncated sequence at end") << "\"\xe2\x82"_ba << u"invalid UTF-8 at byte 1"_s;
    QTest::newRow("lone continuation byte") << "\"\x80\""_ba << u"invalid UTF-8 at byte 1"_s;
    QTest::newRow("UTF-8 outside strings")
        << "[\xc3\xa9]"_ba << u"unexpected character at byte 1"_s;
    QTest::newRow("byte order mark") << "\xef\xbb\xbf{}"_ba << u"unexpected character at byte 0"_s;
    QTest::newRow("trailing garbage")
        << "{} x"_ba << u"trailing data after the document at byte 3"_s;
    QTest::newRow("two documents") << "{}{}"_ba << u"trailing data after the document at byte 2"_s;
    QTest::newRow("missing colon") << R"({"a" 1})"_ba << u"expected ':' at byte 5"_s;
    QTest::newRow("number key") << "{1:2}"_ba << u"expected a string key at byte 1"_s;
    QTest::newRow("missing comma") << "[1 2]"_ba << u"expected ',' or ']' at byte 3"_s;
    QTest::newRow("single quotes") << "['a']"_ba << u"unexpected character at byte 1"_s;
    QTest::newRow("truncated true") << "tru"_ba << u"invalid literal at byte 0"_s;
    QTest::newRow("capitalised null") << "Null"_ba << u"unexpected character at byte 0"_s;
    QTest::newRow("NUL byte after document")
        << QByteArray("{}\0", 3) << u"trailing data after the document at byte 2"_s;
    QTest::newRow("comment") << "{}//"_ba << u"trailing data after the document at byte 2"_s;
    QTest::newRow("mismatched brackets") << "[}"_ba << u"unexpected character at byte 1"_s;
}

void TestJsonTape::rejectsInvalidDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    Tape tape;
    QString actual;
    QVERIFY(!tape.parse(json, &actual));
    QCOMPARE(actual, error);
    QCOMPARE(tape.size(), 0);
}

void TestJsonTape::limitsNestingDepth()
{
    Tape tape;
    QString error;
    const QByteArray deepest = QByteArray(Tape::kMaxDepth, '[') + QByteArray(Tape::kMaxDepth, ']');
    QVERIFY2(tape.parse(deepest, &error), qPrintable(error));
    const QByteArray tooDeep = "{\"a\":" + QByteArray(Tape::kMaxDepth, '[');
    QVERIFY(!tape.parse(tooDeep, &error));
    QCOMPARE(error, u"nesting too deep at byte %1"_s.arg(5 + Tape::kMaxDepth - 1));
    // Far beyond the limit must fail just as quickly, never recurse.
    QVERIFY(!tape.parse(QByteArray(1 << 20, '['), &error));
}

void TestJsonTape::recordsByteRanges()
{
    const QByteArray json = R"( {"a" : [1, "x\n"], "b":{"c":-2.5e3}} )"_ba;
    Tape tape;
    QString error;
    QVERIFY2(tape.parse(json, &error), qPrintable(error));
    const quint32 a = tape.member(0, "a");
    QCOMPARE(tape.bytes(a), QByteArrayView(R"([1, "x\n"])"));
    const quint32 x = tape.next(a, tape.firstChild(a));
    QCOMPARE(tape.bytes(x), QByteArrayView(R"("x\n")"));
    QCOMPARE(tape.rawString(x), QByteArrayView(R"(x\n)"));
    QVERIFY(tape[x].flags & sender::json::Node::Escaped);
    QCOMPARE(tape.next(a, x), Tape::npos);
    QCOMPARE(tape.bytes(tape.path(0, {"b", "c"})), QByteArrayView("-2.5e3"));
    QCOMPARE(tape.bytes(0), QByteArrayView(json).sliced(1, json.size() - 2));
    QCOMPARE(tape.path(0, {"b", "missing"}), Tape::npos);
    QCOMPARE(tape.path(0, {"a", "c"}), Tape::npos); // "a" is an array, not an object
}

void TestJsonTape::duplicateKeysLastWins()
{
    Tape tape;
    QString error;
    QVERIFY(tape.parse(R"({"k":1,"other":true,"k":"second"})", &error));
    QCOMPARE(tape.bytes(tape.member(0, "k")), QByteArrayView(R"("second")"));
    std::array<quint32, 2> found {};
    static constexpr QByteArrayView keys[] = {"k", "none"};
    tape.members(0, keys, found);
    QCOMPARE(tape.bytes(found[0]), QByteArrayView(R"("second")"));
    QCOMPARE(found[1], Tape::npos);
}

void TestJsonTape::escapedKeysAreCompared()
{
    Tape tape;
    QString error;
    QVERIFY(tape.parse(R"({"\u0073ource":"cam1"})", &error));
    QCOMPARE(tape.bytes(tape.member(0, "source")), QByteArrayView(R"("cam1")"));
}

void TestJsonTape::decodesEscapes_data()
{
    QTest::addColumn<QByteArray>("escaped");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("plain") << "abc"_ba
                           << "abc"_ba;
    QTest::newRow("simple escapes") << R"(\"\\\/\b\f\n\r\t)"_ba
                                    << "\"\\/\b\f\n\r\t"_ba;
    QTest::newRow("BMP") << R"(caf\u00E9 \u20ac)"_ba
                         << "caf\xc3\xa9 \xe2\x82\xac"_ba;
    QTest::newRow("pair") << R"(\ud83d\ude00!)"_ba
                          << "\xf0\x9f\x98\x80!"_ba;
    QTest::newRow("NUL") << R"(a\u0000b)"_ba << QByteArray("a\0b", 3);
}

void TestJsonTape::decodesEscapes()
{
    QFETCH(QByteArray, escaped);
    QFETCH(QByteArray, decoded);
    std::string out;
    Tape::unescape(escaped, out);
    QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), decoded);
}

void TestJsonTape::readsNumbers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("value");
    QTest::newRow("integer") << "50"_ba << true << 50.0;
    QTest::newRow("tiny") << "1e-12"_ba << true << 1e-12;
    QTest::newRow("plain tiny") << "0.00000965219624049496"_ba << true << 0.00000965219624049496;
    QTest::newRow("underflow reads as zero") << "1e-400"_ba << true << 0.0;
    QTest::newRow("long underflow reads as zero")
        << QByteArray("0." + QByteArray(400, '0') + "1") << true << 0.0;
    QTest::newRow("overflow is no value") << "1e400"_ba << false << 0.0;
    QTest::newRow("long overflow is no value")
        << QByteArray("1" + QByteArray(400, '0')) << false << 0.0;
    QTest::newRow("negative overflow") << "-1e400"_ba << false << 0.0;
    QTest::newRow("string is no number") << "\"5\""_ba << false << 0.0;
}

void TestJsonTape::readsNumbers()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(double, value);
    Tape tape;
    QString error;
    QVERIFY2(tape.parse(json, &error), qPrintable(error));
    const std::optional<double> number = tape.number(0);
    QCOMPARE(number.has_value(), valid);
    if (valid)
        QCOMPARE(*number, value);
}

QTEST_APPLESS_MAIN(TestJsonTape)
#include "tst_jsontape.moc"
