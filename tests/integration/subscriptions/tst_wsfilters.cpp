// Filters end to end (section 5): a client subscribes with a query exactly as written (raw request
// line, so %2C, '+' and repeated parameters reach the server untouched), events are published for
// its account, and exactly the events the contract's rules pass arrive, in order. AND across
// parameters, any-of within lists, tags all-of, inclusive/exclusive and zero bounds, a missing
// attribute fails, face/body attributes from the aggregate first and then any detection.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "RawWebSocket.h"
#include "SenderServer.h"
#include "TestTimeouts.h"

#include <QTest>

using namespace sender::test;

namespace {
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kHandler1 = "8950722f-3fd4-4223-b48f-03f95f0e8dfb";
const QByteArray kHandler2 = "557d54ec-29ad-4f3c-93b4-c9092ef12515";
const QByteArray kHandler3 = "346a5645-ec89-4806-820a-dbcb6e0dc381";

// Events of one message and the handler that published it.
struct Batch
{
    QByteArray handlerId;
    QList<QByteArray> events;
};
using Batches = QList<Batch>;

QByteArray ev(const QByteArray &id, const QByteArray &members = {})
{
    return "{\"event_id\": \"" + id + "\""
        + (members.isEmpty() ? QByteArray() : QByteArray(", " + members)) + "}";
}
QByteArray str(const QByteArray &key, const QByteArray &value)
{
    return "\"" + key + "\": \"" + value + "\"";
}
QByteArray basic(const QByteArray &inner)
{
    return "\"face_attributes\": {\"basic_attributes\": {" + inner + "}}";
}
QByteArray ethnicity(const QByteArray &name)
{
    return basic("\"ethnicities\": {\"predominant_ethnicity\": \"" + name + "\"}");
}
QByteArray aggFace(const QByteArray &attributes)
{
    return "\"aggregate_estimations\": {\"face\": {\"attributes\": {" + attributes + "}}}";
}
QByteArray aggBody(const QByteArray &attributes)
{
    return "\"aggregate_estimations\": {\"body\": {\"attributes\": {" + attributes + "}}}";
}
QByteArray detections(const char *kind, const QList<QByteArray> &attributeSets)
{
    QByteArray out = "\"detections\": [";
    for (qsizetype i = 0; i < attributeSets.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += "{\"filename\": \"f" + QByteArray::number(i) + ".jpg\", \"samples\": {\"" + kind
            + "\": {\"sample_id\": \"s\", \"detection\": {\"rect\": {\"x\": 1}, \"attributes\": {"
            + attributeSets.at(i) + "}}}}}";
    }
    return out + "]";
}
QByteArray detFace(const QList<QByteArray> &sets)
{
    return detections("face", sets);
}
QByteArray detBody(const QList<QByteArray> &sets)
{
    return detections("body", sets);
}
QByteArray liveness(const QByteArray &p)
{
    return "\"liveness\": {\"prediction\": \"" + p + "\", \"estimations\": {\"score\": 0.5}}";
}
QByteArray mask(const QByteArray &p)
{
    return "\"mask\": {\"predominant_mask\": \"" + p + "\"}";
}
QByteArray emotion(const QByteArray &p)
{
    return "\"emotions\": {\"predominant_emotion\": \"" + p + "\"}";
}
QByteArray bodyBasic(const QByteArray &inner)
{
    return "\"basic_attributes\": {" + inner + "}";
}
QByteArray upper(const QByteArray &inner)
{
    return "\"upper_body\": {" + inner + "}";
}
QByteArray lower(const QByteArray &inner)
{
    return "\"lower_body\": {" + inner + "}";
}
// matches: {label, [similarity texts]} per match.
QByteArray matches(const QList<std::pair<QByteArray, QList<QByteArray>>> &list)
{
    QByteArray out = "\"matches\": [";
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += "{\"label\": \"" + list.at(i).first + "\", \"candidates\": [";
        for (qsizetype j = 0; j < list.at(i).second.size(); ++j) {
            if (j > 0)
                out += ", ";
            out +=
                "{\"face\": {\"face_id\": \"x\"}, \"similarity\": " + list.at(i).second.at(j) + "}";
        }
        out += "]}";
    }
    return out + "]";
}
QByteArray similarities(const QList<QByteArray> &values)
{
    return matches({{"label", values}});
}
QByteArray geo(const QByteArray &longitude, const QByteArray &latitude)
{
    return "\"location\": {\"city\": \"Moscow\", \"geo_position\": {\"longitude\": " + longitude
        + ", \"latitude\": " + latitude + "}}";
}
QByteArray location(const QByteArray &key, const QByteArray &value)
{
    return "\"location\": {" + str(key, value) + "}";
}

