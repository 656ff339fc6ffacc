#include "events/AttributeVocabulary.h"

#include <array>

using namespace Qt::StringLiterals;

namespace sender {

namespace {

constexpr VocabularyTerm kGender[] = {{0, "female"_L1}, {1, "male"_L1}};
constexpr VocabularyTerm kEthnicity[] = {
    {1, "african_american"_L1}, {2, "indian"_L1}, {3, "asian"_L1}, {4, "caucasian"_L1}};
constexpr VocabularyTerm kLiveness[] = {{0, "spoof"_L1}, {1, "real"_L1}, {2, "unknown"_L1}};
constexpr VocabularyTerm kMask[] = {{1, "missing"_L1}, {2, "medical_mask"_L1}, {3, "occluded"_L1}};
constexpr VocabularyTerm kEmotion[] = {{1, "anger"_L1},     {2, "disgust"_L1}, {3, "fear"_L1},
                                       {4, "happiness"_L1}, {5, "neutral"_L1}, {6, "sadness"_L1},
                                       {7, "surprise"_L1}};
constexpr VocabularyTerm kApparentGender[] = {
    {0, "female"_L1}, {1, "male"_L1}, {2, "undefined"_L1}};
constexpr VocabularyTerm kPresence[] = {{0, "absent"_L1}, {1, "present"_L1}, {2, "undefined"_L1}};
constexpr VocabularyTerm kSleeve[] = {{0, "short"_L1}, {1, "long"_L1}, {2, "undefined"_L1}};
constexpr VocabularyTerm kExpandedPalette[] = {
    {0, "black"_L1},  {1, "blue"_L1},          {2, "green"_L1},     {3, "gray"_L1},
    {4, "orange"_L1}, {5, "purple"_L1},        {6, "red"_L1},       {7, "white"_L1},
    {8, "yellow"_L1}, {9, "pink"_L1},          {10, "brown"_L1},    {11, "beige"_L1},
    {12, "khaki"_L1}, {13, "multicolored"_L1}, {14, "undefined"_L1}};
constexpr VocabularyTerm kLowerGarmentType[] = {
    {0, "trousers"_L1}, {1, "shorts"_L1}, {2, "skirt"_L1}, {3, "undefined"_L1}};
constexpr VocabularyTerm kShortPalette[] = {
    {0, "black"_L1}, {1, "other"_L1}, {2, "white"_L1}, {3, "undefined"_L1}};

const std::array<Vocabulary, AttributeSet::Count> kVocabularies = {{
    {kGender, true, true}, // Gender
    {kEthnicity, true, true}, // Ethnicity
    {kLiveness, true, true}, // Liveness
    {kMask, true, true}, // Mask
    {kEmotion, true, true}, // Emotion
    {kApparentGender, true, true}, // ApparentGender
    {kPresence, true, true}, // HeadwearState
    {kShortPalette, false, false}, // HeadwearColor
    {kSleeve, false, false}, // SleeveLength
    {kExpandedPalette, false, false}, // UpperClothingColors
    {kExpandedPalette, false, false}, // LowerGarmentColors
    {kLowerGarmentType, false, true}, // LowerGarmentType
    {kShortPalette, false, false}, // ShoesColor
    {kPresence, true, true}, // BackpackState
}};

} // namespace

std::optional<quint8> Vocabulary::codeOfName(QByteArrayView name) const noexcept
{
    for (const VocabularyTerm &term : terms) {
        if (QByteArrayView(term.name.data(), term.name.size()) == name)
            return term.code;
    }
    return std::nullopt;
}

bool Vocabulary::hasCode(qint64 code) const noexcept
{
    for (const VocabularyTerm &term : terms) {
        if (term.code == code)
            return true;
    }
    return false;
}

QLatin1StringView Vocabulary::nameOf(quint8 code) const noexcept
{
    for (const VocabularyTerm &term : terms) {
        if (term.code == code)
            return term.name;
    }
    return {};
}

const Vocabulary &vocabulary(AttributeSet::Id set) noexcept
{
    return kVocabularies[set];
}

} // namespace sender
