// Isolation soak (issue 6, item 7): one million events across ten accounts, published into the
// embedded bus in multi-event messages, delivered to two clients of every account (one on /2/ws
// taking everything, one on /1/ws with a filter that passes every other event). The accounts'
// ids differ only in their last two hex digits. Each event names its account and its place in
// that account's sequence; each client checks every frame it gets. There must be no
// cross-account delivery at all, and every client must receive exactly the events of its account
// that its filter passes, each once, in order. One more client, of an account nobody publishes
// to, must receive nothing.
//
// The clients are raw sockets on one epoll thread that only scan frames (QWebSocket would cost
// more than the server under test); the publisher keeps each account at most a window of events
// ahead of its client, so that the run measures delivery, not the slow-consumer policy.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WireClient.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUuid>

#include <array>
#include <atomic>
#include <sys/epoll.h>
#include <vector>

using namespace sender;
using namespace sender::test;

namespace {

constexpr int kAccounts = 10;
constexpr qint64 kTotalEvents = 1000000;
constexpr qint64 kPerAccount = kTotalEvents / kAccounts;
constexpr int kEventsPerMessage = 50;
constexpr qint64 kWindow = 8000; // events an account may be ahead of its client (~2 MB of frames)

struct SoakClient
{
    QByteArray account;
    QByteArray target; // path and query of the subscription
    qint64 step = 1; // its n-th event is the account's event n * step
    int fd = -1;
    QByteArray buffer;
    qsizetype offset = 0;
    std::atomic<qint64> received {0};
    qint64 crossAccount = 0;
    qint64 outOfSequence = 0;
    qint64 malformed = 0;
    QByteArray firstProblem;
};

// Checks one delivered frame: {"event":{"account":"<uuid>","seq":<n>}, ...} (the event is
// copied byte for byte; the envelope's spacing is the server's business).
void checkFrame(SoakClient &client, QByteArrayView payload)
{
    static constexpr QByteArrayView kAccountKey = "{\"account\":\"";
    const auto problem = [&](qint64 *counter) {
        ++*counter;
        if (client.firstProblem.isEmpty())
            client.firstProblem = payload.first(qMin<qsizetype>(200, payload.size())).toByteArray();
    };
    const qsizetype at = payload.first(qMin<qsizetype>(32, payload.size())).indexOf(kAccountKey);
    if (!payload.startsWith("{\"event\"") || at < 0
        || payload.size() < at + kAccountKey.size() + 36 + 8) {
        problem(&client.malformed);
        return;
    }
    const QByteArrayView account = payload.sliced(at + kAccountKey.size(), 36);
    if (account != client.account) {
        problem(&client.crossAccount);
        return;
    }
    QByteArrayView rest = payload.sliced(at + kAccountKey.size() + 36);
    if (!rest.startsWith("\",\"seq\":")) {
        problem(&client.malformed);
        return;
    }
    rest = rest.sliced(8);
    qint64 seq = 0;
    qsizetype digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
        seq = seq * 10 + (rest[digits++] - '0');
    if (digits == 0) {
        problem(&client.malformed);
        return;
    }
    if (seq != client.received.load(std::memory_order_relaxed) * client.step)
        problem(&client.outOfSequence);
    client.received.fetch_add(1, std::memory_order_relaxed);
}

// Reads every client until stop, scanning frames as they come.
void readClients(std::vector<std::unique_ptr<SoakClient>> &clients, const std::atomic<bool> &stop,
                 std::atomic<int> &failures)
{
    const int epoll = epoll_create1(EPOLL_CLOEXEC);
    for (size_t i = 0; i < clients.size(); ++i) {
        epoll_event ev {};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.u64 = i;
        epoll_ctl(epoll, EPOLL_CTL_ADD, clients[i]->fd, &ev);
    }
    epoll_event events[16];
    constexpr qsizetype kRead = 256 * 1024;
    while (!stop.load()) {
        const int n = epoll_wait(epoll, events, 16, 50);
        for (int e = 0; e < n; ++e) {
            SoakClient &c = *clients[size_t(events[e].data.u64)];
            const qsizetype old = c.buffer.size();
            c.buffer.resize(old + kRead);
            const ssize_t got = ::recv(c.fd, c.buffer.data() + old, size_t(kRead), MSG_DONTWAIT);
            c.buffer.resize(old + qMax<ssize_t>(0, got));
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
                ++failures; // the server closed a client: it must not
                epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
                continue;
            }
            wire::FrameView frame;
            for (qsizetype used; (used = wire::parseServerFrame(c.buffer.constData() + c.offset,
                                                                c.buffer.size() - c.offset, &frame))
                 != 0;
                 c.offset += used) {
                if (used < 0) {
                    ++c.malformed;
                    ++failures;
                    c.offset = c.buffer.size();
                    break;
                }
                if (frame.opcode == 0x1)
                    checkFrame(c, frame.payload);
                else if (frame.opcode == 0x8)
                    ++failures;
            }
            if (c.offset > 1024 * 1024 || c.offset == c.buffer.size()) {
                c.buffer.remove(0, c.offset);
                c.offset = 0;
            }
        }
    }
    ::close(epoll);
}

} // namespace

class TestIsolationSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void millionEventsTenAccounts()
    {
        SenderServer server;
        // Pings are not what this measures; the raw clients do not answer them.
        QVERIFY2(
            server.start({{QStringLiteral("WEBSOCKET.PING_INTERVAL"), QStringLiteral("3600")}}),
            qPrintable(server.errorString()));
        const quint16 port = server.port();

        // Near-identical ids: ...-0000000000<two hex digits>.
        const auto accountId = [](int i) -> QByteArray {
            return "6f1d2c3b-4a59-4e68-9d7c-0000000000"
                + QByteArray::number(i, 16).rightJustified(2, '0');
        };
        std::vector<std::unique_ptr<SoakClient>> clients; // all, filtered, all, filtered, ..., idle
        for (int a = 0; a < kAccounts; ++a) {
            for (const bool filtered : {false, true}) {
                auto client = std::make_unique<SoakClient>();
                client->account = accountId(a);
                client->target = filtered ? "/1/ws?sources=even" : "/2/ws";
                client->step = filtered ? 2 : 1;
                clients.push_back(std::move(client));
            }
        }
        auto idle = std::make_unique<SoakClient>();
        idle->account = accountId(kAccounts);
        idle->target = "/2/ws";
        clients.push_back(std::move(idle));
        const auto opened = wire::callOffThread([&] {
            for (auto &c : clients) {
                c->fd = wire::connectTo(port);
                if (c->fd < 0
                    || !wire::sendAll(c->fd, wire::upgradeRequest(port, c->target, c->account)))
                    return false;
                QByteArray rest;
                if (wire::readResponseHead(c->fd, &rest) != 101 || !rest.isEmpty())
                    return false;
            }
            return true;
        });
        QVERIFY(opened.value_or(false));
        QTRY_COMPARE_WITH_TIMEOUT(server.engine()->hub().recipientCount(), 2 * kAccounts + 1,
                                  timeouts::kSignal);

        std::atomic<bool> stop {false};
        std::atomic<int> failures {0};
        std::thread reader([&] { readClients(clients, stop, failures); });

        // The messages: 50 small events each, every event naming its account and sequence number.
        const MessageMeta meta;
        std::array<qint64, kAccounts> published {};
        QElapsedTimer clock;
        clock.start();
        const auto behind = [&](int a) { // how far the account's slower client lags
            const SoakClient &all = *clients[size_t(2 * a)];
            const SoakClient &even = *clients[size_t(2 * a + 1)];
            return published[size_t(a)] - qMin(all.received.load(), 2 * even.received.load());
        };
        const auto pump = [&] {
            for (int a = 0; a < kAccounts; ++a) {
                const QByteArray &account = clients[size_t(2 * a)]->account;
                while (published[size_t(a)] < kPerAccount && behind(a) < kWindow) {
                    QList<QByteArray> events;
                    events.reserve(kEventsPerMessage);
                    for (int i = 0; i < kEventsPerMessage; ++i) {
                        const qint64 seq = published[size_t(a)]++;
                        QByteArray event =
                            "{\"account\":\"" + account + "\",\"seq\":" + QByteArray::number(seq);
                        event += seq % 2 ? QByteArrayView(",\"source\":\"odd\"}")
                                         : QByteArrayView(",\"source\":\"even\"}");
                        events.append(event);
                    }
                    server.publish(account, redisMessage(events, meta));
                }
            }
        };
        const bool finished = wire::runEventsUntil(
            [&] {
                pump();
                for (int a = 0; a < kAccounts; ++a) {
                    if (published[size_t(a)] < kPerAccount || behind(a) > 0)
                        return failures.load() > 0;
                }
                return true;
            },
            240000);
        const qint64 elapsed = clock.elapsed();
        // Anything late (a cross delivery, a duplicate) would arrive right behind the last frame:
        // give the idle loop a moment by draining what the server still has queued.
        wire::runEventsUntil([&] { return server.snapshot().sendQueueBytes == 0; }, 5000);
        stop = true;
        reader.join();

        qint64 delivered = 0;
        qint64 cross = 0;
        for (const auto &c : clients) {
            delivered += c->received.load();
            cross += c->crossAccount;
        }
        constexpr qint64 kDeliveries = kTotalEvents + kTotalEvents / 2;
        const EngineSnapshot s = server.snapshot();
        qInfo("%lld events for %d accounts in %lld ms (%.0f events/s, %.0f deliveries/s): %lld of "
              "%lld deliveries made, %lld cross-account; engine: %llu deliveries, %llu filtered "
              "out, %llu slow-consumer closes, %llu dropped",
              kTotalEvents, kAccounts, elapsed, double(kTotalEvents) * 1000.0 / double(elapsed),
              double(delivered) * 1000.0 / double(elapsed), delivered, kDeliveries, cross,
              s.deliveries, s.filteredOut, s.slowConsumerCloses, s.droppedFrames);

        QVERIFY2(finished,
                 qPrintable(QStringLiteral("only %1 of %2 deliveries in %3 ms")
                                .arg(delivered)
                                .arg(kDeliveries)
                                .arg(elapsed)));
        QCOMPARE(failures.load(), 0);
        for (size_t i = 0; i < clients.size(); ++i) {
            const SoakClient &c = *clients[i];
            QVERIFY2(
                c.crossAccount == 0 && c.outOfSequence == 0 && c.malformed == 0,
                qPrintable(QStringLiteral("client %1 (%2 %3): %4 cross-account, %5 out of "
                                          "sequence, %6 malformed; first: %7")
                               .arg(i)
                               .arg(QString::fromLatin1(c.account), QString::fromLatin1(c.target))
                               .arg(c.crossAccount)
                               .arg(c.outOfSequence)
                               .arg(c.malformed)
                               .arg(QString::fromUtf8(c.firstProblem))));
            const qint64 expected = i + 1 == clients.size() ? 0 : kPerAccount / c.step;
            QCOMPARE(c.received.load(), expected);
        }
        QCOMPARE(cross, 0);
        QCOMPARE(s.deliveries, quint64(kDeliveries));
        QCOMPARE(s.filteredOut, quint64(kTotalEvents / 2));
        QCOMPARE(s.slowConsumerCloses, 0u);
        QCOMPARE(s.droppedFrames, 0u);
        for (auto &c : clients)
            ::close(c->fd);
    }
};

QTEST_GUILESS_MAIN(TestIsolationSoak)
#include "tst_isolationsoak.moc"
