#include "events/AttributeExtractor.h"

#include "events/StrictUuid.h"

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace sender::detail {

namespace {

using json::Tape;
using json::Type;

// Where an enumerated face or body attribute sits inside F or B (contract section 5).
struct AttributePath
{
    AttributeSet::Id set;
    std::array<QByteArrayView, 3> keys;
    int depth;
};

constexpr AttributePath kFaceAttributes[] = {
    {AttributeSet::Liveness, {"liveness", "prediction"}, 2},
    {AttributeSet::Mask, {"mask", "predominant_mask"}, 2},
    {AttributeSet::Emotion, {"emotions", "predominant_emotion"}, 2},
};

constexpr AttributePath kBodyAttributes[] = {
    {AttributeSet::ApparentGender, {"basic_attributes", "apparent_gender"}, 2},
    {AttributeSet::HeadwearState, {"upper_body", "headwear", "state"}, 3},
    {AttributeSet::HeadwearColor, {"upper_body", "headwear", "apparent_color"}, 3},
    {AttributeSet::SleeveLength, {"upper_body", "sleeve", "length"}, 3},
    {AttributeSet::UpperClothingColors, {"upper_body", "upper_clothing", "colors"}, 3},
    {AttributeSet::LowerGarmentColors, {"lower_body", "lower_garment", "colors"}, 3},
    {AttributeSet::LowerGarmentType, {"lower_body", "lower_garment", "type"}, 3},
    {AttributeSet::ShoesColor, {"lower_body", "shoes", "apparent_color"}, 3},
    {AttributeSet::BackpackState, {"accessories", "backpack", "state"}, 3},
};

constexpr AttributePath kApparentAge = {
    AttributeSet::ApparentGender, {"basic_attributes", "apparent_age"}, 2};

quint32 follow(const Tape &tape, quint32 node, const AttributePath &path)
{
    for (int i = 0; i < path.depth && node != Tape::npos; ++i)
        node = tape.member(node, path.keys[size_t(i)]);
    return node;
}

// "Has the attribute": the value is there and is not null (LUNA writes null for an estimation
// that was not run).
bool carries(const Tape &tape, quint32 node)
{
    return node != Tape::npos && tape.type(node) != Type::Null;
}

} // namespace

std::optional<QByteArrayView> AttributeExtractor::string(quint32 node)
{
    if (m_tape.type(node) != Type::String)
        return std::nullopt;
    const QByteArrayView raw = m_tape.rawString(node);
    if (!(m_tape[node].flags & json::Node::Escaped))
        return raw;
    std::string &decoded = m_decoded.emplace_front();
    json::Tape::unescape(raw, decoded);
    return QByteArrayView(decoded.data(), qsizetype(decoded.size()));
}

quint16 AttributeExtractor::codesOf(quint32 node, AttributeSet::Id set)
{
    const Vocabulary &vocabulary = sender::vocabulary(set);
    const auto scalarCodes = [&](quint32 value) -> quint16 {
        if (m_tape.type(value) == Type::String) {
            // Names never need escapes; an escaped one is decoded by string() all the same.
            const std::optional<QByteArrayView> name = string(value);
            const std::optional<quint8> code = name ? vocabulary.codeOfName(*name) : std::nullopt;
            return code ? quint16(1u << *code) : 0;
        }
        if (vocabulary.eventMayUseCodes) {
            const std::optional<double> number = m_tape.number(value);
            if (number && *number == std::floor(*number) && *number >= 0 && *number < 16
                && vocabulary.hasCode(qint64(*number)))
                return quint16(1u << qint64(*number));
        }
        return 0;
    };
    if (m_tape.type(node) != Type::Array)
        return scalarCodes(node);
    quint16 codes = 0;
    for (quint32 c = m_tape.firstChild(node); c != Tape::npos; c = m_tape.next(node, c))
        codes |= scalarCodes(c);
    return codes;
}

void AttributeExtractor::extractMatches(quint32 matches, EventAttributes &out, ListRefs &refs)
{
    if (!m_tape.isArray(matches))
        return;
    static constexpr QByteArrayView kKeys[] = {"label", "candidates"};
    std::array<quint32, 2> found {};
    bool haveTop = false;
    refs.labels = m_strings.size();
    for (quint32 match = m_tape.firstChild(matches); match != Tape::npos;
         match = m_tape.next(matches, match)) {
        m_tape.members(match, kKeys, found);
        const std::optional<QByteArrayView> label = string(found[0]);
        if (label)
            m_strings.push_back(*label);
        const quint32 candidates = found[1];
        if (!m_tape.isArray(candidates))
            continue;
        for (quint32 c = m_tape.firstChild(candidates); c != Tape::npos;
             c = m_tape.next(candidates, c)) {
            const std::optional<double> similarity = m_tape.number(m_tape.member(c, "similarity"));
            if (similarity && (!haveTop || *similarity > out.topSimilarity)) {
                haveTop = true;
                out.topSimilarity = *similarity;
                out.topMatchLabel = label.value_or(QByteArrayView());
            }
        }
    }
    refs.labelCount = m_strings.size() - refs.labels;
    if (haveTop)
        out.present |= EventAttributes::TopSimilarity;
}

void AttributeExtractor::extractBasicAttributes(quint32 basic, EventAttributes &out)
{
    static constexpr QByteArrayView kKeys[] = {"age", "gender", "ethnicities"};
    std::array<quint32, 3> found {};
    m_tape.members(basic, kKeys, found);
    if (const std::optional<double> age = m_tape.number(found[0])) {
        out.age = *age;
        out.present |= EventAttributes::Age;
    }
    if (found[1] != Tape::npos)
        out.sets[AttributeSet::Gender] = codesOf(found[1], AttributeSet::Gender);
    const quint32 ethnicity = m_tape.member(found[2], "predominant_ethnicity");
    if (ethnicity != Tape::npos)
        out.sets[AttributeSet::Ethnicity] = codesOf(ethnicity, AttributeSet::Ethnicity);
}

void AttributeExtractor::extractLocation(quint32 location, EventAttributes &out)
{
    static constexpr QByteArrayView kKeys[] = {"city",   "area",         "district",
                                               "street", "house_number", "geo_position"};
    static constexpr std::pair<QByteArrayView EventAttributes::*, EventAttributes::Field>
        kStrings[] = {{&EventAttributes::city, EventAttributes::City},
                      {&EventAttributes::area, EventAttributes::Area},
                      {&EventAttributes::district, EventAttributes::District},
                      {&EventAttributes::street, EventAttributes::Street},
                      {&EventAttributes::houseNumber, EventAttributes::HouseNumber}};
    std::array<quint32, 6> found {};
    m_tape.members(location, kKeys, found);
    for (size_t i = 0; i < std::size(kStrings); ++i) {
        if (const std::optional<QByteArrayView> value = string(found[i])) {
            out.*kStrings[i].first = *value;
            out.present |= kStrings[i].second;
        }
    }
    const std::optional<double> longitude = m_tape.number(m_tape.member(found[5], "longitude"));
    const std::optional<double> latitude = m_tape.number(m_tape.member(found[5], "latitude"));
    if (longitude && latitude) {
        out.longitude = *longitude;
        out.latitude = *latitude;
        out.present |= EventAttributes::GeoPosition;
    }
}

void AttributeExtractor::extractFaceAndBody(quint32 event, EventAttributes &out, ListRefs &refs)
{
    const quint32 aggregate = m_tape.member(event, "aggregate_estimations");
    const quint32 aggregateFace = m_tape.path(aggregate, {"face", "attributes"});
    const quint32 aggregateBody = m_tape.path(aggregate, {"body", "attributes"});

    m_faceDetections.clear();
    m_bodyDetections.clear();
    const quint32 detections = m_tape.member(event, "detections");
    if (m_tape.isArray(detections)) {
        for (quint32 d = m_tape.firstChild(detections); d != Tape::npos;
             d = m_tape.next(detections, d)) {
            const quint32 samples = m_tape.member(d, "samples");
            const quint32 face = m_tape.path(samples, {"face", "detection", "attributes"});
            const quint32 body = m_tape.path(samples, {"body", "detection", "attributes"});
            if (m_tape.isObject(face))
                m_faceDetections.push_back(face);
            if (m_tape.isObject(body))
                m_bodyDetections.push_back(body);
        }
    }

    // Attribute by attribute: the aggregate when it has the attribute, else every detection.
    const auto resolve = [&](const AttributePath &path, quint32 aggregateAttributes,
                             const std::vector<quint32> &perDetection) {
        const quint32 fromAggregate = follow(m_tape, aggregateAttributes, path);
        if (carries(m_tape, fromAggregate)) {
            out.sets[path.set] = codesOf(fromAggregate, path.set);
            return;
        }
        quint16 codes = 0;
        for (const quint32 attributes : perDetection) {
            const quint32 value = follow(m_tape, attributes, path);
            if (carries(m_tape, value))
                codes |= codesOf(value, path.set);
        }
        out.sets[path.set] = codes;
    };
    for (const AttributePath &path : kFaceAttributes)
        resolve(path, aggregateFace, m_faceDetections);
    for (const AttributePath &path : kBodyAttributes)
        resolve(path, aggregateBody, m_bodyDetections);

    refs.ages = m_numbers.size();
    const quint32 aggregateAge = follow(m_tape, aggregateBody, kApparentAge);
    if (carries(m_tape, aggregateAge)) {
        if (const std::optional<double> age = m_tape.number(aggregateAge))
            m_numbers.push_back(*age);
    } else {
        for (const quint32 attributes : m_bodyDetections) {
            if (const std::optional<double> age =
                    m_tape.number(follow(m_tape, attributes, kApparentAge)))
                m_numbers.push_back(*age);
        }
    }
    refs.ageCount = m_numbers.size() - refs.ages;
}

void AttributeExtractor::extract(quint32 event, EventAttributes &out)
{
    static constexpr QByteArrayView kKeys[] = {"event_id", "source",   "user_data",
                                               "tags",     "matches",  "face_attributes",
                                               "location", "stream_id"};
    std::array<quint32, 8> found {};
    m_tape.members(event, kKeys, found);

    ListRefs refs;
    refs.attributes = &out;
    static constexpr std::pair<QByteArrayView EventAttributes::*, EventAttributes::Field>
        kStrings[] = {{&EventAttributes::eventId, EventAttributes::EventId},
                      {&EventAttributes::source, EventAttributes::Source},
                      {&EventAttributes::userData, EventAttributes::UserData}};
    for (size_t i = 0; i < std::size(kStrings); ++i) {
        if (const std::optional<QByteArrayView> value = string(found[i])) {
            out.*kStrings[i].first = *value;
            out.present |= kStrings[i].second;
        }
    }

    refs.tags = m_strings.size();
    if (m_tape.isArray(found[3])) {
        for (quint32 t = m_tape.firstChild(found[3]); t != Tape::npos;
             t = m_tape.next(found[3], t)) {
            if (const std::optional<QByteArrayView> tag = string(t))
                m_strings.push_back(*tag);
        }
    }
    refs.tagCount = m_strings.size() - refs.tags;

    extractMatches(found[4], out, refs);
    extractBasicAttributes(m_tape.member(found[5], "basic_attributes"), out);
    extractLocation(found[6], out);
    extractFaceAndBody(event, out, refs);
    if (const std::optional<QByteArrayView> stream = string(found[7])) {
        if (const std::optional<QUuid> uuid = parseStrictUuid(*stream)) {
            out.streamId = *uuid;
            out.present |= EventAttributes::StreamId;
        }
    }
    m_refs.push_back(refs);
}

void AttributeExtractor::bindLists(std::vector<QByteArrayView> &strings,
                                   std::vector<double> &numbers)
{
    strings = std::move(m_strings);
    numbers = std::move(m_numbers);
    for (const ListRefs &refs : m_refs) {
        EventAttributes &a = *refs.attributes;
        a.matchLabels =
            std::span<const QByteArrayView>(strings.data() + refs.labels, refs.labelCount);
        a.tags = std::span<const QByteArrayView>(strings.data() + refs.tags, refs.tagCount);
        a.apparentAges = std::span<const double>(numbers.data() + refs.ages, refs.ageCount);
    }
}

} // namespace sender::detail
