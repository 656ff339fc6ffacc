#include "events/Utf8.h"
#include "filters/CompiledFilter.h"
#include "filters/PercentEncoding.h"
#include "filters/QueryValues.h"
#include "filters/SubscriptionFilter.h"
#include "util/StrictUuid.h"

#include <charconv>

using namespace Qt::StringLiterals;

namespace sender {

using namespace filters;

namespace {

constexpr qsizetype kMaxTagLength = 36; // code points (contract section 5)

// Reads the query left to right and stops at the first problem, so the error the client gets is
// the first one in its own query.
class QueryParser
{
public:
    explicit QueryParser(FilterError *error)
        : m_error(error)
    { }

    std::shared_ptr<CompiledFilter> run(QByteArrayView rawQuery);

private:
    bool fail(const QString &parameter, const QString &detail)
    {
        if (m_error)
            *m_error = FilterError {parameter, detail};
        return false;
    }
    bool fail(Param p, const QString &detail) { return fail(QString(spec(p).name), detail); }

    bool addPiece(QByteArrayView piece);
    bool addListItem(Param p, QByteArrayView item, qsizetype position);
    bool setScalar(Param p, QByteArrayView value);
    std::optional<qint64> integerIn(Param p, QByteArrayView text, double min, double max);
    std::optional<double> numberIn(const QString &what, Param p, QByteArrayView text, double min,
                                   double max, bool openMin = false);
    bool setGeo(QByteArrayView value);

