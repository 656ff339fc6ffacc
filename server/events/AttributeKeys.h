#pragma once

#include "events/EventAttributes.h"

#include <QByteArrayView>

#include <span>

namespace sender {

// The keys of a message that subscription filters read (contract section 5), one row per key.
// The extractor fills EventAttributes from the Text and Codes rows, the console highlights every
// row's path with its filters. A new filterable string or enumerated key is one row here (plus its
// field in EventAttributes and its filter); a Bespoke row is read by the extractor's own code
// because its value needs more than a copy (the best match, both coordinates, per-detection ages).
struct AttributeKey
{
    enum class Root : quint8 {
        Message, // the envelope: {"handler_id": ..., "events": [...]}
        Event, // one element of "events"
        Face, // the face attributes: the aggregate's, else every detection's (see below)
        Body, // the body attributes, likewise
    };
    enum class Value : quint8 { Bespoke, Text, Codes };

    Root root;
    const char *path; // below root, dotted; "[]" stands for an array's elements
    const char *filters; // the query parameters that read it, comma-separated; "" for none
    Value value = Value::Bespoke;
    // Text: a string copied (escapes decoded) into this field, marking `field` present.
    QByteArrayView EventAttributes::*text = nullptr;
    EventAttributes::Field field = {};
    // Codes: the value's names (or codes) as the bit set of this vocabulary.
    AttributeSet::Id set = {};
    // The value may be an array whose elements the filters read ("tags" and "tags[]").
    bool elements = false;
};

std::span<const AttributeKey> attributeKeys();

// Where Face and Body attributes sit in an event: the aggregate's, then each detection's:
//   aggregate_estimations.<subject>.attributes and
//   detections[].samples.<subject>.detection.attributes
inline constexpr QByteArrayView kAggregateKey = "aggregate_estimations";
inline constexpr QByteArrayView kDetectionsKey = "detections";
inline constexpr QByteArrayView kSamplesKey = "samples";
inline constexpr QByteArrayView kDetectionKey = "detection";
inline constexpr QByteArrayView kAttributesKey = "attributes";
QByteArrayView subjectKey(AttributeKey::Root root); // "face", "body"; empty for the others

} // namespace sender
