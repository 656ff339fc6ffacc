// SnapshotCodec: the engine's snapshot types to the monitoring contract's JSON and back. What the
// monitoring port encodes, an attached console decodes to the same values; keys are the
// contract's; malformed input decodes to defaults instead of crashing.

#include "engine/SnapshotCodec.h"
#include "events/EventMessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace sender;

class TestSnapshotCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }
    void overviewRoundTrips();
    void connectionRoundTrips();
    void filterSetRoundTrips();
    void eventSampleRoundTrips();
    void malformedInputDecodesToDefaults();
    void fleetRoundTrips();
};

void TestSnapshotCodec::overviewRoundTrips()
{
    EngineSnapshot s;
    s.startedAt =
        QDateTime::fromString(QStringLiteral("2026-12-04T01:02:03.456Z"), Qt::ISODateWithMs);
    s.listenAddress = QStringLiteral("0.0.0.0:5080");
    s.running = true;
    s.redisConfigured = true;
    s.sources = {{SourceKind::Redis, SourceState::Down, QStringLiteral("down: refused"), 1200, 3},
                 {SourceKind::Publish, SourceState::Up, QStringLiteral("on"), -1, 0}};
    s.messagesIn = {1, 2, 3, 4};
    s.eventsIn = {5, 6, 7, 8};
    s.malformed = 9;
    s.deliveries = 10;
    s.filteredOut = 11;
    s.slowConsumerCloses = 12;
    s.droppedFrames = 13;
    s.bytesSent = 1ull << 40;
    s.sendQueueBytes = 15;
    s.connections = 16;
    s.subscribers = 17;
    s.accounts = 18;
    s.filterSets = 19;
    s.history = {true, 10000, 3ull << 32, 20, 21};

    const QJsonObject json = SnapshotCodec::encodeOverview(s);
    QCOMPARE(json.value(u"started_at").toString(), QStringLiteral("2026-12-04T01:02:03.456Z"));
    QCOMPARE(json.value(u"listen").toObject().value(u"sender").toString(), s.listenAddress);
    QCOMPARE(json.value(u"messages_in").toObject().value(u"http").toInteger(), 3);
    QCOMPARE(json.value(u"sources").toArray().at(0).toObject().value(u"state").toString(),
             QStringLiteral("down"));
    QVERIFY(json.value(u"uptime_seconds").toDouble() > 0);
    QVERIFY(!json.value(u"version").toString().isEmpty());
    const QJsonObject history = json.value(u"history").toObject();
    QCOMPARE(history.value(u"enabled").toBool(), true);
    QCOMPARE(history.value(u"events").toInteger(), 10000);
    QCOMPARE(history.value(u"bytes").toInteger(), qint64(3ull << 32));
    QCOMPARE(history.value(u"accounts").toInteger(), 20);
    QCOMPARE(history.value(u"evictions").toInteger(), 21);

    const EngineSnapshot back = SnapshotCodec::decodeOverview(
        QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
    QCOMPARE(back.startedAt, s.startedAt);
    QCOMPARE(back.listenAddress, s.listenAddress);
    QCOMPARE(back.running, true);
    QCOMPARE(back.redisConfigured, true);
    QCOMPARE(back.sources.size(), 2);
    QCOMPARE(back.sources[0].kind, SourceKind::Redis);
    QCOMPARE(back.sources[0].state, SourceState::Down);
    QCOMPARE(back.sources[0].detail, QStringLiteral("down: refused"));
    QCOMPARE(back.sources[0].nextRetryInMs, 1200);
    QCOMPARE(back.sources[0].reconnects, 3u);
    QCOMPARE(back.sources[1].kind, SourceKind::Publish);
    QCOMPARE(back.messagesIn, s.messagesIn);
    QCOMPARE(back.eventsIn, s.eventsIn);
    QCOMPARE(back.bytesSent, s.bytesSent);
    QCOMPARE(back.slowConsumerCloses, 12u);
    QCOMPARE(back.subscribers, 17);
    QCOMPARE(back.filterSets, 19);
    QCOMPARE(back.history.enabled, true);
    QCOMPARE(back.history.events, 10000u);
    QCOMPARE(back.history.bytes, 3ull << 32);
    QCOMPARE(back.history.accounts, 20);
    QCOMPARE(back.history.evictions, 21u);

    // Disabled reads back as disabled, not as whatever the numbers suggest.
    s.history = {};
    const HistorySnapshot off =
        SnapshotCodec::decodeOverview(SnapshotCodec::encodeOverview(s)).history;
    QCOMPARE(off.enabled, false);
    QCOMPARE(off.events, 0u);
}

void TestSnapshotCodec::connectionRoundTrips()
{
    ConnectionSnapshot c {17,
                          QStringLiteral("127.0.0.1:50312"),
                          true,
                          QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"),
                          QStringLiteral("age__gte=30&gender=1"),
                          QStringLiteral("age ≥ 30, gender = 1"),
                          2,
                          QDateTime::currentDateTimeUtc().addSecs(-60),
                          QDateTime::currentDateTimeUtc(),
                          100,
                          2,
                          7,
                          4096,
                          123456,
                          QStringLiteral("req-1"),
                          {1200, 850}};
    const QJsonObject json = SnapshotCodec::encodeConnection(c);
    QCOMPARE(json.value(u"filter_query").toString(), c.filterQuery);
    QCOMPARE(json.value(u"api_version").toInt(), 2);
    const ConnectionSnapshot back = SnapshotCodec::decodeConnection(json);
    QCOMPARE(back.id, c.id);
    QCOMPARE(back.peer, c.peer);
    QCOMPARE(back.subscribed, true);
    QCOMPARE(back.account, c.account);
    QCOMPARE(back.filterText, c.filterText);
    // Milliseconds are what the contract carries.
    QCOMPARE(back.connectedAt.toMSecsSinceEpoch(), c.connectedAt.toMSecsSinceEpoch());
    QCOMPARE(back.delivered, 100u);
    QCOMPARE(back.queueBytes, 4096);
    QCOMPARE(back.bytesSent, 123456u);
    QCOMPARE(back.requestId, c.requestId);
    QCOMPARE(back.lag.events, 1200u);
    QCOMPARE(back.lag.ms, 850);
}

void TestSnapshotCodec::filterSetRoundTrips()
{
    const FilterSetSnapshot f {
        QUuid::fromString(QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a")),
        QStringLiteral("age__gte=30"),
        QStringLiteral("age ≥ 30"),
        2,
        10,
        5};
    const QJsonObject json = SnapshotCodec::encodeFilterSet(f);
    QCOMPARE(json.value(u"account").toString(),
             QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));
    const FilterSetSnapshot back = SnapshotCodec::decodeFilterSet(json);
    QCOMPARE(back.account, f.account);
    QCOMPARE(back.filterQuery, f.filterQuery);
    QCOMPARE(back.filterText, f.filterText);
    QCOMPARE(back.members, 2);
    QCOMPARE(back.passed, 10u);
    QCOMPARE(back.filteredOut, 5u);
}

void TestSnapshotCodec::eventSampleRoundTrips()
{
    QString error;
    const QByteArray raw =
        R"({"handler_id":"3f5e3e2a-1111-4f6e-9d3b-6a7c8d9e0f10","Luna-Request-Id":"1,abc",)"
        R"("event_create_time":"2026-12-04T01:02:03.000Z","event_end_time":"2026-12-04T01:02:03.500Z",)"
        R"("events":[{"event_id":"e1","age":31,"gender":1},{"event_id":"e2","age":50}]})";
    EventSample sample;
    sample.message = EventMessage::parse(raw, &error);
    QVERIFY2(sample.message, qPrintable(error));
    sample.index = 1;
    sample.kind = SourceKind::Demo;
    sample.account = QUuid::fromString(QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));
    sample.receivedAt = QDateTime::currentDateTimeUtc();
    sample.recipients = 3;

    const QJsonObject json = SnapshotCodec::encodeEventSample(sample);
    QCOMPARE(json.value(u"source").toString(), QStringLiteral("demo"));
    // The event exactly as subscribers get it.
    const QJsonObject delivered = json.value(u"event").toObject();
    QCOMPARE(delivered,
             QJsonDocument::fromJson(sample.message->framePayload(1).toByteArray()).object());
    QCOMPARE(delivered.value(u"event").toObject().value(u"event_id").toString(),
             QStringLiteral("e2"));

    const std::optional<EventSample> back = SnapshotCodec::decodeEventSample(json);
    QVERIFY(back);
    QVERIFY(back->message);
    QCOMPARE(back->index, 0);
    QCOMPARE(back->kind, SourceKind::Demo);
    QCOMPARE(back->account, sample.account);
    QCOMPARE(back->recipients, 3);
    QCOMPARE(back->receivedAt.toMSecsSinceEpoch(), sample.receivedAt.toMSecsSinceEpoch());
    // The rebuilt message reads like the original: same event, attributes and envelope.
    QCOMPARE(QJsonDocument::fromJson(back->message->eventJson(0).toByteArray()),
             QJsonDocument::fromJson(sample.message->eventJson(1).toByteArray()));
    QCOMPARE(back->message->attributes(0).age, sample.message->attributes(1).age);
    QCOMPARE(back->message->handlerIdText(), sample.message->handlerIdText());
    QCOMPARE(back->message->requestIdText(), sample.message->requestIdText());
    QCOMPARE(back->message->createTimeText(), sample.message->createTimeText());
}

