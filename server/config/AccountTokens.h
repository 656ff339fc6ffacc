#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace sender {

// ACCESS.ACCOUNT_TOKENS as the access policy uses it: account -> the tokens that open it.
using AccountTokenMap = QHash<QUuid, QList<QByteArray>>;

// The one parser of ACCESS.ACCOUNT_TOKENS items ("<account uuid>:<token>"), used both to validate
// the key and to build the access policy, so that an entry the policy could not use can never pass
// validation (a braced {uuid} once did, and with every entry dropped nobody needed a token). The
// account is exactly 8-4-4-4-12 hex digits, as the Luna-Account-Id header must be; the token is
// everything after the first ':' and must not be empty. On error, *error names the item by its
// position only: an item holds a token and is never echoed.
std::optional<AccountTokenMap> parseAccountTokens(const QStringList &items, QString *error);

} // namespace sender
