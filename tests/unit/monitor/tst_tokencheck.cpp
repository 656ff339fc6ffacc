// The one bearer-token check of every port (util/TokenDigest.h, issue 29): how a token is read
// from an Authorization header and from a query, and how it is compared.

#include "util/TokenDigest.h"

#include <QTest>

using namespace sender;

class tst_TokenCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bearerOf_data();
    void bearerOf();
    void queryToken_data();
    void queryToken();
    void compares();
};

void tst_TokenCheck::bearerOf_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("plain") << QByteArray("Bearer abc") << true << QByteArray("abc");
    QTest::newRow("scheme without case") << QByteArray("bEARER abc") << true << QByteArray("abc");
    QTest::newRow("spaces trimmed") << QByteArray("  Bearer   abc \t") << true << QByteArray("abc");
    QTest::newRow("other scheme") << QByteArray("Basic abc") << false << QByteArray();
    QTest::newRow("no token") << QByteArray("Bearer   ") << false << QByteArray();
    QTest::newRow("no space") << QByteArray("Bearerabc") << false << QByteArray();
    QTest::newRow("empty") << QByteArray() << false << QByteArray();
}

void tst_TokenCheck::bearerOf()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, found);
    QFETCH(QByteArray, token);
    const std::optional<QByteArray> got = sender::bearerOf(header);
    QCOMPARE(got.has_value(), found);
    if (found)
        QCOMPARE(*got, token);
}

void tst_TokenCheck::queryToken_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("rest");
    QTest::newRow("none") << QByteArray("a=1&b=2") << 0 << QByteArray() << QByteArray("a=1&b=2");
    QTest::newRow("decoded") << QByteArray("a=1&access_token=x%2By+z&b=2") << 1
                             << QByteArray("x+y z") << QByteArray("a=1&b=2");
    QTest::newRow("twice") << QByteArray("access_token=a&access_token=b") << 2 << QByteArray("b")
                           << QByteArray();
    QTest::newRow("empty value") << QByteArray("access_token") << 1 << QByteArray() << QByteArray();
    QTest::newRow("prefix is another name")
        << QByteArray("access_tokens=a") << 0 << QByteArray() << QByteArray("access_tokens=a");
}

void tst_TokenCheck::queryToken()
{
    QFETCH(QByteArray, query);
    QFETCH(int, count);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, rest);
    const QueryToken got = takeQueryToken(query, "access_token");
    QCOMPARE(got.count, count);
    QCOMPARE(got.value.value_or(QByteArray()), value);
    QCOMPARE(got.rest, rest);
}

void tst_TokenCheck::compares()
{
    const TokenCheck check("s3cret-token");
    QVERIFY(check.isSet());
    QVERIFY(check.matches("s3cret-token"));
    QVERIFY(!check.matches("s3cret-token "));
    QVERIFY(!check.matches("s3cret"));
    QVERIFY(!check.matches(QByteArray("s3cret-token\0", 13)));
    QVERIFY(check.accepts(std::optional<QByteArray>("s3cret-token")));
    QVERIFY(!check.accepts(std::nullopt));
    // Unset: matches nothing, not even an empty token.
    const TokenCheck none;
    QVERIFY(!none.isSet());
    QVERIFY(!none.matches(""));
    QVERIFY(!TokenCheck("").isSet());
}

QTEST_GUILESS_MAIN(tst_TokenCheck)
#include "tst_tokencheck.moc"
