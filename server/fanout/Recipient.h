#pragma once

#include "fanout/SendQueue.h"

#include <QString>

namespace sender {

// What the hub counts for one subscriber (the console's connection table, metrics).
struct RecipientStats
{
    quint64 delivered = 0; // frames queued for the socket
    quint64 dropped = 0; // frames lost to the slow-consumer policy
    quint64 bytesQueued = 0;
};

// A subscriber as the hub sees it: a bounded queue to put frames in, a way to have them written,
// and a way to be closed when it cannot keep up. Implemented by the WebSocket connection, so that
// fanout never depends on ws.
class Recipient
{
public:
    virtual ~Recipient() = default;

    virtual SendQueue &sendQueue() = 0;
    // Called once after a dispatch round that queued frames for it: write what the socket takes.
    virtual void flushQueued() = 0;
    // Called during a dispatch round when a frame does not fit: write what the socket takes now
    // so that only what it cannot take counts against the bound. Must not close or unsubscribe.
    virtual void writeQueuedNow() = 0;
    // The queue bound was hit: close with 1008. Called after the round, never during it.
    virtual void closeAsSlowConsumer(const QString &reason) = 0;

    // Events of its account its filter did not pass. Taken from its group's count (the hub does
    // not touch each refused recipient per event: with many idle subscribers that walk was the
    // per-event cost).
    quint64 filteredOut() const;

    RecipientStats stats;
    // The frame encoding it negotiated (EventMessage::FrameVariant: 0 plain, 1 permessage-deflate).
    // Set before subscribing; recipients differing only in it are in different groups.
    quint8 frameVariant = 0;

private:
    friend class Hub;
    struct Group *m_group = nullptr;
    qsizetype m_indexInGroup = -1;
    quint64 m_filteredOutBase = 0; // the group's eventsFilteredOut when it joined
    quint64 m_filteredOutEarlier = 0; // counted in groups it has left
    bool m_dirty = false;
    bool m_overflowed = false;
};

} // namespace sender
