#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace sender {

// LOGGING.RULES ("sender.ws.debug=true;sender.redis.info=false") as the lines handed to
// QLoggingCategory::setFilterRules. Validation and the logger use this one function: Qt drops a
// rule it cannot read (with a warning nobody may see), so a rule that passed --check-config must
// be one Qt takes. Each rule is <category>[.debug|.info|.warning|.critical]=true|false, with '*'
// only at the start or end of the category. Nothing, and *error, for the first bad rule.
std::optional<QStringList> loggingRuleLines(const QString &text, QString *error);

} // namespace sender
