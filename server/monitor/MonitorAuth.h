#pragma once

#include "util/TokenDigest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>

#include <optional>

class QHttpServerRequest;
class QNetworkRequest;

namespace sender {

// Who may use the monitoring port: its token, kept as a digest and checked in this one place for
// the HTTP routes, the stream's handshake rule, the accepted handshake and the stream's sign-in
// message (issue 29). Wrong tokens are throttled per client address (issue 30): after
// kFailureBurst of them an address gets kFailureRefillMs per further guess, and while it has none
// left its tokens are not even compared; their log lines are throttled too.
class MonitorAuth
{
public:
    enum class Verdict {
        Accepted,
        Missing, // no token presented (not counted as a guess)
        Refused, // a wrong token
        Throttled, // too many wrong tokens from this address: not compared
    };
    static constexpr int kFailureBurst = 10;
    static constexpr qint64 kFailureRefillMs = 1000;
    static constexpr qint64 kLogEveryMs = 60000;
    static constexpr int kMaxTrackedAddresses = 4096;

    MonitorAuth()
        : MonitorAuth(QByteArrayView())
    { }
    explicit MonitorAuth(QByteArrayView token);

    // Empty token: no token needed (the port then listens on loopback only).
    bool required() const { return m_token.isSet(); }
    // Const: the failures' bookkeeping is not part of what the check means (and every caller
    // runs on the monitoring port's thread).
    Verdict check(const std::optional<QByteArray> &presented, const QHostAddress &peer) const;
    // Whether check() would accept, without counting a failure (for routing decisions that
    // check() then makes for real).
    bool wouldAccept(const std::optional<QByteArray> &presented, const QHostAddress &peer) const;
    // Whole seconds until `peer` may guess again (for Retry-After).
    int retryAfterSeconds(const QHostAddress &peer) const;

    // What a request presents: the Bearer of Authorization, or (allowQuery, the stream: browsers
    // cannot set headers on a WebSocket) the `token` query parameter. A token given twice in the
    // query is presented as an empty (wrong) one.
    static std::optional<QByteArray> presented(const QHttpServerRequest &request, bool allowQuery);
    static std::optional<QByteArray> presented(const QNetworkRequest &request);
    // Whether a request carries anything that looks like a token (an Authorization header, or with
    // allowQuery a `token` parameter, even empty). A stream handshake without one signs in by its
    // first message (MonitorStream).
    static bool presentsToken(const QHttpServerRequest &request, bool allowQuery);

private:
    struct Failures
    {
        double allowance = kFailureBurst;
        qint64 updatedMs = 0;
        qint64 loggedMs = -1; // when the last line about this address was written
        quint64 unlogged = 0; // failures since then
    };
    Failures &failuresOf(const QByteArray &key, qint64 now) const;
    void logFailure(const QByteArray &key, Failures &f, bool throttled, qint64 now) const;

    TokenCheck m_token;
    QElapsedTimer m_clock;
    mutable QHash<QByteArray, Failures> m_failures;
};

} // namespace sender
