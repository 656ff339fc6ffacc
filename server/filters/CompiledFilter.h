#pragma once

#include "events/EventAttributes.h"
#include "filters/FilterParameters.h"

#include <QByteArray>
#include <QUuid>

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace sender::filters {

inline std::string_view sv(QByteArrayView v) noexcept
{
    return std::string_view(v.data(), size_t(v.size()));
}

// A sorted, duplicate-free set of UTF-8 strings; lookups never allocate.
struct StringSet
{
    std::vector<QByteArray> items;

    void normalize()
    {
        std::sort(items.begin(), items.end(),
                  [](const QByteArray &a, const QByteArray &b) { return sv(a) < sv(b); });
        items.erase(std::unique(items.begin(), items.end()), items.end());
    }
    bool contains(QByteArrayView value) const noexcept
    {
        // Short lists (the usual case) are cheaper to scan than to bisect.
        if (items.size() <= 8) {
            for (const QByteArray &item : items) {
                if (QByteArrayView(item) == value)
                    return true;
            }
            return false;
        }
        const auto it = std::lower_bound(
            items.begin(), items.end(), sv(value),
            [](const QByteArray &item, std::string_view v) { return sv(item) < v; });
        return it != items.end() && sv(*it) == sv(value);
    }
    bool intersects(std::span<const QByteArrayView> values) const noexcept
    {
        for (const QByteArrayView value : values) {
            if (contains(value))
                return true;
        }
        return false;
    }
};

struct Bounds
{
    double min = -std::numeric_limits<double>::infinity(); // inclusive
    double max = std::numeric_limits<double>::infinity(); // exclusive
    bool contains(double v) const noexcept { return v >= min && v < max; }
};

struct GeoBox
{
    double originLongitude = 0, originLatitude = 0;
    double longitudeDelta = 0.01, latitudeDelta = 0.01;
    // The inclusive box, widened by a hair so that decimal edges (36.616 + 0.01 = 36.626) are
    // inside although their binary sums round either way.
    double minLongitude = 0, maxLongitude = 0, minLatitude = 0, maxLatitude = 0;

    void computeBox()
    {
        constexpr double kSlack = 1e-9;
        minLongitude = originLongitude - longitudeDelta - kSlack;
        maxLongitude = originLongitude + longitudeDelta + kSlack;
        minLatitude = originLatitude - latitudeDelta - kSlack;
        maxLatitude = originLatitude + latitudeDelta + kSlack;
    }
    bool contains(double longitude, double latitude) const noexcept
    {
        return longitude >= minLongitude && longitude <= maxLongitude && latitude >= minLatitude
            && latitude <= maxLatitude;
    }
};

// The compiled form of a subscription's query: everything matches() reads, laid out so that a
// check is a few masks and compares. Immutable once built, shared between copies of a filter.
struct CompiledFilter
{
    // Checks beyond the presence and bit-set tests, in the order matches() runs them.
    enum Check : quint32 {
        CheckSimilarity = 1u << 0,
        CheckAge = 1u << 1,
        CheckApparentAge = 1u << 2,
        CheckGeo = 1u << 3,
        CheckLabels = 1u << 4,
        CheckTags = 1u << 5,
        CheckUserData = 1u << 6,
        CheckHandlerIds = 1u << 7,
        CheckStreamIds = 1u << 8,
    };
    static constexpr int kScalarStringSlots =
        6; // sources, cities, areas, districts, streets, house_numbers
    static constexpr int kLabelSlot = 6;

    quint64 given = 0; // bit (1 << Param) for every parameter in the query
    quint32 requiredFields = 0; // EventAttributes::Field bits the event must carry
    quint32 checks = 0;
    quint32 activeSets = 0; // AttributeSet bits to test
    quint32 activeStrings = 0; // scalar string slots to test
    std::array<quint16, AttributeSet::Count> sets {};
    Bounds similarity, age, apparentAge;
    GeoBox geo;
    std::array<StringSet, 7> strings;
    std::vector<QByteArray> tags; // sorted, unique
    QByteArray userData;
    std::vector<QUuid> handlerIds; // sorted, unique
    std::vector<QUuid> streamIds; // sorted, unique

    bool has(Param p) const noexcept { return given & (quint64(1) << int(p)); }
    // The values of a UuidList parameter (handler_ids or stream_ids).
    std::vector<QUuid> &uuids(Param p) noexcept
    {
        return p == Param::StreamIds ? streamIds : handlerIds;
    }
    const std::vector<QUuid> &uuids(Param p) const noexcept
    {
        return p == Param::StreamIds ? streamIds : handlerIds;
    }
};

} // namespace sender::filters
