#include "gui/SettingsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace sender {

QString settingText(const ConfigKey &key, const QVariant &value)
{
    if (key.type == ConfigKey::Type::Boolean)
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u',');
    return value.toString();
}

bool saveSettingsFile(const QString &path, const Settings &settings, const QStringList &ids,
                      QString *error)
{
    const QFileInfo info(path);
    const bool existed = info.exists();
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return false;
    }
    bool secret = false;
    {
        // QSettings quotes values holding ',' or ';' and reads them back as one string, which is
        // what SettingsLoader expects.
        QSettings ini(path, QSettings::IniFormat);
        for (const QString &id : ids) {
            const ConfigKey *key = ConfigSchema::find(id);
            if (!key)
                continue;
            const QString text = settingText(*key, settings.value(id));
            ini.setValue(QLatin1StringView(key->section) + u'/' + QLatin1StringView(key->key),
                         text);
            secret = secret || (key->isSecret() && !text.isEmpty());
        }
        ini.sync();
        if (ini.status() != QSettings::NoError) {
            *error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
    }
    if (secret && !existed)
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

} // namespace sender
