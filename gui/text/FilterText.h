#pragma once

#include "filters/SubscriptionFilter.h"

namespace sender {

// The console's wording of a filter: the same conditions as SubscriptionFilter::describe(), with
// the words (not the parameter names or values, which are the API's) in the console's language.
QString operatorText(const FilterCondition &condition); // "≥", "has any of" (translated)
QString conditionText(const FilterCondition &condition);
QString describeFilter(const SubscriptionFilter &filter);
// For a canonical query as ConnectionSnapshot carries it; the query itself when it does not parse.
QString describeQuery(const QString &canonicalQuery);

} // namespace sender
