// POST /1/publish, our extension (section 6.2): off unless configured, a bearer token, the account
// header, a Redis-format body; 202 {"events": N} and the events reach the account's WebSocket
// clients exactly as a Redis message would; every refusal with its status and error code.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace sender::test;

namespace {
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kOtherAccount = "0c0d7e3a-6d7b-4c43-9d0e-1f2a3b4c5d6e";
const QByteArray kToken = "pub-T0ken-xyz";
constexpr int kMaxMessageBytes = 2048;

const QByteArray kEvent1 = R"({"event_id": "p1", "source": "cam1", "n": 1e-12})";
const QByteArray kEvent2 = R"({"event_id": "p2", "source": "caf\u00e9", "z": 1, "a": 2})";
} // namespace

class TestPublishResource : public QObject
{
    Q_OBJECT

private:
    SenderServer m_server;
    QNetworkAccessManager m_nam;

    HttpResult post(const QByteArray &body, const RawHeaders &headers,
                    const QByteArray &path = "/1/publish")
    {
        QNetworkRequest request(m_server.httpUrl(path));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return httpRequest(m_nam, "POST", request, body);
    }
    static RawHeaders good()
    {
        return {{"Luna-Account-Id", kAccount}, {"Authorization", "Bearer " + kToken}};
    }

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase()
    {
        QVERIFY2(m_server.start({{QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                                 {QStringLiteral("PUBLISH.TOKEN"), QString::fromLatin1(kToken)},
                                 {QStringLiteral("REDIS.MAX_MESSAGE_BYTES"),
                                  QString::number(kMaxMessageBytes)}}),
                 qPrintable(m_server.errorString()));
    }

    void acceptedAndDelivered()
    {
        WsClient mine;
        QVERIFY2(mine.open(m_server.wsUrl("/2/ws"), kAccount), qPrintable(mine.errorString()));
        WsClient other;
        QVERIFY2(other.open(m_server.wsUrl("/2/ws"), kOtherAccount),
                 qPrintable(other.errorString()));

        const MessageMeta meta;
        const HttpResult r = post(redisMessage({kEvent1, kEvent2}, meta), good());
        QVERIFY2(r.status == 202, qPrintable(r.describe()));
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Luna-Request-Id"), qPrintable(r.describe()));
        const QJsonObject body = jsonObject(r.body);
        QCOMPARE(body.keys(), QStringList {QStringLiteral("events")});
        QCOMPARE(body.value(u"events").toInteger(-1), 2);

        QVERIFY2(mine.waitForMessages(2), qPrintable(QString::number(mine.messages.size())));
        QString problem = frameProblem(mine.messages.at(0), kEvent1, meta);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = frameProblem(mine.messages.at(1), kEvent2, meta);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // The other account: nothing of it. A message of its own shows it was listening.
        const QByteArray marker = R"({"event_id": "other"})";
        QCOMPARE(post(redisMessage({marker}, meta),
                      {{"Luna-Account-Id", kOtherAccount}, {"Authorization", "Bearer " + kToken}})
                     .status,
                 202);
        QVERIFY(other.waitForMessages(1));
        QCOMPARE(other.messages.size(), 1);
        QCOMPARE(eventField(other.messages.at(0), QStringLiteral("event_id")), QByteArray("other"));
        QCOMPARE(mine.messages.size(), 2);
    }

    void refused_data()
    {
        QTest::addColumn<RawHeaders>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorCode");
        const QByteArray valid = redisMessage({kEvent1});
        const RawHeaders account = {{"Luna-Account-Id", kAccount}};
        const RawHeader bearer = {"Authorization", "Bearer " + kToken};
        QTest::newRow("no Authorization") << account << valid << 401 << 29103;
        QTest::newRow("wrong token")
            << (account + RawHeaders {{"Authorization", "Bearer nope"}}) << valid << 401 << 29103;
        QTest::newRow("token with a suffix")
            << (account + RawHeaders {{"Authorization", "Bearer " + kToken + "x"}}) << valid << 401
            << 29103;
        QTest::newRow("not a bearer")
            << (account + RawHeaders {{"Authorization", "Basic " + kToken}}) << valid << 401
            << 29103;
        QTest::newRow("no account") << RawHeaders {bearer} << valid << 403 << 29001;
        QTest::newRow("account not a uuid")
            << RawHeaders {bearer, {"Luna-Account-Id", "not-a-uuid"}} << valid << 400 << 12012;
        QTest::newRow("empty body")
            << (account + RawHeaders {bearer}) << QByteArray() << 400 << 12030;
        QTest::newRow("invalid JSON")
            << (account + RawHeaders {bearer}) << QByteArray("{\"events\": [") << 400 << 12027;
        QTest::newRow("not JSON at all")
            << (account + RawHeaders {bearer}) << QByteArray("hello") << 400 << 12027;
        QTest::newRow("events not an array")
            << (account + RawHeaders {bearer})
            << QByteArray(R"({"handler_id": "h", "events": {"event_id": "x"}})") << 400 << -1;
        QTest::newRow("a JSON array")
            << (account + RawHeaders {bearer}) << QByteArray(R"([{"event_id": "x"}])") << 400 << -1;
        const QByteArray big = redisMessage(
            {"{\"event_id\": \"big\", \"pad\": \"" + QByteArray(kMaxMessageBytes, 'x') + "\"}"});
        QTest::newRow("over REDIS.MAX_MESSAGE_BYTES")
            << (account + RawHeaders {bearer}) << big << 413 << 37003;
    }
    void refused()
    {
        QFETCH(RawHeaders, headers);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(int, errorCode);
        WsClient client;
        QVERIFY2(client.open(m_server.wsUrl("/1/ws"), kAccount), qPrintable(client.errorString()));
        const HttpResult r = post(body, headers);
        const QString problem = errorBodyProblem(r, status, errorCode);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Nothing of it was delivered: the next good message is the first thing the client sees.
        const QByteArray marker = R"({"event_id": "after"})";
        const HttpResult ok = post(redisMessage({marker}), good());
        QVERIFY2(ok.status == 202, qPrintable(ok.describe()));
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(eventField(client.messages.first(), QStringLiteral("event_id")),
                 QByteArray("after"));
        QCOMPARE(client.messages.size(), 1);
    }

    // What ordinary HTTP clients do with a body: curl sends "Expect: 100-continue" for bodies over
    // 1 KB and waits for the 100; others stream it chunked (RFC 9112 requires servers to read it).
    void expectContinue()
    {
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(m_server.port()), qPrintable(connection.errorString()));
        const QByteArray body = redisMessage({kEvent1});
        connection.write("POST /1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nLuna-Account-Id: "
                         + kAccount + "\r\nAuthorization: Bearer " + kToken
                         + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                           "Content-Length: "
                         + QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY2(
            QTest::qWaitFor([&] { return !connection.received().isEmpty(); }, timeouts::kSignal),
            "no 100 Continue (nor any answer) to Expect: 100-continue within 3 s");
        QVERIFY2(connection.received().startsWith("HTTP/1.1 100"),
                 connection.received().constData());
        const auto interim = connection.readResponse();
        QVERIFY2(interim && interim->status == 100, qPrintable(connection.errorString()));
        connection.write(body);
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        QVERIFY2(response->status == 202, qPrintable(response->describe()));
    }

    void chunkedBody()
    {
        WsClient client;
        QVERIFY2(client.open(m_server.wsUrl("/2/ws"), kAccount), qPrintable(client.errorString()));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(m_server.port()), qPrintable(connection.errorString()));
        const QByteArray body = redisMessage({kEvent1, kEvent2});
        const qsizetype half = body.size() / 2;
        const auto chunk = [](const QByteArray &bytes) -> QByteArray {
            return QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n";
        };
        connection.write(
            "POST /1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nLuna-Account-Id: " + kAccount
            + "\r\nAuthorization: Bearer " + kToken
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunk(body.left(half)) + chunk(body.mid(half)) + "0\r\n\r\n");
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        QVERIFY2(response->status == 202,
                 qPrintable(QStringLiteral("a chunked body was not read (RFC 9112 7.1: every "
                                           "HTTP/1.1 recipient must parse chunked):\n")
                            + response->describe()));
        QCOMPARE(jsonObject(response->body).value(u"events").toInteger(), 2);
        QVERIFY(client.waitForMessages(2));
        const QString problem = frameProblem(client.messages.at(1), kEvent2, MessageMeta());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The connection is still in step: the next request gets its own answer.
        connection.write(requestBytes("GET", "/version", m_server.port()));
        const auto next = connection.readResponse();
        QVERIFY2(next && next->status == 200, qPrintable(connection.errorString()));
    }

    void wrongMethod()
    {
        const HttpResult r = httpGet(m_nam, m_server.httpUrl("/1/publish"), good());
        const QString problem =
            errorBodyProblem(r, 405, 12021, QStringLiteral("Method not allowed"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(r.header("Allow").contains("POST"), qPrintable(r.describe()));
    }

    // Off unless configured: a default server has no such resource.
    void offByDefault()
    {
        SenderServer plain;
        QVERIFY2(plain.start(), qPrintable(plain.errorString()));
        QNetworkRequest request(plain.httpUrl("/1/publish"));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Luna-Account-Id", kAccount);
        request.setRawHeader("Authorization", "Bearer " + kToken);
        const HttpResult r = httpRequest(m_nam, "POST", request, redisMessage({kEvent1}));
        const QString problem =
            errorBodyProblem(r, 404, 12013, QStringLiteral("Resource not found"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestPublishResource)
#include "tst_publishresource.moc"
