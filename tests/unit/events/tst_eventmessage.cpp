#include "FailOnWarnings.h"
#include "TestData.h"
#include "events/EventMessage.h"
#include "events/JsonTape.h"
#include "events/WsFrame.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace Qt::StringLiterals;
using sender::EventMessage;

namespace {

constexpr QByteArrayView kHandler = "\"8950722f-3fd4-4223-b48f-03f95f0e8dfb\"";

// The client frame's payload as contract section 4 spells it, from raw JSON tokens.
QByteArray expectedPayload(QByteArrayView event, QByteArrayView handler, QByteArrayView create,
                           QByteArrayView end, QByteArrayView requestId)
{
    return "{\"event\":" + event.toByteArray() + ",\"handler_id\":" + handler.toByteArray()
        + ",\"event-create-time\":" + create.toByteArray() + ",\"event-end-time\":"
        + end.toByteArray() + ",\"Luna-Request-id\":" + requestId.toByteArray() + "}";
}

// Every attribute a filter reads, compared by value (the views point into different messages).
bool sameAttributes(const sender::EventAttributes &a, const sender::EventAttributes &b)
{
    const auto sameViews = [](std::span<const QByteArrayView> x,
                              std::span<const QByteArrayView> y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end());
    };
    return a.present == b.present && a.sets == b.sets && a.eventId == b.eventId
        && a.source == b.source && a.userData == b.userData && a.city == b.city && a.area == b.area
        && a.district == b.district && a.street == b.street && a.houseNumber == b.houseNumber
        && a.age == b.age && a.topSimilarity == b.topSimilarity && a.longitude == b.longitude
        && a.latitude == b.latitude && a.streamId == b.streamId
        && a.topMatchLabel == b.topMatchLabel && sameViews(a.matchLabels, b.matchLabels)
        && sameViews(a.tags, b.tags)
        && std::equal(a.apparentAges.begin(), a.apparentAges.end(), b.apparentAges.begin(),
                      b.apparentAges.end());
}

} // namespace

// Parsing the Redis message (contract section 4) and building the client frames from it.
class TestEventMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void rejectsMalformedMessages_data();
    void rejectsMalformedMessages();
    void relaysEventsByteForByte_data();
    void relaysEventsByteForByte();
    void emptyEventsArrayIsValid();
    void absentOptionalFieldsBecomeNull();
    void envelopeValuesAreRawTokens();
    void duplicateKeysLastWins();
    void handlerIdThatIsNotAUuid_data();
    void handlerIdThatIsNotAUuid();
    void decodesEnvelopeTexts();
    void relaysEveryEventOfSampleMessages_data();
    void relaysEveryEventOfSampleMessages();
    void seedExampleFrame();
    void frameHeaderForPayloadSize_data();
    void frameHeaderForPayloadSize();
    void frameIsBuiltOnceAndShared();
    void frameIsBuiltOnceAcrossThreads();
    void outOfRangeIndexIsHarmless();
    void keepsItsOwnCopyOfRawData();
    void limitsWhatOneMessageMayCost();
    void madeAgainFromItsFrame_data();
    void madeAgainFromItsFrame();
    void madeAgainFromAFrameWithoutOptionalFields();
    void fromFrameRefusesWhatIsNotAFrame_data();
    void fromFrameRefusesWhatIsNotAFrame();
};

