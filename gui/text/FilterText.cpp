#include "gui/text/FilterText.h"

#include <QCoreApplication>

namespace sender {

namespace {

QString translatedOperator(const QString &op)
{
    if (op == u"has any of")
        return QCoreApplication::translate("FilterText", "has any of");
    if (op == u"has all of")
        return QCoreApplication::translate("FilterText", "has all of");
    if (op == u"contains")
        return QCoreApplication::translate("FilterText", "contains");
    if (op == u"within")
        return QCoreApplication::translate("FilterText", "within");
    return op; // symbols: ∈ ≥ < =
}

} // namespace

QString operatorText(const FilterCondition &c)
{
    return translatedOperator(c.op);
}

QString conditionText(const FilterCondition &c)
{
    const QString op = translatedOperator(c.op);
    const QString values = c.values.join(QStringLiteral(", "));
    if (c.op == u"∈" || c.op == u"has any of" || c.op == u"has all of")
        return c.parameter + u' ' + op + QStringLiteral(" {") + values + u'}';
    if (c.op == u"contains")
        return c.parameter + u' ' + op + QStringLiteral(" \"") + values + u'"';
    return c.parameter + u' ' + op + u' ' + values;
}

QString describeFilter(const SubscriptionFilter &filter)
{
    if (filter.isEmpty())
        return QCoreApplication::translate("FilterText", "all events");
    QStringList parts;
    for (const FilterCondition &c : filter.conditions())
        parts += conditionText(c);
    return parts.join(QCoreApplication::translate("FilterText", " AND "));
}

QString describeQuery(const QString &canonicalQuery)
{
    FilterError error;
    const std::optional<SubscriptionFilter> filter =
        SubscriptionFilter::parse(canonicalQuery.toUtf8(), &error);
    return filter ? describeFilter(*filter) : canonicalQuery;
}

} // namespace sender
