#pragma once

#include "config/Settings.h"

#include <QByteArray>
#include <QJsonObject>

namespace sender {

inline constexpr QLatin1StringView kMaskedSecret("********");

// The value as /config and the console show it: secrets masked, the Redis URL without its password.
QVariant displayValue(const ConfigKey &key, const QVariant &value);

// GET /config with Accept: application/json: {"SECTION": {"KEY": value, ...}, ...}.
QJsonObject settingsToJson(const Settings &settings);
// GET /config with Accept: text/plain: the same as "KEY = value" lines under [SECTION] headers,
// which is itself a valid configuration file (with secrets masked).
QByteArray settingsToText(const Settings &settings);
// --print-default-config: every key at its default, each with its description as a comment.
QByteArray defaultConfigFile();

} // namespace sender
