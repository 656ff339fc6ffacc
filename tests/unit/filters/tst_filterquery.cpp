#include "FailOnWarnings.h"
#include "filters/SubscriptionFilter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using sender::FilterCondition;
using sender::FilterError;
using sender::SubscriptionFilter;

// The subscription query (contract section 5): validation with exact error details, and the
// canonical and readable forms of a valid filter.
class TestFilterQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void rejects_data();
    void rejects();
    void acceptsEveryParameter_data();
    void acceptsEveryParameter();
    void canonicalQueryNormalises_data();
    void canonicalQueryNormalises();
    void emptyQueries_data();
    void emptyQueries();
    void describe_data();
    void describe();
    void conditions();
    void conditionText_data();
    void conditionText();
    void copiesShareCompiledData();
};

void TestFilterQuery::rejects_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("parameter");
    QTest::addColumn<QString>("detail");

    const QString ethnicities = u"1 (african_american), 2 (indian), 3 (asian), 4 (caucasian)"_s;
    const QString palette = u"black, blue, green, gray, orange, purple, red, white, yellow, pink, "
                            u"brown, beige, khaki, multicolored, undefined"_s;
    const QString emptyItem = u"' has an empty item at position %1 (expected a comma-separated "
                              u"list such as 'a,b')"_s;
    const QString geoShape = u"'geo_position' must be key,value pairs: origin_longitude,<lon>,"
                             u"origin_latitude,<lat>[,longitude_delta,<d>][,latitude_delta,<d>]; "
                             u"got '%1'"_s;

    // Unknown names, with a hint when one is close.
    QTest::newRow("unknown: single underscore")
        << "age_gte=5"_ba << u"age_gte"_s
        << u"unknown parameter 'age_gte' (did you mean 'age__gte'?)"_s;
    QTest::newRow("unknown: capitalised")
        << "Sources=cam1"_ba << u"Sources"_s
        << u"unknown parameter 'Sources' (did you mean 'sources'?)"_s;
    QTest::newRow("unknown: singular")
        << "emotion=1"_ba << u"emotion"_s
        << u"unknown parameter 'emotion' (did you mean 'emotions'?)"_s;
    QTest::newRow("unknown: British spelling")
        << "upper_clothing_colours=red"_ba << u"upper_clothing_colours"_s
        << u"unknown parameter 'upper_clothing_colours' (did you mean 'upper_clothing_colors'?)"_s;
    QTest::newRow("unknown: long name, three edits")
        << "matching_candidate_label=x"_ba << u"matching_candidate_label"_s
        << u"unknown parameter 'matching_candidate_label' (did you mean 'matching_candidates_labels'?)"_s;
    QTest::newRow("unknown: a range without its bound")
        << "age=5"_ba << u"age"_s
        << u"unknown parameter 'age' (did you mean 'age__gte' or 'age__lt'?)"_s;
    QTest::newRow("unknown: nothing close")
        << "api=2"_ba << u"api"_s << u"unknown parameter 'api'"_s;
    QTest::newRow("unknown: empty name") << "=5"_ba << QString() << u"unknown parameter ''"_s;
    QTest::newRow("unknown: after valid ones")
        << "gender=1&sources=a&colour=red"_ba << u"colour"_s << u"unknown parameter 'colour'"_s;
    QTest::newRow("unknown: percent-encoded name")
        << "age%5F%5Fgt=5"_ba << u"age__gt"_s
        << u"unknown parameter 'age__gt' (did you mean 'age__gte'?)"_s;

    // Scalars take one value.
    QTest::newRow("repeated scalar")
        << "age__gte=1&age__gte=2"_ba << u"age__gte"_s
        << u"'age__gte' is given more than once; it takes a single value"_s;
    QTest::newRow("repeated scalar, same value")
        << "gender=1&gender=1"_ba << u"gender"_s
        << u"'gender' is given more than once; it takes a single value"_s;
    QTest::newRow("repeated user_data")
        << "user_data=a&user_data=b"_ba << u"user_data"_s
        << u"'user_data' is given more than once; it takes a single value"_s;
    QTest::newRow("repeated geo_position")
        << "geo_position=origin_longitude,1,origin_latitude,2&geo_position=origin_longitude,1,origin_latitude,2"_ba
        << u"geo_position"_s
        << u"'geo_position' is given more than once; it takes a single value"_s;

    // Integers.
    QTest::newRow("int: letters") << "age__gte=abc"_ba << u"age__gte"_s
                                  << u"'age__gte' must be an integer, got 'abc'"_s;
    QTest::newRow("int: decimal") << "age__lt=1.5"_ba << u"age__lt"_s
                                  << u"'age__lt' must be an integer, got '1.5'"_s;
    QTest::newRow("int: empty") << "age__gte="_ba << u"age__gte"_s
                                << u"'age__gte' must be an integer, got ''"_s;
    QTest::newRow("int: no value")
        << "age__gte"_ba << u"age__gte"_s << u"'age__gte' must be an integer, got ''"_s;
    QTest::newRow("int: plus sign")
        << "age__gte=%2B5"_ba << u"age__gte"_s << u"'age__gte' must be an integer, got '+5'"_s;
    QTest::newRow("int: space") << "age__gte=+5"_ba << u"age__gte"_s
                                << u"'age__gte' must be an integer, got ' 5'"_s;
    QTest::newRow("int: exponent")
        << "age__gte=1e2"_ba << u"age__gte"_s << u"'age__gte' must be an integer, got '1e2'"_s;
    QTest::newRow("int: minus alone")
        << "age__gte=-"_ba << u"age__gte"_s << u"'age__gte' must be an integer, got '-'"_s;
    QTest::newRow("int: negative is out of range")
        << "age__gte=-5"_ba << u"age__gte"_s
        << u"'age__gte' must be an integer in [0, 200], got '-5'"_s;
    QTest::newRow("int: negative zero is out of range")
        << "age__lt=-0"_ba << u"age__lt"_s
        << u"'age__lt' must be an integer in [0, 200], got '-0'"_s;
    QTest::newRow("int: above range") << "age__gte=300"_ba << u"age__gte"_s
                                      << u"'age__gte' must be an integer in [0, 200], got '300'"_s;
    QTest::newRow("int: just above range")
        << "age__lt=201"_ba << u"age__lt"_s
        << u"'age__lt' must be an integer in [0, 200], got '201'"_s;
    QTest::newRow("int: huge")
        << "age__lt=99999999999999999999999"_ba << u"age__lt"_s
        << u"'age__lt' must be an integer in [0, 200], got '99999999999999999999999'"_s;
    QTest::newRow("apparent age above 100")
        << "apparent_age__gte=101"_ba << u"apparent_age__gte"_s
        << u"'apparent_age__gte' must be an integer in [0, 100], got '101'"_s;
    QTest::newRow("apparent age negative")
        << "apparent_age__lt=-1"_ba << u"apparent_age__lt"_s
        << u"'apparent_age__lt' must be an integer in [0, 100], got '-1'"_s;

    // Numbers.
    const QString plain =
        u"'object_similarity__gte' must be a number in [0, 1], got '%1' (not a plain decimal number)"_s;
    QTest::newRow("number: nan") << "object_similarity__gte=nan"_ba << u"object_similarity__gte"_s
                                 << plain.arg(u"nan"_s);
    QTest::newRow("number: inf") << "object_similarity__gte=inf"_ba << u"object_similarity__gte"_s
                                 << plain.arg(u"inf"_s);
    QTest::newRow("number: hex") << "object_similarity__gte=0x1"_ba << u"object_similarity__gte"_s
                                 << plain.arg(u"0x1"_s);
    QTest::newRow("number: leading space") << "object_similarity__gte=%200.5"_ba
                                           << u"object_similarity__gte"_s << plain.arg(u" 0.5"_s);
    QTest::newRow("number: trailing space")
        << "object_similarity__gte=0.5+"_ba << u"object_similarity__gte"_s << plain.arg(u"0.5 "_s);
    QTest::newRow("number: leading dot")
        << "object_similarity__gte=.5"_ba << u"object_similarity__gte"_s << plain.arg(u".5"_s);
    QTest::newRow("number: trailing dot")
        << "object_similarity__gte=1."_ba << u"object_similarity__gte"_s << plain.arg(u"1."_s);
    QTest::newRow("number: comma decimal")
        << "object_similarity__gte=0%2C5"_ba << u"object_similarity__gte"_s << plain.arg(u"0,5"_s);
    QTest::newRow("number: empty")
        << "object_similarity__gte="_ba << u"object_similarity__gte"_s << plain.arg(QString());
    QTest::newRow("number: above 1")
        << "object_similarity__lt=1.5"_ba << u"object_similarity__lt"_s
        << u"'object_similarity__lt' must be a number in [0, 1], got '1.5'"_s;
    QTest::newRow("number: below 0")
        << "object_similarity__gte=-0.001"_ba << u"object_similarity__gte"_s
        << u"'object_similarity__gte' must be a number in [0, 1], got '-0.001'"_s;
    QTest::newRow("number: exponent overflow")
        << "object_similarity__gte=1e999"_ba << u"object_similarity__gte"_s
        << u"'object_similarity__gte' must be a number in [0, 1], got '1e999'"_s;

    // Enumerations: integers where the contract has codes, names where it has names.
    QTest::newRow("gender 2") << "gender=2"_ba << u"gender"_s
                              << u"'gender' must be one of 0 (female), 1 (male), got '2'"_s;
    QTest::newRow("gender by name")
        << "gender=male"_ba << u"gender"_s
        << u"'gender' must be one of 0 (female), 1 (male), got 'male'"_s;
    QTest::newRow("gender list") << "gender=0,1"_ba << u"gender"_s
                                 << u"'gender' must be one of 0 (female), 1 (male), got '0,1'"_s;
    QTest::newRow("ethnic group 5")
        << "ethnic_groups=5"_ba << u"ethnic_groups"_s
        << u"'ethnic_groups' item '5' (position 1) is not one of "_s + ethnicities;
    QTest::newRow("ethnic group by name")
        << "ethnic_groups=1,asian"_ba << u"ethnic_groups"_s
        << u"'ethnic_groups' item 'asian' (position 2) is not one of "_s + ethnicities;
    QTest::newRow("liveness 3")
        << "liveness=3"_ba << u"liveness"_s
        << u"'liveness' item '3' (position 1) is not one of 0 (spoof), 1 (real), 2 (unknown)"_s;
    QTest::newRow("masks 0")
        << "masks=0"_ba << u"masks"_s
        << u"'masks' item '0' (position 1) is not one of 1 (missing), 2 (medical_mask), 3 (occluded)"_s;
    QTest::newRow("emotions 8")
        << "emotions=1,8"_ba << u"emotions"_s
        << u"'emotions' item '8' (position 2) is not one of 1 (anger), 2 (disgust), 3 (fear), "
           u"4 (happiness), 5 (neutral), 6 (sadness), 7 (surprise)"_s;
    QTest::newRow("emotions 01 is fine but 001x is not")
        << "emotions=01,001x"_ba << u"emotions"_s
        << u"'emotions' item '001x' (position 2) is not one of 1 (anger), 2 (disgust), 3 (fear), "
           u"4 (happiness), 5 (neutral), 6 (sadness), 7 (surprise)"_s;
    QTest::newRow("apparent gender 3")
        << "apparent_gender=3"_ba << u"apparent_gender"_s
        << u"'apparent_gender' item '3' (position 1) is not one of 0 (female), 1 (male), 2 (undefined)"_s;
    QTest::newRow("headwear state by name")
        << "headwear_states=present"_ba << u"headwear_states"_s
        << u"'headwear_states' item 'present' (position 1) is not one of 0 (absent), 1 (present), 2 (undefined)"_s;
    QTest::newRow("backpack -1")
        << "backpack_states=-1"_ba << u"backpack_states"_s
        << u"'backpack_states' item '-1' (position 1) is not one of 0 (absent), 1 (present), 2 (undefined)"_s;
    QTest::newRow("sleeve medium")
        << "sleeve_lengths=medium"_ba << u"sleeve_lengths"_s
        << u"'sleeve_lengths' item 'medium' (position 1) is not one of short, long, undefined"_s;
    QTest::newRow("sleeve is case-sensitive")
        << "sleeve_lengths=Short"_ba << u"sleeve_lengths"_s
        << u"'sleeve_lengths' item 'Short' (position 1) is not one of short, long, undefined"_s;
    QTest::newRow("upper colour grey")
        << "upper_clothing_colors=grey"_ba << u"upper_clothing_colors"_s
        << u"'upper_clothing_colors' item 'grey' (position 1) is not one of "_s + palette;
    QTest::newRow("lower colour crimson")
        << "lower_garment_colors=black,crimson"_ba << u"lower_garment_colors"_s
        << u"'lower_garment_colors' item 'crimson' (position 2) is not one of "_s + palette;
    QTest::newRow("lower garment type by code")
        << "lower_garment_types=0"_ba << u"lower_garment_types"_s
        << u"'lower_garment_types' item '0' (position 1) is not one of trousers, shorts, skirt, undefined"_s;
    QTest::newRow("shoes blue")
        << "shoes_colors=blue"_ba << u"shoes_colors"_s
        << u"'shoes_colors' item 'blue' (position 1) is not one of black, other, white, undefined"_s;
    QTest::newRow("headwear red")
        << "headwear_colors=red"_ba << u"headwear_colors"_s
        << u"'headwear_colors' item 'red' (position 1) is not one of black, other, white, undefined"_s;

    // Tags: at most 36 characters (code points, not bytes).
    QTest::newRow("tag of 37 ASCII")
        << QByteArray("tags=ok," + QByteArray(37, 'a')) << u"tags"_s
        << u"'tags' item '%1' has 37 characters; a tag has at most 36"_s.arg(QString(37, u'a'));
    QTest::newRow("tag of 37 Cyrillic letters")
        << QByteArray("tags=" + QByteArray("%D0%B6").repeated(37)) << u"tags"_s
        << u"'tags' item '%1' has 37 characters; a tag has at most 36"_s.arg(QString(37, u'ж'));
    QTest::newRow("tag error quotes a long value shortened")
        << QByteArray("tags=" + QByteArray(100, 'b')) << u"tags"_s
        << u"'tags' item '%1…' has 100 characters; a tag has at most 36"_s.arg(QString(64, u'b'));

    // UUIDs.
    const QString uuidError =
        u"'handler_ids' item '%1' is not a UUID (expected 8-4-4-4-12 hexadecimal digits)"_s;
    QTest::newRow("uuid: text") << "handler_ids=xyz"_ba << u"handler_ids"_s
                                << uuidError.arg(u"xyz"_s);
    QTest::newRow("uuid: short last group (the seed's example)")
        << "handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb,346a5645-ec89-4806-820a-dbcb6e0dc38"_ba
        << u"handler_ids"_s << uuidError.arg(u"346a5645-ec89-4806-820a-dbcb6e0dc38"_s);
    QTest::newRow("uuid: braces") << "handler_ids=%7B8950722f-3fd4-4223-b48f-03f95f0e8dfb%7D"_ba
                                  << u"handler_ids"_s
                                  << uuidError.arg(u"{8950722f-3fd4-4223-b48f-03f95f0e8dfb}"_s);
    QTest::newRow("uuid: no dashes")
        << "handler_ids=8950722f3fd44223b48f03f95f0e8dfb"_ba << u"handler_ids"_s
        << uuidError.arg(u"8950722f3fd44223b48f03f95f0e8dfb"_s);
    QTest::newRow("uuid: non-hex")
        << "handler_ids=8950722g-3fd4-4223-b48f-03f95f0e8dfb"_ba << u"handler_ids"_s
        << uuidError.arg(u"8950722g-3fd4-4223-b48f-03f95f0e8dfb"_s);

    // stream_ids: the same list syntax and errors as handler_ids.
    const QString streamError =
        u"'stream_ids' item '%1' is not a UUID (expected 8-4-4-4-12 hexadecimal digits)"_s;
    QTest::newRow("stream uuid: text")
        << "stream_ids=camera-7"_ba << u"stream_ids"_s << streamError.arg(u"camera-7"_s);
    QTest::newRow("stream uuid: short last group")
        << "stream_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb,346a5645-ec89-4806-820a-dbcb6e0dc38"_ba
        << u"stream_ids"_s << streamError.arg(u"346a5645-ec89-4806-820a-dbcb6e0dc38"_s);
    QTest::newRow("stream uuid: braces")
        << "stream_ids=%7B8950722f-3fd4-4223-b48f-03f95f0e8dfb%7D"_ba << u"stream_ids"_s
        << streamError.arg(u"{8950722f-3fd4-4223-b48f-03f95f0e8dfb}"_s);

    // geo_position.
    QTest::newRow("geo: bare numbers")
        << "geo_position=36.6,55.7"_ba << u"geo_position"_s
        << u"'geo_position' has an unknown key '36.6' (allowed: origin_longitude, origin_latitude, longitude_delta, latitude_delta)"_s;
    QTest::newRow("geo: odd item count")
        << "geo_position=origin_longitude,36.6,origin_latitude"_ba << u"geo_position"_s
        << geoShape.arg(u"origin_longitude,36.6,origin_latitude"_s);
    QTest::newRow("geo: empty") << "geo_position="_ba << u"geo_position"_s
                                << geoShape.arg(QString());
    QTest::newRow("geo: empty key") << "geo_position=,1,origin_longitude,1"_ba << u"geo_position"_s
                                    << geoShape.arg(u",1,origin_longitude,1"_s);
    QTest::newRow("geo: too many pairs")
        << "geo_position=origin_longitude,1,origin_latitude,1,x,1,y,1,z,1"_ba << u"geo_position"_s
        << geoShape.arg(u"origin_longitude,1,origin_latitude,1,x,1,y,1,z,1"_s);
    QTest::newRow("geo: latitude missing")
        << "geo_position=origin_longitude,36.6"_ba << u"geo_position"_s
        << u"'geo_position' needs both origin_longitude and origin_latitude; 'origin_latitude' is missing"_s;
    QTest::newRow("geo: longitude missing")
        << "geo_position=origin_latitude,55.7,longitude_delta,1"_ba << u"geo_position"_s
        << u"'geo_position' needs both origin_longitude and origin_latitude; 'origin_longitude' is missing"_s;
    QTest::newRow("geo: key twice")
        << "geo_position=origin_longitude,1,origin_longitude,2,origin_latitude,3"_ba
        << u"geo_position"_s << u"'geo_position' gives 'origin_longitude' more than once"_s;
    QTest::newRow("geo: longitude 181")
        << "geo_position=origin_longitude,181,origin_latitude,0"_ba << u"geo_position"_s
        << u"'geo_position' origin_longitude must be a number in [-180, 180], got '181'"_s;
    QTest::newRow("geo: latitude -90.5")
        << "geo_position=origin_longitude,0,origin_latitude,-90.5"_ba << u"geo_position"_s
        << u"'geo_position' origin_latitude must be a number in [-90, 90], got '-90.5'"_s;
    QTest::newRow("geo: zero delta")
        << "geo_position=origin_longitude,0,origin_latitude,0,longitude_delta,0"_ba
        << u"geo_position"_s
        << u"'geo_position' longitude_delta must be a number in (0, 90], got '0'"_s;
    QTest::newRow("geo: negative delta")
        << "geo_position=origin_longitude,0,origin_latitude,0,latitude_delta,-1"_ba
        << u"geo_position"_s
        << u"'geo_position' latitude_delta must be a number in (0, 90], got '-1'"_s;
    QTest::newRow("geo: delta above 90")
        << "geo_position=origin_longitude,0,origin_latitude,0,latitude_delta,90.01"_ba
        << u"geo_position"_s
        << u"'geo_position' latitude_delta must be a number in (0, 90], got '90.01'"_s;
    QTest::newRow("geo: not a number")
        << "geo_position=origin_longitude,east,origin_latitude,0"_ba << u"geo_position"_s
        << u"'geo_position' origin_longitude must be a number in [-180, 180], got 'east' (not a plain decimal number)"_s;
    QTest::newRow("geo: empty value")
        << "geo_position=origin_longitude,,origin_latitude,0"_ba << u"geo_position"_s
        << u"'geo_position' origin_longitude must be a number in [-180, 180], got '' (not a plain decimal number)"_s;

    // Percent-decoding and UTF-8.
    QTest::newRow("broken escape: not hex")
        << "sources=%zz"_ba << u"sources"_s
        << u"broken percent-escape '%zz' at byte 0 of the value"_s;
    QTest::newRow("broken escape: truncated")
        << "sources=abc%4"_ba << u"sources"_s
        << u"broken percent-escape '%4' at byte 3 of the value"_s;
    QTest::newRow("broken escape: lone percent")
        << "user_data=100%"_ba << u"user_data"_s
        << u"broken percent-escape '%' at byte 3 of the value"_s;
    QTest::newRow("broken escape in the name")
        << "sou%rces=cam1"_ba << u"sou%rces"_s
        << u"broken percent-escape '%rc' in the parameter name"_s;
    QTest::newRow("invalid UTF-8 byte")
        << "sources=%FF"_ba << u"sources"_s
        << u"the value is not valid UTF-8 (byte 0 after percent-decoding)"_s;
    QTest::newRow("truncated UTF-8 sequence")
        << "user_data=caf%C3"_ba << u"user_data"_s
        << u"the value is not valid UTF-8 (byte 3 after percent-decoding)"_s;
    QTest::newRow("overlong UTF-8")
        << "tags=%C0%AF"_ba << u"tags"_s
        << u"the value is not valid UTF-8 (byte 0 after percent-decoding)"_s;
    QTest::newRow("UTF-8 surrogate")
        << "cities=a%ED%A0%80"_ba << u"cities"_s
        << u"the value is not valid UTF-8 (byte 1 after percent-decoding)"_s;
    QTest::newRow("raw invalid UTF-8")
        << "streets=\xff"_ba << u"streets"_s
        << u"the value is not valid UTF-8 (byte 0 after percent-decoding)"_s;
    QTest::newRow("invalid UTF-8 in the name")
        << "%FF=1"_ba << u"\uFFFD"_s << u"the parameter name is not valid UTF-8"_s;

    // Lists: no empty items, whichever way the comma was written.
    QTest::newRow("empty list") << "sources="_ba << u"sources"_s
                                << u"'sources"_s + emptyItem.arg(1);
    QTest::newRow("list without =")
        << "cities"_ba << u"cities"_s << u"'cities"_s + emptyItem.arg(1);
    QTest::newRow("double comma") << "areas=a,,b"_ba << u"areas"_s
                                  << u"'areas"_s + emptyItem.arg(2);
    QTest::newRow("trailing comma")
        << "districts=a,"_ba << u"districts"_s << u"'districts"_s + emptyItem.arg(2);
    QTest::newRow("leading comma")
        << "house_numbers=,1"_ba << u"house_numbers"_s << u"'house_numbers"_s + emptyItem.arg(1);
    QTest::newRow("encoded double comma")
        << "matching_candidates_labels=a%2C%2Cb"_ba << u"matching_candidates_labels"_s
        << u"'matching_candidates_labels"_s + emptyItem.arg(2);
    QTest::newRow("empty tag") << "tags=a,"_ba << u"tags"_s << u"'tags"_s + emptyItem.arg(2);
    QTest::newRow("empty enum item")
        << "liveness=1,"_ba << u"liveness"_s << u"'liveness"_s + emptyItem.arg(2);
    QTest::newRow("empty uuid item")
        << "handler_ids=,"_ba << u"handler_ids"_s << u"'handler_ids"_s + emptyItem.arg(1);
    QTest::newRow("empty stream uuid item")
        << "stream_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb,,"_ba << u"stream_ids"_s
        << u"'stream_ids"_s + emptyItem.arg(2);

    // Client text is never a format string (issue 18, finding 7): a "%2" or "%3" the client
    // typed comes back as typed, not replaced by the numbers that follow it in the message.
    QTest::newRow("percent-digit in a broken escape")
        << "tags=a%2"_ba << u"tags"_s << u"broken percent-escape '%2' at byte 1 of the value"_s;
    QTest::newRow("percent-digits in a long tag")
        << "tags=%252%253%25%251xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"_ba << u"tags"_s
        << u"'tags' item '%2%3%%1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' has 41 characters; a tag has "
           u"at most 36"_s;
    QTest::newRow("percent-digits in an enum item")
        << "sleeve_lengths=%253%254"_ba << u"sleeve_lengths"_s
        << u"'sleeve_lengths' item '%3%4' (position 1) is not one of short, long, undefined"_s;

    // Control characters are shown replaced, so the detail stays one line.
    QTest::newRow("control characters in a quoted value")
        << "sleeve_lengths=a%0Ab"_ba << u"sleeve_lengths"_s
        << u"'sleeve_lengths' item 'a\uFFFDb' (position 1) is not one of short, long, undefined"_s;
}