Batches one(const QList<QByteArray> &events)
{
    return {Batch {kHandler1, events}};
}
} // namespace

class TestWsFilters : public QObject
{
    Q_OBJECT

private:
    SenderServer m_server;

    void row(const char *name, const QByteArray &query, const Batches &batches,
             const QList<QByteArray> &expected)
    {
        QTest::newRow(name) << query << batches << expected;
    }

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void filter_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<Batches>("batches");
        QTest::addColumn<QList<QByteArray>>("expected");

        row("no filters", "",
            one({ev("a", str("source", "cam1")), ev("b"), ev("c", basic("\"gender\": 0"))}),
            {"a", "b", "c"});

        // sources: any-of, exact.
        const Batches sources = one({ev("a", str("source", "cam1")), ev("b", str("source", "cam2")),
                                     ev("c", str("source", "cam3")), ev("d", str("source", "Cam1")),
                                     ev("e", str("source", "cam1 ")), ev("f")});
        row("sources list", "sources=cam1,cam2", sources, {"a", "b"});
        row("sources %2C", "sources=cam1%2Ccam2", sources, {"a", "b"});
        row("sources %2c lower-case", "sources=cam1%2ccam2", sources, {"a", "b"});
        row("sources repeated", "sources=cam1&sources=cam2", sources, {"a", "b"});
        row("sources single", "sources=cam2", sources, {"b"});
        const Batches spaced =
            one({ev("a", str("source", "3rd Avenue")), ev("b", str("source", "3rd+Avenue")),
                 ev("c", str("source", "3rd"))});
        row("sources '+' is a space", "sources=3rd+Avenue", spaced, {"a"});
        row("sources %20", "sources=3rd%20Avenue", spaced, {"a"});
        row("sources %2B is a plus", "sources=3rd%2BAvenue", spaced, {"b"});
        row("sources percent-encoded UTF-8", "sources=%D0%BA%D0%B0%D0%BC",
            one({ev("a", str("source", "кам")), ev("b", str("source", "кам1"))}), {"a"});

        // matching_candidates_labels: at least one given label present.
        row("matching_candidates_labels", "matching_candidates_labels=good%20guys,vip",
            one({ev("a", matches({{"bad guys", {"0.3"}}, {"good guys", {"0.5"}}})),
                 ev("b", matches({{"vip", {"0.1"}}})), ev("c", matches({{"bad guys", {"0.9"}}})),
                 ev("d"), ev("e", "\"matches\": []")}),
            {"a", "b"});

        // object_similarity: bound on the top candidate across every match.
        const Batches similarity =
            one({ev("top06", similarities({"0.3", "0.6"})), ev("exact05", similarities({"0.5"})),
                 ev("low", similarities({"0.3", "0.49"})),
                 ev("across", matches({{"x", {"0.2"}}, {"y", {"0.7"}}})), ev("none"),
                 ev("empty", matches({{"x", {}}})), ev("zero", similarities({"0"}))});
        row("object_similarity__gte inclusive", "object_similarity__gte=0.5", similarity,
            {"top06", "exact05", "across"});
        row("object_similarity__lt exclusive", "object_similarity__lt=0.5", similarity,
            {"low", "zero"});
        row("object_similarity__gte=0 is a bound", "object_similarity__gte=0", similarity,
            {"top06", "exact05", "low", "across", "zero"});
        row("object_similarity range", "object_similarity__gte=0.3&object_similarity__lt=0.6",
            similarity, {"exact05", "low"});

