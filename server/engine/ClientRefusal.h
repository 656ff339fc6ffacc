#pragma once

#include <QByteArray>
#include <QString>

namespace sender {

// What a subscriber is told when its handshake is refused, for readers outside the HTTP layer
// (the console's filter playground shows exactly this answer without reaching into server/http).
struct ClientRefusal
{
    int httpStatus = 0;
    int code = 0;
    QString desc;
    QString detail;
    QByteArray body; // the contract's JSON error
};

// The answer to a query parameter that does not parse (the handshake's 400).
ClientRefusal badQueryParameterRefusal(const QString &parameter, const QString &detail);

} // namespace sender