void TestFilterQuery::rejects()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, parameter);
    QFETCH(QString, detail);
    FilterError error;
    const std::optional<SubscriptionFilter> filter = SubscriptionFilter::parse(query, &error);
    QVERIFY(!filter);
    QCOMPARE(error.parameter, parameter);
    QCOMPARE(error.detail, detail);
    QVERIFY(!SubscriptionFilter::parse(query, nullptr)); // a null error pointer is allowed
}

void TestFilterQuery::acceptsEveryParameter_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("sources") << "sources=cam1,cam2"_ba << u"sources=cam1,cam2"_s;
    QTest::newRow("matching_candidates_labels")
        << "matching_candidates_labels=good+guys"_ba << u"matching_candidates_labels=good%20guys"_s;
    QTest::newRow("object_similarity__gte")
        << "object_similarity__gte=0.5"_ba << u"object_similarity__gte=0.5"_s;
    QTest::newRow("object_similarity__lt")
        << "object_similarity__lt=1"_ba << u"object_similarity__lt=1"_s;
    QTest::newRow("similarity bounds 0 and 1")
        << "object_similarity__gte=0&object_similarity__lt=1.0"_ba
        << u"object_similarity__gte=0&object_similarity__lt=1"_s;
    QTest::newRow("similarity with exponent")
        << "object_similarity__gte=5e-1"_ba << u"object_similarity__gte=0.5"_s;
    QTest::newRow("similarity underflow is zero")
        << QByteArray("object_similarity__gte=0." + QByteArray(400, '0') + "1")
        << u"object_similarity__gte=0"_s;
    QTest::newRow("similarity negative zero")
        << "object_similarity__gte=-0"_ba << u"object_similarity__gte=0"_s;
    QTest::newRow("age__gte") << "age__gte=0"_ba << u"age__gte=0"_s;
    QTest::newRow("age__lt") << "age__lt=200"_ba << u"age__lt=200"_s;
    QTest::newRow("age leading zeros") << "age__gte=018"_ba << u"age__gte=18"_s;
    QTest::newRow("gender") << "gender=0"_ba << u"gender=0"_s;
    QTest::newRow("ethnic_groups") << "ethnic_groups=4,1"_ba << u"ethnic_groups=1,4"_s;
    QTest::newRow("liveness") << "liveness=0,2"_ba << u"liveness=0,2"_s;
    QTest::newRow("masks") << "masks=1,2,3"_ba << u"masks=1,2,3"_s;
    QTest::newRow("emotions") << "emotions=7,1,01"_ba << u"emotions=1,7"_s;
    QTest::newRow("tags") << "tags=tag_2,tag_1"_ba << u"tags=tag_1,tag_2"_s;
    QTest::newRow("tag of 36 characters")
        << QByteArray("tags=" + QByteArray(36, 'x')) << u"tags="_s + QString(36, u'x');
    QTest::newRow("tag of 36 Cyrillic letters")
        << QByteArray("tags=" + QByteArray("%D0%B6").repeated(36))
        << u"tags="_s + QString::fromLatin1(QByteArray("%D0%B6").repeated(36));
    QTest::newRow("user_data") << "user_data=some%20special%20user%20info"_ba
                               << u"user_data=some%20special%20user%20info"_s;
    QTest::newRow("user_data empty") << "user_data="_ba << u"user_data="_s;
    QTest::newRow("user_data keeps commas") << "user_data=a,b"_ba << u"user_data=a%2Cb"_s;
    QTest::newRow("geo_position")
        << "geo_position=origin_longitude,36.616,origin_latitude,55.752"_ba
        << u"geo_position=origin_longitude,36.616,origin_latitude,55.752,longitude_delta,0.01,latitude_delta,0.01"_s;
    QTest::newRow("geo_position, any order, deltas")
        << "geo_position=latitude_delta,0.5,origin_latitude,-90,longitude_delta,90,origin_longitude,-180"_ba
        << u"geo_position=origin_longitude,-180,origin_latitude,-90,longitude_delta,90,latitude_delta,0.5"_s;
    QTest::newRow("cities") << "cities=moscow,New-York"_ba << u"cities=New-York,moscow"_s;
    QTest::newRow("areas") << "areas=CAO,central+park"_ba << u"areas=CAO,central%20park"_s;
    QTest::newRow("districts") << "districts=mitino"_ba << u"districts=mitino"_s;
    QTest::newRow("streets") << "streets=arbat,schepkina"_ba << u"streets=arbat,schepkina"_s;
    QTest::newRow("house_numbers")
        << "house_numbers=1,1/2str3"_ba << u"house_numbers=1,1%2F2str3"_s;
    QTest::newRow("handler_ids") << "handler_ids=8950722F-3FD4-4223-B48F-03F95F0E8DFB"_ba
                                 << u"handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb"_s;
    QTest::newRow("stream_ids")
        << "stream_ids=8950722F-3FD4-4223-B48F-03F95F0E8DFB,346a5645-ec89-4806-820a-dbcb6e0dc38e"_ba
        << u"stream_ids=346a5645-ec89-4806-820a-dbcb6e0dc38e,8950722f-3fd4-4223-b48f-03f95f0e8dfb"_s;
    QTest::newRow("apparent_gender") << "apparent_gender=2,0"_ba << u"apparent_gender=0,2"_s;
    QTest::newRow("apparent_age__gte") << "apparent_age__gte=100"_ba << u"apparent_age__gte=100"_s;
    QTest::newRow("apparent_age__lt") << "apparent_age__lt=0"_ba << u"apparent_age__lt=0"_s;
    QTest::newRow("headwear_states") << "headwear_states=1"_ba << u"headwear_states=1"_s;
    QTest::newRow("sleeve_lengths")
        << "sleeve_lengths=undefined,short"_ba << u"sleeve_lengths=short,undefined"_s;
    QTest::newRow("upper_clothing_colors")
        << "upper_clothing_colors=white,black"_ba << u"upper_clothing_colors=black,white"_s;
    QTest::newRow("lower_garment_colors") << "lower_garment_colors=khaki,multicolored"_ba
                                          << u"lower_garment_colors=khaki,multicolored"_s;
    QTest::newRow("lower_garment_types")
        << "lower_garment_types=skirt,trousers"_ba << u"lower_garment_types=trousers,skirt"_s;
    QTest::newRow("shoes_colors") << "shoes_colors=other"_ba << u"shoes_colors=other"_s;
    QTest::newRow("headwear_colors")
        << "headwear_colors=undefined,black"_ba << u"headwear_colors=black,undefined"_s;
    QTest::newRow("backpack_states") << "backpack_states=0"_ba << u"backpack_states=0"_s;
    QTest::newRow("all 32 at once, canonical order")
        << "backpack_states=2&headwear_colors=white&shoes_colors=black&lower_garment_types=shorts"
           "&lower_garment_colors=red&upper_clothing_colors=blue&sleeve_lengths=long&headwear_"
           "states=0"
           "&apparent_age__lt=90&apparent_age__gte=10&apparent_gender=1"
           "&stream_ids=346a5645-ec89-4806-820a-dbcb6e0dc38e&handler_ids=8950722f-3fd4-"
           "4223-b48f-03f95f0e8dfb"
           "&house_numbers=7&streets=s&districts=d&areas=a&cities=c"
           "&geo_position=origin_longitude,1,origin_latitude,2&user_data=u&tags=t&emotions=5&masks="
           "2"
           "&liveness=1&ethnic_groups=3&gender=1&age__lt=60&age__gte=20&object_similarity__lt=0.9"
           "&object_similarity__gte=0.1&matching_candidates_labels=l&sources=src"_ba
        << u"sources=src&matching_candidates_labels=l&object_similarity__gte=0.1&object_similarity_"
           u"_lt=0.9"
           u"&age__gte=20&age__lt=60&gender=1&ethnic_groups=3&liveness=1&masks=2&emotions=5&tags=t"
           u"&user_data=u&geo_position=origin_longitude,1,origin_latitude,2,longitude_delta,0.01,"
           u"latitude_delta,0.01"
           u"&cities=c&areas=a&districts=d&streets=s&house_numbers=7&handler_ids=8950722f-3fd4-"
           u"4223-b48f-03f95f0e8dfb&stream_ids=346a5645-ec89-4806-820a-dbcb6e0dc38e"
           u"&apparent_gender=1&apparent_age__gte=10&apparent_age__lt=90&headwear_states=0&sleeve_"
           u"lengths=long"
           u"&upper_clothing_colors=blue&lower_garment_colors=red&lower_garment_types=shorts&shoes_"
           u"colors=black"
           u"&headwear_colors=white&backpack_states=2"_s;
}

