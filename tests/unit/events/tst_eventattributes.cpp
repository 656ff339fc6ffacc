#include "FailOnWarnings.h"
#include "TestData.h"
#include "events/EventMessage.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using sender::EventAttributes;
using sender::EventMessage;
using sender::AttributeSet::Id;
namespace Set = sender::AttributeSet;

namespace {

std::shared_ptr<const EventMessage> parseOrFail(const QByteArray &raw)
{
    QString error;
    auto message = EventMessage::parse(raw, &error);
    if (!message)
        qWarning("parse failed: %s", qPrintable(error));
    return message;
}

std::shared_ptr<const EventMessage> single(const QByteArray &event)
{
    return parseOrFail(R"({"handler_id":"h","events":[)" + event + "]}");
}

// The names of the codes in one of the event's bit sets, in vocabulary order.
QStringList names(const EventAttributes &a, Id set)
{
    QStringList list;
    for (const sender::VocabularyTerm &term : sender::vocabulary(set).terms) {
        if (a.sets[set] & (1u << term.code))
            list += QString(term.name);
    }
    return list;
}

QStringList texts(std::span<const QByteArrayView> views)
{
    QStringList list;
    for (const QByteArrayView v : views)
        list += QString::fromUtf8(v);
    return list;
}

} // namespace

// What the parser extracts from an event for the filters (contract section 5's "reads" column)
// and the console summary built from it.
class TestEventAttributes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void faceEvent();
    void seedEventPrefersAggregate();
    void bodyEventUnitesDetections();
    void eventWithoutAttributes();
    void enumeratedValues_data();
    void enumeratedValues();
    void aggregateFallbackPerAttribute_data();
    void aggregateFallbackPerAttribute();
    void apparentAges_data();
    void apparentAges();
    void topCandidate_data();
    void topCandidate();
    void escapedStringsAreDecoded();
    void nonStringValuesAreAbsent();
    void listsBelongToTheirEvent();
    void summaries();
};

void TestEventAttributes::faceEvent()
{
    const auto message = parseOrFail(testData("face_event_message.json"));
    QVERIFY(message);
    const EventAttributes &a = message->attributes(0);
    QCOMPARE(a.eventId, QByteArrayView("6a2ff0f4-3b6c-4f0e-9f57-1f1d6c1e8b3a"));
    QCOMPARE(a.source, QByteArrayView("cam-entrance-1"));
    QCOMPARE(texts(a.tags), QStringList({u"vip"_s, u"entrance"_s}));
    QCOMPARE(QString::fromUtf8(a.userData), u"café entrance, floor 1"_s);
    QVERIFY(a.has(EventAttributes::Age));
    QCOMPARE(a.age, 34.0);
    QCOMPARE(names(a, Set::Gender), QStringList {u"male"_s});
    QCOMPARE(names(a, Set::Ethnicity), QStringList {u"caucasian"_s});
    // No aggregate: the single detection's face attributes.
    QCOMPARE(names(a, Set::Liveness), QStringList {u"real"_s});
    QCOMPARE(names(a, Set::Mask), QStringList {u"missing"_s});
    QCOMPARE(names(a, Set::Emotion), QStringList {u"happiness"_s});
    QCOMPARE(texts(a.matchLabels), QStringList {u"staff"_s});
    QCOMPARE(a.topSimilarity, 0.9312);
    QCOMPARE(a.topMatchLabel, QByteArrayView("staff"));
    QCOMPARE(a.city, QByteArrayView("Moscow"));
    QCOMPARE(a.area, QByteArrayView("CAO"));
    QCOMPARE(a.district, QByteArrayView("Tverskoy"));
    QCOMPARE(a.street, QByteArrayView("Tverskaya"));
    QCOMPARE(a.houseNumber, QByteArrayView("7"));
    QVERIFY(a.has(EventAttributes::GeoPosition));
    QCOMPARE(a.longitude, 37.6156);
    QCOMPARE(a.latitude, 55.7522);
    // A face event carries no body attributes.
    QCOMPARE(a.sets[Set::ApparentGender], 0);
    QVERIFY(a.apparentAges.empty());
}

