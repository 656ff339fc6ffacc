// The monitoring port under attack from a stranger who can reach it (issue 30), in the real
// headless process: slow clients are driven by the test, never by sleeps.

#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "RawWebSocket.h"
#include "TestTimeouts.h"

#include <memory>
#include <vector>

using namespace sender::test;

namespace {

const QByteArray kPartialHead = "GET /monitor/v1/overview HTTP/1.1\r\nHost: x\r\nX-Slow: 1";

QByteArray authorized(const QByteArray &method, const QByteArray &path, quint16 port,
                      const RawHeaders &more = {})
{
    RawHeaders headers {{"Authorization", "Bearer " + kToken}};
    headers += more;
    return requestBytes(method, path, port, headers);
}

} // namespace

class tst_MonitorHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void strangersWithoutATokenCannotLockOutStaff();
    void idleHalfSentAndFinishedConnectionsAreClosed();
    void unfinishedRequestsHaveATotalBound();
    void wrongTokensAreThrottledPerAddress();
    void everyAnswerCarriesTheSecurityHeaders();
    void streamSignInCannotBeLockedOut();
    void theStreamChecksOrigin();
};

void tst_MonitorHardening::strangersWithoutATokenCannotLockOutStaff()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    // A guard signed in on a keep-alive connection before the flood.
    RawHttpConnection guard;
    QVERIFY(guard.connectTo(service.monitorPort));
    guard.write(authorized("GET", "/monitor/v1/overview", service.monitorPort));
    std::optional<HttpResult> first = guard.readResponse();
    QVERIFY(first);
    QCOMPARE(first->status, 200);

    // 256 slowloris connections without a token, each holding half a head.
    std::vector<std::unique_ptr<RawHttpConnection>> slow;
    for (int i = 0; i < 256; ++i) {
        slow.push_back(std::make_unique<RawHttpConnection>());
        QVERIFY(slow.back()->connectTo(service.monitorPort));
        slow.back()->write(kPartialHead);
    }
    // Strangers hold only their own share: the oldest gave way to the newer ones.
    QTRY_VERIFY_WITH_TIMEOUT(
        std::count_if(slow.begin(), slow.end(), [](const auto &c) { return !c->isConnected(); })
            >= 256 - 64,
        timeouts::kLongOperation);
    // A new legitimate request gets in, and so does the guard's open connection.
    QCOMPARE(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview")).status,
        200);
    guard.write(authorized("GET", "/monitor/v1/overview", service.monitorPort));
    std::optional<HttpResult> again = guard.readResponse();
    QVERIFY(again);
    QCOMPARE(again->status, 200);
    QVERIFY(service.process.log().contains("connections without a token closed"));
}

void tst_MonitorHardening::idleHalfSentAndFinishedConnectionsAreClosed()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n", {},
                           "REQUEST_TIMEOUT = 1\nKEEP_ALIVE_TIMEOUT = 1\n"),
             service.process.log().constData());
    RawHttpConnection idle;
    RawHttpConnection halfSent;
    RawHttpConnection finishedClose;
    RawHttpConnection keptAlive;
    QVERIFY(idle.connectTo(service.monitorPort));
    QVERIFY(halfSent.connectTo(service.monitorPort));
    QVERIFY(finishedClose.connectTo(service.monitorPort));
    QVERIFY(keptAlive.connectTo(service.monitorPort));
    halfSent.write(kPartialHead);
    finishedClose.write(
        authorized("GET", "/monitor/v1/overview", service.monitorPort, {{"Connection", "close"}}));
    keptAlive.write(authorized("GET", "/monitor/v1/overview", service.monitorPort));

    std::optional<HttpResult> closed = finishedClose.readResponse();
    QVERIFY(closed);
    QCOMPARE(closed->status, 200);
    QVERIFY(finishedClose.waitForDisconnected(timeouts::kRoundTrip));
    std::optional<HttpResult> kept = keptAlive.readResponse();
    QVERIFY(kept);
    QCOMPARE(kept->status, 200);
    // The half-sent request is answered 408 in the contract's JSON; the others just closed.
    std::optional<HttpResult> timedOut = halfSent.readResponse(20000);
    QVERIFY(timedOut);
    QCOMPARE(timedOut->status, 408);
    QCOMPARE(jsonOf(*timedOut).value(QLatin1StringView("error_code")).toInt(), 29104);
    QVERIFY(halfSent.waitForDisconnected(timeouts::kRoundTrip));
    QVERIFY(idle.waitForDisconnected(timeouts::kLongOperation));
    QVERIFY(keptAlive.waitForDisconnected(timeouts::kLongOperation));
}

