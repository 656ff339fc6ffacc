#include "FailOnWarnings.h"
#include "http/ApiError.h"
#include "http/HttpResponse.h"
#include "http/MediaType.h"
#include "http/RequestId.h"
#include "http/Router.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace sender;

class tst_HttpBasics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void requestIdValidation_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("vendor example")
            << QByteArray("1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a") << true;
        QTest::newRow("upper-case hex")
            << QByteArray("1536751345,8B8B5937-2e9c-4e8b-a7a7-5caf86621b5a") << false;
        QTest::newRow("short time")
            << QByteArray("153675134,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a") << false;
        QTest::newRow("no comma") << QByteArray("1536751345 8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a")
                                  << false;
        QTest::newRow("braces") << QByteArray("1536751345,{8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a}")
                                << false;
        QTest::newRow("dash misplaced")
            << QByteArray("1536751345,8b8b59372-e9c-4e8b-a7a7-5caf86621b5a") << false;
        QTest::newRow("trailing") << QByteArray("1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5ab")
                                  << false;
        QTest::newRow("empty") << QByteArray() << false;
    }

    void requestIdValidation()
    {
        QFETCH(QByteArray, value);
        QTEST(requestid::isValid(value), "valid");
    }

    void generatedRequestIdsMatchTheFormat()
    {
        static const QRegularExpression re(QStringLiteral(
            "^[0-9]{10},[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$"));
        const QByteArray a = requestid::generate();
        const QByteArray b = requestid::generate();
        QVERIFY(re.match(QString::fromLatin1(a)).hasMatch());
        QVERIFY(requestid::isValid(a));
        QVERIFY(a != b);
        const qint64 seconds = a.left(10).toLongLong();
        QVERIFY(qAbs(seconds - QDateTime::currentSecsSinceEpoch()) < 5);
    }

    void negotiation_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<int>("chosen"); // index into {application/x-yaml, text/html}
        QTest::newRow("absent") << QByteArray() << 0;
        QTest::newRow("any") << QByteArray("*/*") << 0;
        QTest::newRow("yaml") << QByteArray("application/x-yaml") << 0;
        QTest::newRow("html") << QByteArray("text/html") << 1;
        QTest::newRow("case") << QByteArray("Text/HTML") << 1;
        QTest::newRow("browser") << QByteArray(
            "text/html,application/xhtml+xml,application/xml;q=0.9,"
            "image/avif,image/webp,*/*;q=0.8")
                                 << 1;
        QTest::newRow("q prefers yaml") << QByteArray("text/html;q=0.1, application/x-yaml") << 0;
        QTest::newRow("q prefers html")
            << QByteArray("application/x-yaml;q=0.5, text/html;q=0.6") << 1;
        QTest::newRow("text wildcard") << QByteArray("text/*") << 1;
        QTest::newRow("excluded by q=0") << QByteArray("text/html;q=0, */*;q=0.1") << 0;
        QTest::newRow("specific beats wildcard")
            << QByteArray("*/*;q=0.9, application/x-yaml;q=0") << 1;
        QTest::newRow("nothing acceptable") << QByteArray("application/json") << -1;
        QTest::newRow("all excluded") << QByteArray("*/*;q=0") << -1;
        QTest::newRow("garbage ignored") << QByteArray("garbage, text/html") << 1;
        QTest::newRow("only garbage") << QByteArray("garbage") << 0;
        QTest::newRow("params") << QByteArray(
            "text/html; charset=utf-8; q=0.7, application/x-yaml; q=0.3")
                                << 1;
    }

    void negotiation()
    {
        QFETCH(QByteArray, accept);
        QTEST(int(negotiateMediaType(accept, {"application/x-yaml", "text/html"})), "chosen");
    }

    void errorBodyFormat()
    {
        const ApiError e = ApiError::badQueryParameter(QStringLiteral("age__gte"),
                                                       QStringLiteral("must be \"an\" integer\n"));
        const QByteArray json = e.toJson();
        QVERIFY(json.startsWith(
            "{\"error_code\": 12012, \"desc\": \"Bad query parameters 'age__gte'\", "
            "\"detail\": \"must be \\\"an\\\" integer\\n\", \"link\": "));
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QCOMPARE(o[u"error_code"].toInt(), 12012);
        QCOMPARE(o[u"detail"].toString(), QStringLiteral("must be \"an\" integer\n"));
        QCOMPARE(o[u"link"].toString(),
                 QStringLiteral("https://docs.visionlabs.ai/info/luna/troubleshooting/"
                                "errors-description/code-12012"));
        // Codes this product adds have no vendor page.
        QVERIFY(!ApiError::tooManyConnections(5).toJson().contains("link"));
    }

    void catalog_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("desc");
        QTest::addColumn<ApiError>("error");
        QTest::newRow("403")
            << 403 << 29001
            << "Forbidden. Cannot subscribe for events without 'Luna-Account-Id' header set"
            << ApiError::accountHeaderMissing();
        QTest::newRow("404") << 404 << 12013 << "Resource not found"
                             << ApiError::notFound(QStringLiteral("/x"));
        QTest::newRow("405") << 405 << 12021 << "Method not allowed"
                             << ApiError::methodNotAllowed("POST", QStringLiteral("GET"));
        QTest::newRow("415") << 415 << 12024 << "Unsupported media type"
                             << ApiError::unsupportedMediaType();
        QTest::newRow("500") << 500 << 1 << "Internal server error" << ApiError::internal();
        QTest::newRow("413") << 413 << 37003 << "Request payload is too large"
                             << ApiError::payloadTooLarge(
                                    QStringLiteral("the body exceeds 10 bytes"));
    }

    void catalog()
    {
        QFETCH(ApiError, error);
        QTEST(error.httpStatus, "status");
        QTEST(error.code, "code");
        QTEST(error.desc, "desc");
        QVERIFY(!error.detail.isEmpty());
    }

    void router()
    {
        Router router;
        const HttpHandler ok = [](const HttpRequest &, const RequestContext &) {
            return HttpResponse();
        };
        router.addRoute("/version", {"GET"}, ok);
        router.addPrefixRoute("/docs/dev/", {"GET"}, ok);
        router.addWebSocketRoute("/1/ws");

        Router::Match m = router.match("GET", "/version");
        QVERIFY(m.handler && !m.error);
        m = router.match("HEAD", "/version");
        QVERIFY(m.handler && !m.error);
        m = router.match("POST", "/version");
        QVERIFY(m.error);
        QCOMPARE(m.error->code, 12021);
        QCOMPARE(m.allow, QByteArray("GET, HEAD"));
        m = router.match("GET", "/version/");
        QCOMPARE(m.error->code, 12013);
        m = router.match("GET", "/docs/dev/a/b.html");
        QVERIFY(m.handler);
        QCOMPARE(m.route, QByteArray("/docs/dev/"));
        m = router.match("GET", "/1/ws");
        QVERIFY(m.isWebSocket && !m.error && !m.handler);
        m = router.match("HEAD", "/1/ws");
        QCOMPARE(m.error->code, 12021);
        QCOMPARE(m.allow, QByteArray("GET"));
        m = router.match("GET", "/ws");
        QCOMPARE(m.error->code, 12013);
        QVERIFY(m.route.isEmpty());
    }

    void responseSerialisation()
    {
        HttpResponse r = HttpResponse::json(200, "{}");
        r.setHeader("Luna-Request-Id", "1,x");
        const QByteArray wire = r.serialize(true);
        QVERIFY(wire.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(wire.contains("\r\nContent-Type: application/json\r\n"));
        QVERIFY(wire.contains("\r\nContent-Length: 2\r\n"));
        QVERIFY(wire.contains("\r\nConnection: keep-alive\r\n"));
        QVERIFY(wire.contains("\r\nLuna-Request-Id: 1,x\r\n"));
        QVERIFY(QRegularExpression(
                    QStringLiteral(
                        "\r\nDate: \\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n"))
                    .match(QString::fromLatin1(wire))
                    .hasMatch());
        QVERIFY(wire.endsWith("\r\n\r\n{}"));
        const QByteArray head = r.serialize(false, true);
        QVERIFY(head.endsWith("\r\n\r\n"));
        QVERIFY(head.contains("Content-Length: 2\r\n"));
        QVERIFY(head.contains("Connection: close\r\n"));
    }
};

QTEST_GUILESS_MAIN(tst_HttpBasics)
#include "tst_httpbasics.moc"
