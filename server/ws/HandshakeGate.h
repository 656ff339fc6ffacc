#pragma once

#include "http/ApiError.h"
#include "http/HttpRequest.h"

#include <QUuid>

#include <memory>
#include <variant>

namespace sender {

class SubscriptionFilter;

// What a valid subscription request asks for.
struct Subscription
{
    QUuid account;
    std::shared_ptr<const SubscriptionFilter> filter;
    int apiVersion = 1; // 1 for /1/ws, 2 for /2/ws
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

// The contract's rules: Luna-Account-Id required (403/29001) and a UUID (400/12012), every query
// parameter a known filter with a valid value (400/12012 naming it).
class SenderHandshakeGate : public HandshakeGate
{
public:
    std::variant<Subscription, ApiError> admit(const HttpRequest &request) const override;
};

} // namespace sender
