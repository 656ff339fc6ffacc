#pragma once

#include "images/ImageCache.h"

#include <optional>

namespace sender::images {

// How the monitoring port answers a picture it cannot give (GET
// /monitor/v1/events/{event_id}/images/{slot}), in the contract's error shape: the HTTP status, the
// error_code (one per ImageStatus, so that a console reading the answer gets the status back
// exactly) and the desc. Kept here, beside ImageStatus, for both ends of the link.
struct ImageError
{
    int httpStatus = 502;
    int code = 0;
    const char *desc = "";
};
// For any status but Ok.
ImageError imageError(ImageStatus status);
// The status an error_code stands for; nothing for a code that is not a picture's.
std::optional<ImageStatus> imageStatusOfCode(int code);

} // namespace sender::images
