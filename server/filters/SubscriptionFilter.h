#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace sender {

class EventMessage;
namespace filters {
struct CompiledFilter;
}

struct FilterError
{
    QString parameter; // the exact query name
    QString detail; // what is wrong, readable
};

// One condition of a filter, for the console: {"age", "≥", {"50"}} reads "age ≥ 50".
struct FilterCondition
{
    QString parameter;
    QString op;
    QStringList values;
    QString text() const;
    friend bool operator==(const FilterCondition &, const FilterCondition &) = default;
};

// The compiled filters of one subscription (contract section 5). Immutable and cheap to copy: the
// compiled data is shared between copies.
class SubscriptionFilter
{
public:
    SubscriptionFilter(); // no condition: passes everything

    // rawQuery: the URL query exactly as received (after '?', still percent-encoded).
    static std::optional<SubscriptionFilter> parse(QByteArrayView rawQuery, FilterError *error);

    // Allocation-free; an index outside the message never matches.
    bool matches(const EventMessage &message, qsizetype eventIndex) const noexcept;
    bool isEmpty() const noexcept;
    // The values of its `sources` condition (sorted, unique), or null when it has none: an event
    // whose source is not among them never matches, so the hub can index groups by them.
    const std::vector<QByteArray> *sources() const noexcept;
    // Equal filter sets give equal strings (order and duplicates normalised); itself a valid query.
    QString canonicalQuery() const;
    QList<FilterCondition> conditions() const;
    // "age ≥ 50 AND gender = male AND sources ∈ {cam1, cam2}"; "all events" when empty.
    QString describe() const;

private:
    explicit SubscriptionFilter(std::shared_ptr<const filters::CompiledFilter> compiled);

    std::shared_ptr<const filters::CompiledFilter> d;
};

} // namespace sender
