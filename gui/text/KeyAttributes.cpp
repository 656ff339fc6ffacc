#include "gui/text/KeyAttributes.h"

#include <QHash>

namespace sender {

namespace {

struct Entry
{
    const char *path; // relative to the face/body attribute objects when it starts with F. or B.
    const char *filters;
};

// The contract's table of filters and what they read.
constexpr Entry kEntries[] = {
    {"handler_id", "handler_ids"},
    {"event.source", "sources"},
    {"event.stream_id", "stream_ids"},
    {"event.matches[].label", "matching_candidates_labels"},
    {"event.matches[].candidates[].similarity", "object_similarity__gte,object_similarity__lt"},
    {"event.face_attributes.basic_attributes.age", "age__gte,age__lt"},
    {"event.face_attributes.basic_attributes.gender", "gender"},
    {"event.face_attributes.basic_attributes.ethnicities.predominant_ethnicity", "ethnic_groups"},
    {"event.tags", "tags"},
    {"event.tags[]", "tags"},
    {"event.user_data", "user_data"},
    {"event.location.geo_position.longitude", "geo_position"},
    {"event.location.geo_position.latitude", "geo_position"},
    {"event.location.city", "cities"},
    {"event.location.area", "areas"},
    {"event.location.district", "districts"},
    {"event.location.street", "streets"},
    {"event.location.house_number", "house_numbers"},
    {"F.liveness.prediction", "liveness"},
    {"F.mask.predominant_mask", "masks"},
    {"F.emotions.predominant_emotion", "emotions"},
    {"B.basic_attributes.apparent_gender", "apparent_gender"},
    {"B.basic_attributes.apparent_age", "apparent_age__gte,apparent_age__lt"},
    {"B.upper_body.headwear.state", "headwear_states"},
    {"B.upper_body.headwear.apparent_color", "headwear_colors"},
    {"B.upper_body.sleeve.length", "sleeve_lengths"},
    {"B.upper_body.upper_clothing.colors", "upper_clothing_colors"},
    {"B.upper_body.upper_clothing.colors[]", "upper_clothing_colors"},
    {"B.lower_body.lower_garment.colors", "lower_garment_colors"},
    {"B.lower_body.lower_garment.colors[]", "lower_garment_colors"},
    {"B.lower_body.lower_garment.type", "lower_garment_types"},
    {"B.lower_body.shoes.apparent_color", "shoes_colors"},
    {"B.accessories.backpack.state", "backpack_states"},
};

// Face and body attributes are read from the aggregate, else from any detection.
constexpr const char *kFaceRoots[] = {"event.aggregate_estimations.face.attributes",
                                      "event.detections[].samples.face.detection.attributes"};
constexpr const char *kBodyRoots[] = {"event.aggregate_estimations.body.attributes",
                                      "event.detections[].samples.body.detection.attributes"};

QHash<QString, QStringList> buildTable()
{
    QHash<QString, QStringList> table;
    for (const Entry &e : kEntries) {
        const QString path = QString::fromLatin1(e.path);
        const QStringList filters = QString::fromLatin1(e.filters).split(u',');
        if (path.startsWith(u"F.") || path.startsWith(u"B.")) {
            const bool face = path.startsWith(u'F');
            for (const char *root : face ? kFaceRoots : kBodyRoots)
                table.insert(QString::fromLatin1(root) + path.mid(1), filters);
        } else {
            table.insert(path, filters);
        }
    }
    return table;
}

} // namespace

QStringList filtersReading(const QString &path)
{
    static const QHash<QString, QStringList> table = buildTable();
    return table.value(path);
}

} // namespace sender