void TestEventMessage::rejectsMalformedMessages_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << ""_ba << u"invalid JSON: unexpected end of input at byte 0"_s;
    QTest::newRow("truncated") << R"({"handler_id":"x","events":[{})"_ba
                               << u"invalid JSON: expected ',' or ']' at byte 30"_s;
    QTest::newRow("trailing comma") << R"({"handler_id":"x","events":[],})"_ba
                                    << u"invalid JSON: expected a string key at byte 30"_s;
    QTest::newRow("NaN in an event") << R"({"handler_id":"x","events":[{"age":NaN}]})"_ba
                                     << u"invalid JSON: unexpected character at byte 35"_s;
    QTest::newRow("invalid UTF-8 in an event")
        << "{\"handler_id\":\"x\",\"events\":[{\"s\":\"\xff\"}]}"_ba
        << u"invalid JSON: invalid UTF-8 at byte 34"_s;
    QTest::newRow("top level array")
        << R"([{"handler_id":"x","events":[]}])"_ba << u"the message is not a JSON object"_s;
    QTest::newRow("top level string") << R"("events")"_ba << u"the message is not a JSON object"_s;
    QTest::newRow("events missing") << R"({"handler_id":"x"})"_ba << u"'events' is missing"_s;
    QTest::newRow("events is an object")
        << R"({"handler_id":"x","events":{}})"_ba << u"'events' is not an array (byte 27)"_s;
    QTest::newRow("events is null")
        << R"({"handler_id":"x","events":null})"_ba << u"'events' is not an array (byte 27)"_s;
    QTest::newRow("an event is not an object") << R"({"handler_id":"x","events":[{},[],{}]})"_ba
                                               << u"'events[1]' is not an object (byte 31)"_s;
    QTest::newRow("an event is a string") << R"({"handler_id":"x","events":["{}"]})"_ba
                                          << u"'events[0]' is not an object (byte 28)"_s;
    QTest::newRow("handler_id missing") << R"({"events":[]})"_ba << u"'handler_id' is missing"_s;
    QTest::newRow("handler_id is a number")
        << R"({"handler_id":5,"events":[]})"_ba << u"'handler_id' is not a string (byte 14)"_s;
    QTest::newRow("handler_id is null")
        << R"({"events":[],"handler_id":null})"_ba << u"'handler_id' is not a string (byte 26)"_s;
}

void TestEventMessage::rejectsMalformedMessages()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, error);
    QString actual;
    QCOMPARE(EventMessage::parse(raw, &actual), nullptr);
    QCOMPARE(actual, error);
    // A null error pointer is allowed.
    QCOMPARE(EventMessage::parse(raw, nullptr), nullptr);
}

void TestEventMessage::relaysEventsByteForByte_data()
{
    QTest::addColumn<QByteArray>("event");
    QTest::newRow("empty object") << "{}"_ba;
    QTest::newRow("unicode escapes stay escaped") << R"({"user_data":"caf\u00e9 \ud83d\ude00"})"_ba;
    QTest::newRow("raw UTF-8 stays raw") << "{\"user_data\":\"caf\xc3\xa9\"}"_ba;
    QTest::newRow("tiny and huge numbers")
        << R"({"a":1e-12,"b":1.92238889737406e-12,"c":123456789012345678901234567890,"d":-0.0,"e":1E+400})"_ba;
    QTest::newRow("key order kept") << R"({"z":1,"a":2,"m":{"y":0,"b":1}})"_ba;
    QTest::newRow("whitespace inside kept") << "{ \"a\" :\n\t[ 1 , 2 ] }"_ba;
    QTest::newRow("duplicate keys kept") << R"({"source":"a","source":"b"})"_ba;
    QTest::newRow("escaped quotes and slashes") << R"({"k":"\"q\" \\ \/ \n"})"_ba;
}

void TestEventMessage::relaysEventsByteForByte()
{
    QFETCH(QByteArray, event);
    const QByteArray raw = "{\"handler_id\": " + kHandler.toByteArray() + ",\n \"events\": [ "
        + event + " , " + event + "],\"event_create_time\":\"t0\",\"event_end_time\":\"t1\","
        + "\"Luna-Request-Id\":\"1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a\"}";
    QString error;
    const auto message = EventMessage::parse(raw, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->eventCount(), 2);
    for (qsizetype i = 0; i < 2; ++i) {
        QCOMPARE(message->eventJson(i), QByteArrayView(event));
        QCOMPARE(
            message->framePayload(i),
            QByteArrayView(expectedPayload(event, kHandler, "\"t0\"", "\"t1\"",
                                           "\"1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a\"")));
    }
}

void TestEventMessage::emptyEventsArrayIsValid()
{
    QString error;
    const auto message = EventMessage::parse(R"({"handler_id":"h","events":[ ]})"_ba, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->eventCount(), 0);
}

