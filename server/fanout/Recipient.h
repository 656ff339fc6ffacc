#pragma once

#include "net/SendQueue.h"

#include <QString>

namespace sender {

// What the hub counts for one subscriber (the console's connection table, metrics).
struct RecipientStats
{
    quint64 delivered = 0; // frames handed to its send queue
    quint64 dropped = 0; // frames it never got because it was closed behind the stream
    quint64 bytesQueued = 0;
};

// How far a subscriber is behind its filter group's stream: events that passed its filter and
// were not yet handed to its socket's queue, and how long ago the oldest of them arrived.
struct RecipientLag
{
    quint64 events = 0;
    qint64 ms = 0;
};

// A subscriber as the hub sees it: a send queue the hub hands frames to (a small window: what is
// behind it stays a position in the group's shared stream, see Hub), a way to have them written,
// and a way to be closed when it falls too far behind. Implemented by the WebSocket connection,
// so that fanout never depends on ws.
class Recipient
{
public:
    virtual ~Recipient() = default;

    virtual SendQueue &sendQueue() = 0;
    // Called after a dispatch round that handed it frames: write what the socket takes. When its
    // socket has taken everything it should ask the hub for more (Hub::refill).
    virtual void flushQueued() = 0;
    // It fell too far behind (the reason says how): close with 1008. Never called during a
    // dispatch round.
    virtual void closeAsSlowConsumer(const QString &reason) = 0;

    // Events of its account its filter did not pass. Taken from its group's count (the hub does
    // not touch each refused recipient per event: with many idle subscribers that walk was the
    // per-event cost).
    quint64 filteredOut() const;

    RecipientStats stats;
    // The frame encoding it negotiated (EventMessage::FrameVariant: 0 plain, 1 permessage-deflate).
    // Set before subscribing (Hub::frameFor reads it then); recipients differing only in it are in
    // different groups.
    quint8 frameVariant = 0;

private:
    friend class Hub;
    struct Group *m_group = nullptr;
    qsizetype m_indexInGroup = -1;
    quint64 m_filteredOutBase = 0; // the group's eventsFilteredOut when it joined
    quint64 m_filteredOutEarlier = 0; // counted in groups it has left
    quint64 m_cursor = 0; // the next chunk of its group's stream to hand to its queue
    bool m_dirty = false;
};

} // namespace sender