    FilterError *m_error;
    std::shared_ptr<CompiledFilter> m_f = std::make_shared<CompiledFilter>();
    QByteArray m_name, m_value;
};

std::shared_ptr<CompiledFilter> QueryParser::run(QByteArrayView rawQuery)
{
    qsizetype start = 0;
    while (start <= rawQuery.size()) {
        qsizetype end = rawQuery.indexOf('&', start);
        if (end < 0)
            end = rawQuery.size();
        const QByteArrayView piece = rawQuery.sliced(start, end - start);
        if (!piece.isEmpty() && !addPiece(piece))
            return nullptr;
        start = end + 1;
    }

    CompiledFilter &f = *m_f;
    for (StringSet &set : f.strings)
        set.normalize();
    std::sort(f.tags.begin(), f.tags.end(),
              [](const QByteArray &a, const QByteArray &b) { return sv(a) < sv(b); });
    f.tags.erase(std::unique(f.tags.begin(), f.tags.end()), f.tags.end());
    for (std::vector<QUuid> *ids : {&f.handlerIds, &f.streamIds}) {
        std::sort(ids->begin(), ids->end());
        ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    if (f.has(Param::GeoPosition))
        f.geo.computeBox();
    return m_f;
}

bool QueryParser::addPiece(QByteArrayView piece)
{
    const qsizetype equals = piece.indexOf('=');
    const QByteArrayView rawName = equals < 0 ? piece : piece.first(equals);
    const QByteArrayView rawValue = equals < 0 ? QByteArrayView() : piece.sliced(equals + 1);

    qsizetype bad = 0;
    if (!percentDecode(rawName, m_name, &bad)) {
        return fail(QString::fromUtf8(rawName),
                    u"broken percent-escape %1 in the parameter name"_s.arg(quoted(
                        rawName.sliced(bad).first(qMin<qsizetype>(3, rawName.size() - bad)))));
    }
    if (!utf8::isValid(m_name))
        return fail(QString::fromUtf8(m_name), u"the parameter name is not valid UTF-8"_s);
    const std::optional<Param> param = paramByName(m_name);
    if (!param) {
        return fail(QString::fromUtf8(m_name),
                    u"unknown parameter %1%2"_s.arg(quoted(m_name), suggestionFor(m_name)));
    }
    const ParamSpec &s = spec(*param);
    if (!percentDecode(rawValue, m_value, &bad)) {
        return fail(
            *param,
            u"broken percent-escape %1 at byte %2 of the value"_s.arg(
                quoted(rawValue.sliced(bad).first(qMin<qsizetype>(3, rawValue.size() - bad))),
                QString::number(bad)));
    }
    if (const qsizetype invalid = utf8::firstInvalidByte(m_value); invalid >= 0) {
        return fail(
            *param,
            u"the value is not valid UTF-8 (byte %1 after percent-decoding)"_s.arg(invalid));
    }

    const bool isList = s.kind == ParamKind::StringList || s.kind == ParamKind::TagList
        || s.kind == ParamKind::UuidList || s.kind == ParamKind::EnumList;
    if (!isList) {
        if (m_f->has(*param))
            return fail(*param,
                        u"'%1' is given more than once; it takes a single value"_s.arg(s.name));
        m_f->given |= quint64(1) << int(*param);
        return setScalar(*param, m_value);
    }
    m_f->given |= quint64(1) << int(*param);
    // Lists are split after decoding, so "%2C" separates items just like ','.
    qsizetype itemStart = 0;
    for (qsizetype position = 1;; ++position) {
        qsizetype comma = QByteArrayView(m_value).indexOf(',', itemStart);
        const bool last = comma < 0;
        if (last)
            comma = m_value.size();
        const QByteArrayView item = QByteArrayView(m_value).sliced(itemStart, comma - itemStart);
        if (item.isEmpty()) {
            return fail(*param,
                        u"'%1' has an empty item at position %2 (expected a comma-separated list "
                        u"such as 'a,b')"_s.arg(s.name, QString::number(position)));
        }
        if (!addListItem(*param, item, position))
            return false;
        if (last)
            return true;
        itemStart = comma + 1;
    }
}

bool QueryParser::addListItem(Param p, QByteArrayView item, qsizetype position)
{
    const ParamSpec &s = spec(p);
    CompiledFilter &f = *m_f;
    switch (s.kind) {
    case ParamKind::StringList:
        f.strings[size_t(s.stringSlot)].items.push_back(item.toByteArray());
        if (s.stringSlot == CompiledFilter::kLabelSlot)
            f.checks |= CompiledFilter::CheckLabels;
        else
            f.activeStrings |= 1u << s.stringSlot;
        return true;
    case ParamKind::TagList:
        if (const qsizetype length = utf8::codePointCount(item); length > kMaxTagLength) {
            return fail(p,
                        u"'tags' item %1 has %2 characters; a tag has at most %3"_s.arg(
                            quoted(item), QString::number(length), QString::number(kMaxTagLength)));
        }
        f.tags.push_back(item.toByteArray());
        f.checks |= CompiledFilter::CheckTags;
        return true;
    case ParamKind::UuidList:
        if (const std::optional<QUuid> uuid = parseStrictUuid(item)) {
            f.uuids(p).push_back(*uuid);
            if (p == Param::StreamIds) {
                // An event without a (UUID) stream_id does not pass: a presence bit says so.
                f.requiredFields |= EventAttributes::StreamId;
                f.checks |= CompiledFilter::CheckStreamIds;
            } else {
                f.checks |= CompiledFilter::CheckHandlerIds;
            }
            return true;
        }
        return fail(p,
                    u"'%1' item %2 is not a UUID (expected 8-4-4-4-12 hexadecimal digits)"_s.arg(
                        s.name, quoted(item)));
    case ParamKind::EnumList: {
        const Vocabulary &vocabulary = sender::vocabulary(s.set);
        std::optional<quint8> code;
        if (vocabulary.queryUsesCodes) {
            if (item.size() <= 3 && std::all_of(item.begin(), item.end(), [](char c) {
                    return c >= '0' && c <= '9';
                })) {
                const int value = QByteArrayView(item).toInt();
                if (vocabulary.hasCode(value))
                    code = quint8(value);
            }
        } else {
            code = vocabulary.codeOfName(item);
        }
        if (!code) {
            return fail(
                p,
                u"'%1' item %2 (position %3) is not one of %4"_s.arg(
                    s.name, quoted(item), QString::number(position), allowedValues(vocabulary)));
        }
        f.sets[s.set] |= quint16(1u << *code);
        f.activeSets |= 1u << s.set;
        return true;
    }
    default:
        Q_UNREACHABLE();
    }
    return false;
}

std::optional<qint64> QueryParser::integerIn(Param p, QByteArrayView text, double min, double max)
{
    const ParamSpec &s = spec(p);
    const bool negative = text.startsWith('-');
    const QByteArrayView digits = negative ? text.sliced(1) : text;
    const bool allDigits = !digits.isEmpty()
        && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!allDigits) {
        fail(p, u"'%1' must be an integer, got %2"_s.arg(s.name, quoted(text)));
        return std::nullopt;
    }
    qint64 value = 0;
    for (const char c : digits)
        value = std::min<qint64>(value * 10 + (c - '0'), qint64(1) << 40);
    if (negative)
        value = -value;
    if (negative || value < min || value > max) {
        fail(p, u"'%1' must be an integer in %2, got %3"_s.arg(s.name, rangeText(s), quoted(text)));
        return std::nullopt;
    }
    return value;
}

std::optional<double> QueryParser::numberIn(const QString &what, Param p, QByteArrayView text,
                                            double min, double max, bool openMin)
{
    const QString range =
        u"%1%2, %3]"_s.arg(openMin ? u"("_s : u"["_s, QString::fromLatin1(formatNumber(min)),
                           QString::fromLatin1(formatNumber(max)));
    const std::optional<double> value = parseDecimal(text);
    if (!value) {
        fail(p,
             u"%1 must be a number in %2, got %3 (not a plain decimal number)"_s.arg(what, range,
                                                                                     quoted(text)));
        return std::nullopt;
    }
    if (*value > max || (openMin ? *value <= min : *value < min)) {
        fail(p, u"%1 must be a number in %2, got %3"_s.arg(what, range, quoted(text)));
        return std::nullopt;
    }
    return *value;
}

bool QueryParser::setScalar(Param p, QByteArrayView value)
{
    const ParamSpec &s = spec(p);
    CompiledFilter &f = *m_f;
    switch (s.kind) {
    case ParamKind::Enum: {
        const Vocabulary &vocabulary = sender::vocabulary(s.set);
        const bool digits = !value.isEmpty() && value.size() <= 3
            && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || !vocabulary.hasCode(value.toInt())) {
            return fail(p,
                        u"'%1' must be one of %2, got %3"_s.arg(s.name, allowedValues(vocabulary),
                                                                quoted(value)));
        }
        f.sets[s.set] = quint16(1u << value.toInt());
        f.activeSets |= 1u << s.set;
        return true;
    }
    case ParamKind::Integer:
    case ParamKind::Number: {
        std::optional<double> bound;
        if (s.kind == ParamKind::Integer) {
            if (const std::optional<qint64> v = integerIn(p, value, s.min, s.max))
                bound = double(*v);
        } else {
            bound = numberIn(u"'%1'"_s.arg(s.name), p, value, s.min, s.max);
        }
        if (!bound)
            return false;
        Bounds &bounds = s.range == Range::Similarity ? f.similarity
            : s.range == Range::Age                   ? f.age
                                                      : f.apparentAge;
        (s.isLowerBound ? bounds.min : bounds.max) = *bound;
        switch (s.range) {
        case Range::Similarity:
            f.checks |= CompiledFilter::CheckSimilarity;
            f.requiredFields |= EventAttributes::TopSimilarity;
            break;
        case Range::Age:
            f.checks |= CompiledFilter::CheckAge;
            f.requiredFields |= EventAttributes::Age;
            break;
        default:
            f.checks |= CompiledFilter::CheckApparentAge;
            break;
        }
        return true;
    }
    case ParamKind::Text:
        f.userData = value.toByteArray();
        f.checks |= CompiledFilter::CheckUserData;
        f.requiredFields |= EventAttributes::UserData;
        return true;
    case ParamKind::Geo:
        return setGeo(value);
    default:
        Q_UNREACHABLE();
    }
    return false;
}

bool QueryParser::setGeo(QByteArrayView value)
{
    static constexpr QByteArrayView kKeys[] = {"origin_longitude", "origin_latitude",
                                               "longitude_delta", "latitude_delta"};
    const auto shape = [this] {
        return fail(
            Param::GeoPosition,
            u"'geo_position' must be key,value pairs: origin_longitude,<lon>,"
            u"origin_latitude,<lat>[,longitude_delta,<d>][,latitude_delta,<d>]; got %1"_s.arg(
                quoted(m_value)));
    };
    QList<QByteArrayView> items;
    for (qsizetype start = 0;;) {
        const qsizetype comma = value.indexOf(',', start);
        items.append(value.sliced(start, (comma < 0 ? value.size() : comma) - start));
        if (comma < 0)
            break;
        start = comma + 1;
    }
    if (items.size() % 2 != 0 || items.size() > 8)
        return shape();
    std::array<std::optional<double>, 4> values;
    for (qsizetype i = 0; i < items.size(); i += 2) {
        const QByteArrayView key = items[i];
        const auto known = std::find(std::begin(kKeys), std::end(kKeys), key);
        if (known == std::end(kKeys)) {
            if (key.isEmpty())
                return shape();
            return fail(Param::GeoPosition,
                        u"'geo_position' has an unknown key %1 (allowed: origin_longitude, "
                        u"origin_latitude, longitude_delta, latitude_delta)"_s.arg(quoted(key)));
        }
        const size_t k = size_t(known - std::begin(kKeys));
        if (values[k]) {
            return fail(Param::GeoPosition,
                        u"'geo_position' gives %1 more than once"_s.arg(quoted(key)));
        }
        const QString what = u"'geo_position' %1"_s.arg(QLatin1StringView(key.data(), key.size()));
        const double limit = k == 0 ? 180 : 90;
        values[k] = k < 2 ? numberIn(what, Param::GeoPosition, items[i + 1], -limit, limit)
                          : numberIn(what, Param::GeoPosition, items[i + 1], 0, 90, true);
        if (!values[k])
            return false;
    }
    for (size_t k = 0; k < 2; ++k) {
        if (!values[k]) {
            return fail(Param::GeoPosition,
                        u"'geo_position' needs both origin_longitude and origin_latitude; '%1' is "
                        u"missing"_s.arg(QLatin1StringView(kKeys[k].data(), kKeys[k].size())));
        }
    }
    GeoBox &geo = m_f->geo;
    geo.originLongitude = *values[0];
    geo.originLatitude = *values[1];
    geo.longitudeDelta = values[2].value_or(0.01);
    geo.latitudeDelta = values[3].value_or(0.01);
    m_f->checks |= CompiledFilter::CheckGeo;
    m_f->requiredFields |= EventAttributes::GeoPosition;
    return true;
}

} // namespace

std::optional<SubscriptionFilter> SubscriptionFilter::parse(QByteArrayView rawQuery,
                                                            FilterError *error)
{
    std::shared_ptr<CompiledFilter> compiled = QueryParser(error).run(rawQuery);
    if (!compiled)
        return std::nullopt;
    if (compiled->given == 0)
        return SubscriptionFilter();
    return SubscriptionFilter(std::move(compiled));
}

} // namespace sender
