#include "images/ImageHttp.h"

namespace sender::images {

namespace {

struct Row
{
    ImageStatus status;
    ImageError error;
};

// 404: nothing to show (the event, its picture or a source for it); 422: the event names a
// picture that is never fetched; 502/504: the origin failed; 503: try again.
constexpr Row kRows[] = {
    {ImageStatus::NoImage, {404, 29130, "No such picture"}},
    {ImageStatus::Refused, {422, 29131, "Picture refused"}},
    {ImageStatus::NotConfigured, {404, 29132, "No picture source"}},
    {ImageStatus::Busy, {503, 29133, "Pictures busy"}},
    {ImageStatus::Timeout, {504, 29134, "Picture source timed out"}},
    {ImageStatus::TooLarge, {502, 29135, "Picture too large"}},
    {ImageStatus::NotAnImage, {502, 29136, "Not a picture"}},
    {ImageStatus::NotFound, {404, 29137, "Picture not found"}},
    {ImageStatus::Unavailable, {502, 29138, "Picture source unavailable"}},
};

} // namespace

ImageError imageError(ImageStatus status)
{
    for (const Row &row : kRows) {
        if (row.status == status)
            return row.error;
    }
    return {500, 29138, "Picture source unavailable"};
}

std::optional<ImageStatus> imageStatusOfCode(int code)
{
    for (const Row &row : kRows) {
        if (row.error.code == code)
            return row.status;
    }
    return std::nullopt;
}

} // namespace sender::images
