#include "config/ConfigRender.h"

#include <QJsonArray>

namespace sender {

namespace {

QString valueText(const ConfigKey &key, const QVariant &shown)
{
    if (key.type == ConfigKey::Type::Boolean)
        return shown.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    if (shown.typeId() == QMetaType::QStringList)
        return shown.toStringList().join(u',');
    return shown.toString();
}

// QSettings reads ',' as a list separator and ';' as a comment, so such values are quoted.
QString iniQuoted(const QString &text)
{
    if (text.contains(u',') || text.contains(u';') || text.contains(u'"') || text.contains(u'=')
        || text.startsWith(u' ') || text.endsWith(u' ')) {
        QString escaped = text;
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        return u'"' + escaped + u'"';
    }
    return text;
}

} // namespace

QVariant displayValue(const ConfigKey &key, const QVariant &value)
{
    switch (key.type) {
    case ConfigKey::Type::Secret:
        // Always masked, set or not, as the contract says of every password and token.
        return QString(kMaskedSecret);
    case ConfigKey::Type::AccountTokens: {
        QStringList masked;
        for (const QString &item : value.toStringList())
            masked.append(item.left(item.indexOf(u':')) + u':' + kMaskedSecret);
        return masked;
    }
    case ConfigKey::Type::RedisUrl: {
        const QString text = value.toString();
        if (text.isEmpty())
            return text;
        const auto url = parseRedisUrl(text, nullptr);
        return url ? url->toDisplayString() : QString(kMaskedSecret);
    }
    default:
        return value;
    }
}

QJsonObject settingsToJson(const Settings &settings)
{
    QJsonObject root;
    for (const QString &section : ConfigSchema::sections()) {
        QJsonObject object;
        for (const ConfigKey &key : ConfigSchema::keys()) {
            if (section != QLatin1StringView(key.section))
                continue;
            const QVariant shown = displayValue(key, settings.value(key.id()));
            QJsonValue json;
            switch (key.type) {
            case ConfigKey::Type::Integer:
                json = shown.toLongLong();
                break;
            case ConfigKey::Type::Boolean:
                json = shown.toBool() ? 1 : 0;
                break;
            case ConfigKey::Type::List:
            case ConfigKey::Type::HostPortList:
            case ConfigKey::Type::AccountTokens:
                json = QJsonArray::fromStringList(shown.toStringList());
                break;
            default:
                json = shown.toString();
            }
            object.insert(QLatin1StringView(key.key), json);
        }
        root.insert(section, object);
    }
    return root;
}

QByteArray settingsToText(const Settings &settings)
{
    QString out;
    for (const QString &section : ConfigSchema::sections()) {
        if (!out.isEmpty())
            out += u'\n';
        out += u'[' + section + QStringLiteral("]\n");
        for (const ConfigKey &key : ConfigSchema::keys()) {
            if (section != QLatin1StringView(key.section))
                continue;
            const QVariant shown = displayValue(key, settings.value(key.id()));
            out += QLatin1StringView(key.key) + QStringLiteral(" = ")
                + iniQuoted(valueText(key, shown)) + u'\n';
        }
    }
    return out.toUtf8();
}

QByteArray defaultConfigFile()
{
    const Settings defaults;
    // QSettings reads ';' as the comment mark ('#' lines would be parsed as keys).
    QString out = QStringLiteral(
        "; Luna Sender configuration.\n"
        "; Every key is shown at its default. A key can also be set by the environment\n"
        "; (LUNA_SENDER_<SECTION>_<KEY>) or on the command line (--set SECTION.KEY=value), which\n"
        "; win over this file in that order. Values with ',' or ';' must be quoted.\n");
    for (const QString &section : ConfigSchema::sections()) {
        out += QStringLiteral("\n[") + section + QStringLiteral("]\n");
        for (const ConfigKey &key : ConfigSchema::keys()) {
            if (section != QLatin1StringView(key.section))
                continue;
            QString description = QString::fromUtf8(key.description);
            if (*key.unit)
                description += QStringLiteral(" Unit: %1.").arg(QLatin1StringView(key.unit));
            if (key.reloadable)
                description += QStringLiteral(" Reloaded on SIGHUP.");
            // Wrap the description at ~96 columns as comment lines.
            QString line = QStringLiteral(";");
            for (const QString &word : description.split(u' ', Qt::SkipEmptyParts)) {
                if (line.size() + 1 + word.size() > 96) {
                    out += line + u'\n';
                    line = QStringLiteral(";");
                }
                line += u' ' + word;
            }
            out += line + u'\n';
            // A token someone can guess is no token (issue 30): say how to make a good one.
            if (key.type == ConfigKey::Type::Secret && QByteArrayView(key.key).endsWith("TOKEN"))
                out += QStringLiteral("; Use a long random token, e.g. the output of: openssl rand "
                                      "-hex 32\n");
            const QVariant value = defaults.value(key.id());
            out += QLatin1StringView(key.key) + QStringLiteral(" = ")
                + iniQuoted(valueText(key, value)) + u'\n';
        }
    }
    return out.toUtf8();
}

} // namespace sender
