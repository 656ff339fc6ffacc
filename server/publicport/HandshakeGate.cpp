#include "publicport/HandshakeGate.h"

#include "config/AccountTokens.h"
#include "config/Settings.h"
#include "filters/SubscriptionFilter.h"
#include "util/Bytes.h"
#include "util/StrictUuid.h"
#include "util/TokenDigest.h"

#include <QUrl>

namespace sender {

AccessPolicy AccessPolicy::fromSettings(const Settings &settings)
{
    AccessPolicy policy;
    const QStringList items = settings.list(u"ACCESS.ACCOUNT_TOKENS");
    // Settings hold only values that passed this same parser (SettingsLoader::parseValue).
    // Should one not, the policy fails closed: tokens stay required and the bad entries open
    // nothing, rather than the empty map meaning "no token needed".
    policy.m_tokensRequired = !items.isEmpty();
    if (std::optional<AccountTokenMap> tokens = parseAccountTokens(items, nullptr)) {
        for (auto it = tokens->cbegin(); it != tokens->cend(); ++it) {
            QList<QByteArray> &digests = policy.accountTokens[it.key()];
            for (const QByteArray &token : it.value())
                digests.append(tokenDigest(token));
        }
    }
    for (const QString &origin : settings.list(u"ACCESS.ALLOWED_ORIGINS"))
        policy.allowedOrigins.append(origin.toLower());
    return policy;
}

bool AccessPolicy::tokenOpens(const QUuid &account, QByteArrayView token,
                              int *digestsCompared) const
{
    // An account without tokens is compared with a stand-in digest, so that it is refused after
    // the same work as an account with one: a faster refusal would tell which accounts have tokens.
    static const QList<QByteArray> standIn = {QByteArray(32, '\0')};
    const QByteArray presented = tokenDigest(token);
    const auto it = accountTokens.constFind(account);
    const bool known = it != accountTokens.cend();
    const QList<QByteArray> &candidates = known ? *it : standIn;
    bool opens = false;
    for (const QByteArray &candidate : candidates)
        opens |= constantTimeEquals(candidate, presented); // no early exit: every one is compared
    if (digestsCompared)
        *digestsCompared = int(candidates.size());
    return known && opens;
}

std::optional<QByteArray> bearerToken(const HttpRequest &request)
{
    return bearerOf(request.header("authorization"));
}

std::variant<Subscription, ApiError> SenderHandshakeGate::admit(const HttpRequest &request) const
{
    if (!request.hasHeader("luna-account-id"))
        return ApiError::accountHeaderMissing();
    const QByteArray accountText = request.header("luna-account-id");
    Subscription s;
    const std::optional<QUuid> account = parseStrictUuid(accountText);
    if (!account || request.headerCount("luna-account-id") != 1)
        return ApiError::badQueryParameter(
            QStringLiteral("Luna-Account-Id"),
            QStringLiteral("'Luna-Account-Id' must be one UUID (8-4-4-4-12 hex digits), got '%1'")
                .arg(QString::fromUtf8(accountText.left(100))));
    s.account = *account;

    if (!m_policy.allowedOrigins.isEmpty() && request.hasHeader("origin")) {
        const QString origin = QString::fromUtf8(request.header("origin")).trimmed().toLower();
        if (!m_policy.allowedOrigins.contains(origin))
            return ApiError::originNotAllowed(origin.left(200));
    }

    QByteArray filterQuery = request.query;
    if (m_policy.tokensRequired()) {
        QueryToken fromQuery = takeQueryToken(request.query, "access_token");
        filterQuery = std::move(fromQuery.rest);
        const std::optional<QByteArray> headerToken = bearerToken(request);
        if (fromQuery.count > 1)
            return ApiError::badQueryParameter(
                QStringLiteral("access_token"),
                QStringLiteral("'access_token' given more than once"));
        const std::optional<QByteArray> token = headerToken ? headerToken : fromQuery.value;
        if (!token)
            return ApiError::unauthorized(QStringLiteral(
                "this server requires an access token of the account: send 'Authorization: Bearer "
                "<token>' or the access_token query parameter"));
        if (!m_policy.tokenOpens(s.account, *token))
            return ApiError::unauthorized(
                QStringLiteral("the access token is not valid for this account"));
    }

    FilterError error;
    std::optional<SubscriptionFilter> filter = SubscriptionFilter::parse(filterQuery, &error);
    if (!filter)
        return ApiError::badQueryParameter(error.parameter, error.detail);
    s.filter = std::make_shared<const SubscriptionFilter>(std::move(*filter));
    s.apiVersion = request.path.startsWith("/2/") ? 2 : 1;
    return s;
}

} // namespace sender
