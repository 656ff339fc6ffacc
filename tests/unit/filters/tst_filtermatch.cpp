#include "FailOnWarnings.h"
#include "TestData.h"
#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using sender::EventMessage;
using sender::FilterError;
using sender::SubscriptionFilter;

namespace {

constexpr QByteArrayView kHandler = "8950722f-3fd4-4223-b48f-03f95f0e8dfb";

// Builders for the parts of an event that the filters read, so each table row shows only what
// it is about.
QByteArray ev(const QByteArray &members)
{
    return "{" + members + "}";
}
QByteArray join(const QList<QByteArray> &parts)
{
    QByteArray out;
    for (const QByteArray &part : parts)
        out += (out.isEmpty() ? "" : ",") + part;
    return out;
}
QByteArray aggFace(const QByteArray &attributes)
{
    return R"("aggregate_estimations":{"face":{"attributes":{)" + attributes + "}}}";
}
QByteArray aggBody(const QByteArray &attributes)
{
    return R"("aggregate_estimations":{"body":{"attributes":{)" + attributes + "}}}";
}
QByteArray aggBoth(const QByteArray &face, const QByteArray &body)
{
    return R"("aggregate_estimations":{"face":{"attributes":{)" + face
        + R"(}},"body":{"attributes":{)" + body + "}}}";
}
QByteArray detFace(const QList<QByteArray> &perDetection)
{
    QList<QByteArray> items;
    for (const QByteArray &a : perDetection)
        items += R"({"samples":{"face":{"detection":{"attributes":{)" + a + "}}}}}";
    return R"("detections":[)" + join(items) + "]";
}
QByteArray detBody(const QList<QByteArray> &perDetection)
{
    QList<QByteArray> items;
    for (const QByteArray &a : perDetection)
        items += R"({"samples":{"body":{"detection":{"attributes":{)" + a + "}}}}}";
    return R"("detections":[)" + join(items) + "]";
}
QByteArray basic(const QByteArray &attributes)
{
    return R"("face_attributes":{"basic_attributes":{)" + attributes + "}}";
}
QByteArray similarities(const QList<QList<double>> &perMatch)
{
    QList<QByteArray> matches;
    int label = 0;
    for (const QList<double> &candidates : perMatch) {
        QList<QByteArray> items;
        for (const double s : candidates)
            items += R"({"similarity":)" + QByteArray::number(s, 'g', 17) + "}";
        matches += R"({"label":"m)" + QByteArray::number(label++) + R"(","candidates":[)"
            + join(items) + "]}";
    }
    return R"("matches":[)" + join(matches) + "]";
}
QByteArray labels(const QList<QByteArray> &names)
{
    QList<QByteArray> matches;
    for (const QByteArray &name : names)
        matches += R"({"label":")" + name + R"(","candidates":[]})";
    return R"("matches":[)" + join(matches) + "]";
}
QByteArray geo(const char *longitude, const char *latitude)
{
    return R"("location":{"geo_position":{"longitude":)" + QByteArray(longitude) + R"(,"latitude":)"
        + QByteArray(latitude) + "}}";
}
QByteArray location(const char *key, const char *value)
{
    return R"("location":{")" + QByteArray(key) + R"(":")" + QByteArray(value) + R"("})";
}

std::shared_ptr<const EventMessage> messageWith(const QByteArray &event,
                                                QByteArrayView handler = kHandler)
{
    QString error;
    auto message = EventMessage::parse(
        R"({"handler_id":")" + handler.toByteArray() + R"(","events":[)" + event + "]}", &error);
    if (!message)
        qWarning("bad test event: %s", qPrintable(error));
    return message;
}

} // namespace

// Every filter of contract section 5 against events that do and do not pass it: boundaries,
// missing attributes, aggregate-versus-detection reading, list semantics.
class TestFilterMatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void matches_data();
    void matches();
    void handlerIds_data();
    void handlerIds();
    void sampleMessages_data();
    void sampleMessages();
    void emptyFilterPassesEverything();
    void indexOutsideTheMessageNeverMatches();
};