        // age: integer bounds on face_attributes.basic_attributes.age.
        const Batches ages =
            one({ev("29", basic("\"age\": 29")), ev("30", basic("\"age\": 30")),
                 ev("39", basic("\"age\": 39")), ev("40", basic("\"age\": 40")),
                 ev("0", basic("\"age\": 0")), ev("none", basic("\"gender\": 1")), ev("nothing")});
        row("age range", "age__gte=30&age__lt=40", ages, {"30", "39"});
        row("age__gte=0 is a bound", "age__gte=0", ages, {"29", "30", "39", "40", "0"});
        row("age__lt=1", "age__lt=1", ages, {"0"});
        row("age__lt=40", "age__lt=40", ages, {"29", "30", "39", "0"});

        // gender: equal; 0 is a value like any other.
        const Batches genders =
            one({ev("m", basic("\"gender\": 1")), ev("f", basic("\"gender\": 0")),
                 ev("none", basic("\"age\": 30")), ev("nothing")});
        row("gender=1", "gender=1", genders, {"m"});
        row("gender=0", "gender=0", genders, {"f"});

        const Batches ethnicities =
            one({ev("aa", ethnicity("african_american")), ev("in", ethnicity("indian")),
                 ev("as", ethnicity("asian")), ev("ca", ethnicity("caucasian")),
                 ev("none", basic("\"age\": 1"))});
        row("ethnic_groups=3,4", "ethnic_groups=3,4", ethnicities, {"as", "ca"});
        row("ethnic_groups=1,2", "ethnic_groups=1,2", ethnicities, {"aa", "in"});

        // Face attributes: the aggregate when it has the attribute, else any detection.
        const Batches live = one({
            ev("agg-real", aggFace(liveness("real"))),
            ev("agg-spoof-det-real",
               aggFace(liveness("spoof")) + ", " + detFace({liveness("real")})),
            ev("det-any", detFace({liveness("spoof"), liveness("real")})),
            ev("det-spoof", detFace({liveness("spoof")})),
            ev("agg-no-liveness", aggFace(mask("missing")) + ", " + detFace({liveness("real")})),
            ev("det-unknown", detFace({liveness("unknown")})),
            ev("det-no-liveness", detFace({mask("missing")})),
            ev("nothing"),
        });
        row("liveness=1", "liveness=1", live, {"agg-real", "det-any", "agg-no-liveness"});
        row("liveness=0", "liveness=0", live, {"agg-spoof-det-real", "det-any", "det-spoof"});
        row("liveness=0,2", "liveness=0,2", live,
            {"agg-spoof-det-real", "det-any", "det-spoof", "det-unknown"});

        row("masks=2", "masks=2",
            one({ev("agg", aggFace(mask("medical_mask"))),
                 ev("agg-missing", aggFace(mask("missing"))),
                 ev("det", detFace({mask("occluded"), mask("medical_mask")})),
                 ev("det-occluded", detFace({mask("occluded")})), ev("nothing")}),
            {"agg", "det"});
        row("masks=1,3", "masks=1,3",
            one({ev("missing", aggFace(mask("missing"))),
                 ev("medical", aggFace(mask("medical_mask"))),
                 ev("occluded", detFace({mask("occluded")}))}),
            {"missing", "occluded"});

        row("emotions=5,7", "emotions=5,7",
            one({ev("neutral", aggFace(emotion("neutral"))),
                 ev("surprise", aggFace(emotion("surprise"))),
                 ev("anger", aggFace(emotion("anger"))),
                 ev("det-neutral", detFace({emotion("happiness"), emotion("neutral")})),
                 ev("agg-wins", aggFace(emotion("fear")) + ", " + detFace({emotion("neutral")})),
                 ev("nothing")}),
            {"neutral", "surprise", "det-neutral"});
        row("emotions=1", "emotions=1",
            one({ev("anger", aggFace(emotion("anger"))),
                 ev("disgust", aggFace(emotion("disgust")))}),
            {"anger"});