void TestEventAttributes::seedEventPrefersAggregate()
{
    const auto message = parseOrFail(testData("seed_message.json"));
    QVERIFY(message);
    const EventAttributes &a = message->attributes(0);
    QCOMPARE(a.source, QByteArrayView("3rd Avenue"));
    QCOMPARE(a.age, 50.0);
    QCOMPARE(names(a, Set::Gender), QStringList {u"female"_s});
    QCOMPARE(names(a, Set::Ethnicity), QStringList {u"asian"_s});
    // The detection says "neutral"; the aggregate's "surprise" wins.
    QCOMPARE(names(a, Set::Emotion), QStringList {u"surprise"_s});
    QCOMPARE(names(a, Set::Liveness), QStringList {u"spoof"_s});
    QCOMPARE(names(a, Set::Mask), QStringList {u"medical_mask"_s});
    QCOMPARE(names(a, Set::ApparentGender), QStringList {u"female"_s});
    QCOMPARE(names(a, Set::HeadwearState), QStringList {u"absent"_s});
    QCOMPARE(names(a, Set::SleeveLength), QStringList {u"short"_s});
    QCOMPARE(names(a, Set::UpperClothingColors), QStringList {u"black"_s});
    QCOMPARE(names(a, Set::BackpackState), QStringList {u"absent"_s});
    QCOMPARE(a.sets[Set::LowerGarmentType], 0); // in neither aggregate nor detection
    QCOMPARE(std::vector<double>(a.apparentAges.begin(), a.apparentAges.end()),
             std::vector<double> {0});
    QCOMPARE(texts(a.matchLabels), QStringList({u"good guys"_s, u"bad guys"_s}));
    QCOMPARE(a.topSimilarity, 0.5);
    QCOMPARE(a.topMatchLabel, QByteArrayView("good guys"));
    QCOMPARE(texts(a.tags), QStringList({u"tag1"_s, u"tag2"_s}));
    QCOMPARE(a.userData, QByteArrayView("some event"));
    QCOMPARE(a.houseNumber, QByteArrayView("1/2str3"));
    QCOMPARE(a.longitude, 36.616);
    QCOMPARE(a.latitude, 55.752);
}

void TestEventAttributes::bodyEventUnitesDetections()
{
    const auto message = parseOrFail(testData("body_event_message.json"));
    QVERIFY(message);
    const EventAttributes &a = message->attributes(0);
    QCOMPARE(names(a, Set::ApparentGender), QStringList({u"female"_s, u"male"_s}));
    QCOMPARE(names(a, Set::HeadwearState), QStringList({u"absent"_s, u"present"_s}));
    QCOMPARE(names(a, Set::HeadwearColor), QStringList({u"black"_s, u"undefined"_s}));
    // The aggregate has the sleeve length, so the detections' "short" does not count.
    QCOMPARE(names(a, Set::SleeveLength), QStringList {u"long"_s});
    QCOMPARE(names(a, Set::UpperClothingColors), QStringList({u"blue"_s, u"red"_s, u"white"_s}));
    QCOMPARE(names(a, Set::LowerGarmentColors), QStringList({u"black"_s, u"beige"_s}));
    QCOMPARE(names(a, Set::LowerGarmentType), QStringList({u"trousers"_s, u"skirt"_s}));
    QCOMPARE(names(a, Set::ShoesColor), QStringList({u"black"_s, u"white"_s}));
    QCOMPARE(names(a, Set::BackpackState), QStringList({u"absent"_s, u"present"_s}));
    QCOMPARE(std::vector<double>(a.apparentAges.begin(), a.apparentAges.end()),
             std::vector<double>({31, 58}));
    QVERIFY(a.has(EventAttributes::UserData));
    QVERIFY(a.userData.isEmpty());
    QVERIFY(!a.has(EventAttributes::TopSimilarity)); // "matches": []
    QVERIFY(a.matchLabels.empty());
    QVERIFY(!a.has(EventAttributes::Area));
    QCOMPARE(a.city, QByteArrayView("Kazan"));
}