void TestFilterMatch::matches_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<bool>("passes");
    const auto row = [](const char *name, const char *query, const QByteArray &event, bool passes) {
        QTest::newRow(name) << QByteArray(query) << event << passes;
    };

    // sources
    row("sources: equal", "sources=cam1", ev(R"("source":"cam1")"), true);
    row("sources: any of the list", "sources=cam1,cam2", ev(R"("source":"cam2")"), true);
    row("sources: other source", "sources=cam1,cam2", ev(R"("source":"cam3")"), false);
    row("sources: exact, not prefix", "sources=cam", ev(R"("source":"cam1")"), false);
    row("sources: case-sensitive", "sources=cam1", ev(R"("source":"CAM1")"), false);
    row("sources: missing", "sources=cam1", ev(R"("user_data":"cam1")"), false);
    row("sources: not a string", "sources=1", ev(R"("source":1)"), false);
    row("sources: escaped in the event", "sources=cam1", ev(R"("source":"\u0063am1")"), true);
    row("sources: '+' is a space", "sources=cam+1", ev(R"("source":"cam 1")"), true);
    row("sources: %2C splits", "sources=a%2Ccam1", ev(R"("source":"cam1")"), true);
    row("sources: UTF-8", "sources=%D0%BA%D0%B0%D0%BC",
        ev("\"source\":\"\xd0\xba\xd0\xb0\xd0\xbc\""), true);
    row("sources: long list, present", "sources=s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11",
        ev(R"("source":"s7")"), true);
    row("sources: long list, absent", "sources=s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11",
        ev(R"("source":"s12")"), false);
    row("sources: duplicate key, last wins", "sources=b", ev(R"("source":"a","source":"b")"), true);

    // matching_candidates_labels
    row("labels: present", "matching_candidates_labels=good", ev(labels({"good"})), true);
    row("labels: one of several matches", "matching_candidates_labels=bad",
        ev(labels({"good", "bad"})), true);
    row("labels: any given", "matching_candidates_labels=x,bad", ev(labels({"bad"})), true);
    row("labels: absent", "matching_candidates_labels=good", ev(labels({"bad"})), false);
    row("labels: no matches", "matching_candidates_labels=good", ev(R"("matches":[])"), false);
    row("labels: missing", "matching_candidates_labels=good", ev(""), false);
    row("labels: with space", "matching_candidates_labels=good+guys", ev(labels({"good guys"})),
        true);

    // object_similarity__gte / __lt: the top candidate over all matches
    row("similarity gte: equal is in", "object_similarity__gte=0.5", ev(similarities({{0.5}})),
        true);
    row("similarity gte: just below", "object_similarity__gte=0.5", ev(similarities({{0.4999}})),
        false);
    row("similarity gte: top of all matches", "object_similarity__gte=0.5",
        ev(similarities({{0.3}, {0.6, 0.1}})), true);
    row("similarity lt: equal is out", "object_similarity__lt=0.5", ev(similarities({{0.5}})),
        false);
    row("similarity lt: just below", "object_similarity__lt=0.5", ev(similarities({{0.4999}})),
        true);
    row("similarity lt: reads the top, not any", "object_similarity__lt=0.5",
        ev(similarities({{0.2, 0.9}})), false);
    row("similarity gte 0: zero passes", "object_similarity__gte=0", ev(similarities({{0}})), true);
    row("similarity lt 0: zero is a real bound", "object_similarity__lt=0", ev(similarities({{0}})),
        false);
    row("similarity range: inside", "object_similarity__gte=0.3&object_similarity__lt=0.6",
        ev(similarities({{0.45}})), true);
    row("similarity range: at upper", "object_similarity__gte=0.3&object_similarity__lt=0.6",
        ev(similarities({{0.6}})), false);
    row("similarity: no candidates", "object_similarity__gte=0", ev(similarities({{}})), false);
    row("similarity: missing", "object_similarity__lt=1", ev(""), false);

    // age__gte / __lt
    row("age gte: equal", "age__gte=50", ev(basic(R"("age":50)")), true);
    row("age gte: below", "age__gte=50", ev(basic(R"("age":49)")), false);
    row("age gte: fractional below", "age__gte=50", ev(basic(R"("age":49.9)")), false);
    row("age lt: equal", "age__lt=50", ev(basic(R"("age":50)")), false);
    row("age lt: below", "age__lt=50", ev(basic(R"("age":49)")), true);
    row("age gte 0: zero", "age__gte=0", ev(basic(R"("age":0)")), true);
    row("age lt 0: zero bound excludes all", "age__lt=0", ev(basic(R"("age":0)")), false);
    row("age range", "age__gte=18&age__lt=30", ev(basic(R"("age":29)")), true);
    row("age range: empty range", "age__gte=30&age__lt=18", ev(basic(R"("age":25)")), false);
    row("age: missing", "age__gte=0", ev(basic(R"("gender":1)")), false);
    row("age: a string is no age", "age__gte=0", ev(basic(R"("age":"50")")), false);

    // gender
    row("gender male", "gender=1", ev(basic(R"("gender":1)")), true);
    row("gender male vs female", "gender=1", ev(basic(R"("gender":0)")), false);
    row("gender female: zero is a value", "gender=0", ev(basic(R"("gender":0)")), true);
    row("gender by name in the event", "gender=0", ev(basic(R"("gender":"female")")), true);
    row("gender: missing", "gender=0", ev(basic(R"("age":30)")), false);

    // ethnic_groups
    row("ethnic: asian is 3", "ethnic_groups=3",
        ev(basic(R"("ethnicities":{"predominant_ethnicity":"asian"})")), true);
    row("ethnic: any of", "ethnic_groups=1,4",
        ev(basic(R"("ethnicities":{"predominant_ethnicity":"caucasian"})")), true);
    row("ethnic: other", "ethnic_groups=1,2",
        ev(basic(R"("ethnicities":{"predominant_ethnicity":"asian"})")), false);
    row("ethnic: missing", "ethnic_groups=1,2,3,4", ev(basic(R"("age":3)")), false);

    // liveness (face attribute: aggregate, else any detection)
    const QByteArray real = R"("liveness":{"prediction":"real"})";
    const QByteArray spoof = R"("liveness":{"prediction":"spoof"})";
    row("liveness: aggregate", "liveness=1", ev(aggFace(real)), true);
    row("liveness: aggregate other", "liveness=0,2", ev(aggFace(real)), false);
    row("liveness: spoof is 0", "liveness=0", ev(aggFace(spoof)), true);
    row("liveness: unknown is 2", "liveness=2",
        ev(aggFace(R"("liveness":{"prediction":"unknown"})")), true);
    row("liveness: detection when no aggregate", "liveness=0", ev(detFace({spoof})), true);
    row("liveness: any detection", "liveness=0", ev(detFace({real, spoof})), true);
    row("liveness: no detection matches", "liveness=2", ev(detFace({real, spoof})), false);
    row("liveness: aggregate wins over detections", "liveness=0",
        ev(aggFace(real) + "," + detFace({spoof})), false);
    row("liveness: aggregate without it falls back", "liveness=0",
        ev(aggFace(R"("mask":{"predominant_mask":"missing"})") + "," + detFace({spoof})), true);
    row("liveness: integer code in the event", "liveness=1",
        ev(aggFace(R"("liveness":{"prediction":1})")), true);
    row("liveness: missing", "liveness=0,1,2",
        ev(aggFace(R"("mask":{"predominant_mask":"missing"})")), false);

    // masks
    row("masks: medical_mask is 2", "masks=2",
        ev(aggFace(R"("mask":{"predominant_mask":"medical_mask"})")), true);
    row("masks: other", "masks=1,3", ev(aggFace(R"("mask":{"predominant_mask":"medical_mask"})")),
        false);
    row("masks: from a detection", "masks=3",
        ev(detFace({R"("mask":{"predominant_mask":"occluded"})"})), true);
    row("masks: missing", "masks=1", ev(detFace({real})), false);

    // emotions
    row("emotions: surprise is 7", "emotions=7",
        ev(aggFace(R"("emotions":{"predominant_emotion":"surprise"})")), true);
    row("emotions: not listed", "emotions=1,2,3,4,5,6",
        ev(aggFace(R"("emotions":{"predominant_emotion":"surprise"})")), false);
    row("emotions: second detection", "emotions=4",
        ev(detFace({R"("emotions":{"predominant_emotion":"neutral"})",
                    R"("emotions":{"predominant_emotion":"happiness"})"})),
        true);
    row("emotions: missing", "emotions=5", ev(""), false);

    // tags: all given must be present
    row("tags: one of the event's", "tags=a", ev(R"("tags":["a","b"])"), true);
    row("tags: all present", "tags=a,b", ev(R"("tags":["c","b","a"])"), true);
    row("tags: one missing", "tags=a,b", ev(R"("tags":["a"])"), false);
    row("tags: repeated parameter adds", "tags=a&tags=b", ev(R"("tags":["a","b"])"), true);
    row("tags: repeated parameter, one missing", "tags=a&tags=b", ev(R"("tags":["b"])"), false);
    row("tags: empty event list", "tags=a", ev(R"("tags":[])"), false);
    row("tags: missing", "tags=a", ev(""), false);
    row("tags: exact", "tags=vip", ev(R"("tags":["VIP","vip2"])"), false);

    // user_data: case-sensitive substring
    row("user_data: suffix", "user_data=cd", ev(R"("user_data":"abcd")"), true);
    row("user_data: prefix", "user_data=cd", ev(R"("user_data":"cdef")"), true);
    row("user_data: whole", "user_data=cd", ev(R"("user_data":"cd")"), true);
    row("user_data: not contained", "user_data=cd", ev(R"("user_data":"c d")"), false);
    row("user_data: case-sensitive", "user_data=CD", ev(R"("user_data":"abcd")"), false);
    row("user_data: longer than the value", "user_data=abcde", ev(R"("user_data":"abcd")"), false);
    row("user_data: UTF-8 vs escaped", "user_data=caf%C3%A9",
        ev(R"("user_data":"le caf\u00e9 du coin")"), true);
    row("user_data: spaces", "user_data=some%20special",
        ev(R"("user_data":"some special user info")"), true);
    row("user_data: empty filter, present", "user_data=", ev(R"("user_data":"x")"), true);
    row("user_data: empty filter, missing", "user_data=", ev(""), false);
    row("user_data: missing", "user_data=a", ev(R"("source":"a")"), false);

    // geo_position: inclusive box, default delta 0.01
    const char *origin = "geo_position=origin_longitude,36.616,origin_latitude,55.752";
    row("geo: centre", origin, ev(geo("36.616", "55.752")), true);
    row("geo: east edge", origin, ev(geo("36.626", "55.752")), true);
    row("geo: west edge", origin, ev(geo("36.606", "55.752")), true);
    row("geo: north edge", origin, ev(geo("36.616", "55.762")), true);
    row("geo: south edge", origin, ev(geo("36.616", "55.742")), true);
    row("geo: corner", origin, ev(geo("36.626", "55.742")), true);
    row("geo: just east", origin, ev(geo("36.6261", "55.752")), false);
    row("geo: just south", origin, ev(geo("36.616", "55.7419")), false);
    row("geo: wider longitude delta",
        "geo_position=origin_longitude,36.616,origin_latitude,55.752,longitude_delta,1",
        ev(geo("37.6", "55.752")), true);
    row("geo: wider longitude delta, latitude default",
        "geo_position=origin_longitude,36.616,origin_latitude,55.752,longitude_delta,1",
        ev(geo("37.6", "55.77")), false);
    row("geo: negative coordinates",
        "geo_position=origin_longitude,-73.98,origin_latitude,-40.75,latitude_delta,0.25",
        ev(geo("-73.97", "-41.0")), true);
    row("geo: missing", origin, ev(R"("location":{"city":"Moscow"})"), false);
    row("geo: latitude missing", origin, ev(R"("location":{"geo_position":{"longitude":36.616}})"),
        false);

    // cities, areas, districts, streets, house_numbers
    row("cities: any of", "cities=moscow,New-York", ev(location("city", "New-York")), true);
    row("cities: case-sensitive", "cities=moscow", ev(location("city", "Moscow")), false);
    row("cities: missing", "cities=moscow", ev(location("area", "moscow")), false);
    row("areas: with space", "areas=CAO,central+park", ev(location("area", "central park")), true);
    row("areas: other", "areas=CAO", ev(location("area", "SAO")), false);
    row("areas: missing", "areas=CAO", ev(""), false);
    row("districts: equal", "districts=mitino", ev(location("district", "mitino")), true);
    row("districts: other", "districts=mitino", ev(location("district", "tushino")), false);
    row("districts: missing", "districts=mitino", ev(location("city", "mitino")), false);
    row("streets: any of", "streets=arbat,schepkina", ev(location("street", "schepkina")), true);
    row("streets: other", "streets=arbat", ev(location("street", "tverskaya")), false);
    row("streets: missing", "streets=arbat", ev(""), false);
    row("house_numbers: slash", "house_numbers=1,1/2str3", ev(location("house_number", "1/2str3")),
        true);
    row("house_numbers: encoded slash", "house_numbers=1%2F2str3",
        ev(location("house_number", "1/2str3")), true);
    row("house_numbers: other", "house_numbers=1", ev(location("house_number", "12")), false);
    row("house_numbers: missing", "house_numbers=1", ev(""), false);

    // stream_ids: event.stream_id, compared as a UUID
    const char *streamA = "8950722f-3fd4-4223-b48f-03f95f0e8dfb";
    const char *streamB = "346a5645-ec89-4806-820a-dbcb6e0dc38e";
    const auto stream = [](const char *id) -> QByteArray {
        return "\"stream_id\":\"" + QByteArray(id) + '"';
    };
    const auto streamRow = [](const char *name, const QByteArray &query, const QByteArray &event,
                              bool passes) {
        QTest::newRow(name) << query << event << passes;
    };
    streamRow("stream_ids: same", "stream_ids=" + QByteArray(streamA), ev(stream(streamA)), true);
    streamRow("stream_ids: any of", "stream_ids=" + QByteArray(streamB) + ',' + streamA,
              ev(stream(streamA)), true);
    streamRow("stream_ids: repeated parameter",
              "stream_ids=" + QByteArray(streamB) + "&stream_ids=" + streamA, ev(stream(streamA)),
              true);
    streamRow("stream_ids: query in upper case", "stream_ids=" + QByteArray(streamA).toUpper(),
              ev(stream(streamA)), true);
    streamRow("stream_ids: event in upper case", "stream_ids=" + QByteArray(streamA),
              ev(stream(QByteArray(streamA).toUpper().constData())), true);
    streamRow("stream_ids: other", "stream_ids=" + QByteArray(streamB), ev(stream(streamA)), false);
    streamRow("stream_ids: missing", "stream_ids=" + QByteArray(streamA), ev(R"("source":"a")"),
              false);
    streamRow("stream_ids: null", "stream_ids=" + QByteArray(streamA), ev(R"("stream_id":null)"),
              false);
    streamRow("stream_ids: not a UUID", "stream_ids=00000000-0000-0000-0000-000000000000",
              ev(R"("stream_id":"camera-7")"), false);
    streamRow("stream_ids: a number", "stream_ids=00000000-0000-0000-0000-000000000000",
              ev(R"("stream_id":0)"), false);
    streamRow("stream_ids: nil matches nil", "stream_ids=00000000-0000-0000-0000-000000000000",
              ev(stream("00000000-0000-0000-0000-000000000000")), true);
    streamRow("stream_ids: escaped", "stream_ids=" + QByteArray(streamA),
              ev(R"("stream_id":"8950722f\u002d3fd4-4223-b48f-03f95f0e8dfb")"), true);
    streamRow("stream_ids: not the handler", "stream_ids=" + QByteArray(streamA),
              ev(R"("source":"a")"), false);

    // apparent_gender (body attribute)
    row("apparent_gender: aggregate", "apparent_gender=1",
        ev(aggBody(R"("basic_attributes":{"apparent_gender":1})")), true);
    row("apparent_gender: aggregate other", "apparent_gender=0",
        ev(aggBody(R"("basic_attributes":{"apparent_gender":1})")), false);
    row("apparent_gender: female is 0", "apparent_gender=0",
        ev(aggBody(R"("basic_attributes":{"apparent_gender":0})")), true);
    row("apparent_gender: undefined by name", "apparent_gender=0,2",
        ev(aggBody(R"("basic_attributes":{"apparent_gender":"undefined"})")), true);
    row("apparent_gender: any detection", "apparent_gender=0",
        ev(detBody({R"("basic_attributes":{"apparent_gender":1})",
                    R"("basic_attributes":{"apparent_gender":0})"})),
        true);
    row("apparent_gender: aggregate wins", "apparent_gender=0",
        ev(aggBody(R"("basic_attributes":{"apparent_gender":1})") + ","
           + detBody({R"("basic_attributes":{"apparent_gender":0})"})),
        false);
    row("apparent_gender: face attributes do not count", "apparent_gender=1",
        ev(basic(R"("gender":1)")), false);
    row("apparent_gender: missing", "apparent_gender=0,1,2",
        ev(aggBody(R"("basic_attributes":{"apparent_age":30})")), false);

    // apparent_age__gte / __lt: one detection must satisfy both bounds
    const auto apparentAge = [](int age) -> QByteArray {
        return R"("basic_attributes":{"apparent_age":)" + QByteArray::number(age) + "}";
    };
    row("apparent_age gte: equal", "apparent_age__gte=30", ev(aggBody(apparentAge(30))), true);
    row("apparent_age gte: below", "apparent_age__gte=30", ev(aggBody(apparentAge(29))), false);
    row("apparent_age lt: equal", "apparent_age__lt=30", ev(aggBody(apparentAge(30))), false);
    row("apparent_age lt: below", "apparent_age__lt=30", ev(aggBody(apparentAge(29))), true);
    row("apparent_age gte 0: zero", "apparent_age__gte=0", ev(aggBody(apparentAge(0))), true);
    row("apparent_age lt 0: zero bound", "apparent_age__lt=0", ev(aggBody(apparentAge(0))), false);
    row("apparent_age: one detection inside both bounds",
        "apparent_age__gte=30&apparent_age__lt=50", ev(detBody({apparentAge(20), apparentAge(40)})),
        true);
    row("apparent_age: bounds met only by different detections",
        "apparent_age__gte=30&apparent_age__lt=50", ev(detBody({apparentAge(20), apparentAge(60)})),
        false);
    row("apparent_age: aggregate wins", "apparent_age__gte=30",
        ev(aggBody(apparentAge(10)) + "," + detBody({apparentAge(40)})), false);
    row("apparent_age: missing", "apparent_age__gte=0",
        ev(aggBody(R"("basic_attributes":{"apparent_gender":1})")), false);

    // headwear_states, sleeve_lengths, colours, lower garment type, shoes, backpack
    const auto headwear = [](const char *inner) -> QByteArray {
        return R"("upper_body":{"headwear":{)" + QByteArray(inner) + "}}";
    };
    row("headwear_states: present is 1", "headwear_states=1", ev(aggBody(headwear(R"("state":1)"))),
        true);
    row("headwear_states: absent is 0", "headwear_states=0", ev(aggBody(headwear(R"("state":0)"))),
        true);
    row("headwear_states: by name in the event", "headwear_states=1",
        ev(aggBody(headwear(R"("state":"present")"))), true);
    row("headwear_states: other", "headwear_states=0,2", ev(aggBody(headwear(R"("state":1)"))),
        false);
    row("headwear_states: from a detection", "headwear_states=2",
        ev(detBody({headwear(R"("state":2)")})), true);
    row("headwear_states: missing", "headwear_states=0",
        ev(aggBody(headwear(R"("apparent_color":"black")"))), false);
    row("headwear_colors: equal", "headwear_colors=black",
        ev(aggBody(headwear(R"("apparent_color":"black")"))), true);
    row("headwear_colors: other", "headwear_colors=white,other",
        ev(aggBody(headwear(R"("apparent_color":"black")"))), false);
    row("headwear_colors: missing", "headwear_colors=black", ev(aggBody(headwear(R"("state":1)"))),
        false);

    const QByteArray longSleeve = R"("upper_body":{"sleeve":{"length":"long"}})";
    const QByteArray shortSleeve = R"("upper_body":{"sleeve":{"length":"short"}})";
    row("sleeve_lengths: equal", "sleeve_lengths=long", ev(aggBody(longSleeve)), true);
    row("sleeve_lengths: other", "sleeve_lengths=short,undefined", ev(aggBody(longSleeve)), false);
    row("sleeve_lengths: aggregate wins", "sleeve_lengths=short",
        ev(aggBody(longSleeve) + "," + detBody({shortSleeve})), false);
    row("sleeve_lengths: any detection", "sleeve_lengths=short",
        ev(detBody({longSleeve, shortSleeve})), true);
    row("sleeve_lengths: missing", "sleeve_lengths=long", ev(aggBody(headwear(R"("state":1)"))),
        false);

    const auto upper = [](const char *colors) -> QByteArray {
        return R"("upper_body":{"upper_clothing":{"colors":)" + QByteArray(colors) + "}}";
    };
    row("upper colors: one in common", "upper_clothing_colors=white",
        ev(aggBody(upper(R"(["blue","white"])"))), true);
    row("upper colors: any of the filter", "upper_clothing_colors=red,blue",
        ev(aggBody(upper(R"(["blue","white"])"))), true);
    row("upper colors: none in common", "upper_clothing_colors=red",
        ev(aggBody(upper(R"(["blue","white"])"))), false);
    row("upper colors: across detections", "upper_clothing_colors=red",
        ev(detBody({upper(R"(["blue"])"), upper(R"(["red"])")})), true);
    row("upper colors: empty list", "upper_clothing_colors=black", ev(aggBody(upper("[]"))), false);
    row("upper colors: missing", "upper_clothing_colors=black", ev(aggBody(longSleeve)), false);

    const auto lower = [](const char *inner) -> QByteArray {
        return R"("lower_body":{"lower_garment":{)" + QByteArray(inner) + "}}";
    };
    row("lower colors: in common", "lower_garment_colors=beige,khaki",
        ev(aggBody(lower(R"("colors":["khaki"])"))), true);
    row("lower colors: none in common", "lower_garment_colors=black",
        ev(aggBody(lower(R"("colors":["khaki"])"))), false);
    row("lower colors: upper colours do not count", "lower_garment_colors=blue",
        ev(aggBody(upper(R"(["blue"])"))), false);
    row("lower types: by name", "lower_garment_types=skirt",
        ev(aggBody(lower(R"("type":"skirt")"))), true);
    row("lower types: by code in the event", "lower_garment_types=skirt",
        ev(aggBody(lower(R"("type":2)"))), true);
    row("lower types: trousers is code 0", "lower_garment_types=trousers",
        ev(aggBody(lower(R"("type":0)"))), true);
    row("lower types: other", "lower_garment_types=trousers,shorts",
        ev(aggBody(lower(R"("type":"skirt")"))), false);
    row("lower types: missing", "lower_garment_types=undefined",
        ev(aggBody(lower(R"("colors":["black"])"))), false);

    const auto shoes = [](const char *color) -> QByteArray {
        return R"("lower_body":{"shoes":{"apparent_color":")" + QByteArray(color) + "\"}}";
    };
    row("shoes: equal", "shoes_colors=white", ev(aggBody(shoes("white"))), true);
    row("shoes: other", "shoes_colors=black,other", ev(aggBody(shoes("white"))), false);
    row("shoes: from a detection", "shoes_colors=other",
        ev(detBody({shoes("white"), shoes("other")})), true);
    row("shoes: missing", "shoes_colors=white", ev(aggBody(lower(R"("type":0)"))), false);

    const auto backpack = [](const char *state) -> QByteArray {
        return R"("accessories":{"backpack":{"state":)" + QByteArray(state) + "}}";
    };
    row("backpack: absent is 0", "backpack_states=0", ev(aggBody(backpack("0"))), true);
    row("backpack: by name in the event", "backpack_states=1",
        ev(aggBody(backpack(R"("present")"))), true);
    row("backpack: other", "backpack_states=1,2", ev(aggBody(backpack("0"))), false);
    row("backpack: from a detection", "backpack_states=2", ev(detBody({backpack("2")})), true);
    row("backpack: missing", "backpack_states=0,1,2", ev(aggBody(shoes("white"))), false);

    // Conditions combine with AND.
    const QByteArray person =
        ev(R"("source":"cam1","tags":["vip"],)" + basic(R"("age":42,"gender":1)") + ","
           + aggBoth(real, R"("upper_body":{"sleeve":{"length":"long"}})") + ","
           + similarities({{0.8}}));
    row("five conditions: all pass",
        "sources=cam1,cam2&age__gte=18&gender=1&liveness=1&object_similarity__gte=0.7", person,
        true);
    row("five conditions: one fails",
        "sources=cam1,cam2&age__gte=18&gender=1&liveness=0&object_similarity__gte=0.7", person,
        false);
    row("face and body together", "liveness=1&sleeve_lengths=long&tags=vip", person, true);
    row("face and body together, body fails", "liveness=1&sleeve_lengths=short", person, false);
}

