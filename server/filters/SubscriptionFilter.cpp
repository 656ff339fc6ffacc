#include "filters/SubscriptionFilter.h"

#include "events/EventMessage.h"
#include "filters/CompiledFilter.h"

#include <bit>

namespace sender {

using filters::CompiledFilter;

namespace {

// The event field each scalar string slot of CompiledFilter::strings compares with.
constexpr QByteArrayView EventAttributes::*kScalarStringFields[CompiledFilter::kScalarStringSlots] =
    {&EventAttributes::source,   &EventAttributes::city,   &EventAttributes::area,
     &EventAttributes::district, &EventAttributes::street, &EventAttributes::houseNumber};

} // namespace

SubscriptionFilter::SubscriptionFilter() = default;

SubscriptionFilter::SubscriptionFilter(std::shared_ptr<const CompiledFilter> compiled)
    : d(std::move(compiled))
{ }

bool SubscriptionFilter::isEmpty() const noexcept
{
    return !d || d->given == 0;
}

const std::vector<QByteArray> *SubscriptionFilter::sources() const noexcept
{
    static_assert(kScalarStringFields[0] == &EventAttributes::source);
    if (!d || !(d->activeStrings & 1u))
        return nullptr;
    return &d->strings[0].items;
}

bool SubscriptionFilter::matches(const EventMessage &message, qsizetype eventIndex) const noexcept
{
    if (eventIndex < 0 || eventIndex >= message.eventCount())
        return false;
    if (!d)
        return true;
    const CompiledFilter &f = *d;
    const EventAttributes &a = message.attributes(eventIndex);

    // Cheapest rejections first: a missing attribute, then the enumerated attributes.
    if ((a.present & f.requiredFields) != f.requiredFields)
        return false;
    for (quint32 sets = f.activeSets; sets; sets &= sets - 1) {
        const int k = std::countr_zero(sets);
        if (!(a.sets[size_t(k)] & f.sets[size_t(k)]))
            return false;
    }
    const quint32 checks = f.checks;
    if ((checks & CompiledFilter::CheckSimilarity) && !f.similarity.contains(a.topSimilarity))
        return false;
    if ((checks & CompiledFilter::CheckAge) && !f.age.contains(a.age))
        return false;
    if ((checks & CompiledFilter::CheckGeo) && !f.geo.contains(a.longitude, a.latitude))
        return false;
    if (checks & CompiledFilter::CheckApparentAge) {
        bool inside = false;
        for (const double age : a.apparentAges)
            inside = inside || f.apparentAge.contains(age);
        if (!inside)
            return false;
    }
    for (quint32 slots = f.activeStrings; slots; slots &= slots - 1) {
        const int k = std::countr_zero(slots);
        if (!f.strings[size_t(k)].contains(a.*kScalarStringFields[k]))
            return false;
    }
    if ((checks & CompiledFilter::CheckLabels)
        && !f.strings[CompiledFilter::kLabelSlot].intersects(a.matchLabels))
        return false;
    if (checks & CompiledFilter::CheckTags) {
        for (const QByteArray &tag : f.tags) {
            bool found = false;
            for (const QByteArrayView eventTag : a.tags)
                found = found || eventTag == QByteArrayView(tag);
            if (!found)
                return false;
        }
    }
    if ((checks & CompiledFilter::CheckUserData) && a.userData.indexOf(f.userData) < 0)
        return false;
    if (checks & CompiledFilter::CheckHandlerIds) {
        if (!message.handlerIdIsUuid())
            return false;
        const QUuid id = message.handlerId();
        bool found = false;
        for (const QUuid &allowed : f.handlerIds)
            found = found || allowed == id;
        if (!found)
            return false;
    }
    if (checks & CompiledFilter::CheckStreamIds) {
        bool found = false;
        for (const QUuid &allowed : f.streamIds)
            found = found || allowed == a.streamId;
        if (!found)
            return false;
    }
    return true;
}

} // namespace sender