void TestEventAttributes::eventWithoutAttributes()
{
    const auto message = single("{}");
    QVERIFY(message);
    const EventAttributes &a = message->attributes(0);
    QCOMPARE(a.present, 0u);
    for (const quint16 set : a.sets)
        QCOMPARE(set, 0);
    QVERIFY(a.tags.empty());
    QVERIFY(a.matchLabels.empty());
    QVERIFY(a.apparentAges.empty());
}

void TestEventAttributes::enumeratedValues_data()
{
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<int>("set");
    QTest::addColumn<QStringList>("expected");
    const auto face = [](const char *attributes) -> QByteArray {
        return R"({"aggregate_estimations":{"face":{"attributes":{)" + QByteArray(attributes)
            + "}}}}";
    };
    const auto body = [](const char *attributes) -> QByteArray {
        return R"({"aggregate_estimations":{"body":{"attributes":{)" + QByteArray(attributes)
            + "}}}}";
    };
    const auto basic = [](const char *attributes) -> QByteArray {
        return R"({"face_attributes":{"basic_attributes":{)" + QByteArray(attributes) + "}}}";
    };
    QTest::newRow("gender 0") << basic(R"("gender":0)") << int(Set::Gender)
                              << QStringList {u"female"_s};
    QTest::newRow("gender 1.0") << basic(R"("gender":1.0)") << int(Set::Gender)
                                << QStringList {u"male"_s};
    QTest::newRow("gender by name")
        << basic(R"("gender":"male")") << int(Set::Gender) << QStringList {u"male"_s};
    QTest::newRow("gender 0.7 is no code")
        << basic(R"("gender":0.7)") << int(Set::Gender) << QStringList {};
    QTest::newRow("gender 2 is no code")
        << basic(R"("gender":2)") << int(Set::Gender) << QStringList {};
    QTest::newRow("ethnicity by name")
        << basic(R"("ethnicities":{"predominant_ethnicity":"indian"})") << int(Set::Ethnicity)
        << QStringList {u"indian"_s};
    QTest::newRow("ethnicity by code")
        << basic(R"("ethnicities":{"predominant_ethnicity":1})") << int(Set::Ethnicity)
        << QStringList {u"african_american"_s};
    QTest::newRow("liveness by name") << face(R"("liveness":{"prediction":"unknown"})")
                                      << int(Set::Liveness) << QStringList {u"unknown"_s};
    QTest::newRow("liveness by code")
        << face(R"("liveness":{"prediction":0})") << int(Set::Liveness) << QStringList {u"spoof"_s};
    QTest::newRow("liveness name is case-sensitive")
        << face(R"("liveness":{"prediction":"Real"})") << int(Set::Liveness) << QStringList {};
    QTest::newRow("mask by code") << face(R"("mask":{"predominant_mask":3})") << int(Set::Mask)
                                  << QStringList {u"occluded"_s};
    QTest::newRow("mask code 0 is none")
        << face(R"("mask":{"predominant_mask":0})") << int(Set::Mask) << QStringList {};
    QTest::newRow("emotion by name") << face(R"("emotions":{"predominant_emotion":"anger"})")
                                     << int(Set::Emotion) << QStringList {u"anger"_s};
    QTest::newRow("emotion by code") << face(R"("emotions":{"predominant_emotion":7})")
                                     << int(Set::Emotion) << QStringList {u"surprise"_s};
    QTest::newRow("apparent gender by name")
        << body(R"("basic_attributes":{"apparent_gender":"undefined"})") << int(Set::ApparentGender)
        << QStringList {u"undefined"_s};
    QTest::newRow("apparent gender by code") << body(R"("basic_attributes":{"apparent_gender":1})")
                                             << int(Set::ApparentGender) << QStringList {u"male"_s};
    QTest::newRow("headwear state by name")
        << body(R"("upper_body":{"headwear":{"state":"present"}})") << int(Set::HeadwearState)
        << QStringList {u"present"_s};
    QTest::newRow("headwear state by code")
        << body(R"("upper_body":{"headwear":{"state":2}})") << int(Set::HeadwearState)
        << QStringList {u"undefined"_s};
    QTest::newRow("headwear colour")
        << body(R"("upper_body":{"headwear":{"apparent_color":"white"}})")
        << int(Set::HeadwearColor) << QStringList {u"white"_s};
    QTest::newRow("backpack by name") << body(R"("accessories":{"backpack":{"state":"absent"}})")
                                      << int(Set::BackpackState) << QStringList {u"absent"_s};
    QTest::newRow("backpack by code") << body(R"("accessories":{"backpack":{"state":1}})")
                                      << int(Set::BackpackState) << QStringList {u"present"_s};
    QTest::newRow("lower garment type by name")
        << body(R"("lower_body":{"lower_garment":{"type":"shorts"}})") << int(Set::LowerGarmentType)
        << QStringList {u"shorts"_s};
    QTest::newRow("lower garment type by code")
        << body(R"("lower_body":{"lower_garment":{"type":3}})") << int(Set::LowerGarmentType)
        << QStringList {u"undefined"_s};
    QTest::newRow("lower garment type code 4 is none")
        << body(R"("lower_body":{"lower_garment":{"type":4}})") << int(Set::LowerGarmentType)
        << QStringList {};
    QTest::newRow("colours: array")
        << body(R"("upper_body":{"upper_clothing":{"colors":["khaki","multicolored","nope",7]}})")
        << int(Set::UpperClothingColors) << QStringList({u"khaki"_s, u"multicolored"_s});
    QTest::newRow("colours: a single string")
        << body(R"("lower_body":{"lower_garment":{"colors":"gray"}})")
        << int(Set::LowerGarmentColors) << QStringList {u"gray"_s};
    QTest::newRow("colours are names only")
        << body(R"("lower_body":{"shoes":{"apparent_color":0}})") << int(Set::ShoesColor)
        << QStringList {};
    QTest::newRow("sleeve") << body(R"("upper_body":{"sleeve":{"length":"undefined"}})")
                            << int(Set::SleeveLength) << QStringList {u"undefined"_s};
    QTest::newRow("escaped name") << face(R"("liveness":{"prediction":"re\u0061l"})")
                                  << int(Set::Liveness) << QStringList {u"real"_s};
}

