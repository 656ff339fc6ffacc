#include "events/AttributeKeys.h"

namespace sender {

namespace {

using Root = AttributeKey::Root;
using Value = AttributeKey::Value;
using A = EventAttributes;
using S = AttributeSet::Id;

constexpr AttributeKey text(const char *path, const char *filters, QByteArrayView A::*member,
                            A::Field field)
{
    return {Root::Event, path, filters, Value::Text, member, field};
}

constexpr AttributeKey codes(Root root, const char *path, const char *filters, S set,
                             bool elements = false)
{
    return {root, path, filters, Value::Codes, nullptr, {}, set, elements};
}

constexpr AttributeKey bespoke(Root root, const char *path, const char *filters,
                               bool elements = false)
{
    return {root, path, filters, Value::Bespoke, nullptr, {}, {}, elements};
}

// In the contract's order of filters.
constexpr AttributeKey kKeys[] = {
    bespoke(Root::Message, "handler_id", "handler_ids"),
    text("event_id", "", &A::eventId, A::EventId),
    text("source", "sources", &A::source, A::Source),
    bespoke(Root::Event, "stream_id", "stream_ids"), // parsed as a UUID
    bespoke(Root::Event, "matches[].label", "matching_candidates_labels"),
    bespoke(Root::Event, "matches[].candidates[].similarity",
            "object_similarity__gte,object_similarity__lt"),
    bespoke(Root::Event, "face_attributes.basic_attributes.age", "age__gte,age__lt"),
    codes(Root::Event, "face_attributes.basic_attributes.gender", "gender", S::Gender),
    codes(Root::Event, "face_attributes.basic_attributes.ethnicities.predominant_ethnicity",
          "ethnic_groups", S::Ethnicity),
    codes(Root::Face, "liveness.prediction", "liveness", S::Liveness),
    codes(Root::Face, "mask.predominant_mask", "masks", S::Mask),
    codes(Root::Face, "emotions.predominant_emotion", "emotions", S::Emotion),
    bespoke(Root::Event, "tags", "tags", true),
    text("user_data", "user_data", &A::userData, A::UserData),
    bespoke(Root::Event, "location.geo_position.longitude", "geo_position"),
    bespoke(Root::Event, "location.geo_position.latitude", "geo_position"),
    text("location.city", "cities", &A::city, A::City),
    text("location.area", "areas", &A::area, A::Area),
    text("location.district", "districts", &A::district, A::District),
    text("location.street", "streets", &A::street, A::Street),
    text("location.house_number", "house_numbers", &A::houseNumber, A::HouseNumber),
    codes(Root::Body, "basic_attributes.apparent_gender", "apparent_gender", S::ApparentGender),
    bespoke(Root::Body, "basic_attributes.apparent_age", "apparent_age__gte,apparent_age__lt"),
    codes(Root::Body, "upper_body.headwear.state", "headwear_states", S::HeadwearState),
    codes(Root::Body, "upper_body.sleeve.length", "sleeve_lengths", S::SleeveLength),
    codes(Root::Body, "upper_body.upper_clothing.colors", "upper_clothing_colors",
          S::UpperClothingColors, true),
    codes(Root::Body, "lower_body.lower_garment.colors", "lower_garment_colors",
          S::LowerGarmentColors, true),
    codes(Root::Body, "lower_body.lower_garment.type", "lower_garment_types", S::LowerGarmentType),
    codes(Root::Body, "lower_body.shoes.apparent_color", "shoes_colors", S::ShoesColor),
    codes(Root::Body, "upper_body.headwear.apparent_color", "headwear_colors", S::HeadwearColor),
    codes(Root::Body, "accessories.backpack.state", "backpack_states", S::BackpackState),
};

} // namespace

std::span<const AttributeKey> attributeKeys()
{
    return kKeys;
}

QByteArrayView subjectKey(AttributeKey::Root root)
{
    switch (root) {
    case Root::Face:
        return "face";
    case Root::Body:
        return "body";
    case Root::Message:
    case Root::Event:
        break;
    }
    return {};
}

} // namespace sender
