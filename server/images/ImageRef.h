#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace sender::images {

// What an event names as its pictures, as paths under the configured LUNA origin. An event is
// input from anyone who can publish: a path is taken only when it is exactly
// "/<version>/samples[/faces|/bodies]/<uuid>" or "/<version>/images/<uuid>" (the UUID lowercased).
// Anything else (a scheme, another host, "//", "..", percent-encoding, a backslash, a query, a
// fragment, spaces) is never followed: the slot is empty and says why.
std::optional<QByteArray> safeLunaPath(QByteArrayView reference);

enum class ImageSlot : quint8 { Face, Body, Match };
std::optional<ImageSlot> imageSlotFromName(QByteArrayView name);
QLatin1StringView imageSlotName(ImageSlot slot);

struct ImageRef
{
    QByteArray path; // empty: the event has no such picture
    QString refused; // non-empty: the event named one that is not followed, and why
};

struct EventImageRefs
{
    ImageRef face; // the captured face of the first detection that has one
    ImageRef body; // the captured body of the first detection that has one
    ImageRef match; // the enrolled face ("avatar") of the best candidate
    QString matchLabel;
    double matchSimilarity = -1;

    const ImageRef &slot(ImageSlot which) const;
};

// apiVersion: the number a path built from a bare sample_id starts with ("6" for LUNA 5).
EventImageRefs imageRefsOf(const QJsonObject &event, QByteArrayView apiVersion);

} // namespace sender::images