        // tags: every given tag present.
        const Batches tags =
            one({ev("ab", "\"tags\": [\"a\", \"b\"]"), ev("bxa", "\"tags\": [\"b\", \"x\", \"a\"]"),
                 ev("a", "\"tags\": [\"a\"]"), ev("empty", "\"tags\": []"), ev("none")});
        row("tags all-of", "tags=a,b", tags, {"ab", "bxa"});
        row("tags repeated", "tags=a&tags=b", tags, {"ab", "bxa"});
        row("tags %2C", "tags=a%2Cb", tags, {"ab", "bxa"});
        row("tags single", "tags=a", tags, {"ab", "bxa", "a"});

        // user_data: substring.
        const Batches userData =
            one({ev("abcd", str("user_data", "abcd")), ev("cdef", str("user_data", "cdef")),
                 ev("c d", str("user_data", "c d")), ev("xcdx", str("user_data", "xcdx")),
                 ev("none"), ev("space", str("user_data", "some event")),
                 ev("plus", str("user_data", "some+event"))});
        row("user_data substring", "user_data=cd", userData, {"abcd", "cdef", "xcdx"});
        row("user_data '+' is a space", "user_data=some+event", userData, {"space"});
        row("user_data %20", "user_data=e%20e", userData, {"space"});
        row("user_data UTF-8", "user_data=%D1%8E",
            one({ev("key", str("user_data", "ключ")), ev("abc", str("user_data", "abc"))}),
            {"key"});

        // geo_position: inside origin +- delta, bounds inclusive, default delta 0.01.
        const Batches nearMoscow =
            one({ev("origin", geo("36.616", "55.752")), ev("near", geo("36.62", "55.75")),
                 ev("east", geo("36.63", "55.752")), ev("north", geo("36.616", "55.77")),
                 ev("no-geo", location("city", "Moscow")), ev("nothing")});
        row("geo_position default delta",
            "geo_position=origin_longitude,36.616,origin_latitude,55.752", nearMoscow,
            {"origin", "near"});
        row("geo_position %2C", "geo_position=origin_longitude%2C36.616%2Corigin_latitude%2C55.752",
            nearMoscow, {"origin", "near"});
        row("geo_position inclusive bounds",
            "geo_position=origin_longitude,36.5,origin_latitude,55.5,longitude_delta,0.25,"
            "latitude_delta,0.5",
            one({ev("ne-corner", geo("36.75", "56.0")), ev("sw-corner", geo("36.25", "55")),
                 ev("east-out", geo("36.7500001", "55.5")),
                 ev("north-out", geo("36.5", "56.0000001")),
                 ev("west-out", geo("36.2499999", "55.5"))}),
            {"ne-corner", "sw-corner"});

        row("geo_position one delta given, the other default",
            "geo_position=origin_longitude,36.5,origin_latitude,55.5,longitude_delta,0.25",
            one({ev("in", geo("36.75", "55.505")), ev("lat-out", geo("36.75", "55.52")),
                 ev("lon-out", geo("36.76", "55.5"))}),
            {"in"});

