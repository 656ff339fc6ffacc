#include "http/DocsPages.h"

#include "config/ConfigRender.h"
#include "config/ConfigSchema.h"

#include <QFile>
#include <QUrl>

namespace sender::docs {

namespace {

QByteArray readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray contentTypeFor(QByteArrayView name)
{
    static const std::pair<const char *, const char *> types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".yaml", "application/x-yaml"},
        {".json", "application/json"},
    };
    for (const auto &[suffix, type] : types) {
        if (name.endsWith(suffix))
            return type;
    }
    return "application/octet-stream";
}

QString htmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QByteArray openApiYaml()
{
    static const QByteArray yaml = readResource(QStringLiteral(":/sender/openapi.yaml"));
    return yaml;
}

QByteArray specHtmlPage()
{
    static const QByteArray page = readResource(QStringLiteral(":/sender/docs/spec.html"));
    return page;
}

QByteArray configurationReferenceHtml()
{
    QString out;
    const Settings defaults;
    for (const QString &section : ConfigSchema::sections()) {
        out +=
            QStringLiteral("<h3 id=\"section-%1\">[%2]</h3>\n<table class=\"config\">\n"
                           "<thead><tr><th>Key</th><th>Default</th><th>Meaning</th></tr></thead>\n"
                           "<tbody>\n")
                .arg(section.toLower(), section);
        for (const ConfigKey &key : ConfigSchema::keys()) {
            if (section != QLatin1StringView(key.section))
                continue;
            QVariant shown = displayValue(key, defaults.value(key.id()));
            QString value = key.type == ConfigKey::Type::Boolean
                ? (shown.toBool() ? QStringLiteral("1") : QStringLiteral("0"))
                : (shown.typeId() == QMetaType::QStringList ? shown.toStringList().join(u',')
                                                            : shown.toString());
            if (value.isEmpty())
                value = QStringLiteral("<em>empty</em>");
            else
                value = QStringLiteral("<code>%1</code>").arg(htmlEscaped(value));
            QString meaning = htmlEscaped(QString::fromUtf8(key.description));
            if (*key.unit)
                meaning += QStringLiteral(" Unit: %1.").arg(QLatin1StringView(key.unit));
            if (key.type == ConfigKey::Type::Integer)
                meaning += QStringLiteral(" Range: %1&ndash;%2.").arg(key.minimum).arg(key.maximum);
            if (key.type == ConfigKey::Type::Choice)
                meaning +=
                    QStringLiteral(" One of: %1.").arg(key.choices.join(QStringLiteral(", ")));
            if (key.isSecret())
                meaning +=
                    QStringLiteral(" Secret: shown as ******** in /config and never logged.");
            if (key.reloadable)
                meaning += QStringLiteral(" Reloaded on SIGHUP.");
            out += QStringLiteral(
                       "<tr id=\"%1\"><td><code>%2</code><br><small><code>%3</code></small></td>"
                       "<td>%4</td><td>%5</td></tr>\n")
                       .arg(key.id().toLower(), QLatin1StringView(key.key), key.environmentName(),
                            value, meaning);
        }
        out += QStringLiteral("</tbody>\n</table>\n");
    }
    return out.toUtf8();
}

std::optional<File> manualFile(QByteArrayView relativePath)
{
    const QString decoded = QUrl::fromPercentEncoding(relativePath.toByteArray());
    if (decoded.isEmpty() || decoded.startsWith(u'/') || decoded.contains(u'\\')
        || decoded.split(u'/').contains(QStringLiteral("..")) || decoded.contains(QChar(0)))
        return std::nullopt;
    QFile file(QStringLiteral(":/sender/docs/dev/") + decoded);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    File result {file.readAll(), contentTypeFor(relativePath)};
    if (decoded == u"configuration.html")
        result.content.replace("<!-- @CONFIG_REFERENCE@ -->", configurationReferenceHtml());
    return result;
}

} // namespace sender::docs