void TestSnapshotCodec::malformedInputDecodesToDefaults()
{
    const QJsonObject junk {{QStringLiteral("sources"), QStringLiteral("nope")},
                            {QStringLiteral("connections"), QStringLiteral("many")},
                            {QStringLiteral("deliveries"), -5},
                            {QStringLiteral("started_at"), 42}};
    const EngineSnapshot s = SnapshotCodec::decodeOverview(junk);
    QVERIFY(s.sources.isEmpty());
    QCOMPARE(s.connections, 0);
    QCOMPARE(s.deliveries, 0u);
    QVERIFY(!s.startedAt.isValid());
    // No "history" (a service from before it) or a mistyped one: disabled and empty.
    QCOMPARE(s.history.enabled, false);
    QCOMPARE(s.history.events, 0u);
    const QJsonObject badHistory {{QStringLiteral("history"),
                                   QJsonObject {{QStringLiteral("enabled"), QStringLiteral("yes")},
                                                {QStringLiteral("events"), QStringLiteral("many")},
                                                {QStringLiteral("bytes"), -1},
                                                {QStringLiteral("accounts"), -3},
                                                {QStringLiteral("evictions"), QJsonArray {1}}}}};
    const HistorySnapshot h = SnapshotCodec::decodeOverview(badHistory).history;
    QCOMPARE(h.enabled, false);
    QCOMPARE(h.events, 0u);
    QCOMPARE(h.bytes, 0u);
    QCOMPARE(h.accounts, 0);
    QCOMPARE(h.evictions, 0u);
    QVERIFY(!SnapshotCodec::decodeOverview({{QStringLiteral("history"), 7}}).history.enabled);
    // An unknown source kind (a newer service) is left out, not mistaken for another.
    const QJsonObject newer {
        {QStringLiteral("sources"),
         QJsonArray {QJsonObject {{QStringLiteral("kind"), QStringLiteral("kafka")}}}}};
    QVERIFY(SnapshotCodec::decodeOverview(newer).sources.isEmpty());
    QVERIFY(!SnapshotCodec::decodeEventSample({}).has_value());
    QVERIFY(!SnapshotCodec::decodeEventSample(
                 {{QStringLiteral("event"), QJsonObject {{QStringLiteral("event"), 3}}}})
                 .has_value());
    QCOMPARE(SnapshotCodec::decodeConnection({}).id, 0u);
}

