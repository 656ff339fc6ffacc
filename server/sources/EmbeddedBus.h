#pragma once

#include "sources/EventSource.h"

namespace sender {

// The in-process bus: the default when no Redis is configured, so the program does its job out of
// the box. Messages published here take exactly the path a Redis message takes. publish() may be
// called from any thread; delivery happens on the bus's (the engine's) thread, in order.
class EmbeddedBus final : public EventSource
{
    Q_OBJECT
public:
    using EventSource::EventSource;

    SourceKind kind() const override { return SourceKind::Embedded; }
    void start() override;
    void stop() override;
    State state() const override { return m_state; }
    QString stateDetail() const override;

    // accountId as it would follow "luna-sender:" in a Redis channel name.
    void publish(const QByteArray &accountId, const QByteArray &payload,
                 SourceKind kind = SourceKind::Embedded);
    quint64 published() const { return m_published; }

private:
    void deliver(const QByteArray &accountId, const QByteArray &payload, SourceKind kind);

    State m_state = State::Stopped;
    quint64 m_published = 0;
};

} // namespace sender