void TestFilterMatch::matches()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, event);
    QFETCH(bool, passes);
    FilterError error;
    const auto filter = SubscriptionFilter::parse(query, &error);
    QVERIFY2(filter, qPrintable(error.parameter + u": "_s + error.detail));
    const auto message = messageWith(event);
    QVERIFY(message);
    QCOMPARE(filter->matches(*message, 0), passes);
    // The same filter through its canonical form decides the same.
    const auto canonical = SubscriptionFilter::parse(filter->canonicalQuery().toLatin1(), &error);
    QVERIFY(canonical);
    QCOMPARE(canonical->matches(*message, 0), passes);
}

void TestFilterMatch::handlerIds_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("handler");
    QTest::addColumn<bool>("passes");
    const QByteArray a = "8950722f-3fd4-4223-b48f-03f95f0e8dfb";
    const QByteArray b = "346a5645-ec89-4806-820a-dbcb6e0dc38e";
    QTest::newRow("same") << "handler_ids=" + a << a << true;
    QTest::newRow("case-insensitive") << "handler_ids=" + a.toUpper() << a << true;
    QTest::newRow("message in upper case") << "handler_ids=" + a << a.toUpper() << true;
    QTest::newRow("any of") << "handler_ids=" + b + "," + a << a << true;
    QTest::newRow("repeated parameter") << "handler_ids=" + b + "&handler_ids=" + a << a << true;
    QTest::newRow("other") << "handler_ids=" + b << a << false;
    QTest::newRow("message handler is not a UUID")
        << "handler_ids=" + a << "my-handler"_ba << false;
    QTest::newRow("nil does not match a non-UUID")
        << "handler_ids=00000000-0000-0000-0000-000000000000"_ba
        << "my-handler"_ba << false;
    QTest::newRow("nil matches nil") << "handler_ids=00000000-0000-0000-0000-000000000000"_ba
                                     << "00000000-0000-0000-0000-000000000000"_ba << true;
    QTest::newRow("no filter on handler") << "sources=x"_ba
                                          << "my-handler"_ba << false;
    QTest::newRow("empty filter") << ""_ba
                                  << "my-handler"_ba << true;
}

