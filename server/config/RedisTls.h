#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace sender {

class Settings;

// The TLS configuration for a rediss:// REDIS.URL, from REDIS.TLS_CA_FILE, TLS_CERTIFICATE,
// TLS_PRIVATE_KEY and TLS_VERIFY. Validation (SettingsLoader::crossCheck) and the connection use
// this one function, so a file that passes --check-config is the file the connection uses.
// Nothing, and *error naming the key, when a file cannot be used or a REDIS.TLS_* key is set
// without a rediss:// URL (it would be silently unused). Without TLS it returns a default
// configuration that nobody uses.
std::optional<QSslConfiguration> redisTlsConfiguration(const Settings &settings, QString *error);

} // namespace sender
