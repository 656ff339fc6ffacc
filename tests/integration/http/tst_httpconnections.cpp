// HTTP/1.1 connection handling, byte by byte on raw TCP connections: keep-alive, pipelining,
// Connection: close, and the limits that keep a public port safe (head size 431, body size 413,
// heads or bodies that never complete, idle keep-alive, connection count 503). Every answer,
// including the limit ones, carries Luna-Request-Id and the JSON error body (sections 2 and 3).

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RawWebSocket.h"
#include "SenderServer.h"
#include "TestTimeouts.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace sender::test;

namespace {
const QByteArray kId1 = "1700000001,11111111-1111-4111-8111-111111111111";
const QByteArray kId2 = "1700000002,22222222-2222-4222-8222-222222222222";
const QByteArray kId3 = "1700000003,33333333-3333-4333-8333-333333333333";
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

QString overrideError(const SenderServer &server)
{
    return QStringLiteral("cannot start: ") + server.errorString();
}
} // namespace

class TestHttpConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void keepAlive()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        for (const QByteArray target : {"/version", "/healthcheck", "/nope", "/config"}) {
            connection.write(requestBytes("GET", target, server.port()));
            const auto response = connection.readResponse();
            QVERIFY2(response, qPrintable(connection.errorString()));
            QVERIFY2(response->status == (target == "/nope" ? 404 : 200),
                     qPrintable(response->describe()));
            QVERIFY2(response->header("Connection").toLower() != "close",
                     qPrintable(response->describe()));
            QVERIFY2(connection.isConnected(), target.constData());
        }
    }

    // Three requests in one write: three answers, in order, each to its own request.
    void pipelining()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        const quint16 port = server.port();
        connection.write(requestBytes("GET", "/version", port, {{"Luna-Request-Id", kId1}})
                         + requestBytes("GET", "/nope", port, {{"Luna-Request-Id", kId2}})
                         + requestBytes("GET", "/healthcheck", port, {{"Luna-Request-Id", kId3}}));
        const auto first = connection.readResponse();
        QVERIFY2(first, qPrintable(connection.errorString()));
        const auto second = connection.readResponse();
        QVERIFY2(second, qPrintable(connection.errorString()));
        const auto third = connection.readResponse();
        QVERIFY2(third, qPrintable(connection.errorString()));
        QCOMPARE(first->header("Luna-Request-Id"), kId1);
        QCOMPARE(first->status, 200);
        QVERIFY(first->body.contains("Version"));
        QCOMPARE(second->header("Luna-Request-Id"), kId2);
        QCOMPARE(second->status, 404);
        QCOMPARE(third->header("Luna-Request-Id"), kId3);
        QCOMPARE(third->status, 200);
        QVERIFY(third->body.contains("execution_time"));
    }

    void connectionClose()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        connection.write(requestBytes("GET", "/version", server.port(), {{"Connection", "close"}}));
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        QCOMPARE(response->status, 200);
        QVERIFY2(connection.waitForDisconnected(timeouts::kSignal),
                 "the server kept the connection open");
    }

    void http10ClosesAfterTheAnswer()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        connection.write("GET /version HTTP/1.0\r\n\r\n");
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        QCOMPARE(response->status, 200);
        QVERIFY2(response->hasHeader("Luna-Request-Id"), qPrintable(response->describe()));
        QVERIFY2(connection.waitForDisconnected(timeouts::kSignal),
                 "an HTTP/1.0 connection was kept open");
    }

    // Bytes that are not a valid HTTP/1.1 request: 400 with the JSON error and Luna-Request-Id.
    void malformedRequest_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("garbage line") << QByteArray("HELLO THERE\r\n\r\n");
        QTest::newRow("header without a colon")
            << QByteArray("GET /version HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n");
        QTest::newRow("bad Content-Length")
            << QByteArray("POST /version HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
        QTest::newRow("two different Content-Lengths")
            << QByteArray("POST /version HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                          "Content-Length: 2\r\n\r\nab");
        QTest::newRow("space before the colon")
            << QByteArray("GET /version HTTP/1.1\r\nHost : x\r\n\r\n");
        // Lines end in CRLF only (issue 18, finding 8): a proxy in front may split these bytes
        // into requests differently.
        QTest::newRow("bare LF line ends") << QByteArray("GET /version HTTP/1.1\nHost: x\n\n");
        QTest::newRow("LF CR LF ends the head")
            << QByteArray("GET /version HTTP/1.1\r\nHost: x\n\r\n");
    }
    void malformedRequest()
    {
        QFETCH(QByteArray, bytes);
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        connection.write(bytes);
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString problem = errorBodyProblem(*response, 400, -1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(connection.waitForDisconnected(timeouts::kSignal),
                 "the connection stays open after a bad request");
    }

    void oversizedHead_data()
    {
        QTest::addColumn<bool>("webSocket");
        QTest::newRow("HTTP request") << false;
        QTest::newRow("WebSocket handshake") << true;
    }
    void oversizedHead()
    {
        QFETCH(bool, webSocket);
        SenderServer server;
        QVERIFY2(server.start(
                     {{QStringLiteral("SERVER.MAX_REQUEST_HEAD_BYTES"), QStringLiteral("1024")}}),
                 qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        RawHeaders headers = {{"X-Filler", QByteArray(3000, 'a')}};
        if (webSocket)
            headers += RawHeaders {{"Upgrade", "websocket"},
                                   {"Connection", "Upgrade"},
                                   {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                   {"Sec-WebSocket-Version", "13"},
                                   {"Luna-Account-Id", kAccount}};
        connection.write(
            requestBytes("GET", webSocket ? "/2/ws" : "/version", server.port(), headers));
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString problem = errorBodyProblem(*response, 431, -1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(!connection.received().contains(" 101 "), connection.received().constData());
        // A head just under the limit is fine.
        RawHttpConnection small;
        QVERIFY2(small.connectTo(server.port()), qPrintable(small.errorString()));
        small.write(
            requestBytes("GET", "/version", server.port(), {{"X-Filler", QByteArray(600, 'a')}}));
        const auto ok = small.readResponse();
        QVERIFY2(ok && ok->status == 200, qPrintable(ok ? ok->describe() : small.errorString()));
    }

    // The publish resource is the one that takes a body.
    void bodyOverLimit_data()
    {
        QTest::addColumn<bool>("sendBody");
        QTest::newRow("whole body sent") << true;
        QTest::newRow("only announced") << false;
    }
    void bodyOverLimit()
    {
        QFETCH(bool, sendBody);
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("SERVER.MAX_BODY_BYTES"), QStringLiteral("1024")},
                               {QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                               {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("t0ken")}}),
                 qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        const QByteArray body = "{\"events\": [], \"pad\": \"" + QByteArray(4000, 'x') + "\"}";
        QByteArray request =
            "POST /1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nLuna-Account-Id: " + kAccount
            + "\r\nAuthorization: Bearer t0ken\r\nContent-Type: application/json\r\n"
              "Content-Length: "
            + QByteArray::number(sendBody ? body.size() : 100000000) + "\r\n\r\n";
        if (sendBody)
            request += body;
        connection.write(request);
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString problem = errorBodyProblem(*response, 413, -1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // A chunked body is held to RFC 9112 as strictly as the head (issue 18, finding 8): no bare
    // LF, no whitespace around a chunk size, trailers within the head's limits. Each gets 400 or
    // 431 with the JSON error, and the connection is closed.
    void strictChunkedBody_data()
    {
        QTest::addColumn<QByteArray>("chunks");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("detail");
        QTest::newRow("bare LF after a chunk size")
            << QByteArray("2\n{}\r\n0\r\n\r\n") << 400 << QStringLiteral("bare LF");
        QTest::newRow("space before a chunk size")
            << QByteArray(" 2\r\n{}\r\n0\r\n\r\n") << 400 << QStringLiteral("chunk size");
        QTest::newRow("space after a chunk size")
            << QByteArray("2 \r\n{}\r\n0\r\n\r\n") << 400 << QStringLiteral("chunk size");
        QByteArray trailers = "2\r\n{}\r\n0\r\n";
        for (int i = 0; i < 150; ++i)
            trailers += "T" + QByteArray::number(i) + ": x\r\n";
        QTest::newRow("150 trailers") << trailers + "\r\n" << 431 << QStringLiteral("trailer");
    }
    void strictChunkedBody()
    {
        QFETCH(QByteArray, chunks);
        QFETCH(int, status);
        QFETCH(QString, detail);
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                               {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("t0ken")}}),
                 qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        connection.write("POST /1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nLuna-Account-Id: "
                         + kAccount
                         + "\r\nAuthorization: Bearer t0ken\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n"
                         + chunks);
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString problem = errorBodyProblem(*response, status, -1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString got = jsonObject(response->body).value(u"detail").toString();
        QVERIFY2(got.contains(detail), qPrintable(got));
        QVERIFY2(connection.waitForDisconnected(timeouts::kSignal),
                 "the connection stays open after a bad request");
    }

    // A head that never completes gets 408 after SERVER.REQUEST_TIMEOUT, then the connection goes.
    void incompleteHeadIsCut_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("expect408");
        QTest::newRow("half a head") << QByteArray("GET /version HTTP/1.1\r\nHost: x\r\n") << true;
        QTest::newRow("half a WebSocket handshake")
            << QByteArray("GET /2/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n") << true;
        QTest::newRow("half a body")
            << QByteArray("POST /1/publish HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"ev")
            << true;
        QTest::newRow("nothing at all") << QByteArray() << false;
    }
    void incompleteHeadIsCut()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, expect408);
        SenderServer server;
        // Publishing on: a body is read only on a route that takes one.
        QVERIFY2(server.start({{QStringLiteral("SERVER.REQUEST_TIMEOUT"), QStringLiteral("1")},
                               {QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                               {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("t0ken")}}),
                 qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        if (!bytes.isEmpty())
            connection.write(bytes);
        QVERIFY2(connection.waitForDisconnected(timeouts::kRoundTrip),
                 qPrintable(QStringLiteral("still open after 6 s; got: ")
                            + QString::fromLatin1(connection.received())));
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(elapsed >= 900, qPrintable(QStringLiteral("cut after %1 ms").arg(elapsed)));
        if (expect408) {
            QByteArray received = connection.received();
            HttpResult response;
            QVERIFY2(parseHttpResponse(&received, false, true, &response) == ParseResult::Complete,
                     qPrintable(QStringLiteral("no HTTP response before the close: ")
                                + QString::fromLatin1(connection.received())));
            const QString problem = errorBodyProblem(response, 408, -1);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    void idleKeepAliveIsClosed()
    {
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("SERVER.KEEP_ALIVE_TIMEOUT"), QStringLiteral("1")}}),
                 qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        connection.write(requestBytes("GET", "/version", server.port()));
        const auto response = connection.readResponse();
        QVERIFY2(response && response->status == 200, qPrintable(connection.errorString()));
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(connection.waitForDisconnected(timeouts::kRoundTrip),
                 "an idle keep-alive connection stayed open");
        QVERIFY2(clock.elapsed() >= 800, qPrintable(QString::number(clock.elapsed())));
    }

    // Connections over SERVER.MAX_CONNECTIONS get 503 with the JSON error; WebSocket clients and
    // plain HTTP connections count alike, and a freed slot is usable again.
    void maxConnections()
    {
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("SERVER.MAX_CONNECTIONS"), QStringLiteral("3")}}),
                 qPrintable(overrideError(server)));
        RawWebSocket ws1;
        QVERIFY2(ws1.openFor(server.port(), "/2/ws", kAccount), qPrintable(ws1.errorString()));
        RawWebSocket ws2;
        QVERIFY2(ws2.openFor(server.port(), "/1/ws", kAccount), qPrintable(ws2.errorString()));
        auto http = std::make_unique<RawHttpConnection>();
        QVERIFY2(http->connectTo(server.port()), qPrintable(http->errorString()));
        http->write(requestBytes("GET", "/version", server.port()));
        const auto first = http->readResponse();
        QVERIFY2(first && first->status == 200, qPrintable(http->errorString()));

        RawHttpConnection fourth;
        QVERIFY2(fourth.connectTo(server.port()), qPrintable(fourth.errorString()));
        fourth.write(requestBytes("GET", "/version", server.port()));
        const auto refused = fourth.readResponse();
        QVERIFY2(refused, qPrintable(fourth.errorString()));
        const QString problem = errorBodyProblem(*refused, 503, -1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        RawWebSocket fifth;
        QVERIFY(!fifth.openFor(server.port(), "/2/ws", kAccount));
        QVERIFY2(fifth.handshake().status == 503, qPrintable(fifth.errorString()));
        QVERIFY2(!fifth.received().contains(" 101 "), fifth.received().constData());

        // The existing ones are untouched.
        QVERIFY(!ws1.isDisconnected());
        QVERIFY(!ws2.isDisconnected());
        http->write(requestBytes("GET", "/version", server.port()));
        const auto again = http->readResponse();
        QVERIFY2(again && again->status == 200, qPrintable(http->errorString()));

        // Free a slot: a new connection is served again.
        http.reset();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                RawHttpConnection next;
                if (!next.connectTo(server.port()))
                    return false;
                next.write(
                    requestBytes("GET", "/version", server.port(), {{"Connection", "close"}}));
                const auto r = next.readResponse();
                return r && r->status == 200;
            }(),
            timeouts::kSignal);
    }
};

QTEST_GUILESS_MAIN(TestHttpConnections)
#include "tst_httpconnections.moc"
