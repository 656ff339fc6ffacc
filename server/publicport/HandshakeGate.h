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
    // Account -> SHA-256 digests of the tokens that open it (util/TokenDigest.h): the tokens
    // themselves are not kept.
    QHash<QUuid, QList<QByteArray>> accountTokens;
    // Origin headers accepted from browsers ("https://host[:port]"). Empty: any.
    QStringList allowedOrigins;

    // From ACCESS.ACCOUNT_TOKENS and ACCESS.ALLOWED_ORIGINS.
    static AccessPolicy fromSettings(const class Settings &settings);
    // True when ACCESS.ACCOUNT_TOKENS is set, whatever it parsed to.
    bool tokensRequired() const { return m_tokensRequired || !accountTokens.isEmpty(); }
    // Compares the token's digest with every digest of the account (with one stand-in for an
    // account without tokens), so the time depends on neither token's length nor on whether the
    // account has tokens. *digestsCompared (for tests) tells how many were compared.
    bool tokenOpens(const QUuid &account, QByteArrayView token,
                    int *digestsCompared = nullptr) const;

private:
    bool m_tokensRequired = false;
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