void TestEventMessage::absentOptionalFieldsBecomeNull()
{
    QString error;
    const auto message =
        EventMessage::parse(R"({"events":[{"a":1}],"handler_id":"h","unknown":[1,2]})"_ba, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(
        message->framePayload(0),
        QByteArrayView(
            R"({"event":{"a":1},"handler_id":"h","event-create-time":null,"event-end-time":null,"Luna-Request-id":null})"));
    QVERIFY(message->requestIdText().isEmpty());
    QVERIFY(message->createTimeText().isEmpty());
    QVERIFY(message->endTimeText().isEmpty());
}

void TestEventMessage::envelopeValuesAreRawTokens()
{
    // Whatever JSON value the handler put there is copied as written, not reformatted.
    QString error;
    const auto message = EventMessage::parse(
        R"({"handler_id":"h\u0041","events":[{}],"Luna-Request-Id":12.50,"event_create_time":null,"event_end_time":{"t" : 1}})"_ba,
        &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(
        message->framePayload(0),
        QByteArrayView(
            R"({"event":{},"handler_id":"h\u0041","event-create-time":null,"event-end-time":{"t" : 1},"Luna-Request-id":12.50})"));
    QCOMPARE(message->handlerIdText(), u"hA"_s);
    QCOMPARE(message->requestIdText(), u"12.50"_s);
    QCOMPARE(message->createTimeText(), u"null"_s);
}

void TestEventMessage::duplicateKeysLastWins()
{
    QString error;
    const auto message = EventMessage::parse(
        R"({"events":[{"n":1}],"handler_id":5,"events":[{"n":2},{"n":3}],"handler_id":"second"})"_ba,
        &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->eventCount(), 2);
    QCOMPARE(message->eventJson(0), QByteArrayView(R"({"n":2})"));
    QCOMPARE(message->handlerIdText(), u"second"_s);
}

void TestEventMessage::handlerIdThatIsNotAUuid_data()
{
    QTest::addColumn<QByteArray>("handler");
    QTest::addColumn<bool>("isUuid");
    QTest::addColumn<QUuid>("uuid");
    const QUuid id = QUuid::fromString(u"8950722f-3fd4-4223-b48f-03f95f0e8dfb"_s);
    QTest::newRow("lower case") << "8950722f-3fd4-4223-b48f-03f95f0e8dfb"_ba << true << id;
    QTest::newRow("upper case") << "8950722F-3FD4-4223-B48F-03F95F0E8DFB"_ba << true << id;
    QTest::newRow("escaped") << R"(\u0038950722f-3fd4-4223-b48f-03f95f0e8dfb)"_ba << true << id;
    QTest::newRow("nil") << "00000000-0000-0000-0000-000000000000"_ba << true << QUuid();
    QTest::newRow("braces") << "{8950722f-3fd4-4223-b48f-03f95f0e8dfb}"_ba << false << QUuid();
    QTest::newRow("short last group")
        << "346a5645-ec89-4806-820a-dbcb6e0dc38"_ba << false << QUuid();
    QTest::newRow("no dashes") << "8950722f3fd44223b48f03f95f0e8dfb"_ba << false << QUuid();
    QTest::newRow("mixed case") << "8950722f-3FD4-4223-b48F-03f95f0e8dfb"_ba << true << id;
    QTest::newRow("not hexadecimal")
        << "8950722f-3fd4-4223-b48f-03f95f0e8dfg"_ba << false << QUuid();
    QTest::newRow("dash moved") << "8950722-f3fd4-4223-b48f-03f95f0e8dfb"_ba << false << QUuid();
    QTest::newRow("text") << "handler"_ba << false << QUuid();
    QTest::newRow("empty") << ""_ba << false << QUuid();
}

void TestEventMessage::handlerIdThatIsNotAUuid()
{
    QFETCH(QByteArray, handler);
    QFETCH(bool, isUuid);
    QFETCH(QUuid, uuid);
    QString error;
    const auto message =
        EventMessage::parse("{\"handler_id\":\"" + handler + "\",\"events\":[{}]}", &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->handlerIdIsUuid(), isUuid);
    QCOMPARE(message->handlerId(), uuid);
    // Relayed all the same.
    QVERIFY(message->framePayload(0).contains(QByteArray("\"handler_id\":\"" + handler + "\"")));
}

void TestEventMessage::decodesEnvelopeTexts()
{
    QString error;
    const auto message = EventMessage::parse(testData("face_event_message.json"), &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->handlerIdText(), u"8950722f-3fd4-4223-b48f-03f95f0e8dfb"_s);
    QCOMPARE(message->handlerId(), QUuid::fromString(u"8950722f-3fd4-4223-b48f-03f95f0e8dfb"_s));
    QCOMPARE(message->requestIdText(), u"1709277342,6f1b7a8e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"_s);
    QCOMPARE(message->createTimeText(), u"2024-03-01T10:15:42.123456+03:00"_s);
    QCOMPARE(message->endTimeText(), u"2024-03-01T10:15:42.345678+03:00"_s);
}

void TestEventMessage::relaysEveryEventOfSampleMessages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("events");
    QTest::newRow("seed example") << u"seed_message.json"_s << 1;
    QTest::newRow("face event") << u"face_event_message.json"_s << 1;
    QTest::newRow("body event") << u"body_event_message.json"_s << 1;
    QTest::newRow("multi-event") << u"multi_event_message.json"_s << 3;
}

void TestEventMessage::relaysEveryEventOfSampleMessages()
{
    QFETCH(QString, file);
    QFETCH(int, events);
    const QByteArray raw = testData(file.toUtf8().constData());
    QString error;
    const auto message = EventMessage::parse(raw, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->eventCount(), events);
    for (qsizetype i = 0; i < events; ++i) {
        const QByteArrayView event = message->eventJson(i);
        // The view is a slice of the message's own raw bytes, from '{' to '}'.
        const QByteArray &own = message->raw();
        QVERIFY(event.data() > own.constData()
                && event.data() + event.size() < own.constData() + own.size());
        QVERIFY(event.startsWith('{') && event.endsWith('}'));
        // The payload is valid JSON whose "event" holds exactly the same bytes.
        const QByteArrayView payload = message->framePayload(i);
        QVERIFY(payload.startsWith(
            QByteArray("{\"event\":" + event.toByteArray() + ",\"handler_id\":")));
        sender::json::Tape tape;
        QString payloadError;
        QVERIFY2(tape.parse(payload, &payloadError), qPrintable(payloadError));
        QCOMPARE(tape.bytes(tape.member(0, "event")), event);
    }
}

void TestEventMessage::seedExampleFrame()
{
    QString error;
    const auto message = EventMessage::parse(testData("seed_message.json"), &error);
    QVERIFY2(message, qPrintable(error));
    const QByteArrayView event = message->eventJson(0);
    QVERIFY(event.contains("\"disgust\": 0.00000965219624049496"));
    QVERIFY(event.contains("\"african_american\": 1.92238889737406e-12"));
    QCOMPARE(
        message->framePayload(0),
        QByteArrayView(expectedPayload(event, "\"557d54ec-29ad-4f3c-93b4-c9092ef12515\"",
                                       "\"2019-08-24T14:15:22Z\"", "\"2019-08-24T14:15:22Z\"",
                                       "\"1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a\"")));
}

void TestEventMessage::frameHeaderForPayloadSize_data()
{
    QTest::addColumn<qsizetype>("payloadSize");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("125") << qsizetype(125) << "\x81\x7d"_ba;
    QTest::newRow("126") << qsizetype(126) << "\x81\x7e\x00\x7e"_ba;
    QTest::newRow("65535") << qsizetype(65535) << "\x81\x7e\xff\xff"_ba;
    QTest::newRow("65536") << qsizetype(65536) << "\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00"_ba;
    QTest::newRow("100000") << qsizetype(100000) << "\x81\x7f\x00\x00\x00\x00\x00\x01\x86\xa0"_ba;
}

void TestEventMessage::frameHeaderForPayloadSize()
{
    QFETCH(qsizetype, payloadSize);
    QFETCH(QByteArray, header);
    // Pad the event so that the payload has exactly the wanted size.
    const QByteArray fixed = expectedPayload(R"({"p":""})", "\"h\"", "null", "null", "null");
    const QByteArray event = "{\"p\":\"" + QByteArray(payloadSize - fixed.size(), 'a') + "\"}";
    QString error;
    const auto message =
        EventMessage::parse(R"({"handler_id":"h","events":[)" + event + "]}", &error);
    QVERIFY2(message, qPrintable(error));
    const QByteArray &frame = message->frame(0);
    QCOMPARE(frame.size(), header.size() + payloadSize);
    QCOMPARE(frame.first(header.size()), header);
    QCOMPARE(message->framePayload(0).size(), payloadSize);
    QCOMPARE(message->framePayload(0),
             QByteArrayView(expectedPayload(event, "\"h\"", "null", "null", "null")));
    QCOMPARE(frame, sender::wsframe::text(message->framePayload(0)));
}

void TestEventMessage::frameIsBuiltOnceAndShared()
{
    QString error;
    const auto message = EventMessage::parse(testData("multi_event_message.json"), &error);
    QVERIFY2(message, qPrintable(error));
    const QByteArray first = message->frame(1);
    const QByteArray second = message->frame(1);
    QVERIFY(first.isSharedWith(second));
    QVERIFY(first.isSharedWith(message->frame(1)));
    QCOMPARE(message->framePayload(1).data(), message->frame(1).constData() + 4);
}

void TestEventMessage::frameIsBuiltOnceAcrossThreads()
{
    QString error;
    const auto message = EventMessage::parse(testData("multi_event_message.json"), &error);
    QVERIFY2(message, qPrintable(error));
    constexpr int kThreads = 4;
    std::array<QByteArray, kThreads> seen;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] { seen[size_t(t)] = message->frame(2); });
    for (std::thread &thread : threads)
        thread.join();
    for (const QByteArray &frame : seen)
        QVERIFY(frame.isSharedWith(seen[0]));
}

