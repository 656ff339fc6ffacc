// Fuzzes SubscriptionFilter::parse with arbitrary query strings. Beyond "never crash": a rejected
// query names a parameter problem, an accepted one has a canonical form that is a fixed point
// (parses back to itself) and decides every sample event exactly like the original.
#include "FuzzSamples.h"
#include "filters/FilterParameters.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView query(reinterpret_cast<const char *>(data), qsizetype(size));
    sender::FilterError error;
    const std::optional<sender::SubscriptionFilter> filter =
        sender::SubscriptionFilter::parse(query, &error);
    if (!filter) {
        fuzz::require(!error.detail.isEmpty());
        return 0;
    }

    const QString canonical = filter->canonicalQuery();
    for (const QChar c : canonical)
        fuzz::require(c.unicode() > 0x20 && c.unicode() < 0x7F); // percent-encoded ASCII only
    const std::optional<sender::SubscriptionFilter> again =
        sender::SubscriptionFilter::parse(canonical.toLatin1(), &error);
    fuzz::require(again.has_value());
    fuzz::require(again->canonicalQuery() == canonical);
    fuzz::require(again->describe() == filter->describe());
    fuzz::require(filter->isEmpty() == canonical.isEmpty());
    fuzz::require(filter->conditions().size() <= sender::filters::kParamCount);

    for (const auto &message : fuzz::sampleMessages()) {
        for (qsizetype i = 0; i < message->eventCount(); ++i)
            fuzz::require(filter->matches(*message, i) == again->matches(*message, i));
        fuzz::require(!filter->matches(*message, message->eventCount()));
    }
    return 0;
}
