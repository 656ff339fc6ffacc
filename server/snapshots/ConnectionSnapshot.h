#pragma once

#include <QDateTime>
#include <QString>

namespace sender {

// One client connection as the console's connections pane, the monitoring API and the lag alert
// rules read it. Kept apart from the engine's other snapshot types (a header of Qt value types,
// depending on no module) so that the public port, which knows its connections, fills it and the
// engine hands it on as it is: one definition, not a port-side copy converted field by field.
struct ConnectionSnapshot
{
    quint64 id = 0;
    QString peer;
    bool subscribed = false;
    QString account;
    QString filterQuery; // canonical
    QString filterText; // readable conditions
    int apiVersion = 0;
    QDateTime connectedAt;
    QDateTime subscribedAt;
    quint64 delivered = 0;
    quint64 dropped = 0;
    quint64 filteredOut = 0;
    qint64 queueBytes = 0;
    quint64 bytesSent = 0;
    QString requestId;
    // How far behind its stream it is: events that passed its filter and are not yet handed to
    // its socket's queue, and how long ago the oldest of them arrived (0 and 0: keeping up).
    struct Lag
    {
        quint64 events = 0;
        qint64 ms = 0;
    } lag;
};

} // namespace sender
