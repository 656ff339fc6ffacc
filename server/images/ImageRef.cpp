#include "images/ImageRef.h"

#include "util/StrictUuid.h"

#include <QJsonArray>

namespace sender::images {

std::optional<QByteArray> safeLunaPath(QByteArrayView reference)
{
    // "/" digits "/" kind "/" uuid, nothing else: checked by position, never by decoding.
    if (reference.size() < 3 || reference.size() > 80 || reference[0] != '/')
        return std::nullopt;
    qsizetype i = 1;
    while (i < reference.size() && i <= 3 && reference[i] >= '0' && reference[i] <= '9')
        ++i;
    if (i == 1 || i >= reference.size() || reference[i] != '/')
        return std::nullopt;
    const QByteArrayView rest = reference.sliced(i + 1);
    static constexpr const char *kKinds[] = {"samples/faces/", "samples/bodies/", "samples/",
                                             "images/"};
    for (const char *kind : kKinds) {
        const QByteArrayView prefix(kind);
        if (!rest.startsWith(prefix))
            continue;
        const QByteArrayView id = rest.sliced(prefix.size());
        if (!parseStrictUuid(id))
            return std::nullopt;
        return reference.first(i + 1 + prefix.size()).toByteArray() + id.toByteArray().toLower();
    }
    return std::nullopt;
}

std::optional<ImageSlot> imageSlotFromName(QByteArrayView name)
{
    if (name == "face")
        return ImageSlot::Face;
    if (name == "body")
        return ImageSlot::Body;
    if (name == "match")
        return ImageSlot::Match;
    return std::nullopt;
}

QLatin1StringView imageSlotName(ImageSlot slot)
{
    switch (slot) {
    case ImageSlot::Face:
        return QLatin1StringView("face");
    case ImageSlot::Body:
        return QLatin1StringView("body");
    case ImageSlot::Match:
        break;
    }
    return QLatin1StringView("match");
}

const ImageRef &EventImageRefs::slot(ImageSlot which) const
{
    switch (which) {
    case ImageSlot::Face:
        return face;
    case ImageSlot::Body:
        return body;
    case ImageSlot::Match:
        break;
    }
    return match;
}

namespace {

// A sample of a detection: its "url" when it has one (taken only when safe), else a path built
// from its "sample_id" (taken only when it is a UUID).
ImageRef sampleRef(const QJsonObject &sample, QByteArrayView collection, QByteArrayView apiVersion)
{
    const QJsonValue url = sample.value(QLatin1StringView("url"));
    if (url.isString()) {
        if (const auto path = safeLunaPath(url.toString().toUtf8()))
            return {*path, {}};
        return {{}, QStringLiteral("the sample's url is not a path under the LUNA origin")};
    }
    const QString id = sample.value(QLatin1StringView("sample_id")).toString();
    if (id.isEmpty())
        return {};
    if (!parseStrictUuid(id.toLatin1()))
        return {{}, QStringLiteral("the sample_id is not a UUID")};
    return {'/' + apiVersion.toByteArray() + "/samples/" + collection.toByteArray() + '/'
                + id.toLatin1().toLower(),
            {}};
}

} // namespace

EventImageRefs imageRefsOf(const QJsonObject &event, QByteArrayView apiVersion)
{
    EventImageRefs refs;
    const QJsonArray detections = event.value(QLatin1StringView("detections")).toArray();
    for (const QJsonValue &detection : detections) {
        const QJsonObject samples =
            detection.toObject().value(QLatin1StringView("samples")).toObject();
        const QJsonValue face = samples.value(QLatin1StringView("face"));
        if (refs.face.path.isEmpty() && refs.face.refused.isEmpty() && face.isObject())
            refs.face = sampleRef(face.toObject(), "faces", apiVersion);
        const QJsonValue body = samples.value(QLatin1StringView("body"));
        if (refs.body.path.isEmpty() && refs.body.refused.isEmpty() && body.isObject())
            refs.body = sampleRef(body.toObject(), "bodies", apiVersion);
    }

    // The best candidate over every list; its enrolled face's avatar is the picture to compare.
    QJsonObject best;
    const QJsonArray matches = event.value(QLatin1StringView("matches")).toArray();
    for (const QJsonValue &match : matches) {
        const QJsonObject m = match.toObject();
        const QJsonArray candidates = m.value(QLatin1StringView("candidates")).toArray();
        for (const QJsonValue &candidate : candidates) {
            const QJsonObject c = candidate.toObject();
            const double similarity = c.value(QLatin1StringView("similarity")).toDouble(-1);
            if (similarity > refs.matchSimilarity) {
                refs.matchSimilarity = similarity;
                refs.matchLabel = m.value(QLatin1StringView("label")).toString();
                best = c;
            }
        }
    }
    const QJsonValue avatar =
        best.value(QLatin1StringView("face")).toObject().value(QLatin1StringView("avatar"));
    if (avatar.isString() && !avatar.toString().isEmpty()) {
        if (const auto path = safeLunaPath(avatar.toString().toUtf8()))
            refs.match.path = *path;
        else
            refs.match.refused = QStringLiteral("the avatar is not a path under the LUNA origin");
    }
    return refs;
}

} // namespace sender::images