void TestEventMessage::outOfRangeIndexIsHarmless()
{
    QString error;
    const auto message = EventMessage::parse(R"({"handler_id":"h","events":[{}]})"_ba, &error);
    QVERIFY2(message, qPrintable(error));
    for (const qsizetype i : {qsizetype(-1), qsizetype(1), qsizetype(1) << 40}) {
        QVERIFY(message->eventJson(i).isEmpty());
        QVERIFY(message->frame(i).isEmpty());
        QVERIFY(message->framePayload(i).isEmpty());
        QCOMPARE(message->attributes(i).present, 0u);
    }
}

void TestEventMessage::keepsItsOwnCopyOfRawData()
{
    QByteArray buffer = R"({"handler_id":"h","events":[{"source":"cam1"}]})"_ba;
    QString error;
    const auto message =
        EventMessage::parse(QByteArray::fromRawData(buffer.constData(), buffer.size()), &error);
    QVERIFY2(message, qPrintable(error));
    buffer.fill('x');
    QCOMPARE(message->eventJson(0), QByteArrayView(R"({"source":"cam1"})"));
    QCOMPARE(message->attributes(0).source, QByteArrayView("cam1"));
}

void TestEventMessage::limitsWhatOneMessageMayCost()
{
    const auto eventsOf = [](qsizetype n) -> QByteArray {
        QByteArray raw = R"({"handler_id":"h","events":[)";
        raw += QByteArray("{},").repeated(n);
        raw.chop(1);
        return raw + "]}";
    };
    QString error;
    const auto most = EventMessage::parse(eventsOf(EventMessage::kMaxEvents), &error);
    QVERIFY2(most, qPrintable(error));
    QCOMPARE(most->eventCount(), EventMessage::kMaxEvents);
    QCOMPARE(EventMessage::parse(eventsOf(EventMessage::kMaxEvents + 1), &error), nullptr);
    QCOMPARE(error, u"more than 100000 events in one message"_s);

    const QByteArray huge = R"({"handler_id":"h","events":[],"pad":")"
        + QByteArray(sender::json::Tape::kMaxSize, 'x') + "\"}";
    QCOMPARE(EventMessage::parse(huge, &error), nullptr);
    QCOMPARE(error, u"invalid JSON: document larger than 16777216 bytes"_s);

    QByteArray manyValues = R"({"handler_id":"h","events":[],"pad":[)";
    manyValues += QByteArray("0,").repeated(sender::json::Tape::kMaxValues);
    manyValues += "0]}";
    QCOMPARE(EventMessage::parse(manyValues, &error), nullptr);
    QVERIFY2(error.startsWith(u"invalid JSON: too many values in one document at byte "_s),
             qPrintable(error));
}