void TestEventAttributes::enumeratedValues()
{
    QFETCH(QByteArray, event);
    QFETCH(int, set);
    QFETCH(QStringList, expected);
    const auto message = single(event);
    QVERIFY(message);
    QCOMPARE(names(message->attributes(0), Id(set)), expected);
}

void TestEventAttributes::aggregateFallbackPerAttribute_data()
{
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<QStringList>("liveness");
    QTest::addColumn<QStringList>("mask");
    const QByteArray detections =
        R"("detections":[{"samples":{"face":{"detection":{"attributes":{"liveness":{"prediction":"spoof"},"mask":{"predominant_mask":"occluded"}}}}}},)"
        R"({"samples":{"face":{"detection":{"attributes":{"liveness":{"prediction":"real"}}}}}},)"
        R"({"samples":{"body":{"detection":{"attributes":{}}}}},{"no_samples":1},7])";
    QTest::newRow("no aggregate: union of detections")
        << "{" + detections + "}" << QStringList({u"spoof"_s, u"real"_s})
        << QStringList {u"occluded"_s};
    QTest::newRow("aggregate liveness only")
        << R"({"aggregate_estimations":{"face":{"attributes":{"liveness":{"prediction":"unknown"}}}},)"
            + detections + "}"
        << QStringList {u"unknown"_s} << QStringList {u"occluded"_s};
    QTest::newRow("aggregate liveness null falls back")
        << R"({"aggregate_estimations":{"face":{"attributes":{"liveness":null,"mask":{"predominant_mask":null}}}},)"
            + detections + "}"
        << QStringList({u"spoof"_s, u"real"_s}) << QStringList {u"occluded"_s};
    QTest::newRow("aggregate with an unknown value does not fall back")
        << R"({"aggregate_estimations":{"face":{"attributes":{"liveness":{"prediction":"maybe"}}}},)"
            + detections + "}"
        << QStringList {} << QStringList {u"occluded"_s};
    QTest::newRow("aggregate without attributes object")
        << R"({"aggregate_estimations":{"face":{}},)" + detections + "}"
        << QStringList({u"spoof"_s, u"real"_s}) << QStringList {u"occluded"_s};
    QTest::newRow("detections is not an array")
        << R"({"detections":{"samples":{}}})"_ba << QStringList {} << QStringList {};
}