void TestFilterMatch::handlerIds()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, handler);
    QFETCH(bool, passes);
    FilterError error;
    const auto filter = SubscriptionFilter::parse(query, &error);
    QVERIFY2(filter, qPrintable(error.detail));
    const auto message = messageWith(R"({"source":"cam1"})", handler);
    QVERIFY(message);
    QCOMPARE(filter->matches(*message, 0), passes);
}

void TestFilterMatch::sampleMessages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QList<bool>>("passes");
    QTest::newRow("seed: the client's gender=1")
        << u"seed_message.json"_s << "gender=1"_ba << QList<bool> {false};
    QTest::newRow("seed: gender=0")
        << u"seed_message.json"_s << "gender=0"_ba << QList<bool> {true};
    QTest::newRow("seed: the page's examples")
        << u"seed_message.json"_s
        << "sources=3rd+Avenue&matching_candidates_labels=bad+guys&object_similarity__gte=0.5&age__"
           "gte=50"
           "&ethnic_groups=3&liveness=0,2&masks=1,2,3&emotions=7&tags=tag1,tag2&user_data=event"
           "&geo_position=origin_longitude,36.616,origin_latitude,55.752&cities=Moscow&areas=CAO,"
           "central+park"
           "&districts=mitino,central+park&streets=arbat,schepkina&house_numbers=1,1/2str3"
           "&handler_ids=557d54ec-29ad-4f3c-93b4-c9092ef12515&apparent_gender=0&apparent_age__lt=50"
           "&headwear_states=0&sleeve_lengths=short&upper_clothing_colors=black,white&backpack_states=0"_ba
        << QList<bool> {true};
    QTest::newRow("seed: similarity is the top candidate")
        << u"seed_message.json"_s << "object_similarity__lt=0.5"_ba << QList<bool> {false};
    QTest::newRow("multi: sources")
        << u"multi_event_message.json"_s << "sources=cam-parking-2,cam-lobby"_ba
        << QList<bool> {false, true, true};
    QTest::newRow("multi: age") << u"multi_event_message.json"_s << "age__lt=18"_ba
                                << QList<bool> {false, false, true};
    QTest::newRow("multi: handler in upper case")
        << u"multi_event_message.json"_s << "handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb"_ba
        << QList<bool> {true, true, true};
    QTest::newRow("multi: body only")
        << u"multi_event_message.json"_s << "upper_clothing_colors=red&backpack_states=0"_ba
        << QList<bool> {false, true, false};
    QTest::newRow("face: whole event")
        << u"face_event_message.json"_s
        << "liveness=1&masks=1&emotions=4&gender=1&age__gte=30&age__lt=40&user_data=caf%C3%A9&tags=vip"_ba
        << QList<bool> {true};
}

