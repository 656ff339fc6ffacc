#include "config/AccountTokens.h"

#include "events/StrictUuid.h"

namespace sender {

std::optional<AccountTokenMap> parseAccountTokens(const QStringList &items, QString *error)
{
    AccountTokenMap result;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString &item = items.at(i);
        const qsizetype colon = item.indexOf(u':');
        const std::optional<QUuid> uuid =
            colon > 0 ? parseStrictUuid(item.left(colon).toLatin1()) : std::nullopt;
        if (!uuid || colon + 1 >= item.size()) {
            if (error)
                *error = QStringLiteral(
                             "item %1 is not <account uuid>:<token> (the account is 8-4-4-4-12 "
                             "hex digits without braces, the token is not empty)")
                             .arg(i + 1);
            return std::nullopt;
        }
        result[*uuid].append(item.mid(colon + 1).toUtf8());
    }
    return result;
}

} // namespace sender