void TestEventAttributes::aggregateFallbackPerAttribute()
{
    QFETCH(QByteArray, event);
    QFETCH(QStringList, liveness);
    QFETCH(QStringList, mask);
    const auto message = single(event);
    QVERIFY(message);
    QCOMPARE(names(message->attributes(0), Set::Liveness), liveness);
    QCOMPARE(names(message->attributes(0), Set::Mask), mask);
}

void TestEventAttributes::apparentAges_data()
{
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<QList<double>>("ages");
    const QByteArray detections =
        R"("detections":[{"samples":{"body":{"detection":{"attributes":{"basic_attributes":{"apparent_age":20}}}}}},)"
        R"({"samples":{"body":{"detection":{"attributes":{"basic_attributes":{"apparent_age":60.5}}}}}}])";
    QTest::newRow("detections") << "{" + detections + "}" << QList<double> {20, 60.5};
    QTest::newRow("aggregate only")
        << R"({"aggregate_estimations":{"body":{"attributes":{"basic_attributes":{"apparent_age":0}}}},)"
            + detections + "}"
        << QList<double> {0};
    QTest::newRow("aggregate null falls back")
        << R"({"aggregate_estimations":{"body":{"attributes":{"basic_attributes":{"apparent_age":null}}}},)"
            + detections + "}"
        << QList<double> {20, 60.5};
    QTest::newRow("aggregate string is no age")
        << R"({"aggregate_estimations":{"body":{"attributes":{"basic_attributes":{"apparent_age":"30"}}}},)"
            + detections + "}"
        << QList<double> {};
}

void TestEventAttributes::apparentAges()
{
    QFETCH(QByteArray, event);
    QFETCH(QList<double>, ages);
    const auto message = single(event);
    QVERIFY(message);
    const auto span = message->attributes(0).apparentAges;
    QCOMPARE(QList<double>(span.begin(), span.end()), ages);
}

void TestEventAttributes::topCandidate_data()
{
    QTest::addColumn<QByteArray>("matches");
    QTest::addColumn<bool>("present");
    QTest::addColumn<double>("similarity");
    QTest::addColumn<QString>("label");
    QTest::newRow("best in the second match")
        << R"([{"label":"a","candidates":[{"similarity":0.3},{"similarity":0.2}]},{"label":"b","candidates":[{"similarity":0.9}]}])"_ba
        << true << 0.9 << u"b"_s;
    QTest::newRow("first of equal candidates wins")
        << R"([{"label":"a","candidates":[{"similarity":0.7}]},{"label":"b","candidates":[{"similarity":0.7}]}])"_ba
        << true << 0.7 << u"a"_s;
    QTest::newRow("best match without label")
        << R"([{"label":"a","candidates":[{"similarity":0.1}]},{"candidates":[{"similarity":0.2}]}])"_ba
        << true << 0.2 << QString();
    QTest::newRow("zero similarity is a value")
        << R"([{"label":"a","candidates":[{"similarity":0}]}])"_ba << true << 0.0 << u"a"_s;
    QTest::newRow("no candidates")
        << R"([{"label":"a","candidates":[]}])"_ba << false << 0.0 << QString();
    QTest::newRow("similarity not a number")
        << R"([{"label":"a","candidates":[{"similarity":"0.9"},{}]}])"_ba << false << 0.0
        << QString();
    QTest::newRow("matches not an array") << R"({"label":"a"})"_ba << false << 0.0 << QString();
}

