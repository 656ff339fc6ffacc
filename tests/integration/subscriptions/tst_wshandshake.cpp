// The subscription handshake (sections 3 and 5): every refusal of the contract's table comes back
// as an ordinary HTTP error with the JSON body and no 101 ever reaches the wire; every valid
// subscription (the vendor's own examples included) is upgraded, on /1/ws and /2/ws alike.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RawWebSocket.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QTest>
#include <QWebSocket>

using namespace sender::test;

namespace {
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kForbidden =
    "Forbidden. Cannot subscribe for events without 'Luna-Account-Id' header set";

RawHeaders upgradeHeaders()
{
    return {{"Upgrade", "websocket"},
            {"Connection", "Upgrade"},
            {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
            {"Sec-WebSocket-Version", "13"}};
}
} // namespace

class TestWsHandshake : public QObject
{
    Q_OBJECT

private:
    SenderServer m_server;

    // Sends the request, reads the answer, and proves the connection is still plain HTTP
    // afterwards (a 101 sent after an error, or a socket the server took over, fails here).
    void expectRefusal(const QByteArray &method, const QByteArray &target,
                       const RawHeaders &headers, int status, int errorCode, const QString &desc)
    {
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(m_server.port()), qPrintable(connection.errorString()));
        connection.write(requestBytes(method, target, m_server.port(), headers));
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString problem = errorBodyProblem(*response, status, errorCode, desc);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(!response->hasHeader("Sec-WebSocket-Accept"), qPrintable(response->describe()));
        if (connection.isConnected()) {
            connection.write(
                requestBytes("GET", "/version", m_server.port(), {{"Connection", "close"}}));
            const auto next = connection.readResponse();
            QVERIFY2(next,
                     qPrintable(QStringLiteral("after the refusal the connection is not "
                                               "HTTP any more: ")
                                + QString::fromLatin1(connection.received())));
            QVERIFY2(next->status == 200 && next->body.contains("Version"),
                     qPrintable(next->describe()));
        } else {
            QVERIFY(connection.waitForDisconnected(timeouts::kSignal));
        }
        QVERIFY2(!connection.received().contains("HTTP/1.1 101"),
                 connection.received().constData());
    }

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<RawHeaders>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorCode");
        QTest::addColumn<QString>("desc");

        const RawHeaders account = {{"Luna-Account-Id", kAccount}};
        for (const char *api : {"/1/ws", "/2/ws"}) {
            const QByteArray path(api);
            QTest::addRow("%s missing Luna-Account-Id", api)
                << QByteArray("GET") << path << RawHeaders {} << 403 << 29001
                << QString::fromLatin1(kForbidden);
            QTest::addRow("%s missing Luna-Account-Id, with filters", api)
                << QByteArray("GET") << QByteArray(path + "?gender=1") << RawHeaders {} << 403
                << 29001 << QString::fromLatin1(kForbidden);
            for (const QByteArray &bad :
                 {QByteArray("not-a-uuid"), QByteArray("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5"),
                  QByteArray("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5az"),
                  QByteArray("zzzzzzzz-2e9c-4e8b-a7a7-5caf86621b5a"),
                  QByteArray("1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a")})
                QTest::addRow("%s Luna-Account-Id %s", api, bad.constData())
                    << QByteArray("GET") << path << RawHeaders {{"Luna-Account-Id", bad}} << 400
                    << 12012 << QStringLiteral("Bad query parameters 'Luna-Account-Id'");
            QTest::addRow("%s invalid Luna-Request-Id", api)
                << QByteArray("GET") << path
                << (account + RawHeaders {{"Luna-Request-Id", "not-a-request-id"}}) << 400 << 12012
                << QString();
        }