void TestSnapshotCodec::fleetRoundTrips()
{
    sender::FleetSnapshot fleet;
    fleet.shared = true;
    fleet.redisUp = false;
    fleet.redisDetail = QStringLiteral("Redis 127.0.0.1:6379: Connection refused");
    fleet.announceIntervalMs = 5000;
    sender::InstanceSnapshot self;
    self.id = QUuid::createUuid();
    self.name = QStringLiteral("alpha");
    self.host = QStringLiteral("host-a");
    self.listen = QStringLiteral("0.0.0.0:5080");
    self.monitor = QStringLiteral("127.0.0.1:5081");
    self.version = QStringLiteral("1.2.3");
    self.startedAt =
        QDateTime::fromString(QStringLiteral("2026-12-04T01:02:03.456Z"), Qt::ISODateWithMs);
    self.announcedAt = self.startedAt.addSecs(90);
    self.connections = 7;
    self.subscribers = 5;
    self.eventsPerSecond = 12.5;
    self.deliveriesPerSecond = 40;
    self.self = true;
    sender::InstanceSnapshot gone = self;
    gone.id = QUuid::createUuid();
    gone.name = QStringLiteral("beta");
    gone.self = false;
    gone.state = sender::InstanceSnapshot::State::Gone;
    gone.goneSince = self.announcedAt;
    fleet.instances = {self, gone};

    const QJsonObject json = SnapshotCodec::encodeFleet(fleet);
    QCOMPARE(json.value(u"self").toString(), self.id.toString(QUuid::WithoutBraces));
    QCOMPARE(
        json.value(u"instances").toArray().at(0).toObject().value(u"uptime_seconds").toDouble(),
        90.0);
    QVERIFY(!json.value(u"instances").toArray().at(0).toObject().contains(u"gone_since"));
    const sender::FleetSnapshot back = SnapshotCodec::decodeFleet(json);
    QCOMPARE(back.shared, true);
    QCOMPARE(back.redisUp, false);
    QCOMPARE(back.redisDetail, fleet.redisDetail);
    QCOMPARE(back.announceIntervalMs, 5000);
    QCOMPARE(back.instances.size(), 2);
    QCOMPARE(back.instances.at(0).id, self.id);
    QCOMPARE(back.instances.at(0).monitor, self.monitor);
    QCOMPARE(back.instances.at(0).startedAt, self.startedAt);
    QCOMPARE(back.instances.at(0).subscribers, 5);
    QCOMPARE(back.instances.at(0).eventsPerSecond, 12.5);
    QCOMPARE(back.instances.at(0).self, true);
    QCOMPARE(back.instances.at(1).state, sender::InstanceSnapshot::State::Gone);
    QCOMPARE(back.instances.at(1).goneSince, gone.goneSince);

    // Anything else decodes to defaults, never a crash.
    const sender::FleetSnapshot junk = SnapshotCodec::decodeFleet(
        QJsonObject {{QStringLiteral("instances"), QJsonArray {1, QStringLiteral("x")}}});
    QCOMPARE(junk.instances.size(), 2);
    QVERIFY(junk.instances.at(0).id.isNull());
}

QTEST_MAIN(TestSnapshotCodec)
#include "tst_snapshotcodec.moc"
