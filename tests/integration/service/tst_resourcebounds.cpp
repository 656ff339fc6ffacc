// What a stranger on the network can make the real process hold (issue 18), measured from
// /proc/<pid>/status of the built luna-sender binary over real TCP connections.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>
#include <vector>

using namespace sender::test;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

// A field of /proc/<pid>/status ("VmRSS", "VmSize") in bytes, -1 when unreadable.
qint64 procStatus(qint64 pid, QByteArrayView field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field) && line.size() > field.size() && line[field.size()] == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

} // namespace

class tst_ResourceBounds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { failOnQtWarnings(); }

    // Finding 4: 300 heads announcing 16 MiB bodies used to make the server reserve 16 MiB each
    // before routing or any check (5 GB of address space, std::bad_alloc under a memory limit).
    // Now a body is read only on a route that takes one, and grows only as its bytes arrive.
    // reserve() maps pages it never touches, so the address space (VmSize) is what shows the old
    // behaviour; the resident set (VmRSS) is bounded too. Every client sends
    // "Expect: 100-continue" and no body, so any answer (the 100 or a refusal) proves its head
    // was handled: no waiting for time to pass.
    void announcedBodiesReserveNothing_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("publish, a route that takes a body")
            << QByteArray("POST /1/publish HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken\r\n"
                          "Luna-Account-Id: "
                          + kAccount
                          + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                            "Content-Length: 16777216\r\n\r\n");
        QTest::newRow("a route that takes none")
            << QByteArray("GET /version HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                          "Content-Length: 16777216\r\n\r\n");
    }
    void announcedBodiesReserveNothing()
    {
        QFETCH(QByteArray, head);
        ServiceProcess service;
        service.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n"
                            "[PUBLISH]\nENABLED = 1\nTOKEN = t0ken\n");
        const quint16 port = service.startListening();
        QVERIFY2(port != 0, service.log().constData());

        RawHttpConnection warm;
        QVERIFY2(warm.connectTo(port), qPrintable(warm.errorString()));
        warm.write(requestBytes("GET", "/version", port));
        const auto version = warm.readResponse();
        QVERIFY2(version && version->status == 200, qPrintable(warm.errorString()));
        const qint64 sizeBefore = procStatus(service.pid(), "VmSize");
        const qint64 rssBefore = procStatus(service.pid(), "VmRSS");
        QVERIFY(sizeBefore > 0 && rssBefore > 0);

        constexpr int kClients = 300;
        std::vector<std::unique_ptr<RawHttpConnection>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<RawHttpConnection>());
            QVERIFY2(clients.back()->connectTo(port), qPrintable(clients.back()->errorString()));
            clients.back()->write(head);
        }
        const auto answered = [&] {
            return int(std::count_if(clients.cbegin(), clients.cend(),
                                     [](const auto &c) { return !c->received().isEmpty(); }));
        };
        QTRY_COMPARE_WITH_TIMEOUT(answered(), kClients, timeouts::kLongOperation);

        const qint64 sizeGrowth = procStatus(service.pid(), "VmSize") - sizeBefore;
        const qint64 rssGrowth = procStatus(service.pid(), "VmRSS") - rssBefore;
        qInfo("300 heads announcing 16 MiB: VmSize %+lld MiB, VmRSS %+lld MiB", sizeGrowth >> 20,
              rssGrowth >> 20);
        // Generous bounds: 300 reservations of 16 MiB are 4.7 GiB.
        QVERIFY2(sizeGrowth < 1024LL * 1024 * 1024,
                 qPrintable(QStringLiteral("address space grew by %1 MiB").arg(sizeGrowth >> 20)));
        QVERIFY2(rssGrowth < 256LL * 1024 * 1024,
                 qPrintable(QStringLiteral("resident set grew by %1 MiB").arg(rssGrowth >> 20)));

        QVERIFY(service.signal(SIGTERM));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));
        QCOMPARE(service.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ResourceBounds)
#include "tst_resourcebounds.moc"
