// A lag alert rule (issue 25 point 4) against the whole server in-process and real sockets:
// subscribers that stop reading during a burst raise one alert for the episode, naming the
// furthest behind; none more while they stay behind; another once they caught up and fall behind
// again. No durations are asserted.

#include "FailOnWarnings.h"
#include "ResumeSupport.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"
#include "engine/Engine.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace sender;
using namespace sender::test;
using namespace sender::test::resume;
using namespace Qt::StringLiterals;

namespace {

quint64 lagOf(Engine &engine, const RawWebSocket &client)
{
    for (const ConnectionSnapshot &c : engine.connections()) {
        if (c.peer.endsWith(u':' + QString::number(client.localPort())))
            return c.lag.events;
    }
    return 0;
}

} // namespace

class TestLagAlerts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void slowSubscribersRaiseOneAlertPerEpisode();
};

void TestLagAlerts::slowSubscribersRaiseOneAlertPerEpisode()
{
    QTemporaryDir dir;
    const QString rules = dir.filePath(u"rules.json"_s);
    {
        QFile file(rules);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"rules": [{"name": "behind", "severity": "warning",
                       "condition": "lag_events__gt=0"}]})");
    }
    SenderServer server;
    // The slow clients read nothing, pongs neither: no pings, so that a slow run does not drop
    // them for the ping timeout before the second episode.
    QVERIFY2(
        server.start({{u"ALERTS.RULES_FILE"_s, rules}, {u"WEBSOCKET.PING_INTERVAL"_s, u"3600"_s}}),
        qPrintable(server.errorString()));
    QSignalSpy raised(&server.engine()->alerts(), &EngineAlerts::alertRaised);
    WsClient reader;
    QVERIFY(reader.open(server.wsUrl("/2/ws"), kAccount));
    std::vector<std::unique_ptr<RawWebSocket>> slow;
    for (int i = 0; i < 2; ++i) {
        slow.push_back(std::make_unique<RawWebSocket>());
        QVERIFY2(slow.back()->openFor(server.port(), "/2/ws", kAccount),
                 qPrintable(slow.back()->errorString()));
        slow.back()->setReading(false);
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 3, timeouts::kRoundTrip);

    // A burst until both are behind their stream; the reader keeps up.
    int published = 0;
    const auto publishUntil = [&](const std::function<bool()> &done) {
        while (!done() && published < 40000) {
            for (int n = published + 1; n <= published + 500; ++n)
                server.publish(kAccount, paddedMessage(n));
            published += 500;
            if (!reader.waitForMessages(published, timeouts::kLongOperation))
                return false;
        }
        return done();
    };
    const auto bothBehind = [&] {
        return lagOf(*server.engine(), *slow[0]) > 0 && lagOf(*server.engine(), *slow[1]) > 0;
    };
    QVERIFY(publishUntil(bothBehind));
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, timeouts::kRoundTrip);
    const AlertSnapshot alert = raised.first().first().value<AlertSnapshot>();
    QCOMPARE(alert.rule, u"behind"_s);
    QCOMPARE(alert.account, QUuid::fromString(QLatin1StringView(kAccount)));
    QVERIFY(alert.attributes.value(u"lag_events").toInteger() > 0);
    QVERIFY(alert.attributes.value(u"subscribers_behind").toInt() >= 1);
    QVERIFY2(alert.source.endsWith(u':' + QString::number(slow[0]->localPort()))
                 || alert.source.endsWith(u':' + QString::number(slow[1]->localPort())),
             qPrintable(alert.source));
    // The alert log and the alerts' metrics have it, as every alert.
    QCOMPARE(server.engine()->alerts().log().size(), 1);

    // Still behind through more of the burst, over several checks: no more alerts.
    const int checks = 3;
    for (int i = 0; i < checks; ++i) {
        QVERIFY(publishUntil([&, target = published + 500] { return published >= target; }));
        // The lag rules looked again (twice: one look may have begun before the round).
        const quint64 looked = server.engine()->alerts().lagChecks();
        QTRY_VERIFY_WITH_TIMEOUT(server.engine()->alerts().lagChecks() >= looked + 2,
                                 timeouts::kRoundTrip);
        QVERIFY(bothBehind());
    }
    QCOMPARE(raised.size(), 1);

    // They read and catch up: the episode ends; one falls behind again: a second alert.
    for (const auto &s : slow)
        s->setReading(true);
    for (const auto &s : slow)
        QVERIFY(s->waitForTexts(published, timeouts::kLongOperation));
    QTRY_COMPARE_WITH_TIMEOUT(server.engine()->alerts().lagEpisodes(), 0, timeouts::kRoundTrip);
    slow[1]->setReading(false);
    QVERIFY(publishUntil([&] { return lagOf(*server.engine(), *slow[1]) > 0; }));
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 2, timeouts::kRoundTrip);
    const AlertSnapshot second = raised.at(1).first().value<AlertSnapshot>();
    QVERIFY(second.source.endsWith(u':' + QString::number(slow[1]->localPort())));
}

QTEST_GUILESS_MAIN(TestLagAlerts)
#include "tst_lagalerts.moc"
