#pragma once

#include <QByteArrayView>
#include <QLatin1StringView>

#include <optional>
#include <span>

namespace sender {

// The enumerated attributes of an event. Each is held as a bit set of the codes the event carries
// (bit n = code n), so a list filter is one AND and a compare.
namespace AttributeSet {
enum Id : quint8 {
    Gender,
    Ethnicity,
    Liveness,
    Mask,
    Emotion,
    ApparentGender,
    HeadwearState,
    HeadwearColor,
    SleeveLength,
    UpperClothingColors,
    LowerGarmentColors,
    LowerGarmentType,
    ShoesColor,
    BackpackState,
};
inline constexpr int Count = BackpackState + 1;
} // namespace AttributeSet

// One allowed value: its code (the bit it sets) and its name.
struct VocabularyTerm
{
    quint8 code;
    QLatin1StringView name;
};

struct Vocabulary
{
    std::span<const VocabularyTerm> terms;
    // Contract section 5 writes these as integers in the query (gender=1); the others by name.
    bool queryUsesCodes;
    // Events of some LUNA versions carry the integer code instead of the name.
    bool eventMayUseCodes;

    std::optional<quint8> codeOfName(QByteArrayView name) const noexcept;
    bool hasCode(qint64 code) const noexcept;
    QLatin1StringView nameOf(quint8 code) const noexcept;
};

const Vocabulary &vocabulary(AttributeSet::Id set) noexcept;

} // namespace sender