void TestFilterQuery::acceptsEveryParameter()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, canonical);
    FilterError error;
    const std::optional<SubscriptionFilter> filter = SubscriptionFilter::parse(query, &error);
    QVERIFY2(filter, qPrintable(error.parameter + u": "_s + error.detail));
    QVERIFY(!filter->isEmpty());
    QCOMPARE(filter->canonicalQuery(), canonical);
    // The canonical query is itself a valid query with the same canonical form.
    const std::optional<SubscriptionFilter> again =
        SubscriptionFilter::parse(canonical.toLatin1(), &error);
    QVERIFY2(again, qPrintable(error.detail));
    QCOMPARE(again->canonicalQuery(), canonical);
    QCOMPARE(again->describe(), filter->describe());
}

void TestFilterQuery::canonicalQueryNormalises_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::newRow("list order and duplicates") << "sources=cam2,cam1,cam2"_ba
                                               << "sources=cam1&sources=cam2"_ba;
    QTest::newRow("%2C splits like a comma") << "sources=cam1%2Ccam2"_ba
                                             << "sources=cam2,cam1"_ba;
    QTest::newRow("parameter order") << "gender=1&age__gte=50&sources=a"_ba
                                     << "sources=a&age__gte=50&gender=1"_ba;
    QTest::newRow("plus and %20") << "areas=central+park"_ba
                                  << "areas=central%20park"_ba;
    QTest::newRow("encoded names") << "%61ge__gte=5"_ba
                                   << "age__gte=5"_ba;
    QTest::newRow("empty pieces") << "&&age__gte=5&&"_ba
                                  << "age__gte=5"_ba;
    QTest::newRow("number spellings") << "object_similarity__gte=0.50"_ba
                                      << "object_similarity__gte=5e-1"_ba;
    QTest::newRow("integer spellings") << "age__lt=007"_ba
                                       << "age__lt=7"_ba;
    QTest::newRow("default geo deltas")
        << "geo_position=origin_latitude,55.752,origin_longitude,36.616"_ba
        << "geo_position=origin_longitude,36.616,origin_latitude,55.752,longitude_delta,0.01,latitude_delta,0.01"_ba;
    QTest::newRow("uuid case")
        << "handler_ids=8950722F-3FD4-4223-B48F-03F95F0E8DFB,8950722f-3fd4-4223-b48f-03f95f0e8dfb"_ba
        << "handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb"_ba;
    QTest::newRow("enum codes repeated") << "emotions=3&emotions=1,3"_ba
                                         << "emotions=1,3"_ba;
    QTest::newRow("tags repeated") << "tags=b&tags=a,b"_ba
                                   << "tags=a,b"_ba;
}