void TestEventMessage::madeAgainFromItsFrame_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("seed example") << u"seed_message.json"_s;
    QTest::newRow("face event") << u"face_event_message.json"_s;
    QTest::newRow("body event") << u"body_event_message.json"_s;
    QTest::newRow("multi-event") << u"multi_event_message.json"_s;
    QTest::newRow("every attribute") << u"all_attributes_message.json"_s;
}

// What the history keeps of an event is its frame; the message made again from it has the same
// frame (shared, not copied), the same event bytes, envelope and filter attributes.
void TestEventMessage::madeAgainFromItsFrame()
{
    QFETCH(QString, file);
    QString error;
    const auto message = EventMessage::parse(testData(file.toUtf8().constData()), &error);
    QVERIFY2(message, qPrintable(error));
    for (qsizetype i = 0; i < message->eventCount(); ++i) {
        const auto again = EventMessage::fromFrame(message->frame(i));
        QVERIFY(again);
        QCOMPARE(again->eventCount(), 1);
        QCOMPARE(again->frame(0).constData(), message->frame(i).constData());
        QCOMPARE(again->framePayload(0), message->framePayload(i));
        QCOMPARE(again->eventJson(0), message->eventJson(i));
        QCOMPARE(again->handlerIdText(), message->handlerIdText());
        QCOMPARE(again->handlerId(), message->handlerId());
        QCOMPARE(again->handlerIdIsUuid(), message->handlerIdIsUuid());
        QCOMPARE(again->requestIdText(), message->requestIdText());
        QCOMPARE(again->createTimeText(), message->createTimeText());
        QCOMPARE(again->endTimeText(), message->endTimeText());
        QVERIFY(sameAttributes(again->attributes(0), message->attributes(i)));
        QVERIFY(!again->attributes(1).present); // one event only
    }
}

