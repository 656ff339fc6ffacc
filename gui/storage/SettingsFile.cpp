#include "gui/storage/SettingsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QTemporaryDir>

#include <optional>

namespace sender {

QString settingText(const ConfigKey &key, const QVariant &value)
{
    if (key.type == ConfigKey::Type::Boolean)
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u',');
    return value.toString();
}

namespace {

struct IniLine
{
    QString section;
    QString key;
    QString text; // "KEY=escaped value" as QSettings writes it
};

// The lines QSettings writes for the given keys: its own quoting and escaping ("a,b" quoted, a
// leading '@' doubled, ...), which is exactly what SettingsLoader's QSettings reads back.
std::optional<QList<IniLine>> escapedLines(const Settings &settings, const QStringList &ids,
                                           bool *secret)
{
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return std::nullopt;
    const QString path = scratch.filePath(QStringLiteral("escaped.ini"));
    {
        QSettings ini(path, QSettings::IniFormat);
        for (const QString &id : ids) {
            const ConfigKey *key = ConfigSchema::find(id);
            if (!key)
                continue;
            const QString text = settingText(*key, settings.value(id));
            ini.setValue(QLatin1StringView(key->section) + u'/' + QLatin1StringView(key->key),
                         text);
            *secret = *secret || (key->isSecret() && !text.isEmpty());
        }
        ini.sync();
        if (ini.status() != QSettings::NoError)
            return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QList<IniLine> lines;
    QString section;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u'[') && trimmed.endsWith(u']')) {
            section = trimmed.mid(1, trimmed.size() - 2);
        } else if (const qsizetype eq = trimmed.indexOf(u'='); eq > 0) {
            lines.append({section, trimmed.left(eq).trimmed(), trimmed});
        }
    }
    return lines;
}

// "KEY = value", the spacing of the files we generate.
QString spaced(const IniLine &line)
{
    const qsizetype eq = line.text.indexOf(u'=');
    return line.key + QStringLiteral(" = ") + line.text.mid(eq + 1);
}

} // namespace

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
    const std::optional<QList<IniLine>> changes = escapedLines(settings, ids, &secret);
    if (!changes) {
        *error = QStringLiteral("cannot prepare the settings for %1").arg(path);
        return false;
    }

    // The file as it is, comments, blank lines, order and unknown lines included: only the lines
    // of changed keys are replaced, and keys the file lacks are added at the end of their
    // section (or in a new section at the end).
    QStringList lines;
    if (existed) {
        QFile current(path);
        if (!current.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1").arg(path);
            return false;
        }
        lines = QString::fromUtf8(current.readAll()).split(u'\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast(); // the final newline
    }
    const auto sectionOf = [](const QString &line) -> std::optional<QString> {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u'[') && trimmed.endsWith(u']'))
            return trimmed.mid(1, trimmed.size() - 2);
        return std::nullopt;
    };
    const auto keyOf = [](const QString &line) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u';') || trimmed.startsWith(u'#'))
            return QString();
        const qsizetype eq = trimmed.indexOf(u'=');
        return eq > 0 ? trimmed.left(eq).trimmed() : QString();
    };
    for (const IniLine &change : *changes) {
        QString section;
        bool replaced = false;
        qsizetype sectionEnd = -1; // after the last non-blank line of the change's section
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (const auto header = sectionOf(lines.at(i))) {
                section = *header;
                if (section == change.section)
                    sectionEnd = i + 1;
                continue;
            }
            if (section != change.section)
                continue;
            if (!lines.at(i).trimmed().isEmpty())
                sectionEnd = i + 1;
            if (keyOf(lines.at(i)) == change.key) {
                lines[i] = spaced(change);
                replaced = true;
            }
        }
        if (replaced)
            continue;
        if (sectionEnd >= 0) {
            lines.insert(sectionEnd, spaced(change));
        } else {
            if (!lines.isEmpty() && !lines.last().trimmed().isEmpty())
                lines.append(QString());
            lines.append(u'[' + change.section + u']');
            lines.append(spaced(change));
        }
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (existed)
        file.setPermissions(QFile::permissions(path));
    else if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write((lines.join(u'\n') + u'\n').toUtf8());
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace sender
