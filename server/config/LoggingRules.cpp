#include "config/LoggingRules.h"

namespace sender {

std::optional<QStringList> loggingRuleLines(const QString &text, QString *error)
{
    QStringList lines;
    for (const QString &item : text.split(u';', Qt::SkipEmptyParts)) {
        const QString rule = item.trimmed();
        if (rule.isEmpty())
            continue;
        const qsizetype eq = rule.indexOf(u'=');
        const QString pattern = rule.left(eq).trimmed();
        const QString value = rule.mid(eq + 1).trimmed();
        // The same checks as Qt's QLoggingRule: the level suffix off, then a wildcard only at
        // either end of the category; a value Qt reads.
        QString category = pattern;
        for (const char *level : {".debug", ".info", ".warning", ".critical"}) {
            if (category.endsWith(QLatin1StringView(level))) {
                category.chop(qsizetype(qstrlen(level)));
                break;
            }
        }
        if (category.startsWith(u'*'))
            category.remove(0, 1);
        if (category.endsWith(u'*'))
            category.chop(1);
        if (eq <= 0 || pattern.isEmpty() || category.contains(u'*')
            || (value != u"true" && value != u"false")) {
            if (error)
                *error = QStringLiteral("'%1' is not a rule like sender.ws.debug=true "
                                        "(<category>[.debug|.info|.warning|.critical]="
                                        "true|false, '*' only at either end)")
                             .arg(rule);
            return std::nullopt;
        }
        lines.append(pattern + u'=' + value);
    }
    return lines;
}

} // namespace sender
