#include "publicport/ResumeGate.h"

#include "filters/PercentEncoding.h"
#include "filters/SubscriptionFilter.h"
#include "history/EventHistory.h"
#include "util/Bytes.h"
#include "util/StrictUuid.h"

#include <QDateTime>
#include <QRegularExpression>

namespace sender {

namespace {

const QString kSinceEventId = QStringLiteral("since_event_id");
const QString kSince = QStringLiteral("since");

ApiError bad(const QString &name, const QString &detail)
{
    return ApiError::badQueryParameter(name, detail);
}

// An ISO-8601 date and time with an explicit offset ("Z" or "+03:00"): without one the time
// would depend on the server's zone.
std::optional<qint64> parseIsoTime(const QString &text)
{
    static const QRegularExpression shape(
        QStringLiteral(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)"));
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

// One since_event_id or since item: its value into *point, or what is wrong with it.
std::optional<ApiError> readValue(const QByteArray &name, QByteArrayView rawValue, bool *sawId,
                                  bool *sawSince, ResumePoint *point)
{
    const QString param = QString::fromLatin1(name);
    const bool isId = name == "since_event_id";
    bool &seen = isId ? *sawId : *sawSince;
    if (seen)
        return bad(param, QStringLiteral("'%1' is given more than once").arg(param));
    seen = true;
    if (*sawId && *sawSince)
        return bad(param, QStringLiteral("give one of 'since_event_id' and 'since', not both"));
    QByteArray value;
    qsizetype badOffset = 0;
    if (!filters::percentDecode(rawValue, value, &badOffset))
        return bad(param,
                   QStringLiteral("broken percent-escape at byte %1 of the value").arg(badOffset));
    if (isId) {
        point->afterEventId = parseStrictUuid(value);
        if (!point->afterEventId)
            return bad(param,
                       QStringLiteral("'since_event_id' must be the event_id of an event (a UUID, "
                                      "8-4-4-4-12 hex digits), got '%1'")
                           .arg(QString::fromUtf8(value.left(100))));
        return std::nullopt;
    }
    // '+' decodes to a space in a query, but a time has no spaces: an offset sent as "+03:00"
    // unencoded means what it says.
    const QString text = QString::fromUtf8(value.replace(' ', '+'));
    point->sinceMs = parseIsoTime(text);
    if (!point->sinceMs)
        return bad(param,
                   QStringLiteral("'since' must be an ISO-8601 time with an offset, like "
                                  "'2026-12-04T10:15:30.250Z' or '2026-12-04T13:15:30%2B03:00', "
                                  "got '%1'")
                       .arg(text.left(100)));
    return std::nullopt;
}

} // namespace

ResumeQuery takeResumeParameters(const QByteArray &query, ResumePoint *point)
{
    ResumeQuery q;
    QByteArray &rest = q.rest;
    QByteArray name;
    bool sawId = false;
    bool sawSince = false;
    for (QByteArrayView item : splitView(query, '&')) {
        const qsizetype eq = item.indexOf('=');
        const QByteArrayView rawName = eq < 0 ? item : item.first(eq);
        qsizetype badOffset = 0;
        // A name that does not decode is not ours: the filter parser reports it.
        const bool ours = filters::percentDecode(rawName, name, &badOffset)
            && (name == "since_event_id" || name == "since");
        if (!ours) {
            if (!rest.isEmpty())
                rest += '&';
            rest += item;
            continue;
        }
        q.found = true;
        if (q.error)
            continue; // the first problem is the one reported; the rest is still split out
        q.error = readValue(name, eq < 0 ? QByteArrayView() : item.sliced(eq + 1), &sawId,
                            &sawSince, point);
    }
    return q;
}

std::variant<Subscription, ApiError> ResumeGate::admit(const HttpRequest &request) const
{
    ResumePoint point;
    const ResumeQuery q = takeResumeParameters(request.query, &point);
    if (!q.found)
        return m_inner->admit(request); // not a resume: exactly the contract's answer
    // The contract's checks first (account, origin, token, filters), as for any subscription.
    HttpRequest plain = request;
    plain.query = q.rest;
    std::variant<Subscription, ApiError> admitted = m_inner->admit(plain);
    if (std::holds_alternative<ApiError>(admitted))
        return admitted;
    if (q.error)
        return *q.error;
    Subscription s = std::get<Subscription>(std::move(admitted));
    Replay replay = m_history->replay(s.account, point, *s.filter);
    if (!replay.reachesBack)
        return ApiError::historyGone(replay.why);
    s.resumed = true;
    s.replay = std::move(replay.frames);
    return s;
}

} // namespace sender