        // Query parameters: {query, the parameter the error must name}.
        const QList<std::pair<QByteArray, QByteArray>> badQueries = {
            {"foo=1", "foo"},
            {"gendr=1", "gendr"},
            {"Gender=1", "Gender"},
            {"gender=male", "gender"},
            {"gender=2", "gender"},
            {"gender=1.0", "gender"},
            {"gender=", "gender"},
            {"age__gte=abc", "age__gte"},
            {"age__gte=1.5", "age__gte"},
            {"age__gte=201", "age__gte"},
            {"age__lt=-1", "age__lt"},
            {"apparent_age__gte=101", "apparent_age__gte"},
            {"apparent_age__lt=-1", "apparent_age__lt"},
            {"object_similarity__gte=abc", "object_similarity__gte"},
            {"object_similarity__gte=1.5", "object_similarity__gte"},
            {"object_similarity__lt=-0.1", "object_similarity__lt"},
            {"ethnic_groups=5", "ethnic_groups"},
            {"ethnic_groups=0", "ethnic_groups"},
            {"ethnic_groups=asian", "ethnic_groups"},
            {"ethnic_groups=1,,2", "ethnic_groups"},
            {"liveness=3", "liveness"},
            {"masks=0", "masks"},
            {"masks=4", "masks"},
            {"emotions=8", "emotions"},
            {"emotions=0", "emotions"},
            {"apparent_gender=3", "apparent_gender"},
            {"headwear_states=3", "headwear_states"},
            {"backpack_states=-1", "backpack_states"},
            {"sleeve_lengths=medium", "sleeve_lengths"},
            {"upper_clothing_colors=violet", "upper_clothing_colors"},
            {"lower_garment_colors=black,violet", "lower_garment_colors"},
            {"lower_garment_types=jeans", "lower_garment_types"},
            {"shoes_colors=blue", "shoes_colors"},
            {"headwear_colors=red", "headwear_colors"},
            {"tags=ok," + QByteArray(37, 't'), "tags"},
            {"tags=" + QByteArray("%D0%B6").repeated(37), "tags"},
            {"handler_ids=not-a-uuid", "handler_ids"},
            {"handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb,346a5645-ec89-4806-820a-dbcb6e0dc38",
             "handler_ids"},
            {"stream_ids=not-a-uuid", "stream_ids"},
            {"stream_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb,,", "stream_ids"},
            {"stream_ids=%7B8950722f-3fd4-4223-b48f-03f95f0e8dfb%7D", "stream_ids"},
            {"geo_position=origin_longitude,36.6", "geo_position"},
            {"geo_position=origin_latitude,55.7", "geo_position"},
            {"geo_position=origin_longitude,200,origin_latitude,55.7", "geo_position"},
            {"geo_position=origin_longitude,36.6,origin_latitude,95", "geo_position"},
            {"geo_position=origin_longitude,36.6,origin_latitude,55.7,longitude_delta,0",
             "geo_position"},
            {"geo_position=origin_longitude,36.6,origin_latitude,55.7,latitude_delta,91",
             "geo_position"},
            {"geo_position=origin_longitude,36.6,origin_latitude,55.7,radius,1", "geo_position"},
            {"geo_position=origin_longitude,east,origin_latitude,55.7", "geo_position"},
            {"geo_position=origin_longitude,36.6,origin_latitude", "geo_position"},
            {"sources=cam1&age__gte=x", "age__gte"},
            // An extension's parameter is unknown while the extension is off (ACCESS.ACCOUNT_TOKENS
            // empty, the default): the original service would refuse it too.
            {"access_token=abc", "access_token"},
        };
        for (const auto &[query, name] : badQueries) {
            for (const char *api : {"/1/ws", "/2/ws"})
                QTest::addRow("%s?%s", api, query.left(60).constData())
                    << QByteArray("GET") << QByteArray(api + ('?' + query)) << account << 400
                    << 12012
                    << QStringLiteral("Bad query parameters '%1'").arg(QString::fromLatin1(name));
        }