void tst_MonitorHardening::unfinishedRequestsHaveATotalBound()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n", {},
                           "MAX_PENDING_BODY_BYTES = 65536\nMAX_REQUEST_HEAD_BYTES = 4096\n"),
             service.process.log().constData());
    // A head past MAX_REQUEST_HEAD_BYTES: 431 before it is all buffered.
    RawHttpConnection bigHead;
    QVERIFY(bigHead.connectTo(service.monitorPort));
    bigHead.write("GET /monitor/v1/overview HTTP/1.1\r\nHost: x\r\nX-Pad: "
                  + QByteArray(8000, 'a'));
    std::optional<HttpResult> tooLarge = bigHead.readResponse();
    QVERIFY(tooLarge);
    QCOMPARE(tooLarge->status, 431);

    // Unfinished bodies from several connections: the one that takes the total past the bound
    // is refused with 503, whoever it is.
    std::vector<std::unique_ptr<RawHttpConnection>> senders;
    const QByteArray head = "POST /monitor/v1/connections/1/close HTTP/1.1\r\nHost: x\r\n"
                            "Authorization: Bearer "
        + kToken + "\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n";
    for (int i = 0; i < 6; ++i) {
        senders.push_back(std::make_unique<RawHttpConnection>());
        QVERIFY(senders.back()->connectTo(service.monitorPort));
        senders.back()->write(head + QByteArray(20000, ' '));
    }
    // Those within the bound wait for their bodies until the request timeout (408).
    int busy = 0;
    for (const auto &c : senders) {
        std::optional<HttpResult> r = c->readResponse(20000);
        QVERIFY(r);
        QVERIFY2(r->status == 503 || r->status == 408, r->describe().toUtf8().constData());
        if (r->status == 503) {
            QCOMPARE(jsonOf(*r).value(QLatin1StringView("error_code")).toInt(), 29102);
            ++busy;
        }
    }
    QVERIFY(busy >= 3);
    QVERIFY(service.process.log().contains("unfinished requests hold more"));
    senders.clear();
    // What they held is given back: the port serves as before.
    QTRY_COMPARE_WITH_TIMEOUT(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview")).status,
        200, timeouts::kRoundTrip);
}

void tst_MonitorHardening::wrongTokensAreThrottledPerAddress()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    const QString overview = QStringLiteral("/monitor/v1/overview");
    for (int i = 0; i < 10; ++i) {
        const HttpResult r = monitorRequest(service.monitorPort, "GET", overview, "wrong-guess");
        QCOMPARE(r.status, 401);
        QVERIFY(!r.hasHeader("Retry-After"));
    }
    // The burst is spent: tokens from this address are not even compared, the right one neither.
    const HttpResult throttled = monitorRequest(service.monitorPort, "GET", overview, "guess");
    QCOMPARE(throttled.status, 401);
    QVERIFY(throttled.hasHeader("Retry-After"));
    const HttpResult right = monitorRequest(service.monitorPort, "GET", overview);
    QCOMPARE(right.status, 401);
    QVERIFY(right.hasHeader("Retry-After"));
    // One log line for the whole session, not one per guess.
    QCOMPARE(service.process.count("wrong or missing monitoring tokens from 127.0.0.1"), 1);
    // The address earns a try back with time.
    QTRY_COMPARE_WITH_TIMEOUT(monitorRequest(service.monitorPort, "GET", overview).status, 200,
                              timeouts::kRoundTrip);
}

