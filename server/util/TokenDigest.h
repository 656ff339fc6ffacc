#pragma once

#include "util/Bytes.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <optional>

namespace sender {

// Tokens are kept and compared as SHA-256 digests. A plain comparison without early exit still
// runs as long as the longer of the token and the guess, which tells a guesser the token's length;
// two 32-byte digests always take the same time, and the plain token need not be kept at all.
inline QByteArray tokenDigest(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

// Whether `presented` is `secret`, in time that depends on neither (both are hashed first).
inline bool tokenMatches(QByteArrayView presented, QByteArrayView secret)
{
    return constantTimeEquals(tokenDigest(presented), tokenDigest(secret));
}

// The one bearer-token check of every port (issue 29): the Sender port's subscriptions, POST
// /1/publish, /metrics and the monitoring port (its routes, its stream's rule, handshake and
// sign-in message) parse tokens with these functions and compare them with a TokenCheck.

// The token of an Authorization value "Bearer <token>" (the scheme without case, spaces around
// the token trimmed); nothing for another scheme or an empty token.
inline std::optional<QByteArray> bearerOf(QByteArrayView authorization)
{
    authorization = trimmedView(authorization);
    if (authorization.size() <= 7
        || authorization.first(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QByteArrayView token = trimmedView(authorization.sliced(7));
    if (token.isEmpty())
        return std::nullopt;
    return token.toByteArray();
}

// A token carried in a query parameter (browsers cannot set headers on a WebSocket): the last
// value of `name` in a raw query, decoded as a form (%XX, '+' for a space); how often the
// parameter appeared (a token given twice is refused by the callers); and the query without it,
// so that the rest can be parsed as filters.
struct QueryToken
{
    std::optional<QByteArray> value;
    int count = 0;
    QByteArray rest;
};

inline QueryToken takeQueryToken(QByteArrayView query, QByteArrayView name)
{
    QueryToken out;
    if (query.isEmpty())
        return out;
    for (QByteArrayView item : splitView(query, '&')) {
        const qsizetype eq = item.indexOf('=');
        const QByteArrayView key = eq < 0 ? item : item.first(eq);
        if (key == name) {
            ++out.count;
            out.value = QByteArray::fromPercentEncoding(
                eq < 0 ? QByteArray() : item.sliced(eq + 1).toByteArray().replace('+', ' '));
            continue;
        }
        if (!out.rest.isEmpty())
            out.rest += '&';
        out.rest += item;
    }
    return out;
}

// A secret kept only as its digest, compared in constant time. Unset (the default, or an empty
// secret), it matches nothing: whether "no token configured" opens a port is the caller's rule.
class TokenCheck
{
public:
    TokenCheck() = default;
    explicit TokenCheck(QByteArrayView secret)
        : m_digest(secret.isEmpty() ? QByteArray() : tokenDigest(secret))
    { }

    bool isSet() const { return !m_digest.isEmpty(); }
    bool matches(QByteArrayView presented) const
    {
        // Hashed and compared even when unset, so that the answer takes the same time.
        static const QByteArray standIn(32, '\0');
        const bool equal = constantTimeEquals(tokenDigest(presented), isSet() ? m_digest : standIn);
        return isSet() && equal;
    }
    // A token that may not have been presented at all (bearerOf, QueryToken::value).
    bool accepts(const std::optional<QByteArray> &presented) const
    {
        return presented && matches(QByteArrayView(*presented));
    }

private:
    QByteArray m_digest;
};

} // namespace sender