        for (const char *path : {"/ws", "/3/ws", "/0/ws", "/1/wss", "/2/ws/extra", "/2/WS"})
            QTest::addRow("path %s", path) << QByteArray("GET") << QByteArray(path) << account
                                           << 404 << 12013 << QStringLiteral("Resource not found");
        QTest::newRow("POST /1/ws") << QByteArray("POST") << QByteArray("/1/ws") << account << 405
                                    << 12021 << QStringLiteral("Method not allowed");
        QTest::newRow("PUT /2/ws") << QByteArray("PUT") << QByteArray("/2/ws") << account << 405
                                   << 12021 << QStringLiteral("Method not allowed");
    }
    void refused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(RawHeaders, headers);
        QFETCH(int, status);
        QFETCH(int, errorCode);
        QFETCH(QString, desc);
        expectRefusal(method, target, upgradeHeaders() + headers, status, errorCode, desc);
        QCOMPARE(m_server.snapshot().subscribers, 0);
    }

    // The error's detail says what is wrong, not only which parameter.
    void refusalDetailSaysWhy()
    {
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(m_server.port()), qPrintable(connection.errorString()));
        connection.write(
            requestBytes("GET", "/2/ws?age__gte=201", m_server.port(),
                         upgradeHeaders() + RawHeaders {{"Luna-Account-Id", kAccount}}));
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString detail = jsonObject(response->body).value(u"detail").toString();
        QVERIFY2(detail.contains(u"200") || detail.contains(u"range"), qPrintable(detail));
    }

    // Client text is quoted into the detail as data, never used as a format (issue 18, finding
    // 7): the "%3%4" of the query comes back as sent, not replaced by the numbers the message
    // goes on to insert (the position, the allowed values).
    void refusalDetailQuotesClientTextAsIs()
    {
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(m_server.port()), qPrintable(connection.errorString()));
        connection.write(
            requestBytes("GET", "/2/ws?sleeve_lengths=%253%254", m_server.port(),
                         upgradeHeaders() + RawHeaders {{"Luna-Account-Id", kAccount}}));
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString problem = errorBodyProblem(*response, 400, 12012);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(jsonObject(response->body).value(u"detail").toString(),
                 QStringLiteral("'sleeve_lengths' item '%3%4' (position 1) is not one of short, "
                                "long, undefined"));
    }

    // Requests to /1/ws and /2/ws that are not WebSocket handshakes at all.
    void notAnUpgrade_data()
    {
        QTest::addColumn<RawHeaders>("headers");
        const RawHeader account = {"Luna-Account-Id", kAccount};
        QTest::newRow("plain GET") << RawHeaders {account};
        QTest::newRow("no Sec-WebSocket-Key") << RawHeaders {account,
                                                             {"Upgrade", "websocket"},
                                                             {"Connection", "Upgrade"},
                                                             {"Sec-WebSocket-Version", "13"}};
        QTest::newRow("Upgrade: h2c")
            << RawHeaders {account,
                           {"Upgrade", "h2c"},
                           {"Connection", "Upgrade"},
                           {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                           {"Sec-WebSocket-Version", "13"}};
    }
    void notAnUpgrade()
    {
        QFETCH(RawHeaders, headers);
        for (const QByteArray target : {"/1/ws", "/2/ws"}) {
            RawHttpConnection connection;
            QVERIFY2(connection.connectTo(m_server.port()), qPrintable(connection.errorString()));
            connection.write(requestBytes("GET", target, m_server.port(), headers));
            const auto response = connection.readResponse();
            QVERIFY2(response, qPrintable(connection.errorString()));
            QVERIFY2(response->status >= 400 && response->status < 500,
                     qPrintable(response->describe()));
            const QString problem = errorBodyProblem(*response, response->status, -1);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY(!connection.received().contains("HTTP/1.1 101"));
        }
    }

    // Every parameter of the contract, with the vendor's examples and the edges of each range.
    void accepted_data()
    {
        QTest::addColumn<QByteArray>("query");
        const QList<QByteArray> queries = {
            "",
            "sources=cam1,cam2",
            "matching_candidates_labels=matching_label",
            "object_similarity__gte=0.5",
            "object_similarity__lt=0.5",
            "object_similarity__gte=0&object_similarity__lt=1",
            "age__lt=50",
            "age__gte=50",
            "age__gte=0&age__lt=200",
            "gender=1",
            "gender=0",
            "ethnic_groups=1,2",
            "ethnic_groups=1,2,3,4",
            "liveness=0,2",
            "liveness=1",
            "masks=1,2,3",
            "emotions=1,2,3",
            "emotions=4,5,6,7",
            "tags=tag_1,tag_2",
            "tags=" + QByteArray(36, 't'),
            // 36 characters, 72 bytes: the limit counts characters.
            "tags=" + QByteArray("%D0%B6").repeated(36),
            "user_data=some%20special%20user%20info",
            "user_data=some+special+user+info",
            "geo_position=origin_longitude,36.616,origin_latitude,55.752",
            "geo_position=origin_longitude,-180,origin_latitude,-90,longitude_delta,90,"
            "latitude_delta,0.5",
            "geo_position=origin_longitude%2C36.616%2Corigin_latitude%2C55.752",
            "cities=moscow,New-York",
            "areas=CAO,central%20park",
            "districts=mitino,central+park",
            "streets=arbat,schepkina",
            "house_numbers=1,1/2str3",
            "handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb",
            "handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb,346a5645-ec89-4806-820a-dbcb6e0dc381",
            "stream_ids=a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21",
            "stream_ids=A7E4C7D2-1B7E-4F8E-9C1D-3B5A7E9F0C21%2C346a5645-ec89-4806-820a-"
            "dbcb6e0dc381",
            "apparent_gender=1",
            "apparent_gender=0,1,2",
            "apparent_age__gte=50",
            "apparent_age__lt=50",
            "apparent_age__gte=0&apparent_age__lt=100",
            "headwear_states=1",
            "headwear_states=0,1,2",
            "sleeve_lengths=short",
            "sleeve_lengths=short,long,undefined",
            "upper_clothing_colors=black,white",
            "upper_clothing_colors=black,blue,green,gray,orange,purple,red,white,yellow,pink,brown,"
            "beige,khaki,multicolored,undefined",
            "lower_garment_colors=black,white",
            "lower_garment_types=trousers,skirt",
            "lower_garment_types=trousers,shorts,skirt,undefined",
            "shoes_colors=black,white",
            "shoes_colors=black,other,white,undefined",
            "headwear_colors=black,white",
            "backpack_states=1",
            "backpack_states=0,1,2",
            "sources=cam1&sources=cam2",
            "sources=cam1%2Ccam2",
            "sources=cam1&gender=1&age__gte=18&tags=vip&liveness=1&apparent_gender=1&shoes_colors="
            "white",
        };
        for (const QByteArray &query : queries)
            QTest::newRow(query.isEmpty() ? "no filters" : query.left(80).constData()) << query;
    }
    void accepted()
    {
        QFETCH(QByteArray, query);
        for (const char *api : {"/1/ws", "/2/ws"}) {
            const QByteArray target =
                QByteArray(api) + (query.isEmpty() ? QByteArray() : QByteArray("?" + query));
            RawWebSocket client;
            QVERIFY2(client.openFor(m_server.port(), target, kAccount),
                     qPrintable(QString::fromLatin1(target) + QStringLiteral(": ")
                                + client.errorString()));
            client.sendClose(1000);
            QVERIFY(client.waitForDisconnected());
        }
    }

    // Header names are case-insensitive (RFC 9110); a UUID is a UUID in either case of hex.
    void acceptedHeaderSpellings_data()
    {
        QTest::addColumn<RawHeaders>("headers");
        QTest::newRow("lower-case header name") << RawHeaders {{"luna-account-id", kAccount}};
        QTest::newRow("upper-case header name") << RawHeaders {{"LUNA-ACCOUNT-ID", kAccount}};
        QTest::newRow("upper-case UUID") << RawHeaders {{"Luna-Account-Id", kAccount.toUpper()}};
        // Optional whitespace around a field value is not part of it (RFC 9110 5.5).
        QTest::newRow("trailing whitespace") << RawHeaders {{"Luna-Account-Id", kAccount + "  \t"}};
        // What browsers and other libraries send.
        QTest::newRow("Connection: keep-alive, Upgrade (Firefox)")
            << RawHeaders {{"Luna-Account-Id", kAccount}, {"Connection", "keep-alive, Upgrade"}};
        QTest::newRow("lower-case upgrade tokens") << RawHeaders {
            {"Luna-Account-Id", kAccount}, {"Connection", "upgrade"}, {"Upgrade", "WebSocket"}};
        QTest::newRow("Origin and permessage-deflate offered") << RawHeaders {
            {"Luna-Account-Id", kAccount},
            {"Origin", "http://example.com"},
            {"Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"},
            {"User-Agent", "Mozilla/5.0"}};
        QTest::newRow("with a valid Luna-Request-Id")
            << RawHeaders {{"Luna-Account-Id", kAccount},
                           {"Luna-Request-Id", "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"}};
    }
    void acceptedHeaderSpellings()
    {
        QFETCH(RawHeaders, headers);
        RawWebSocket client;
        QVERIFY2(client.open(m_server.port(), "/2/ws", headers), qPrintable(client.errorString()));
        // Subscribed: an event arrives, in a plain (uncompressed) text frame. (Published on the
        // account as the client spelled it: how other spellings map is not the point here.)
        QByteArray account;
        for (const auto &[name, value] : headers) {
            if (name.compare("Luna-Account-Id", Qt::CaseInsensitive) == 0)
                account = value.trimmed();
        }
        m_server.publish(account, redisMessage({R"({"event_id": "spelling"})"}));
        QVERIFY(client.waitForTexts(1));
        QVERIFY2(client.protocolProblem().isEmpty(), qPrintable(client.protocolProblem()));
        QCOMPARE(eventField(client.texts().first(), QStringLiteral("event_id")),
                 QByteArray("spelling"));
    }

    // A real client library: QWebSocket on both endpoints, with and without Luna-Request-Id.
    void qwebsocketConnects_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("requestId");
        QTest::newRow("/1/ws") << QByteArray("/1/ws") << QByteArray();
        QTest::newRow("/2/ws") << QByteArray("/2/ws") << QByteArray();
        QTest::newRow("/2/ws with Luna-Request-Id")
            << QByteArray("/2/ws") << QByteArray("1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
        QTest::newRow("/2/ws?gender=1") << QByteArray("/2/ws?gender=1") << QByteArray();
    }
    void qwebsocketConnects()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, requestId);
        WsClient client;
        RawHeaders extra;
        if (!requestId.isEmpty())
            extra.append(RawHeader("Luna-Request-Id", requestId));
        QVERIFY2(client.open(m_server.wsUrl(target), kAccount, extra),
                 qPrintable(client.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(m_server.snapshot().subscribers, 1, timeouts::kSignal);
        client.socket().close();
        QVERIFY(client.waitForDisconnected());
        QTRY_COMPARE_WITH_TIMEOUT(m_server.snapshot().subscribers, 0, timeouts::kSignal);
    }

    // QWebSocket sees the refusals as failed handshakes (it never gets to "connected").
    void qwebsocketRefused()
    {
        WsClient noAccount;
        QVERIFY(!noAccount.open(m_server.wsUrl("/2/ws"), QByteArray()));
        WsClient badFilter;
        QVERIFY(!badFilter.open(m_server.wsUrl("/2/ws?gender=7"), kAccount));
        QCOMPARE(m_server.snapshot().subscribers, 0);
    }
};

QTEST_GUILESS_MAIN(TestWsHandshake)
#include "tst_wshandshake.moc"
