#pragma once

#include "events/AttributeVocabulary.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QString>

#include <optional>

namespace sender::filters {

// The 32 query parameters of contract section 5, in the contract's order (which is also the order
// of canonicalQuery() and describe()).
enum class Param : quint8 {
    Sources,
    MatchingCandidatesLabels,
    ObjectSimilarityGte,
    ObjectSimilarityLt,
    AgeGte,
    AgeLt,
    Gender,
    EthnicGroups,
    Liveness,
    Masks,
    Emotions,
    Tags,
    UserData,
    GeoPosition,
    Cities,
    Areas,
    Districts,
    Streets,
    HouseNumbers,
    HandlerIds,
    StreamIds,
    ApparentGender,
    ApparentAgeGte,
    ApparentAgeLt,
    HeadwearStates,
    SleeveLengths,
    UpperClothingColors,
    LowerGarmentColors,
    LowerGarmentTypes,
    ShoesColors,
    HeadwearColors,
    BackpackStates,
};
inline constexpr int kParamCount = int(Param::BackpackStates) + 1;

enum class ParamKind : quint8 {
    StringList, // any-of exact strings (or "any label in common" for matching_candidates_labels)
    TagList, // all given must be present; each at most 36 code points
    UuidList,
    EnumList, // codes or names of an AttributeSet
    Enum, // a single code (gender)
    Integer, // a bound
    Number, // a bound
    Text, // user_data
    Geo,
};

// Which numeric range a bound parameter belongs to.
enum class Range : quint8 { None, Similarity, Age, ApparentAge };

struct ParamSpec
{
    QLatin1StringView name;
    ParamKind kind;
    AttributeSet::Id set = AttributeSet::Gender; // EnumList, Enum
    Range range = Range::None; // Integer, Number
    bool isLowerBound = false; // __gte (else __lt)
    double min = 0, max = 0; // Integer, Number
    int stringSlot = -1; // StringList: index into the compiled filter's string sets
};

const ParamSpec &spec(Param param) noexcept;
std::optional<Param> paramByName(QByteArrayView name) noexcept;
// The shortest text that reads back as the same double ("0.5", "36.616", "1e-05").
QByteArray formatNumber(double value);

// " (did you mean 'age__gte'?)" for a near miss of a known name, else empty.
QString suggestionFor(QByteArrayView unknownName);

} // namespace sender::filters
