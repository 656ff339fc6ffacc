// The monitoring port's stream refuses unmasked client frames (RFC 6455 5.1, issue 30 point 5),
// in the real headless process with raw WebSocket clients: Qt 6.4's QWebSocket itself would take
// them, so MonitorSocket checks every frame header in front of it. These tests prove that it stays
// in step with the frames however they are cut into TCP segments (the next piece leaves once the
// kernel shows the server read the last one), and that nothing after the handshake can crash it.

#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "RawWebSocket.h"
#include "TestTimeouts.h"

#include <QFile>
#include <QRandomGenerator>
#include <QtEndian>

#include <memory>
#include <vector>

using namespace sender::test;

namespace {

const RawHeader kBearer {"Authorization", "Bearer " + kToken};
const QByteArray kSubscribe = R"({"subscribe": ["overview"]})";

int pongs(const RawWebSocket &ws)
{
    return int(std::count_if(ws.frames().begin(), ws.frames().end(),
                             [](const WsWireFrame &f) { return f.opcode == WsOpcode::Pong; }));
}

// A subscribe message of exactly `size` bytes (JSON allows the blanks).
QByteArray subscribePadded(qsizetype size)
{
    return kSubscribe + QByteArray(size - kSubscribe.size(), ' ');
}

// Whether the server has read everything the client sent on the connection from `clientPort`:
// nothing waits in the client's send queue nor in the server's receive queue (/proc/net/tcp,
// loopback IPv4). Qt reads all the kernel holds at each notification, so a piece sent after
// this is true reaches the server in a read of its own.
bool readByServer(quint16 serverPort, quint16 clientPort)
{
    QFile file(QStringLiteral("/proc/net/tcp"));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const auto port = [](const QByteArray &address) {
        return quint16(address.mid(address.indexOf(':') + 1).toUInt(nullptr, 16));
    };
    bool clientSeen = false;
    bool serverSeen = false;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 5 || !f.at(4).contains(':'))
            continue;
        const quint16 local = port(f.at(1));
        const quint16 remote = port(f.at(2));
        const QList<QByteArray> queues = f.at(4).split(':');
        const bool empty =
            queues.at(0).toUInt(nullptr, 16) == 0 && queues.at(1).toUInt(nullptr, 16) == 0;
        if (local == clientPort && remote == serverPort) {
            clientSeen = true;
            if (!empty)
                return false;
        } else if (local == serverPort && remote == clientPort) {
            serverSeen = true;
            if (!empty)
                return false;
        }
    }
    return clientSeen && serverSeen;
}

bool overviewArrives(RawWebSocket &ws, int count)
{
    if (!ws.waitForTexts(count, timeouts::kRoundTrip))
        return false;
    return ws.texts().last().contains(R"("type":"overview")");
}

} // namespace

class tst_MonitorFrames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void initTestCase();
    void cleanupTestCase() { m_service.reset(); }
    void anUnmaskedFrameClosesTheStreamWith1002();
    void anUnmaskedSignInClosesWith1002();
    void maskedFramesCutAnywhereStillWork();
    void longFramesFragmentsAndControlFramesStillWork();
    void manyFramesInRandomPiecesAreAllAccepted();
    void randomBytesAfterTheHandshakeNeverCrash();

private:
    std::unique_ptr<Service> m_service;
};

void tst_MonitorFrames::initTestCase()
{
    m_service = std::make_unique<Service>();
    // Room for every watcher the tests open at once.
    QVERIFY2(m_service->start("TOKEN = " + kToken + "\nMAX_CLIENTS = 64\n"),
             m_service->process.log().constData());
}

