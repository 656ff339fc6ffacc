#pragma once

#include "sources/EventSource.h"
#include "ws/ConnectionServer.h"

#include <QDateTime>
#include <QMetaType>
#include <QUuid>

#include <array>
#include <memory>

namespace sender {

class EventMessage;

inline constexpr int kSourceKinds = 4;

struct SourceStatus
{
    SourceKind kind = SourceKind::Embedded;
    EventSource::State state = EventSource::State::Stopped;
    QString detail;
    qint64 nextRetryInMs = -1;
    quint64 reconnects = 0;
};

// Everything the console and the metrics read, copied out of the engine in one go.
struct EngineSnapshot
{
    QDateTime startedAt;
    QString listenAddress; // "0.0.0.0:5080"
    bool running = false;
    QList<SourceStatus> sources;
    bool redisConfigured = false;
    std::array<quint64, kSourceKinds> messagesIn {}; // by SourceKind
    std::array<quint64, kSourceKinds> eventsIn {};
    quint64 malformed = 0;
    quint64 deliveries = 0;
    quint64 filteredOut = 0;
    quint64 slowConsumerCloses = 0;
    quint64 droppedFrames = 0;
    quint64 bytesSent = 0;
    qint64 sendQueueBytes = 0;
    int connections = 0;
    int subscribers = 0;
    int accounts = 0;
};

// One event as the console's stream shows it.
struct EventSample
{
    QDateTime receivedAt;
    QUuid account;
    SourceKind kind = SourceKind::Embedded;
    std::shared_ptr<const EventMessage> message; // immutable once dispatched: safe to share
    qsizetype index = 0;
    int recipients = 0;
};

} // namespace sender

Q_DECLARE_METATYPE(sender::EngineSnapshot)
Q_DECLARE_METATYPE(sender::EventSample)