void TestFilterMatch::sampleMessages()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, query);
    QFETCH(QList<bool>, passes);
    FilterError error;
    const auto filter = SubscriptionFilter::parse(query, &error);
    QVERIFY2(filter, qPrintable(error.parameter + u": "_s + error.detail));
    QString parseError;
    const auto message = EventMessage::parse(testData(file.toUtf8().constData()), &parseError);
    QVERIFY2(message, qPrintable(parseError));
    QCOMPARE(message->eventCount(), passes.size());
    for (qsizetype i = 0; i < passes.size(); ++i)
        QCOMPARE(filter->matches(*message, i), passes[i]);
}

void TestFilterMatch::emptyFilterPassesEverything()
{
    const auto message = messageWith(ev(""));
    QVERIFY(message);
    QVERIFY(SubscriptionFilter().matches(*message, 0));
    FilterError error;
    QVERIFY(SubscriptionFilter::parse("&", &error)->matches(*message, 0));
}

void TestFilterMatch::indexOutsideTheMessageNeverMatches()
{
    const auto message = messageWith(ev(R"("source":"cam1")"));
    QVERIFY(message);
    FilterError error;
    const auto filter = SubscriptionFilter::parse("sources=cam1", &error);
    QVERIFY(filter);
    QVERIFY(filter->matches(*message, 0));
    QVERIFY(!filter->matches(*message, 1));
    QVERIFY(!filter->matches(*message, -1));
    QVERIFY(!SubscriptionFilter().matches(*message, 1));
}

QTEST_APPLESS_MAIN(TestFilterMatch)
#include "tst_filtermatch.moc"