void tst_MonitorFrames::anUnmaskedFrameClosesTheStreamWith1002()
{
    const quint16 port = m_service->monitorPort;
    RawWebSocket guard;
    QVERIFY2(guard.open(port, "/monitor/v1/stream", {kBearer}), qPrintable(guard.errorString()));
    guard.sendFrame(WsOpcode::Text, kSubscribe);
    QVERIFY(overviewArrives(guard, 1));

    RawWebSocket attacker;
    QVERIFY2(attacker.open(port, "/monitor/v1/stream", {kBearer}),
             qPrintable(attacker.errorString()));
    attacker.sendFrame(WsOpcode::Text, kSubscribe, true, false);
    QVERIFY(attacker.waitForClose(timeouts::kRoundTrip));
    QCOMPARE(attacker.closeCode(), 1002);
    QVERIFY(attacker.waitForDisconnected(timeouts::kRoundTrip));
    // QWebSocket never saw the frame: no overview came before the close.
    QVERIFY(attacker.texts().isEmpty());
    QVERIFY2(attacker.protocolProblem().isEmpty(), qPrintable(attacker.protocolProblem()));
    QTRY_VERIFY_WITH_TIMEOUT(m_service->process.log().contains("sent an unmasked frame"),
                             timeouts::kRoundTrip);

    // The service keeps serving: the guard's stream goes on, a new watcher gets in.
    const int seen = int(guard.texts().size());
    guard.sendFrame(WsOpcode::Text, kSubscribe);
    guard.sendFrame(WsOpcode::Text, R"({"subscribe": []})");
    guard.sendFrame(WsOpcode::Text, kSubscribe);
    QVERIFY(overviewArrives(guard, seen + 1));
    QVERIFY(!guard.closeReceived());
    RawWebSocket next;
    QVERIFY2(next.open(port, "/monitor/v1/stream", {kBearer}), qPrintable(next.errorString()));
    next.sendFrame(WsOpcode::Text, kSubscribe);
    QVERIFY(overviewArrives(next, 1));

    // An unmasked control frame, after masked ones, is refused as well.
    RawWebSocket later;
    QVERIFY2(later.open(port, "/monitor/v1/stream", {kBearer}), qPrintable(later.errorString()));
    later.sendFrame(WsOpcode::Text, kSubscribe);
    QVERIFY(overviewArrives(later, 1));
    later.sendFrame(WsOpcode::Ping, "unmasked", true, false);
    QVERIFY(later.waitForClose(timeouts::kRoundTrip));
    QCOMPARE(later.closeCode(), 1002);
    QCOMPARE(pongs(later), 0);
}

void tst_MonitorFrames::anUnmaskedSignInClosesWith1002()
{
    // The web viewer's way in (a handshake without a token, then {"auth"}), unmasked.
    RawWebSocket viewer;
    QVERIFY2(viewer.open(m_service->monitorPort, "/monitor/v1/stream", {}),
             qPrintable(viewer.errorString()));
    viewer.sendFrame(WsOpcode::Text, R"({"auth": ")" + kToken + R"("})", true, false);
    QVERIFY(viewer.waitForClose(timeouts::kRoundTrip));
    QCOMPARE(viewer.closeCode(), 1002);
    QVERIFY(viewer.waitForDisconnected(timeouts::kRoundTrip));
}

void tst_MonitorFrames::maskedFramesCutAnywhereStillWork()
{
    RawWebSocket ws;
    QVERIFY2(ws.open(m_service->monitorPort, "/monitor/v1/stream", {kBearer}),
             qPrintable(ws.errorString()));
    // A frame with a 7-bit length, then one with a 16-bit length (300 bytes), each cut inside
    // the first header byte pair, the extended length, the masking key and the payload; the
    // next piece leaves only once the server has read the one before (readByServer).
    const QList<QByteArray> frames {encodeWsFrame(WsOpcode::Text, kSubscribe),
                                    encodeWsFrame(WsOpcode::Text, subscribePadded(300))};
    int texts = 0;
    for (const QByteArray &frame : frames) {
        const bool extended = frame.size() > 200;
        const QList<qsizetype> cuts =
            extended ? QList<qsizetype> {1, 3, 6, 9, 100} : QList<qsizetype> {1, 2, 4, 7, 20};
        qsizetype from = 0;
        for (qsizetype cut : cuts) {
            ws.sendRaw(frame.mid(from, cut - from));
            from = cut;
            QTRY_VERIFY_WITH_TIMEOUT(readByServer(m_service->monitorPort, ws.localPort()),
                                     timeouts::kRoundTrip);
            QVERIFY(!ws.closeReceived());
        }
        ws.sendRaw(frame.mid(from));
        QVERIFY2(overviewArrives(ws, ++texts), ws.closeReason().constData());
        // Between frames the proof is exact: a ping and its pong.
        const int before = pongs(ws);
        ws.sendFrame(WsOpcode::Ping, "between");
        QTRY_COMPARE_WITH_TIMEOUT(pongs(ws), before + 1, timeouts::kRoundTrip);
        ws.sendFrame(WsOpcode::Text, R"({"subscribe": []})");
    }
    QVERIFY(!ws.closeReceived());
    QVERIFY2(ws.protocolProblem().isEmpty(), qPrintable(ws.protocolProblem()));
}

