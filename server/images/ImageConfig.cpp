#include "images/ImageConfig.h"

#include "config/Settings.h"

#include <QFile>

namespace sender::images {

std::optional<ImageSettings> imageSettingsFrom(const Settings &settings, QString *error)
{
    ImageSettings s;
    // SettingsLoader checked the origin and that a credential has one.
    const QString origin = settings.string(u"LUNA.API_ORIGIN");
    if (!origin.isEmpty())
        s.origin = QUrl(origin, QUrl::StrictMode);
    const QString credentialFile = settings.string(u"LUNA.CREDENTIAL_FILE");
    if (!credentialFile.isEmpty()) {
        QFile file(credentialFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("LUNA.CREDENTIAL_FILE: cannot read '%1': %2")
                         .arg(credentialFile, file.errorString());
            return std::nullopt;
        }
        // The first line, bounded: a token is short, and a wrong path must not read a disk.
        s.token = file.readLine(4096).trimmed();
        if (s.token.isEmpty()) {
            *error =
                QStringLiteral("LUNA.CREDENTIAL_FILE: '%1' holds no token").arg(credentialFile);
            return std::nullopt;
        }
        for (const char c : std::as_const(s.token)) {
            if (uchar(c) < 0x21 || uchar(c) > 0x7e) {
                *error = QStringLiteral("LUNA.CREDENTIAL_FILE: '%1' holds a token with spaces or "
                                        "control characters")
                             .arg(credentialFile);
                return std::nullopt;
            }
        }
    }
    s.timeoutMs = int(settings.integer(u"LUNA.IMAGE_TIMEOUT_MS"));
    s.maxBytes = settings.integer(u"LUNA.IMAGE_MAX_BYTES");
    s.cache.maxBytes = settings.integer(u"LUNA.IMAGE_CACHE_BYTES");
    s.cache.maxCount = int(settings.integer(u"LUNA.IMAGE_CACHE_COUNT"));
    s.cache.maxAgeMs = settings.integer(u"LUNA.IMAGE_CACHE_SECONDS") * 1000;
    s.maxFetches = int(settings.integer(u"LUNA.IMAGE_FETCHES"));
    s.demoImages = settings.boolean(u"DEMO.ENABLED");
    if (const QString problem = validateImageSettings(s); !problem.isEmpty()) {
        *error = QStringLiteral("LUNA: ") + problem;
        return std::nullopt;
    }
    return s;
}

} // namespace sender::images
