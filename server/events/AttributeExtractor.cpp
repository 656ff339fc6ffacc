#include "events/AttributeExtractor.h"

#include "util/StrictUuid.h"

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace sender::detail {

namespace {

using json::Tape;
using json::Type;

using Keys = std::vector<QByteArrayView>;

// The Text and Codes rows of attributeKeys(), their paths split into keys once.
struct PlannedKey
{
    const AttributeKey *row;
    Keys keys;
};
struct Plan
{
    std::vector<PlannedKey> event, face, body;
};

constexpr size_t kMaxKeyDepth = 8;

Plan makePlan()
{
    Plan plan;
    for (const AttributeKey &row : attributeKeys()) {
        if (row.value == AttributeKey::Value::Bespoke)
            continue;
        PlannedKey planned {&row, {}};
        const QByteArrayView path(row.path);
        for (qsizetype from = 0; from <= path.size();) {
            qsizetype dot = path.indexOf('.', from);
            if (dot < 0)
                dot = path.size();
            planned.keys.push_back(path.sliced(from, dot - from));
            from = dot + 1;
        }
        Q_ASSERT(!path.contains("[]") && planned.keys.size() <= kMaxKeyDepth);
        switch (row.root) {
        case AttributeKey::Root::Face:
            plan.face.push_back(std::move(planned));
            break;
        case AttributeKey::Root::Body:
            plan.body.push_back(std::move(planned));
            break;
        case AttributeKey::Root::Event:
        case AttributeKey::Root::Message:
            plan.event.push_back(std::move(planned));
            break;
        }
    }
    return plan;
}

const Plan &plan()
{
    static const Plan planned = makePlan();
    return planned;
}

quint32 follow(const Tape &tape, quint32 node, const Keys &keys)
{
    for (size_t i = 0; i < keys.size() && node != Tape::npos; ++i)
        node = tape.member(node, keys[i]);
    return node;
}

// Resolves keys below one object in turn, reusing the objects on the previous key's path: the
// rows that share "location." look it up once.
class Walker
{
public:
    Walker(const Tape &tape, quint32 root)
        : m_tape(tape)
        , m_root(root)
    { }

    quint32 resolve(const Keys &keys)
    {
        size_t common = 0;
        if (m_previous) {
            while (common + 1 < keys.size() && common + 1 < m_previous->size()
                   && keys[common] == (*m_previous)[common])
                ++common;
        }
        quint32 node = common ? m_nodes[common - 1] : m_root;
        for (size_t i = common; i < keys.size(); ++i) {
            node = m_tape.member(node, keys[i]);
            m_nodes[i] = node;
        }
        m_previous = &keys;
        return node;
    }

private:
    const Tape &m_tape;
    quint32 m_root;
    const Keys *m_previous = nullptr;
    std::array<quint32, kMaxKeyDepth> m_nodes {};
};

// Bespoke keys (their rows in attributeKeys() name them for the console).
const Keys kApparentAge = {"basic_attributes", "apparent_age"};

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

void AttributeExtractor::extractEventKeys(quint32 event, EventAttributes &out)
{
    Walker walker(m_tape, event);
    for (const PlannedKey &key : plan().event) {
        const quint32 node = walker.resolve(key.keys);
        if (node == Tape::npos)
            continue;
        const AttributeKey &row = *key.row;
        if (row.value == AttributeKey::Value::Codes) {
            out.sets[row.set] = codesOf(node, row.set);
        } else if (const std::optional<QByteArrayView> value = string(node)) {
            out.*row.text = *value;
            out.present |= row.field;
        }
    }
}

void AttributeExtractor::extractAge(quint32 basic, EventAttributes &out)
{
    if (const std::optional<double> age = m_tape.number(m_tape.member(basic, "age"))) {
        out.age = *age;
        out.present |= EventAttributes::Age;
    }
}

void AttributeExtractor::extractGeoPosition(quint32 location, EventAttributes &out)
{
    const quint32 geo = m_tape.member(location, "geo_position");
    const std::optional<double> longitude = m_tape.number(m_tape.member(geo, "longitude"));
    const std::optional<double> latitude = m_tape.number(m_tape.member(geo, "latitude"));
    if (longitude && latitude) {
        out.longitude = *longitude;
        out.latitude = *latitude;
        out.present |= EventAttributes::GeoPosition;
    }
}

void AttributeExtractor::extractFaceAndBody(quint32 event, EventAttributes &out, ListRefs &refs)
{
    const QByteArrayView face = subjectKey(AttributeKey::Root::Face);
    const QByteArrayView body = subjectKey(AttributeKey::Root::Body);
    const quint32 aggregate = m_tape.member(event, kAggregateKey);
    const quint32 aggregateFace = m_tape.path(aggregate, {face, kAttributesKey});
    const quint32 aggregateBody = m_tape.path(aggregate, {body, kAttributesKey});

    m_faceDetections.clear();
    m_bodyDetections.clear();
    const quint32 detections = m_tape.member(event, kDetectionsKey);
    if (m_tape.isArray(detections)) {
        for (quint32 d = m_tape.firstChild(detections); d != Tape::npos;
             d = m_tape.next(detections, d)) {
            const quint32 samples = m_tape.member(d, kSamplesKey);
            const quint32 faceAttributes =
                m_tape.path(samples, {face, kDetectionKey, kAttributesKey});
            const quint32 bodyAttributes =
                m_tape.path(samples, {body, kDetectionKey, kAttributesKey});
            if (m_tape.isObject(faceAttributes))
                m_faceDetections.push_back(faceAttributes);
            if (m_tape.isObject(bodyAttributes))
                m_bodyDetections.push_back(bodyAttributes);
        }
    }

    // Attribute by attribute: the aggregate when it has the attribute, else every detection.
    const auto resolve = [&](const PlannedKey &key, quint32 aggregateAttributes,
                             const std::vector<quint32> &perDetection) {
        const AttributeSet::Id set = key.row->set;
        const quint32 fromAggregate = follow(m_tape, aggregateAttributes, key.keys);
        if (carries(m_tape, fromAggregate)) {
            out.sets[set] = codesOf(fromAggregate, set);
            return;
        }
        quint16 codes = 0;
        for (const quint32 attributes : perDetection) {
            const quint32 value = follow(m_tape, attributes, key.keys);
            if (carries(m_tape, value))
                codes |= codesOf(value, set);
        }
        out.sets[set] = codes;
    };
    for (const PlannedKey &key : plan().face)
        resolve(key, aggregateFace, m_faceDetections);
    for (const PlannedKey &key : plan().body)
        resolve(key, aggregateBody, m_bodyDetections);

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
    static constexpr QByteArrayView kKeys[] = {"tags", "matches", "face_attributes", "location",
                                               "stream_id"};
    std::array<quint32, 5> found {};
    m_tape.members(event, kKeys, found);

    ListRefs refs;
    refs.attributes = &out;
    extractEventKeys(event, out);

    refs.tags = m_strings.size();
    if (m_tape.isArray(found[0])) {
        for (quint32 t = m_tape.firstChild(found[0]); t != Tape::npos;
             t = m_tape.next(found[0], t)) {
            if (const std::optional<QByteArrayView> tag = string(t))
                m_strings.push_back(*tag);
        }
    }
    refs.tagCount = m_strings.size() - refs.tags;

    extractMatches(found[1], out, refs);
    extractAge(m_tape.member(found[2], "basic_attributes"), out);
    extractGeoPosition(found[3], out);
    extractFaceAndBody(event, out, refs);
    if (const std::optional<QByteArrayView> stream = string(found[4])) {
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