void TestFilterQuery::canonicalQueryNormalises()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    FilterError error;
    const auto a = SubscriptionFilter::parse(first, &error);
    QVERIFY2(a, qPrintable(error.detail));
    const auto b = SubscriptionFilter::parse(second, &error);
    QVERIFY2(b, qPrintable(error.detail));
    QCOMPARE(a->canonicalQuery(), b->canonicalQuery());
    QCOMPARE(a->describe(), b->describe());
}

void TestFilterQuery::emptyQueries_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("ampersands") << "&&&"_ba;
}

void TestFilterQuery::emptyQueries()
{
    QFETCH(QByteArray, query);
    FilterError error;
    const auto filter = SubscriptionFilter::parse(query, &error);
    QVERIFY(filter);
    QVERIFY(filter->isEmpty());
    QCOMPARE(filter->canonicalQuery(), QString());
    QCOMPARE(filter->describe(), u"all events"_s);
    QVERIFY(filter->conditions().isEmpty());
    QVERIFY(SubscriptionFilter().isEmpty());
}

void TestFilterQuery::describe_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("description");
    QTest::newRow("brief's example") << "age__gte=50&gender=1&sources=cam2,cam1"_ba
                                     << u"sources ∈ {cam1, cam2} AND age ≥ 50 AND gender = male"_s;
    QTest::newRow("similarity range") << "object_similarity__lt=0.9&object_similarity__gte=0.5"_ba
                                      << u"object_similarity ≥ 0.5 AND object_similarity < 0.9"_s;
    QTest::newRow("enums by name")
        << "emotions=4,1&liveness=1&masks=2"_ba
        << u"liveness ∈ {real} AND masks ∈ {medical_mask} AND emotions ∈ {anger, happiness}"_s;
    QTest::newRow("tags and labels")
        << "tags=b,a&matching_candidates_labels=good+guys"_ba
        << u"matching_candidates_labels has any of {good guys} AND tags has all of {a, b}"_s;
    QTest::newRow("user_data") << "user_data=cd"_ba << u"user_data contains \"cd\""_s;
    QTest::newRow("geo")
        << "geo_position=origin_longitude,36.616,origin_latitude,55.752,latitude_delta,0.5"_ba
        << u"geo_position within longitude 36.616 ± 0.01, latitude 55.752 ± 0.5"_s;
    QTest::newRow("body")
        << "apparent_age__gte=18&upper_clothing_colors=red,black&backpack_states=1&apparent_gender=0"_ba
        << u"apparent_gender ∈ {female} AND apparent_age ≥ 18 AND upper_clothing_colors has any of "
           u"{black, red} AND backpack_states ∈ {present}"_s;
    QTest::newRow("handler ids") << "handler_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb"_ba
                                 << u"handler_ids ∈ {8950722f-3fd4-4223-b48f-03f95f0e8dfb}"_s;
    QTest::newRow("stream ids") << "stream_ids=8950722f-3fd4-4223-b48f-03f95f0e8dfb"_ba
                                << u"stream_ids ∈ {8950722f-3fd4-4223-b48f-03f95f0e8dfb}"_s;
}