void tst_MonitorHardening::everyAnswerCarriesTheSecurityHeaders()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    QNetworkAccessManager nam;
    const QUrl spec(
        QStringLiteral("http://127.0.0.1:%1/monitor/v1/docs/spec").arg(service.monitorPort));
    for (const QByteArray &accept : {QByteArray("text/html"), QByteArray("application/yaml")}) {
        const HttpResult r = httpGet(nam, spec, {{"Accept", accept}});
        QCOMPARE(r.status, 200);
        QVERIFY2(r.header("content-security-policy").contains("frame-ancestors 'none'"),
                 r.describe().toUtf8().constData());
        QCOMPARE(r.header("x-frame-options"), QByteArray("DENY"));
        QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
    }
    // The catch-all: 401 without a token, 404 with one.
    for (const QByteArray &token : {QByteArray(), kToken}) {
        const HttpResult r = monitorRequest(service.monitorPort, "GET",
                                            QStringLiteral("/monitor/v1/nothing"), token);
        QCOMPARE(r.status, token.isEmpty() ? 401 : 404);
        QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(r.header("cache-control"), QByteArray("no-store"));
        QVERIFY(r.header("content-security-policy").contains("frame-ancestors 'none'"));
        QCOMPARE(r.header("x-frame-options"), QByteArray("DENY"));
    }
}

void tst_MonitorHardening::streamSignInCannotBeLockedOut()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    // Strangers fill the sign-in pool with handshakes that never sign in.
    std::vector<std::unique_ptr<RawWebSocket>> strangers;
    for (int i = 0; i < 16; ++i) {
        strangers.push_back(std::make_unique<RawWebSocket>());
        QVERIFY(strangers.back()->open(service.monitorPort, "/monitor/v1/stream", {}));
    }
    // The web viewer's way in: a handshake without a token, then {"auth": ...}.
    RawWebSocket viewer;
    QVERIFY(viewer.open(service.monitorPort, "/monitor/v1/stream", {}));
    viewer.sendFrame(WsOpcode::Text, R"({"auth": ")" + kToken + R"("})");
    viewer.sendFrame(WsOpcode::Text, R"({"subscribe": ["overview"]})");
    QVERIFY2(viewer.waitForTexts(1, timeouts::kRoundTrip), viewer.closeReason().constData());
    QVERIFY(viewer.texts().first().contains(R"("type":"overview")"));
    QVERIFY(!viewer.closeReceived());
    // The oldest strangers gave way with 4503.
    QTRY_VERIFY_WITH_TIMEOUT(strangers.front()->closeReceived(), timeouts::kRoundTrip);
    QCOMPARE(strangers.front()->closeCode(), 4503);
}

void tst_MonitorHardening::theStreamChecksOrigin()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\nALLOWED_ORIGINS = https://ops.example.org\n"),
             service.process.log().constData());
    const RawHeader bearer {"Authorization", "Bearer " + kToken};
    RawWebSocket foreign;
    QVERIFY(!foreign.open(service.monitorPort, "/monitor/v1/stream",
                          {bearer, {"Origin", "http://evil.example"}}));
    QCOMPARE(foreign.handshake().status, 403);
    QCOMPARE(jsonOf(foreign.handshake()).value(QLatin1StringView("error_code")).toInt(), 29105);
    // The port's own origin (the web viewer), and the configured one.
    RawWebSocket own;
    QVERIFY2(own.open(service.monitorPort, "/monitor/v1/stream",
                      {bearer,
                       {"Origin", "http://127.0.0.1:" + QByteArray::number(service.monitorPort)}}),
             qPrintable(own.errorString()));
    RawWebSocket allowed;
    QVERIFY2(allowed.open(service.monitorPort, "/monitor/v1/stream",
                          {bearer, {"Origin", "https://ops.example.org"}}),
             qPrintable(allowed.errorString()));
}

QTEST_GUILESS_MAIN(tst_MonitorHardening)
#include "tst_monitorhardening.moc"