void tst_MonitorFrames::longFramesFragmentsAndControlFramesStillWork()
{
    RawWebSocket ws;
    QVERIFY2(ws.open(m_service->monitorPort, "/monitor/v1/stream", {kBearer}),
             qPrintable(ws.errorString()));
    // A 64-bit length: the largest message the stream takes (MonitorStream::kMaxClientMessage),
    // which loopback delivers in several reads.
    ws.sendFrame(WsOpcode::Text, subscribePadded(65536));
    QVERIFY2(overviewArrives(ws, 1), ws.closeReason().constData());
    ws.sendFrame(WsOpcode::Text, R"({"subscribe": []})");
    // A fragmented message with a ping and a pong between its fragments.
    const int before = pongs(ws);
    ws.sendFrame(WsOpcode::Text, R"({"subscribe": )", false);
    ws.sendFrame(WsOpcode::Ping, "inside");
    ws.sendFrame(WsOpcode::Pong, "unsolicited");
    ws.sendFrame(WsOpcode::Continuation, subscribePadded(400).mid(14), false);
    ws.sendFrame(WsOpcode::Ping, QByteArray(125, 'p'));
    ws.sendFrame(WsOpcode::Continuation, QByteArray(30000, ' '));
    QTRY_COMPARE_WITH_TIMEOUT(pongs(ws), before + 2, timeouts::kRoundTrip);
    QVERIFY2(overviewArrives(ws, 2), ws.closeReason().constData());
    QVERIFY2(!ws.closeReceived(), qPrintable(QString::number(ws.closeCode())));
    // And the close handshake the client starts is answered, as before.
    ws.sendClose(1000);
    QVERIFY(ws.waitForClose(timeouts::kRoundTrip));
    QCOMPARE(ws.closeCode(), 1000);
}

void tst_MonitorFrames::manyFramesInRandomPiecesAreAllAccepted()
{
    RawWebSocket ws;
    QVERIFY2(ws.open(m_service->monitorPort, "/monitor/v1/stream", {kBearer}),
             qPrintable(ws.errorString()));
    // 400 pings of every size a ping can have, with 7- and 16-bit lengths among text frames,
    // written in pieces of random sizes: wherever the reads fall, no frame is taken for
    // unmasked, and every ping is answered.
    QRandomGenerator random(20261207);
    QByteArray all;
    int pings = 0;
    for (int i = 0; i < 400; ++i) {
        if (i % 50 == 49) {
            all += encodeWsFrame(WsOpcode::Text,
                                 R"({"subscribe": [])"
                                     + QByteArray(int(random.bounded(1, 3000)), ' ') + "}");
            continue;
        }
        all += encodeWsFrame(WsOpcode::Ping, QByteArray(int(random.bounded(126)), 'x'));
        ++pings;
    }
    for (qsizetype at = 0; at < all.size();) {
        const qsizetype piece = qMin<qsizetype>(random.bounded(1, 700), all.size() - at);
        ws.sendRaw(all.mid(at, piece));
        at += piece;
    }
    QTRY_COMPARE_WITH_TIMEOUT(pongs(ws), pings, timeouts::kLongOperation);
    QVERIFY(!ws.closeReceived());
    QVERIFY2(ws.protocolProblem().isEmpty(), qPrintable(ws.protocolProblem()));
}

void tst_MonitorFrames::randomBytesAfterTheHandshakeNeverCrash()
{
    const quint16 port = m_service->monitorPort;
    QRandomGenerator random(4711);
    std::vector<std::unique_ptr<RawWebSocket>> fuzzed;
    for (int round = 0; round < 40; ++round) {
        auto ws = std::make_unique<RawWebSocket>();
        QVERIFY2(ws->open(port, "/monitor/v1/stream", {kBearer}), qPrintable(ws->errorString()));
        QByteArray noise(int(random.bounded(1, 4096)), Qt::Uninitialized);
        for (char &c : noise)
            c = char(random.bounded(256));
        // Half the rounds begin with a well-formed masked header, so the noise reaches past it.
        if (round % 2 == 1)
            noise.prepend(encodeWsFrame(WsOpcode::Binary, QByteArray(int(random.bounded(200)), 'b'))
                              .left(int(random.bounded(2, 12))));
        for (qsizetype at = 0; at < noise.size();) {
            const qsizetype piece = qMin<qsizetype>(random.bounded(1, 600), noise.size() - at);
            // The server may have closed it already (1002, or QWebSocket's own 1002 or 1009).
            if (ws->socket().state() != QAbstractSocket::ConnectedState)
                break;
            ws->sendRaw(noise.mid(at, piece));
            at += piece;
        }
        fuzzed.push_back(std::move(ws));
    }
    // Whatever came of them, the process is alive and serving watchers.
    RawWebSocket after;
    QVERIFY2(after.open(port, "/monitor/v1/stream", {kBearer}), qPrintable(after.errorString()));
    after.sendFrame(WsOpcode::Text, kSubscribe);
    QVERIFY(overviewArrives(after, 1));
    QCOMPARE(monitorRequest(port, "GET", QStringLiteral("/monitor/v1/overview")).status, 200);
    QVERIFY(m_service->process.isRunning());
    // Those whose noise had the mask bit clear in a header were closed with 1002, never with
    // anything a crash would leave.
    int refused = 0;
    for (const auto &ws : fuzzed)
        refused += ws->closeReceived() && ws->closeCode() == 1002 ? 1 : 0;
    QVERIFY(refused > 0);
}

QTEST_GUILESS_MAIN(tst_MonitorFrames)
#include "tst_monitorframes.moc"
