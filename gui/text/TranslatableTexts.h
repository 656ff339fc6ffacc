#pragma once

#include <QString>

namespace sender {

struct ConfigKey;

// The description of a configuration key in the console's language (English when untranslated).
QString translatedDescription(const ConfigKey &key);
QString translatedUnit(const ConfigKey &key); // "bytes", "s", ... in the console's language
// "Server" for SERVER; unknown sections keep their own name.
QString sectionTitle(const QString &section);

} // namespace sender
