#include "config/AccountTokens.h"

#include "util/StrictUuid.h"

#include <algorithm>

namespace sender {

std::optional<AccountTokenMap> parseAccountTokens(const QStringList &items, QString *error)
{
    AccountTokenMap result;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString &item = items.at(i);
        const qsizetype colon = item.indexOf(u':');
        const std::optional<QUuid> uuid =
            colon > 0 ? parseStrictUuid(item.left(colon).toLatin1()) : std::nullopt;
        const QString token = item.mid(colon + 1);
        // A client's bearer token arrives trimmed, so a token with spaces at either end (from
        // "uuid: token") or with control characters could never be presented: it would pass
        // here and open nothing.
        const bool usable = !token.isEmpty() && token.trimmed() == token
            && std::none_of(token.cbegin(), token.cend(),
                            [](QChar c) { return c.category() == QChar::Other_Control; });
        if (!uuid || !usable) {
            if (error)
                *error = QStringLiteral(
                             "item %1 is not <account uuid>:<token> (the account is 8-4-4-4-12 "
                             "hex digits without braces; the token is not empty and has no "
                             "spaces around it or control characters)")
                             .arg(i + 1);
            return std::nullopt;
        }
        result[*uuid].append(token.toUtf8());
    }
    return result;
}

} // namespace sender
