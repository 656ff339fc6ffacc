#include "FailOnWarnings.h"
#include "http/HttpRequest.h"

#include <QTest>

using namespace sender;
using Status = HttpRequestParser::Status;

class tst_HttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void parsesARequest()
    {
        HttpRequestParser parser;
        QByteArray in = "GET /2/ws?sources=cam1%2Ccam2&age__gte=5 HTTP/1.1\r\n"
                        "Host: localhost\r\n"
                        "Luna-Account-Id:   8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a  \r\n"
                        "Connection: keep-alive, Upgrade\r\n"
                        "X-Twice: a\r\nX-Twice: b\r\n\r\n";
        QCOMPARE(parser.feed(in), Status::Complete);
        QVERIFY(in.isEmpty());
        const HttpRequest r = parser.takeRequest();
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, QByteArray("/2/ws"));
        QCOMPARE(r.query, QByteArray("sources=cam1%2Ccam2&age__gte=5"));
        QCOMPARE(r.versionMinor, 1);
        QCOMPARE(r.header("luna-account-id"), QByteArray("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));
        QCOMPARE(r.header("x-twice"), QByteArray("a, b"));
        QCOMPARE(r.headerCount("x-twice"), 2);
        QVERIFY(r.headerHasToken("connection", "upgrade"));
        QVERIFY(r.headerHasToken("connection", "Keep-Alive"));
        QVERIFY(!r.headerHasToken("connection", "close"));
        QVERIFY(r.wantsKeepAlive());
        QVERIFY(!parser.inProgress());
    }

    void byteByByteWithBody()
    {
        HttpRequestParser parser;
        const QByteArray whole = "POST /1/publish HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world"
                                 "GET /version HTTP/1.0\r\n\r\n";
        QByteArray buffer;
        QList<HttpRequest> requests;
        for (char c : whole) {
            buffer.append(c);
            Status s;
            while ((s = parser.feed(buffer)) == Status::Complete || s == Status::BodyAnnounced) {
                if (s == Status::BodyAnnounced)
                    parser.acceptBody(1024);
                else
                    requests.append(parser.takeRequest());
            }
            QVERIFY(s != Status::Error);
        }
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].body, QByteArray("hello world"));
        QCOMPARE(requests[1].path, QByteArray("/version"));
        QCOMPARE(requests[1].versionMinor, 0);
        QVERIFY(!requests[1].wantsKeepAlive()); // HTTP/1.0 without keep-alive
    }

    void pipelinedRequestsStayInTheBuffer()
    {
        HttpRequestParser parser;
        QByteArray in = "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\nGET /c";
        QCOMPARE(parser.feed(in), Status::Complete);
        QCOMPARE(parser.takeRequest().path, QByteArray("/a"));
        QCOMPARE(parser.feed(in), Status::Complete);
        const HttpRequest b = parser.takeRequest();
        QCOMPARE(b.path, QByteArray("/b"));
        QVERIFY(!b.wantsKeepAlive());
        QCOMPARE(parser.feed(in), Status::NeedMore);
        QVERIFY(parser.inProgress());
        QCOMPARE(in, QByteArray("GET /c"));
    }

    void leadingEmptyLinesAreIgnored()
    {
        HttpRequestParser parser;
        QByteArray in = "\r\n\r\nGET /version HTTP/1.1\r\n\r\n";
        QCOMPARE(parser.feed(in), Status::Complete);
        QCOMPARE(parser.request().path, QByteArray("/version"));
    }

    void absoluteFormTarget()
    {
        HttpRequestParser parser;
        QByteArray in = "GET http://example.org:5080/version?x=1 HTTP/1.1\r\n\r\n";
        QCOMPARE(parser.feed(in), Status::Complete);
        QCOMPARE(parser.request().path, QByteArray("/version"));
        QCOMPARE(parser.request().query, QByteArray("x=1"));
    }

    void expectContinue()
    {
        HttpRequestParser parser;
        QByteArray in =
            "POST /1/publish HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n";
        QCOMPARE(parser.feed(in), Status::BodyAnnounced);
        QVERIFY(!parser.expectsContinue()); // not before the route has said it takes a body
        parser.acceptBody(1024);
        QVERIFY(parser.expectsContinue());
        QCOMPARE(parser.feed(in), Status::HeadComplete);
        in = "abc";
        QCOMPARE(parser.feed(in), Status::Complete);
        QCOMPARE(parser.request().body, QByteArray("abc"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("detail");

        QTest::newRow("no target")
            << QByteArray("GET HTTP/1.1\r\n\r\n") << 400 << QByteArray("malformed request line");
        QTest::newRow("extra space")
            << QByteArray("GET /  HTTP/1.1\r\n\r\n") << 400 << QByteArray("malformed request line");
        QTest::newRow("bad method")
            << QByteArray("G@T / HTTP/1.1\r\n\r\n") << 400 << QByteArray("malformed method");
        QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505
                                << QByteArray("only HTTP/1.0 and HTTP/1.1");
        QTest::newRow("not http") << QByteArray("GET / FTP/1.0\r\n\r\n") << 400
                                  << QByteArray("malformed HTTP version");
        QTest::newRow("relative target") << QByteArray("GET version HTTP/1.1\r\n\r\n") << 400
                                         << QByteArray("must start with '/'");
        QTest::newRow("control char")
            << QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n") << 400 << QByteArray("control character");
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << 400
                                  << QByteArray("malformed header line");
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n")
                                            << 400 << QByteArray("malformed header line");
        QTest::newRow("folding") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400
                                 << QByteArray("obsolete header line folding");
        QTest::newRow("nul in value") << QByteArray("GET / HTTP/1.1\r\nA: b\x00"
                                                    "c\r\n\r\n",
                                                    27)
                                      << 400 << QByteArray("control character in a header value");
        QTest::newRow("gzip coding")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501
            << QByteArray("only the chunked");
        QTest::newRow("chunked and length")
            << QByteArray(
                   "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n")
            << 400 << QByteArray("both Transfer-Encoding and Content-Length");
        QTest::newRow("bad chunk size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400
            << QByteArray("malformed chunk size");
        QTest::newRow("chunk too long")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n")
            << 400 << QByteArray("longer than its size");
        QTest::newRow("chunked body too large")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3ff\r\n"
                          + QByteArray(1023, 'x') + "\r\n2\r\n")
            << 413 << QByteArray("exceeds 1024 bytes");
        QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n")
                                    << 400 << QByteArray("malformed Content-Length");
        QTest::newRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400
            << QByteArray("malformed Content-Length");
        QTest::newRow("huge length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
            << 400 << QByteArray("malformed Content-Length");
        QTest::newRow("conflicting lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << 400 << QByteArray("conflicting Content-Length");
        QTest::newRow("body too large")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n") << 413
            << QByteArray("exceeds 1024 bytes");
        // Strict line ends (issue 18, finding 8): CRLF only, in the head and in a chunked body.
        QTest::newRow("bare LF ends the head")
            << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << 400 << QByteArray("bare LF");
        QTest::newRow("bare LF after CRLF lines")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\n") << 400 << QByteArray("bare LF");
        QTest::newRow("LF CR LF ends the head")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\n\r\n") << 400 << QByteArray("bare LF");
        QTest::newRow("bare LF in the request line")
            << QByteArray("GET / HTTP/1.1\nHost: x\r\n\r\n") << 400 << QByteArray("bare LF");
        QTest::newRow("bare LF before the request line")
            << QByteArray("\nGET / HTTP/1.1\r\n\r\n") << 400 << QByteArray("bare LF");
        QTest::newRow("bare CR ends a header") << QByteArray("GET / HTTP/1.1\r\nA: b\rC: d\r\n\r\n")
                                               << 400 << QByteArray("control character");
        QTest::newRow("CR CR LF ends a header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\r\n\r\n")
                                                << 400 << QByteArray("control character");
        const QByteArray chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        QTest::newRow("bare LF after a chunk size") << chunked + "5\nhello\r\n0\r\n\r\n"
                                                    << 400 << QByteArray("bare LF");
        QTest::newRow("bare LF after chunk data") << chunked + "5\r\nhello\n0\r\n\r\n"
                                                  << 400 << QByteArray("bare LF");
        QTest::newRow("bare LF ends the trailers") << chunked + "0\r\n\n"
                                                   << 400 << QByteArray("bare LF");
        QTest::newRow("space before a chunk size") << chunked + " 5\r\nhello\r\n0\r\n\r\n"
                                                   << 400 << QByteArray("malformed chunk size");
        QTest::newRow("space after a chunk size") << chunked + "5 \r\nhello\r\n0\r\n\r\n"
                                                  << 400 << QByteArray("malformed chunk size");
        QTest::newRow("tab after the last chunk size") << chunked + "0\t\r\n\r\n"
                                                       << 400 << QByteArray("malformed chunk size");
        QTest::newRow("control character in a chunk extension") << chunked
                + "5;a=\x01\r\nhello\r\n0\r\n\r\n" << 400 << QByteArray("extension");
        // Trailers are held to the rules and limits of the head.
        QTest::newRow("malformed trailer") << chunked + "0\r\nno colon\r\n\r\n"
                                           << 400 << QByteArray("trailer section");
        QTest::newRow("folded trailer") << chunked + "0\r\nA: b\r\n c\r\n\r\n"
                                        << 400 << QByteArray("folding");
        QByteArray manyTrailers = chunked + "0\r\n";
        for (int i = 0; i < 101; ++i)
            manyTrailers += "T" + QByteArray::number(i) + ": x\r\n";
        QTest::newRow("too many trailers") << manyTrailers + "\r\n"
                                           << 431 << QByteArray("more than 100 trailer fields");
        QByteArray bigTrailers = chunked + "0\r\n";
        for (int i = 0; i < 3; ++i)
            bigTrailers += "T" + QByteArray::number(i) + ": " + QByteArray(2000, 'v') + "\r\n";
        QTest::newRow("trailers larger than a head") << bigTrailers
                + "\r\n" << 431 << QByteArray("trailer section exceeds 4096 bytes");
    }

    void errors()
    {
        QFETCH(QByteArray, input);
        HttpRequestParser parser({4096, 100, 1024});
        Status status = parser.feed(input);
        if (status == Status::BodyAnnounced) {
            parser.acceptBody(1024);
            status = parser.feed(input);
        }
        QCOMPARE(status, Status::Error);
        QTEST(parser.errorStatus(), "status");
        QFETCH(QByteArray, detail);
        QVERIFY2(parser.errorDetail().contains(detail), parser.errorDetail().constData());
        // Once failed, it stays failed.
        QByteArray more = "GET / HTTP/1.1\r\n\r\n";
        QCOMPARE(parser.feed(more), Status::Error);
    }

    void chunkedBodyByteByByte()
    {
        HttpRequestParser parser;
        const QByteArray whole = "POST /1/publish HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n"
                                 "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: y\r\n\r\n"
                                 "GET /next HTTP/1.1\r\n\r\n";
        QByteArray buffer;
        QList<HttpRequest> requests;
        for (char c : whole) {
            buffer.append(c);
            Status s;
            while ((s = parser.feed(buffer)) == Status::Complete || s == Status::BodyAnnounced) {
                if (s == Status::BodyAnnounced)
                    parser.acceptBody(1024);
                else
                    requests.append(parser.takeRequest());
            }
            QVERIFY(s != Status::Error);
        }
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].body, QByteArray("hello world"));
        QCOMPARE(requests[1].path, QByteArray("/next"));
    }

    // What RFC 9112 does allow stays allowed: empty CRLF lines before the request line,
    // whitespace before a chunk extension's ';', trailers within the limits.
    void strictButCompliant()
    {
        HttpRequestParser parser({4096, 100, 1024});
        QByteArray in = "\r\n\r\nPOST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "5 ;name=value\r\nhello\r\n0\r\nA: 1\r\nB: 2\r\n\r\n";
        QCOMPARE(parser.feed(in), Status::BodyAnnounced);
        parser.acceptBody(5);
        QCOMPARE(parser.feed(in), Status::Complete);
        QCOMPARE(parser.request().body, QByteArray("hello"));
        QVERIFY(in.isEmpty());
        // A CR that is the last byte so far may still become a CRLF.
        HttpRequestParser second;
        QByteArray cr = "\r";
        QCOMPARE(second.feed(cr), Status::NeedMore);
        cr += "\nGET / HTTP/1.1\r\n\r\n";
        QCOMPARE(second.feed(cr), Status::Complete);
    }

    // Issue 18, finding 4: a Content-Length alone makes the parser hold nothing. The body is not
    // read, nor memory set aside for it, until the caller accepts it, and then it grows only as
    // its bytes arrive.
    void aHeaderReservesNothing()
    {
        HttpRequestParser parser;
        QByteArray in = "POST /1/publish HTTP/1.1\r\nContent-Length: 16777216\r\n\r\nabcdefghij";
        QCOMPARE(parser.feed(in), Status::BodyAnnounced);
        QCOMPARE(parser.announcedBodyBytes(), 16777216);
        QCOMPARE(parser.request().body.capacity(), 0);
        QCOMPARE(parser.bodyBytesHeld(), 0);
        QCOMPARE(in, QByteArray("abcdefghij")); // not consumed before acceptBody()
        QCOMPARE(parser.feed(in), Status::BodyAnnounced); // asked again, still nothing read
        parser.acceptBody(16777216);
        QCOMPARE(parser.feed(in), Status::HeadComplete);
        QVERIFY(in.isEmpty());
        QCOMPARE(parser.bodyBytesHeld(), 10);
        QVERIFY2(parser.request().body.capacity() < 65536,
                 qPrintable(QString::number(parser.request().body.capacity())));
    }

    // The caller's limit for the route, below the parser's own: an announced length over it is a
    // 413 before any of the body is read; a chunked body over it, as soon as a chunk says so.
    void acceptBodyLimits()
    {
        HttpRequestParser parser;
        QByteArray in = "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world";
        QCOMPARE(parser.feed(in), Status::BodyAnnounced);
        parser.acceptBody(10);
        QCOMPARE(parser.feed(in), Status::Error);
        QCOMPARE(parser.errorStatus(), 413);
        QVERIFY2(parser.errorDetail().contains("exceeds 10 bytes"),
                 parser.errorDetail().constData());

        HttpRequestParser chunked;
        QByteArray body = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        QCOMPARE(chunked.feed(body), Status::BodyAnnounced);
        QCOMPARE(chunked.announcedBodyBytes(), -1);
        chunked.acceptBody(10);
        QCOMPARE(chunked.feed(body), Status::Error);
        QCOMPARE(chunked.errorStatus(), 413);
        QCOMPARE(chunked.bodyBytesHeld(), 0);

        // The parser's own limit caps whatever the caller allows.
        HttpRequestParser capped({4096, 100, 4});
        QByteArray five = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
        QCOMPARE(capped.feed(five), Status::BodyAnnounced);
        capped.acceptBody(1 << 20);
        QCOMPARE(capped.feed(five), Status::Error);
        QCOMPARE(capped.errorStatus(), 413);
    }

    void repeatedEqualLengthsAreTolerated()
    {
        HttpRequestParser parser;
        QByteArray in = "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok";
        QCOMPARE(parser.feed(in), Status::BodyAnnounced);
        parser.acceptBody(2);
        QCOMPARE(parser.feed(in), Status::Complete);
        QCOMPARE(parser.request().body, QByteArray("ok"));
    }

    void headLimit()
    {
        HttpRequestParser parser({1024, 100, 1024});
        // Without the terminating blank line: the limit is noticed as soon as it is passed.
        QByteArray in = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(1100, 'a');
        QCOMPARE(parser.feed(in), Status::Error);
        QCOMPARE(parser.errorStatus(), 431);
        // With it, too.
        HttpRequestParser second({1024, 100, 1024});
        QByteArray whole = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(1100, 'a') + "\r\n\r\n";
        QCOMPARE(second.feed(whole), Status::Error);
        QCOMPARE(second.errorStatus(), 431);
        // Exactly at the limit is fine.
        HttpRequestParser third({64, 100, 1024});
        QByteArray fits = "GET / HTTP/1.1\r\nX: " + QByteArray(64 - 23, 'b') + "\r\n\r\n";
        QCOMPARE(fits.size(), 64);
        QCOMPARE(third.feed(fits), Status::Complete);
    }

    void oversizedHeadIsTheSameHoweverItArrives()
    {
        // A bare LF past the head limit used to make the whole input a 400 (found by the scan)
        // while the same bytes fed one at a time were a 431 (the limit passed first): the answer
        // depended on how the network cut the bytes (found by fuzz_http_request).
        const QByteArray in =
            "GET / HTTP/1.1\r\nX-Big: " + QByteArray(1100, 'a') + "\nrest\r\n\r\n";
        HttpRequestParser whole({1024, 100, 1024});
        QByteArray all = in;
        QCOMPARE(whole.feed(all), Status::Error);
        QCOMPARE(whole.errorStatus(), 431);
        HttpRequestParser piecewise({1024, 100, 1024});
        QByteArray buffer;
        Status last = Status::NeedMore;
        for (char c : in) {
            buffer.append(c);
            last = piecewise.feed(buffer);
            if (last != Status::NeedMore)
                break;
        }
        QCOMPARE(last, Status::Error);
        QCOMPARE(piecewise.errorStatus(), 431);
    }

    void headerCountLimit()
    {
        HttpRequestParser parser({16384, 3, 1024});
        QByteArray in = "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n";
        QCOMPARE(parser.feed(in), Status::Error);
        QCOMPARE(parser.errorStatus(), 431);
    }
};

QTEST_GUILESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
