// Access control beyond the original service: per-account tokens (bearer header or access_token
// query parameter), an Origin allow-list, and the publish resource honouring account tokens.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "SenderServer.h"
#include "WsClient.h"

#include <QScopeGuard>
#include <QTest>

#include <algorithm>

using namespace sender;
using namespace sender::test;

namespace {
const QByteArray kAccountA = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kAccountB = "904e635f-3a47-4832-b4d6-d2d72ba78451";
const QByteArray kMessage =
    R"({"handler_id": "557d54ec-29ad-4f3c-93b4-c9092ef12515", "events": [{"source": "cam1"}]})";

Overrides policy()
{
    return {
        {QStringLiteral("ACCESS.ACCOUNT_TOKENS"),
         QStringLiteral("%1:token-a1,%1:token-a2,%2:token-b")
             .arg(QLatin1StringView(kAccountA), QLatin1StringView(kAccountB))},
        {QStringLiteral("ACCESS.ALLOWED_ORIGINS"), QStringLiteral("https://console.example.org")},
        {QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
        {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("publisher")}};
}
} // namespace

class tst_Access : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void handshake_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("account");
        QTest::addColumn<RawHeaders>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::newRow("no token") << QByteArray() << kAccountA << RawHeaders {} << 401 << 29103;
        QTest::newRow("wrong token")
            << QByteArray() << kAccountA << RawHeaders {{"Authorization", "Bearer nope"}} << 401
            << 29103;
        QTest::newRow("other account's token")
            << QByteArray() << kAccountA << RawHeaders {{"Authorization", "Bearer token-b"}} << 401
            << 29103;
        QTest::newRow("not bearer")
            << QByteArray() << kAccountA << RawHeaders {{"Authorization", "Basic dG9rZW4tYTE="}}
            << 401 << 29103;
        QTest::newRow("bearer") << QByteArray("gender=1") << kAccountA
                                << RawHeaders {{"Authorization", "Bearer token-a1"}} << 101 << 0;
        QTest::newRow("second token")
            << QByteArray() << kAccountA << RawHeaders {{"Authorization", "bearer token-a2"}} << 101
            << 0;
        QTest::newRow("query token") << QByteArray("gender=1&access_token=token-b") << kAccountB
                                     << RawHeaders {} << 101 << 0;
        QTest::newRow("encoded query token")
            << QByteArray("access_token=token%2Db") << kAccountB << RawHeaders {} << 101 << 0;
        QTest::newRow("query token twice")
            << QByteArray("access_token=token-b&access_token=token-b") << kAccountB << RawHeaders {}
            << 400 << 12012;
        QTest::newRow("filters still checked")
            << QByteArray("agee=1") << kAccountA
            << RawHeaders {{"Authorization", "Bearer token-a1"}} << 400 << 12012;
        QTest::newRow("account unknown to the policy")
            << QByteArray() << QByteArray("00000000-0000-4000-8000-000000000009")
            << RawHeaders {{"Authorization", "Bearer token-a1"}} << 401 << 29103;
        QTest::newRow("allowed origin") << QByteArray() << kAccountA
                                        << RawHeaders {{"Authorization", "Bearer token-a1"},
                                                       {"Origin", "https://console.example.org"}}
                                        << 101 << 0;
        QTest::newRow("foreign origin") << QByteArray() << kAccountA
                                        << RawHeaders {{"Authorization", "Bearer token-a1"},
                                                       {"Origin", "https://evil.example.com"}}
                                        << 403 << 29105;
    }

    void handshake()
    {
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, account);
        QFETCH(RawHeaders, headers);
        QFETCH(int, status);
        QFETCH(int, code);
        SenderServer server;
        QVERIFY2(server.start(policy()), qPrintable(server.errorString()));
        RawHttpConnection raw;
        QVERIFY(raw.connectTo(server.port()));
        QByteArray request = "GET /2/ws" + (query.isEmpty() ? QByteArray() : '?' + query)
            + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Luna-Account-Id: "
            + account + "\r\n";
        for (const auto &[name, value] : headers)
            request += name + ": " + value + "\r\n";
        raw.write(request + "\r\n");
        const auto response = raw.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, status);
        if (code) {
            QVERIFY2(
                response->body.contains(QByteArray("\"error_code\": " + QByteArray::number(code))),
                response->body.constData());
            // A refused token is never echoed.
            QVERIFY(!response->body.contains("token-"));
        }
        if (status == 401)
            QVERIFY(response->header("www-authenticate").startsWith("Bearer"));
    }

    void deliveryWithTokensAndNoLeakInTheLog()
    {
        QStringList logged;
        static QStringList *sink = nullptr;
        sink = &logged;
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &m) { sink->append(m); });
        // Restored on every way out, a failed QVERIFY's early return included.
        const auto restore = qScopeGuard([previous] { qInstallMessageHandler(previous); });
        {
            SenderServer server;
            QVERIFY(server.start(policy()));
            WsClient a;
            QVERIFY(
                a.open(server.wsUrl("/1/ws"), kAccountA, {{"Authorization", "Bearer token-a2"}}));
            WsClient b;
            QVERIFY(b.open(server.wsUrl("/2/ws?access_token=token-b"), kAccountB));
            server.publish(kAccountA, kMessage);
            QVERIFY(a.waitForMessages(1));
            // b gets its own account's event, published after a's, and only that one.
            server.publish(kAccountB, kMessage);
            QVERIFY(b.waitForMessages(1));
            QCOMPARE(b.messages.size(), 1);
            QCOMPARE(a.messages.size(), 1);
            WsClient wrong;
            QVERIFY(!wrong.open(server.wsUrl("/2/ws"), kAccountA,
                                {{"Authorization", "Bearer token-b"}}));
            QVERIFY2(wrong.errorString().contains(QStringLiteral("401")),
                     qPrintable(wrong.errorString()));
        }
        qInstallMessageHandler(previous);
        // The refused handshake was logged, and no line of the log carries a token.
        const auto refusal = std::find_if(logged.cbegin(), logged.cend(), [](const QString &line) {
            return line.contains(QStringLiteral("401"));
        });
        QVERIFY2(refusal != logged.cend(), qPrintable(logged.join(u'\n')));
        for (const QString &line : std::as_const(logged))
            QVERIFY2(!line.contains(QStringLiteral("token-")), qPrintable(line));
    }

    void publishHonoursAccountTokens()
    {
        SenderServer server;
        QVERIFY(server.start(policy()));
        auto post = [&](const QByteArray &account, const QByteArray &token) {
            QNetworkRequest request(server.httpUrl("/1/publish"));
            request.setRawHeader("Luna-Account-Id", account);
            request.setRawHeader("Authorization", "Bearer " + token);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            return httpRequest(m_nam, "POST", request, kMessage).status;
        };
        QCOMPARE(post(kAccountA, "publisher"), 202); // the publisher's token opens every account
        QCOMPARE(post(kAccountA, "token-a1"), 202); // an account token opens its account
        QCOMPARE(post(kAccountB, "token-a1"), 401); // and no other
        QCOMPARE(post(kAccountB, "wrong"), 401);
    }

    void withoutPolicyAccessTokenIsAnUnknownParameter()
    {
        SenderServer server;
        QVERIFY(server.start());
        WsClient c;
        QVERIFY(c.open(server.wsUrl("/2/ws"), kAccountA)); // no token needed, as in the original
        RawHttpConnection raw;
        QVERIFY(raw.connectTo(server.port()));
        raw.write("GET /2/ws?access_token=x HTTP/1.1\r\nHost: x\r\nUpgrade: "
                  "websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                  "dGhlIHNhbXBsZSBub25jZQ==\r\nLuna-Account-Id: "
                  + kAccountA + "\r\n\r\n");
        const auto response = raw.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QVERIFY(response->body.contains("'access_token'"));
    }

    void policyChangesLive()
    {
        SenderServer server;
        QVERIFY(server.start());
        WsClient before;
        QVERIFY(before.open(server.wsUrl("/2/ws"), kAccountA));
        std::optional<Settings> next = makeSettings(policy(), nullptr);
        QVERIFY(next);
        next->set(QStringLiteral("SERVER.PORT"), server.engine()->settings().value(u"SERVER.PORT"),
                  Settings::Origin::CommandLine);
        QVERIFY(server.engine()->applySettings(*next).isEmpty());
        QVERIFY(before.isConnected()); // clients already in stay in
        WsClient refused;
        QVERIFY(!refused.open(server.wsUrl("/2/ws"), kAccountA));
        QVERIFY2(refused.errorString().contains(QStringLiteral("401")),
                 qPrintable(refused.errorString()));
        WsClient after;
        QVERIFY(
            after.open(server.wsUrl("/2/ws"), kAccountA, {{"Authorization", "Bearer token-a1"}}));
    }
};

QTEST_GUILESS_MAIN(tst_Access)
#include "tst_access.moc"