void TestEventMessage::madeAgainFromAFrameWithoutOptionalFields()
{
    // The frame says null for a field the message did not have: made again, it is absent again.
    QString error;
    const auto message =
        EventMessage::parse(R"({"events":[{"event_id":"x"}],"handler_id":"h\u0041"})"_ba, &error);
    QVERIFY2(message, qPrintable(error));
    const auto again = EventMessage::fromFrame(message->frame(0));
    QVERIFY(again);
    QCOMPARE(again->frame(0), message->frame(0));
    QCOMPARE(again->handlerIdText(), u"hA"_s);
    QVERIFY(!again->handlerIdIsUuid());
    QVERIFY(again->requestIdText().isEmpty());
    QVERIFY(again->createTimeText().isEmpty());
    QVERIFY(again->endTimeText().isEmpty());
    // A frame whose bytes it does not own (fromRawData) is copied: its views stay valid.
    const QByteArray borrowed =
        QByteArray::fromRawData(message->frame(0).constData(), message->frame(0).size());
    const auto copied = EventMessage::fromFrame(borrowed);
    QVERIFY(copied);
    QVERIFY(copied->frame(0).constData() != message->frame(0).constData());
    QCOMPARE(copied->attributes(0).eventId, QByteArrayView("x"));
}

void TestEventMessage::fromFrameRefusesWhatIsNotAFrame_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("header only") << sender::wsframe::text("");
    QTest::newRow("not JSON") << sender::wsframe::text("{\"event\":");
    QTest::newRow("not an object") << sender::wsframe::text("[1]");
    QTest::newRow("no event") << sender::wsframe::text(R"({"handler_id":"h"})");
    QTest::newRow("event not an object")
        << sender::wsframe::text(R"({"event":[],"handler_id":"h"})");
    QTest::newRow("no handler") << sender::wsframe::text(R"({"event":{}})");
}

void TestEventMessage::fromFrameRefusesWhatIsNotAFrame()
{
    QFETCH(QByteArray, frame);
    QVERIFY(!EventMessage::fromFrame(frame));
}

QTEST_APPLESS_MAIN(TestEventMessage)
#include "tst_eventmessage.moc"
