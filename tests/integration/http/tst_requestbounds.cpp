// What one client, or many unfinished requests, can make the server hold (issue 18, findings 4
// and 5), against the whole server in-process over real TCP: bodies refused from the head when
// their route takes none, the bound on bytes held by unfinished bodies, and the bounds per client
// address on connections and on connections that are not (yet) a WebSocket. Every refusal is the
// contract's JSON error. The real process's memory under 300 such heads is in
// tests/integration/service/tst_resourcebounds.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RawWebSocket.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "publicport/ConnectionServer.h"

#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace sender::test;

namespace {
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

QString overrideError(const SenderServer &server)
{
    return QStringLiteral("cannot start: ") + server.errorString();
}

// Open connections and those not (yet) a WebSocket from 127.0.0.1, as the server counts them.
QPair<int, int> localLoad(const SenderServer &server)
{
    return server.engine()->connectionServer()->addressLoad("127.0.0.1");
}

QString detailOf(const HttpResult &result)
{
    return jsonObject(result.body).value(u"detail").toString();
}
} // namespace

class TestRequestBounds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    // Issue 18, finding 4: a body is refused from the head alone when its route takes none (or
    // less), so the answer comes without a byte of the body sent, and the connection is closed
    // (the body that may follow is never read).
    void bodyRefusedFromTheHead_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorCode");
        QTest::newRow("GET with a body")
            << QByteArray("GET /version HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n") << 413
            << 37003;
        QTest::newRow("GET with a chunked body")
            << QByteArray("GET /version HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            << 413 << 37003;
        QTest::newRow("WebSocket handshake with a body")
            << QByteArray("GET /2/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                          "Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                          "dGhlIHNhbXBsZSBub25jZQ==\r\nLuna-Account-Id: "
                          + kAccount + "\r\nContent-Length: 16777216\r\n\r\n")
            << 413 << 37003;
        QTest::newRow("POST where only GET is allowed")
            << QByteArray("POST /version HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n") << 405
            << 12021;
        QTest::newRow("no such resource")
            << QByteArray("POST /nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 16777216\r\n\r\n")
            << 404 << 12013;
        QTest::newRow("publish over REDIS.MAX_MESSAGE_BYTES")
            << QByteArray("POST /1/publish HTTP/1.1\r\nHost: x\r\nContent-Length: 4097\r\n\r\n")
            << 413 << 37003;
    }
    void bodyRefusedFromTheHead()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        QFETCH(int, errorCode);
        SenderServer server;
        QVERIFY2(
            server.start({{QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                          {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("t0ken")},
                          {QStringLiteral("REDIS.MAX_MESSAGE_BYTES"), QStringLiteral("4096")}}),
            qPrintable(overrideError(server)));
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(server.port()), qPrintable(connection.errorString()));
        connection.write(head); // and not a byte of the body
        const auto response = connection.readResponse();
        QVERIFY2(response, qPrintable(connection.errorString()));
        const QString problem = errorBodyProblem(*response, status, errorCode);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(connection.waitForDisconnected(timeouts::kSignal),
                 "the connection stays open after the refusal");
    }

    // The bytes held by unfinished bodies, all connections together, are bounded by
    // SERVER.MAX_PENDING_BODY_BYTES: of three requests each one byte short of its body, whose
    // bytes together pass the bound, whichever pushes the total over it gets 503 (29102) and is
    // closed; the others are still read to the end and answered.
    void pendingBodiesAreBounded()
    {
        SenderServer server;
        QVERIFY2(server.start(
                     {{QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                      {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("t0ken")},
                      {QStringLiteral("SERVER.MAX_PENDING_BODY_BYTES"), QStringLiteral("65536")}}),
                 qPrintable(overrideError(server)));
        constexpr int kBody = 30000;
        const QByteArray body = "{\"pad\": \"" + QByteArray(kBody - 11, 'x') + "\"}";
        QCOMPARE(body.size(), kBody);
        const QByteArray head =
            "POST /1/publish HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken\r\n"
            "Luna-Account-Id: "
            + kAccount + "\r\nContent-Length: " + QByteArray::number(kBody) + "\r\n\r\n";
        std::vector<std::unique_ptr<RawHttpConnection>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<RawHttpConnection>());
            QVERIFY2(clients.back()->connectTo(server.port()),
                     qPrintable(clients.back()->errorString()));
            clients.back()->write(head + body.first(kBody - 1));
        }
        const auto answered = [&] {
            return int(std::count_if(clients.cbegin(), clients.cend(),
                                     [](const auto &c) { return !c->received().isEmpty(); }));
        };
        QTRY_VERIFY_WITH_TIMEOUT(answered() == 1, timeouts::kRoundTrip);
        int readToTheEnd = 0;
        for (auto &client : clients) {
            if (!client->received().isEmpty()) {
                const auto refused = client->readResponse();
                QVERIFY2(refused, qPrintable(client->errorString()));
                const QString problem = errorBodyProblem(*refused, 503, 29102);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
                QVERIFY(client->waitForDisconnected(timeouts::kSignal));
                continue;
            }
            // The others are read to the end: the body is no message, which the publish resource
            // says after reading it (400), not the bound.
            client->write(body.last(1));
            const auto response = client->readResponse();
            QVERIFY2(response, qPrintable(client->errorString()));
            const QString problem = errorBodyProblem(*response, 400, 12027);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            ++readToTheEnd;
        }
        QCOMPARE(readToTheEnd, 2);
    }

    // Finding 5: one address cannot take every connection. Beyond
    // SERVER.MAX_CONNECTIONS_PER_ADDRESS a new connection from that address gets 503 (29102) on its
    // first request, HTTP or WebSocket handshake alike, while another address is served, and a
    // freed slot is usable again.
    void connectionsPerAddress()
    {
        SenderServer server;
        QVERIFY2(server.start(
                     {{QStringLiteral("SERVER.MAX_CONNECTIONS_PER_ADDRESS"), QStringLiteral("3")}}),
                 qPrintable(overrideError(server)));
        std::vector<std::unique_ptr<RawWebSocket>> sockets;
        for (int i = 0; i < 3; ++i) {
            sockets.push_back(std::make_unique<RawWebSocket>());
            QVERIFY2(sockets.back()->openFor(server.port(), "/2/ws", kAccount),
                     qPrintable(sockets.back()->errorString()));
        }
        QCOMPARE(localLoad(server), qMakePair(3, 0));

        RawHttpConnection http;
        QVERIFY2(http.connectTo(server.port()), qPrintable(http.errorString()));
        http.write(requestBytes("GET", "/version", server.port()));
        const auto refused = http.readResponse();
        QVERIFY2(refused, qPrintable(http.errorString()));
        QString problem = errorBodyProblem(*refused, 503, 29102);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(detailOf(*refused).contains(u"from your address"), qPrintable(detailOf(*refused)));
        QVERIFY(http.waitForDisconnected(timeouts::kSignal));

        RawWebSocket handshake;
        QVERIFY(!handshake.openFor(server.port(), "/2/ws", kAccount));
        problem = errorBodyProblem(handshake.handshake(), 503, 29102);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // Another address (any 127/8 address reaches the loopback listener) is served.
        RawHttpConnection other;
        QVERIFY(other.socket().bind(QHostAddress(QStringLiteral("127.0.0.2"))));
        QVERIFY2(other.connectTo(server.port()), qPrintable(other.errorString()));
        other.write(requestBytes("GET", "/version", server.port()));
        const auto served = other.readResponse();
        QVERIFY2(served && served->status == 200, qPrintable(other.errorString()));

        // The WebSockets were untouched; close one, and its slot is free again.
        for (const auto &socket : sockets)
            QVERIFY(!socket->isDisconnected());
        sockets.front()->sendClose(1000);
        QVERIFY(sockets.front()->waitForDisconnected());
        QTRY_COMPARE_WITH_TIMEOUT(localLoad(server).first, 2, timeouts::kSignal);
        RawWebSocket again;
        QVERIFY2(again.openFor(server.port(), "/2/ws", kAccount), qPrintable(again.errorString()));
    }

    // Finding 5: connections that never finish a request (a slowloris from one address) are
    // bounded by SERVER.MAX_HANDSHAKES_PER_ADDRESS; WebSockets do not count against it, and
    // other addresses are served.
    void handshakesPerAddress()
    {
        SenderServer server;
        QVERIFY2(server.start(
                     {{QStringLiteral("SERVER.MAX_HANDSHAKES_PER_ADDRESS"), QStringLiteral("2")}}),
                 qPrintable(overrideError(server)));
        RawWebSocket subscriber;
        QVERIFY2(subscriber.openFor(server.port(), "/2/ws", kAccount),
                 qPrintable(subscriber.errorString()));
        std::vector<std::unique_ptr<RawHttpConnection>> slow;
        for (int i = 0; i < 2; ++i) {
            slow.push_back(std::make_unique<RawHttpConnection>());
            QVERIFY2(slow.back()->connectTo(server.port()), qPrintable(slow.back()->errorString()));
            slow.back()->write("GET /2/ws HTTP/1.1\r\nHost: x\r\n"); // and never the rest
        }
        QTRY_COMPARE_WITH_TIMEOUT(localLoad(server), qMakePair(3, 2), timeouts::kSignal);

        RawWebSocket third;
        QVERIFY(!third.openFor(server.port(), "/2/ws", kAccount));
        const QString problem = errorBodyProblem(third.handshake(), 503, 29102);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(detailOf(third.handshake()).contains(u"from your address"),
                 qPrintable(detailOf(third.handshake())));

        RawWebSocket elsewhere;
        QVERIFY(elsewhere.socket().bind(QHostAddress(QStringLiteral("127.0.0.2"))));
        QVERIFY2(elsewhere.openFor(server.port(), "/2/ws", kAccount),
                 qPrintable(elsewhere.errorString()));
        QVERIFY(!subscriber.isDisconnected());
        for (const auto &connection : slow)
            QVERIFY(connection->isConnected());
    }
};

QTEST_GUILESS_MAIN(TestRequestBounds)
#include "tst_requestbounds.moc"