        // Location lists: any-of, exact.
        const Batches cities =
            one({ev("msk", location("city", "Moscow")), ev("ny", location("city", "New-York")),
                 ev("lower", location("city", "moscow")), ev("no-city", location("area", "CAO")),
                 ev("nothing")});
        row("cities", "cities=Moscow,New-York", cities, {"msk", "ny"});
        row("areas with a space", "areas=central+park,CAO",
            one({ev("park", location("area", "central park")), ev("cao", location("area", "CAO")),
                 ev("central", location("area", "central"))}),
            {"park", "cao"});
        row("districts", "districts=mitino",
            one({ev("mitino", location("district", "mitino")),
                 ev("other", location("district", "arbat"))}),
            {"mitino"});
        row("streets", "streets=arbat,schepkina",
            one({ev("s", location("street", "schepkina")),
                 ev("t", location("street", "tverskaya"))}),
            {"s"});
        const Batches houses = one({ev("slash", location("house_number", "1/2str3")),
                                    ev("one", location("house_number", "1")),
                                    ev("two", location("house_number", "2"))});
        row("house_numbers", "house_numbers=1/2str3", houses, {"slash"});
        row("house_numbers %2F", "house_numbers=7,1%2F2str3", houses, {"slash"});

        // handler_ids: the message's handler_id.
        row("handler_ids", "handler_ids=" + kHandler1 + "," + kHandler3,
            {Batch {kHandler1, {ev("h1a"), ev("h1b")}}, Batch {kHandler2, {ev("h2a")}},
             Batch {kHandler1, {ev("h1c")}}},
            {"h1a", "h1b", "h1c"});
        row("handler_ids repeated", "handler_ids=" + kHandler3 + "&handler_ids=" + kHandler2,
            {Batch {kHandler1, {ev("h1a")}}, Batch {kHandler2, {ev("h2a"), ev("h2b")}}},
            {"h2a", "h2b"});

        // UUIDs compare as UUIDs: the hex digits' case is no part of the value (RFC 4122 3).
        row("handler_ids in another case", "handler_ids=" + kHandler1.toUpper(),
            {Batch {kHandler1, {ev("lower")}}, Batch {kHandler2, {ev("other")}},
             Batch {kHandler1.toUpper(), {ev("upper")}}},
            {"lower", "upper"});

        // stream_ids: event.stream_id (vendor Sender 2.7.0); any-of, compared as UUIDs; an event
        // without a stream_id, or with one that is not a UUID, does not pass.
        const QByteArray streamA = "a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21";
        const QByteArray streamB = "0c6e2d4a-5b3f-4e1d-8a7c-9f2b1e0d3c4a";
        const Batches streams = one(
            {ev("a", str("stream_id", streamA)), ev("b", str("stream_id", streamB)),
             ev("a-upper", str("stream_id", streamA.toUpper())),
             ev("other", str("stream_id", kHandler3)), ev("not-uuid", str("stream_id", "cam-7")),
             ev("number", "\"stream_id\": 7"), ev("none")});
        row("stream_ids", "stream_ids=" + streamA, streams, {"a", "a-upper"});
        row("stream_ids any of, %2C", "stream_ids=" + streamB + "%2C" + streamA.toUpper(), streams,
            {"a", "b", "a-upper"});
        row("stream_ids repeated", "stream_ids=" + streamB + "&stream_ids=" + kHandler3, streams,
            {"b", "other"});
        row("stream_ids is not handler_ids", "stream_ids=" + kHandler1,
            {Batch {kHandler1,
                    {ev("h1", str("stream_id", streamA)), ev("s1", str("stream_id", kHandler1))}}},
            {"s1"});

        // Body attributes: the aggregate when it has the attribute, else any detection.
        const Batches bodies = one({
            ev("agg0", aggBody(bodyBasic("\"apparent_gender\": 0, \"apparent_age\": 0"))),
            ev("agg1", aggBody(bodyBasic("\"apparent_gender\": 1, \"apparent_age\": 9"))),
            ev("det2", detBody({bodyBasic("\"apparent_gender\": 2, \"apparent_age\": 10")})),
            ev("agg1-det0",
               aggBody(bodyBasic("\"apparent_gender\": 1")) + ", "
                   + detBody({bodyBasic("\"apparent_gender\": 0")})),
            ev("agg-upper-det2",
               aggBody(upper("\"sleeve\": {\"length\": \"long\"}")) + ", "
                   + detBody({bodyBasic("\"apparent_gender\": 2")})),
            ev("nothing"),
        });
        row("apparent_gender=0,2", "apparent_gender=0,2", bodies,
            {"agg0", "det2", "agg-upper-det2"});
        row("apparent_gender=1", "apparent_gender=1", bodies, {"agg1", "agg1-det0"});
        row("apparent_age range with a zero bound", "apparent_age__gte=0&apparent_age__lt=10",
            bodies, {"agg0", "agg1"});
        row("apparent_age__gte=10", "apparent_age__gte=10", bodies, {"det2"});

