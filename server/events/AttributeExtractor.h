#pragma once

#include "events/AttributeKeys.h"
#include "events/EventAttributes.h"
#include "events/JsonTape.h"

#include <forward_list>
#include <string>
#include <vector>

namespace sender::detail {

// Fills EventAttributes from the parsed tape of a message. Internal to EventMessage::parse: list
// values are collected first and bound to their final storage by bindLists(), because the
// collecting vectors move while they grow.
class AttributeExtractor
{
public:
    AttributeExtractor(const json::Tape &tape, std::forward_list<std::string> &decodedStrings)
        : m_tape(tape)
        , m_decoded(decodedStrings)
    { }

    void extract(quint32 eventNode, EventAttributes &out);
    // Moves the collected lists into their owner and points every extracted event's spans there.
    void bindLists(std::vector<QByteArrayView> &strings, std::vector<double> &numbers);

    // A string value with its escapes decoded (into the message's storage when it has any).
    std::optional<QByteArrayView> string(quint32 node);

private:
    struct ListRefs
    {
        EventAttributes *attributes = nullptr;
        size_t labels = 0, labelCount = 0;
        size_t tags = 0, tagCount = 0;
        size_t ages = 0, ageCount = 0;
    };

    void extractMatches(quint32 matches, EventAttributes &out, ListRefs &refs);
    // The Text and Codes rows of attributeKeys() below the event.
    void extractEventKeys(quint32 event, EventAttributes &out);
    void extractAge(quint32 basic, EventAttributes &out);
    void extractGeoPosition(quint32 location, EventAttributes &out);
    void extractFaceAndBody(quint32 event, EventAttributes &out, ListRefs &refs);
    // The codes a value names: a name, an integer code where the vocabulary allows it, or an array
    // of those. Unknown values contribute nothing.
    quint16 codesOf(quint32 node, AttributeSet::Id set);

    const json::Tape &m_tape;
    std::forward_list<std::string> &m_decoded;
    std::vector<QByteArrayView> m_strings;
    std::vector<double> m_numbers;
    std::vector<ListRefs> m_refs;
    std::vector<quint32> m_faceDetections;
    std::vector<quint32> m_bodyDetections;
};

} // namespace sender::detail
