#pragma once

#include <QByteArray>
#include <QList>

namespace sender {

// Server-driven content negotiation (RFC 9110 12.5.1): picks, among the types a resource can
// produce (in the server's order of preference), the one the Accept header rates highest. A
// missing or empty Accept header accepts anything. Returns -1 when nothing is acceptable.
qsizetype negotiateMediaType(QByteArrayView acceptHeader, const QList<QByteArray> &available);

} // namespace sender