        const Batches headwear = one({
            ev("present-black",
               aggBody(upper("\"headwear\": {\"state\": 1, \"apparent_color\": \"black\"}"))),
            ev("absent", aggBody(upper("\"headwear\": {\"state\": 0}"))),
            ev("undefined-other",
               detBody({upper("\"headwear\": {\"state\": 2, \"apparent_color\": \"other\"}")})),
            ev("nothing"),
        });
        row("headwear_states=1", "headwear_states=1", headwear, {"present-black"});
        row("headwear_states=0", "headwear_states=0", headwear, {"absent"});
        row("headwear_states=0,2", "headwear_states=0,2", headwear, {"absent", "undefined-other"});
        row("headwear_colors=black", "headwear_colors=black", headwear, {"present-black"});
        row("headwear_colors=other,white", "headwear_colors=other,white", headwear,
            {"undefined-other"});

        row("sleeve_lengths=long", "sleeve_lengths=long",
            one({ev("long", aggBody(upper("\"sleeve\": {\"length\": \"long\"}"))),
                 ev("short", aggBody(upper("\"sleeve\": {\"length\": \"short\"}"))),
                 ev("det-long",
                    detBody({upper("\"sleeve\": {\"length\": \"short\"}"),
                             upper("\"sleeve\": {\"length\": \"long\"}")})),
                 ev("nothing")}),
            {"long", "det-long"});

        const Batches clothes = one({
            ev("black-white",
               aggBody(upper("\"upper_clothing\": {\"colors\": [\"black\", \"white\"]}") + ", "
                       + lower("\"lower_garment\": {\"type\": \"skirt\", \"colors\": "
                               "[\"khaki\", \"black\"]}, \"shoes\": "
                               "{\"apparent_color\": \"white\"}"))),
            ev("black",
               aggBody(upper("\"upper_clothing\": {\"colors\": [\"black\"]}") + ", "
                       + lower("\"lower_garment\": {\"type\": \"trousers\", \"colors\": "
                               "[\"black\"]}, \"shoes\": {\"apparent_color\": \"black\"}"))),
            ev("red",
               detBody({upper("\"upper_clothing\": {\"colors\": [\"red\"]}") + ", "
                        + lower("\"lower_garment\": {\"type\": \"shorts\"}")})),
            ev("no-colors", aggBody(upper("\"upper_clothing\": {\"colors\": []}"))),
            ev("nothing"),
        });
        row("upper_clothing_colors any in common", "upper_clothing_colors=red,white", clothes,
            {"black-white", "red"});
        row("lower_garment_colors=khaki", "lower_garment_colors=khaki", clothes, {"black-white"});
        row("lower_garment_types=skirt,shorts", "lower_garment_types=skirt,shorts", clothes,
            {"black-white", "red"});
        row("shoes_colors=white", "shoes_colors=white", clothes, {"black-white"});

        const Batches backpacks = one({
            ev("absent", aggBody("\"accessories\": {\"backpack\": {\"state\": 0}}")),
            ev("undefined", aggBody("\"accessories\": {\"backpack\": {\"state\": 2}}")),
            ev("det-present", detBody({"\"accessories\": {\"backpack\": {\"state\": 1}}"})),
            ev("nothing"),
        });
        row("backpack_states=0", "backpack_states=0", backpacks, {"absent"});
        row("backpack_states=1,2", "backpack_states=1,2", backpacks, {"undefined", "det-present"});

