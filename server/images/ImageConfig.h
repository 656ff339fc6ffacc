#pragma once

#include "images/ImageService.h"

#include <optional>

namespace sender {
class Settings;
}

namespace sender::images {

// [LUNA] as ImageSettings: the origin, the credential read from CREDENTIAL_FILE (its first line;
// an unreadable or empty file is an error that names the path, never the content), the limits;
// demo pictures on when the demo source runs. Anything unusable is an error, never ignored.
std::optional<ImageSettings> imageSettingsFrom(const Settings &settings, QString *error);

} // namespace sender::images
