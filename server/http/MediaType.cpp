#include "http/MediaType.h"

#include "util/Bytes.h"

#include <algorithm>

namespace sender {

namespace {

struct Range
{
    QByteArray type; // lower case
    QByteArray subtype;
    double q = 1.0;
    int specificity = 0; // 0: */*, 1: type/*, 2: type/subtype (+ parameters don't matter here)
};

QList<Range> parseAccept(QByteArrayView header)
{
    QList<Range> ranges;
    for (QByteArrayView item : splitView(header, ',')) {
        const ByteViewParts parts = splitView(item, ';');
        const QByteArrayView media = trimmedView(parts.first());
        const qsizetype slash = media.indexOf('/');
        if (media.isEmpty() || slash <= 0 || slash == media.size() - 1)
            continue; // malformed ranges are ignored, as browsers and servers commonly do
        Range r;
        r.type = media.first(slash).toByteArray().toLower();
        r.subtype = media.sliced(slash + 1).toByteArray().toLower();
        if (r.type == "*" && r.subtype != "*")
            continue;
        r.specificity = r.type == "*" ? 0 : (r.subtype == "*" ? 1 : 2);
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArrayView param = trimmedView(parts[i]);
            if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
                bool ok = false;
                const double q = param.sliced(2).toByteArray().toDouble(&ok);
                r.q = ok ? std::clamp(q, 0.0, 1.0) : 0.0;
            }
        }
        ranges.append(r);
    }
    return ranges;
}

} // namespace

qsizetype negotiateMediaType(QByteArrayView acceptHeader, const QList<QByteArray> &available)
{
    if (available.isEmpty())
        return -1;
    if (trimmedView(acceptHeader).isEmpty())
        return 0;
    const QList<Range> ranges = parseAccept(acceptHeader);
    if (ranges.isEmpty())
        return 0; // nothing parseable: treat like no preference
    qsizetype best = -1;
    double bestQ = 0.0;
    for (qsizetype i = 0; i < available.size(); ++i) {
        const QByteArray lower = available[i].toLower();
        const qsizetype slash = lower.indexOf('/');
        const QByteArrayView type = QByteArrayView(lower).first(slash);
        const QByteArrayView subtype = QByteArrayView(lower).sliced(slash + 1);
        // The most specific matching range decides this type's quality.
        int bestSpecificity = -1;
        double q = 0.0;
        for (const Range &r : ranges) {
            const bool match = r.specificity == 0
                || (r.type == type && (r.specificity == 1 || r.subtype == subtype));
            if (match && r.specificity > bestSpecificity) {
                bestSpecificity = r.specificity;
                q = r.q;
            }
        }
        if (q > bestQ) {
            bestQ = q;
            best = i;
        }
    }
    return best;
}

} // namespace sender