void TestEventAttributes::topCandidate()
{
    QFETCH(QByteArray, matches);
    QFETCH(bool, present);
    QFETCH(double, similarity);
    QFETCH(QString, label);
    const auto message = single(R"({"matches":)" + matches + "}");
    QVERIFY(message);
    const EventAttributes &a = message->attributes(0);
    QCOMPARE(a.has(EventAttributes::TopSimilarity), present);
    if (present) {
        QCOMPARE(a.topSimilarity, similarity);
        QCOMPARE(QString::fromUtf8(a.topMatchLabel), label);
    }
}

void TestEventAttributes::escapedStringsAreDecoded()
{
    const auto message = single(
        R"({"source":"\u0063am\/1","tags":["t\u00e9g","plain"],"user_data":"a\"b","location":{"city":"\u041c\u043e\u0441\u043a\u0432\u0430"}})");
    QVERIFY(message);
    const EventAttributes &a = message->attributes(0);
    QCOMPARE(a.source, QByteArrayView("cam/1"));
    QCOMPARE(texts(a.tags), QStringList({u"tég"_s, u"plain"_s}));
    QCOMPARE(a.userData, QByteArrayView("a\"b"));
    QCOMPARE(QString::fromUtf8(a.city), u"Москва"_s);
}

void TestEventAttributes::nonStringValuesAreAbsent()
{
    const auto message = single(
        R"({"source":1,"stream_id":7,"user_data":null,"tags":"vip","face_attributes":{"basic_attributes":{"age":"50"}},"location":{"city":["x"],"geo_position":{"longitude":1}}})");
    QVERIFY(message);
    const EventAttributes &a = message->attributes(0);
    QCOMPARE(a.present, 0u);
    QVERIFY(a.tags.empty());
}

void TestEventAttributes::listsBelongToTheirEvent()
{
    const auto message = parseOrFail(testData("multi_event_message.json"));
    QVERIFY(message);
    QCOMPARE(texts(message->attributes(0).tags), QStringList({u"vip"_s, u"entrance"_s}));
    QCOMPARE(texts(message->attributes(1).tags), QStringList {u"parking"_s});
    QVERIFY(message->attributes(2).tags.empty());
    QCOMPARE(texts(message->attributes(0).matchLabels), QStringList {u"staff"_s});
    QVERIFY(message->attributes(1).matchLabels.empty());
    QVERIFY(message->attributes(0).apparentAges.empty());
    QCOMPARE(message->attributes(1).apparentAges.size(), size_t(2));
}

void TestEventAttributes::summaries()
{
    const auto seed = parseOrFail(testData("seed_message.json"));
    QVERIFY(seed);
    const sender::EventSummary s = sender::summarize(*seed, 0);
    QCOMPARE(s.eventId, u"557d54ec-29ad-4f3c-93b4-c9092ef12515"_s);
    QCOMPARE(s.source, u"3rd Avenue"_s);
    QCOMPARE(s.age, 50);
    QCOMPARE(s.gender, u"female"_s);
    QCOMPARE(s.emotion, u"surprise"_s);
    QCOMPARE(s.mask, u"medical_mask"_s);
    QCOMPARE(s.liveness, u"spoof"_s);
    QCOMPARE(s.topMatchLabel, u"good guys"_s);
    QCOMPARE(s.topSimilarity, 0.5);

    const auto multi = parseOrFail(testData("multi_event_message.json"));
    QVERIFY(multi);
    const sender::EventSummary body = sender::summarize(*multi, 1);
    QCOMPARE(body.source, u"cam-parking-2"_s);
    QCOMPARE(body.age, std::nullopt);
    QVERIFY(body.gender.isEmpty());
    QVERIFY(body.topMatchLabel.isEmpty());
    QCOMPARE(body.topSimilarity, std::nullopt);

    const auto disagreeing = single(
        R"({"detections":[{"samples":{"face":{"detection":{"attributes":{"emotions":{"predominant_emotion":"fear"}}}}}},)"
        R"({"samples":{"face":{"detection":{"attributes":{"emotions":{"predominant_emotion":"anger"}}}}}}]})");
    QVERIFY(disagreeing);
    QCOMPARE(sender::summarize(*disagreeing, 0).emotion, u"anger/fear"_s);
}

QTEST_APPLESS_MAIN(TestEventAttributes)
#include "tst_eventattributes.moc"
