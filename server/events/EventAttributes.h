#pragma once

#include "events/AttributeVocabulary.h"

#include <QByteArrayView>
#include <QUuid>

#include <array>
#include <span>

namespace sender {

// The filterable attributes of one event, extracted once when the message is parsed so that a
// filter check is a handful of compares. Plain data: every view and span points into the
// EventMessage that owns it (its raw bytes, or its storage of decoded strings), so it lives as long
// as that message. Strings are UTF-8 with JSON escapes already decoded.
struct EventAttributes
{
    // Which of the optional scalar fields below the event carries.
    enum Field : quint32 {
        EventId = 1u << 0,
        Source = 1u << 1,
        UserData = 1u << 2,
        Age = 1u << 3,
        TopSimilarity = 1u << 4,
        GeoPosition = 1u << 5,
        City = 1u << 6,
        Area = 1u << 7,
        District = 1u << 8,
        Street = 1u << 9,
        HouseNumber = 1u << 10,
        StreamId = 1u << 11, // event.stream_id is a UUID
    };
    quint32 present = 0;
    bool has(Field field) const noexcept { return (present & field) != 0; }

    // Bit sets of the enumerated attributes (see AttributeSet and vocabulary()); bit n set means
    // the event carries code n. For the face and body attributes this is the aggregate's value when
    // the aggregate has it, else the union over all detections (so "any detection matches" is one
    // AND). 0: the event does not carry the attribute (or only values outside the vocabulary).
    std::array<quint16, AttributeSet::Count> sets {};

    QByteArrayView eventId; // event.event_id
    QByteArrayView source; // event.source
    QByteArrayView userData; // event.user_data
    QByteArrayView city, area, district, street, houseNumber; // event.location.*
    QUuid streamId; // event.stream_id, parsed once (StreamId says whether it is a UUID)

    double age = 0; // event.face_attributes.basic_attributes.age
    double topSimilarity = 0; // max of event.matches[].candidates[].similarity
    double longitude = 0, latitude = 0; // event.location.geo_position (both or neither)

    // The label of the match that holds the best candidate; empty if that match has no label.
    QByteArrayView topMatchLabel;
    std::span<const QByteArrayView> matchLabels; // every string event.matches[].label
    std::span<const QByteArrayView> tags; // every string of event.tags
    // B.basic_attributes.apparent_age: the aggregate's value alone when it has one, else one entry
    // per detection that has it (a range filter needs a single detection inside both bounds).
    std::span<const double> apparentAges;
};

} // namespace sender
