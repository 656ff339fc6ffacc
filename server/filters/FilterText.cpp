#include "filters/CompiledFilter.h"
#include "filters/PercentEncoding.h"
#include "filters/SubscriptionFilter.h"

using namespace Qt::StringLiterals;

// The filter as text: the canonical query (the hub's key for sharing one compiled filter between
// connections) and the readable conditions of the console.

namespace sender {

using namespace filters;

namespace {

const QString kAnyOf = u"∈"_s;
const QString kHasAnyOf = u"has any of"_s;
const QString kHasAllOf = u"has all of"_s;

// The values of a parameter in canonical order, as query text (still to be percent-encoded).
QList<QByteArray> canonicalValues(const CompiledFilter &f, Param p)
{
    const ParamSpec &s = spec(p);
    QList<QByteArray> values;
    switch (s.kind) {
    case ParamKind::StringList:
        for (const QByteArray &item : f.strings[size_t(s.stringSlot)].items)
            values += item;
        break;
    case ParamKind::TagList:
        for (const QByteArray &tag : f.tags)
            values += tag;
        break;
    case ParamKind::UuidList:
        for (const QUuid &id : f.uuids(p))
            values += id.toByteArray(QUuid::WithoutBraces);
        break;
    case ParamKind::EnumList:
    case ParamKind::Enum: {
        const Vocabulary &vocabulary = sender::vocabulary(s.set);
        for (const VocabularyTerm &term : vocabulary.terms) {
            if (f.sets[s.set] & (1u << term.code))
                values += vocabulary.queryUsesCodes
                    ? QByteArray::number(term.code)
                    : QByteArray(term.name.data(), term.name.size());
        }
        break;
    }
    case ParamKind::Integer:
    case ParamKind::Number: {
        const Bounds &bounds = s.range == Range::Similarity ? f.similarity
            : s.range == Range::Age                         ? f.age
                                                            : f.apparentAge;
        values += formatNumber(s.isLowerBound ? bounds.min : bounds.max);
        break;
    }
    case ParamKind::Text:
        values += f.userData;
        break;
    case ParamKind::Geo:
        values << "origin_longitude" << formatNumber(f.geo.originLongitude) << "origin_latitude"
               << formatNumber(f.geo.originLatitude) << "longitude_delta"
               << formatNumber(f.geo.longitudeDelta) << "latitude_delta"
               << formatNumber(f.geo.latitudeDelta);
        break;
    }
    return values;
}

// The attribute a bound reads: "age" for age__gte and age__lt.
QString boundAttribute(const ParamSpec &s)
{
    const QString name = s.name;
    return name.left(name.lastIndexOf(u"__"_s));
}

FilterCondition conditionOf(const CompiledFilter &f, Param p)
{
    const ParamSpec &s = spec(p);
    const QList<QByteArray> raw = canonicalValues(f, p);
    FilterCondition c;
    c.parameter = s.name;
    for (const QByteArray &value : raw)
        c.values += QString::fromUtf8(value);
    switch (s.kind) {
    case ParamKind::StringList:
        c.op = p == Param::MatchingCandidatesLabels ? kHasAnyOf : kAnyOf;
        break;
    case ParamKind::TagList:
        c.op = kHasAllOf;
        break;
    case ParamKind::UuidList:
        c.op = kAnyOf;
        break;
    case ParamKind::EnumList:
    case ParamKind::Enum: {
        // Names read better than codes on the console.
        const Vocabulary &vocabulary = sender::vocabulary(s.set);
        c.values.clear();
        for (const VocabularyTerm &term : vocabulary.terms) {
            if (f.sets[s.set] & (1u << term.code))
                c.values += QString(term.name);
        }
        const bool listAttribute =
            s.set == AttributeSet::UpperClothingColors || s.set == AttributeSet::LowerGarmentColors;
        c.op = s.kind == ParamKind::Enum ? u"="_s : listAttribute ? kHasAnyOf : kAnyOf;
        break;
    }
    case ParamKind::Integer:
    case ParamKind::Number:
        c.parameter = boundAttribute(s);
        c.op = s.isLowerBound ? u"≥"_s : u"<"_s;
        break;
    case ParamKind::Text:
        c.op = u"contains"_s;
        break;
    case ParamKind::Geo:
        c.op = u"within"_s;
        c.values = {
            u"longitude %1 ± %2"_s.arg(QString::fromLatin1(formatNumber(f.geo.originLongitude)),
                                       QString::fromLatin1(formatNumber(f.geo.longitudeDelta))),
            u"latitude %1 ± %2"_s.arg(QString::fromLatin1(formatNumber(f.geo.originLatitude)),
                                      QString::fromLatin1(formatNumber(f.geo.latitudeDelta)))};
        break;
    }
    return c;
}

} // namespace

QString FilterCondition::text() const
{
    if (op == kAnyOf || op == kHasAnyOf || op == kHasAllOf)
        return parameter + u' ' + op + u" {"_s + values.join(u", "_s) + u'}';
    if (op == u"contains"_s)
        return parameter + u" contains \""_s + values.join(u", "_s) + u'"';
    return parameter + u' ' + op + u' ' + values.join(u", "_s);
}

QString SubscriptionFilter::canonicalQuery() const
{
    if (isEmpty())
        return {};
    QByteArray query;
    for (int i = 0; i < kParamCount; ++i) {
        const auto p = Param(i);
        if (!d->has(p))
            continue;
        if (!query.isEmpty())
            query += '&';
        query += QByteArrayView(spec(p).name.data(), spec(p).name.size());
        query += '=';
        // Items never contain ',' (lists are split on it after decoding), so a literal ','
        // can join them; everything else that is not unreserved is percent-encoded.
        const QList<QByteArray> values = canonicalValues(*d, p);
        for (qsizetype v = 0; v < values.size(); ++v) {
            if (v > 0)
                query += ',';
            percentEncodeAppend(values[v], query);
        }
    }
    return QString::fromLatin1(query);
}

QList<FilterCondition> SubscriptionFilter::conditions() const
{
    QList<FilterCondition> list;
    if (isEmpty())
        return list;
    for (int i = 0; i < kParamCount; ++i) {
        if (d->has(Param(i)))
            list += conditionOf(*d, Param(i));
    }
    return list;
}

QString SubscriptionFilter::describe() const
{
    if (isEmpty())
        return u"all events"_s;
    QStringList parts;
    for (const FilterCondition &c : conditions())
        parts += c.text();
    return parts.join(u" AND "_s);
}

} // namespace sender
