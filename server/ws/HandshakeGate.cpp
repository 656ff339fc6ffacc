#include "ws/HandshakeGate.h"

#include "events/StrictUuid.h"
#include "filters/SubscriptionFilter.h"

namespace sender {

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

    FilterError error;
    std::optional<SubscriptionFilter> filter = SubscriptionFilter::parse(request.query, &error);
    if (!filter)
        return ApiError::badQueryParameter(error.parameter, error.detail);
    s.filter = std::make_shared<const SubscriptionFilter>(std::move(*filter));
    s.apiVersion = request.path.startsWith("/2/") ? 2 : 1;
    return s;
}

} // namespace sender
