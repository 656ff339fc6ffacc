#include "filters/FilterParameters.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

using namespace Qt::StringLiterals;

namespace sender::filters {

namespace {

using enum ParamKind;

// String slots of the compiled filter: the first six are compared with one scalar string of the
// event, the seventh (labels) with a list of them.
const std::array<ParamSpec, kParamCount> kSpecs = {{
    {"sources"_L1, StringList, {}, {}, false, 0, 0, 0},
    {"matching_candidates_labels"_L1, StringList, {}, {}, false, 0, 0, 6},
    {"object_similarity__gte"_L1, Number, {}, Range::Similarity, true, 0, 1},
    {"object_similarity__lt"_L1, Number, {}, Range::Similarity, false, 0, 1},
    {"age__gte"_L1, Integer, {}, Range::Age, true, 0, 200},
    {"age__lt"_L1, Integer, {}, Range::Age, false, 0, 200},
    {"gender"_L1, Enum, AttributeSet::Gender},
    {"ethnic_groups"_L1, EnumList, AttributeSet::Ethnicity},
    {"liveness"_L1, EnumList, AttributeSet::Liveness},
    {"masks"_L1, EnumList, AttributeSet::Mask},
    {"emotions"_L1, EnumList, AttributeSet::Emotion},
    {"tags"_L1, TagList},
    {"user_data"_L1, Text},
    {"geo_position"_L1, Geo},
    {"cities"_L1, StringList, {}, {}, false, 0, 0, 1},
    {"areas"_L1, StringList, {}, {}, false, 0, 0, 2},
    {"districts"_L1, StringList, {}, {}, false, 0, 0, 3},
    {"streets"_L1, StringList, {}, {}, false, 0, 0, 4},
    {"house_numbers"_L1, StringList, {}, {}, false, 0, 0, 5},
    {"handler_ids"_L1, UuidList},
    {"stream_ids"_L1, UuidList},
    {"apparent_gender"_L1, EnumList, AttributeSet::ApparentGender},
    {"apparent_age__gte"_L1, Integer, {}, Range::ApparentAge, true, 0, 100},
    {"apparent_age__lt"_L1, Integer, {}, Range::ApparentAge, false, 0, 100},
    {"headwear_states"_L1, EnumList, AttributeSet::HeadwearState},
    {"sleeve_lengths"_L1, EnumList, AttributeSet::SleeveLength},
    {"upper_clothing_colors"_L1, EnumList, AttributeSet::UpperClothingColors},
    {"lower_garment_colors"_L1, EnumList, AttributeSet::LowerGarmentColors},
    {"lower_garment_types"_L1, EnumList, AttributeSet::LowerGarmentType},
    {"shoes_colors"_L1, EnumList, AttributeSet::ShoesColor},
    {"headwear_colors"_L1, EnumList, AttributeSet::HeadwearColor},
    {"backpack_states"_L1, EnumList, AttributeSet::BackpackState},
}};

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// Case-insensitive Levenshtein distance; only ever run on names of a few dozen bytes.
int editDistance(QByteArrayView a, QLatin1StringView b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            const int cost = lower(a[i - 1]) == lower(b[j - 1].toLatin1()) ? 0 : 1;
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row.back();
}

} // namespace

const ParamSpec &spec(Param param) noexcept
{
    return kSpecs[size_t(param)];
}

std::optional<Param> paramByName(QByteArrayView name) noexcept
{
    for (size_t i = 0; i < kSpecs.size(); ++i) {
        if (QByteArrayView(kSpecs[i].name.data(), kSpecs[i].name.size()) == name)
            return Param(i);
    }
    return std::nullopt;
}

QByteArray formatNumber(double value)
{
    char buffer[32];
    // -0 and 0 are the same bound; print both as "0" so canonical queries agree.
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value == 0 ? 0.0 : value);
    return QByteArray(buffer, qsizetype(result.ptr - buffer));
}

QString suggestionFor(QByteArrayView unknownName)
{
    if (unknownName.isEmpty() || unknownName.size() > 64)
        return {};
    // "age" alone names a range: point at both of its bounds.
    const QString base = QString::fromUtf8(unknownName);
    if (paramByName((base + u"__gte"_s).toUtf8()) && paramByName((base + u"__lt"_s).toUtf8()))
        return u" (did you mean '%1__gte' or '%1__lt'?)"_s.arg(base);
    int best = 1 << 30;
    QLatin1StringView bestName;
    for (const ParamSpec &s : kSpecs) {
        const int distance = editDistance(unknownName, s.name);
        if (distance < best) {
            best = distance;
            bestName = s.name;
        }
    }
    // Two edits catch a doubled or missing underscore, a typo and a plural; more would start
    // suggesting unrelated names for short words.
    const int allowed = unknownName.size() >= 12 ? 3 : 2;
    if (best <= allowed && best < unknownName.size())
        return u" (did you mean '%1'?)"_s.arg(bestName);
    return {};
}

} // namespace sender::filters
