#pragma once

#include "util/Bytes.h"

#include <QByteArray>
#include <QCryptographicHash>

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

} // namespace sender
