#pragma once

#include "config/Settings.h"

namespace sender {

// The text of a value as the INI file and the settings dialog write it (lists comma-joined,
// booleans 0/1).
QString settingText(const ConfigKey &key, const QVariant &value);

// Writes the given keys of settings into the INI file at path (created with its folder when
// missing, owner-only when it holds a secret). Everything else in an existing file is kept as it
// was: comments, blank lines, other keys and their order; the file is replaced atomically.
bool saveSettingsFile(const QString &path, const Settings &settings, const QStringList &ids,
                      QString *error);

} // namespace sender