void TestFilterQuery::describe()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, description);
    FilterError error;
    const auto filter = SubscriptionFilter::parse(query, &error);
    QVERIFY2(filter, qPrintable(error.detail));
    QCOMPARE(filter->describe(), description);
}

void TestFilterQuery::conditions()
{
    FilterError error;
    const auto filter = SubscriptionFilter::parse(
        "age__gte=50&age__lt=60&gender=1&sources=cam2,cam1&user_data=x+y&headwear_colors=black"_ba,
        &error);
    QVERIFY2(filter, qPrintable(error.detail));
    const QList<FilterCondition> expected = {
        {u"sources"_s, u"∈"_s, {u"cam1"_s, u"cam2"_s}},
        {u"age"_s, u"≥"_s, {u"50"_s}},
        {u"age"_s, u"<"_s, {u"60"_s}},
        {u"gender"_s, u"="_s, {u"male"_s}},
        {u"user_data"_s, u"contains"_s, {u"x y"_s}},
        {u"headwear_colors"_s, u"∈"_s, {u"black"_s}},
    };
    QCOMPARE(filter->conditions(), expected);
}

void TestFilterQuery::conditionText_data()
{
    QTest::addColumn<QString>("parameter");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("text");
    QTest::newRow("bound") << u"age"_s << u"≥"_s << QStringList {u"50"_s} << u"age ≥ 50"_s;
    QTest::newRow("equal") << u"gender"_s << u"="_s << QStringList {u"male"_s}
                           << u"gender = male"_s;
    QTest::newRow("any of") << u"sources"_s << u"∈"_s << QStringList {u"cam1"_s, u"cam2"_s}
                            << u"sources ∈ {cam1, cam2}"_s;
    QTest::newRow("all of") << u"tags"_s << u"has all of"_s << QStringList {u"a"_s}
                            << u"tags has all of {a}"_s;
    QTest::newRow("contains") << u"user_data"_s << u"contains"_s << QStringList {u"cd"_s}
                              << u"user_data contains \"cd\""_s;
}

void TestFilterQuery::conditionText()
{
    QFETCH(QString, parameter);
    QFETCH(QString, op);
    QFETCH(QStringList, values);
    QFETCH(QString, text);
    QCOMPARE((FilterCondition {parameter, op, values}.text()), text);
}

void TestFilterQuery::copiesShareCompiledData()
{
    FilterError error;
    const auto filter = SubscriptionFilter::parse("sources=cam1&age__gte=5"_ba, &error);
    QVERIFY(filter);
    const SubscriptionFilter copy = *filter; // cheap: the compiled data is shared, not cloned
    QCOMPARE(copy.canonicalQuery(), filter->canonicalQuery());
    static_assert(sizeof(SubscriptionFilter) <= 2 * sizeof(void *));
}

QTEST_APPLESS_MAIN(TestFilterQuery)
#include "tst_filterquery.moc"
