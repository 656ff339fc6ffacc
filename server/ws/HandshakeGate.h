#pragma once

#include "http/ApiError.h"
#include "http/HttpRequest.h"

#include <QHash>
#include <QStringList>
#include <QUuid>

#include <memory>
#include <optional>
#include <variant>

namespace sender {

class SubscriptionFilter;

// What a valid subscription request asks for.
struct Subscription
{
    QUuid account;
    std::shared_ptr<const SubscriptionFilter> filter;
    int apiVersion = 1; // 1 for /1/ws, 2 for /2/ws
    // A resume (since_event_id or since, see ResumeGate): the frames to send before the live
    // stream, chosen on the engine's thread in the same turn as the subscription.
    bool resumed = false;
    QList<QByteArray> replay;
};

// Decides, before any upgrade, whether a subscription request is acceptable. Small on purpose:
// with our own HTTP front it is a plain function of the request; should the front ever move to
// QHttpServer (whose upgrade hook changed in 6.5 and again in 6.8), only the caller changes.
class HandshakeGate
{
public:
    virtual ~HandshakeGate() = default;
    virtual std::variant<Subscription, ApiError> admit(const HttpRequest &request) const = 0;
};

// Who may subscribe, beyond the original service (which lets anyone who knows an account id in).
struct AccessPolicy
{
    // Account -> tokens that open it. Empty: no token needed.
    QHash<QUuid, QList<QByteArray>> accountTokens;
    // Origin headers accepted from browsers ("https://host[:port]"). Empty: any.
    QStringList allowedOrigins;

    // From ACCESS.ACCOUNT_TOKENS and ACCESS.ALLOWED_ORIGINS.
    static AccessPolicy fromSettings(const class Settings &settings);
    bool tokensRequired() const { return !accountTokens.isEmpty(); }
    // Constant-time comparison against every token of the account.
    bool tokenOpens(const QUuid &account, QByteArrayView token) const;
};

// The contract's rules: Luna-Account-Id required (403/29001) and a UUID (400/12012), every query
// parameter a known filter with a valid value (400/12012 naming it). With an AccessPolicy also: an
// allowed Origin (403/29105) and a token of the account (401/29103), as a bearer token or as the
// access_token query parameter (browsers cannot set headers on a WebSocket).
class SenderHandshakeGate : public HandshakeGate
{
public:
    std::variant<Subscription, ApiError> admit(const HttpRequest &request) const override;
    void setPolicy(AccessPolicy policy) { m_policy = std::move(policy); }
    const AccessPolicy &policy() const { return m_policy; }

private:
    AccessPolicy m_policy;
};

// The bearer token of an Authorization header, or nothing.
std::optional<QByteArray> bearerToken(const HttpRequest &request);

} // namespace sender