        // AND across parameters, OR within a list.
        row("sources AND gender", "sources=cam1&gender=1",
            one({ev("cam1-m", str("source", "cam1") + ", " + basic("\"gender\": 1")),
                 ev("cam1-f", str("source", "cam1") + ", " + basic("\"gender\": 0")),
                 ev("cam2-m", str("source", "cam2") + ", " + basic("\"gender\": 1")),
                 ev("cam1-none", str("source", "cam1"))}),
            {"cam1-m"});
        row("three parameters", "sources=cam1,cam2&tags=vip&age__gte=18",
            one({ev("ok",
                    str("source", "cam2") + ", \"tags\": [\"vip\", \"x\"], "
                        + basic("\"age\": 18")),
                 ev("young",
                    str("source", "cam1") + ", \"tags\": [\"vip\"], " + basic("\"age\": 17")),
                 ev("cam3",
                    str("source", "cam3") + ", \"tags\": [\"vip\"], " + basic("\"age\": 30")),
                 ev("no-vip",
                    str("source", "cam1") + ", \"tags\": [\"x\"], " + basic("\"age\": 30"))}),
            {"ok"});
        row("face AND body", "liveness=1&apparent_gender=1",
            one({ev("both",
                    "\"aggregate_estimations\": {\"face\": {\"attributes\": {" + liveness("real")
                        + "}}, \"body\": {\"attributes\": {" + bodyBasic("\"apparent_gender\": 1")
                        + "}}}"),
                 ev("face-only", aggFace(liveness("real"))),
                 ev("body-only", aggBody(bodyBasic("\"apparent_gender\": 1")))}),
            {"both"});
    }

    void filter()
    {
        QFETCH(QByteArray, query);
        QFETCH(Batches, batches);
        QFETCH(QList<QByteArray>, expected);
        QVERIFY2(!expected.isEmpty(), "each row needs a passing event to end on");

        // The last thing published: a copy of the first passing event, renamed "end". Frames keep
        // their order, so once it has arrived everything before it has too.
        QByteArray endHandler;
        QByteArray endEvent;
        const QByteArray firstId = "\"event_id\": \"" + expected.first() + "\"";
        for (const Batch &batch : batches) {
            for (const QByteArray &e : batch.events) {
                if (endEvent.isEmpty() && e.contains(firstId)) {
                    endEvent = QByteArray(e).replace(firstId, "\"event_id\": \"end\"");
                    endHandler = batch.handlerId;
                }
            }
        }
        QVERIFY(!endEvent.isEmpty());

        const QByteArray suffix = query.isEmpty() ? QByteArray() : QByteArray("?" + query);
        RawWebSocket v1;
        QVERIFY2(v1.openFor(m_server.port(), "/1/ws" + suffix, kAccount),
                 qPrintable(v1.errorString()));
        RawWebSocket v2;
        QVERIFY2(v2.openFor(m_server.port(), "/2/ws" + suffix, kAccount),
                 qPrintable(v2.errorString()));

        for (const Batch &batch : batches) {
            MessageMeta meta;
            meta.handlerId = batch.handlerId;
            m_server.publish(kAccount, redisMessage(batch.events, meta));
        }
        MessageMeta endMeta;
        endMeta.handlerId = endHandler;
        m_server.publish(kAccount, redisMessage({endEvent}, endMeta));

        const QList<QByteArray> want = expected + QList<QByteArray> {"end"};
        for (RawWebSocket *client : {&v1, &v2}) {
            const auto ids = [client] {
                QList<QByteArray> result;
                for (const QByteArray &frame : client->texts())
                    result.append(eventField(frame, QStringLiteral("event_id")));
                return result;
            };
            QVERIFY2(QTest::qWaitFor([&] { return ids().contains("end"); }, timeouts::kSignal),
                     qPrintable(QStringLiteral("'end' never arrived; got: ")
                                + QString::fromUtf8(ids().join(' '))));
            QCOMPARE(ids(), want);
        }
    }
};

QTEST_GUILESS_MAIN(TestWsFilters)
#include "tst_wsfilters.moc"
