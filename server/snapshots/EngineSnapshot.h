#pragma once

#include "events/SourceKind.h"
#include "snapshots/ConnectionSnapshot.h"

#include <QDateTime>
#include <QMetaType>
#include <QUuid>

#include <array>
#include <memory>

namespace sender {

class EventMessage;

// The engine's view of its sources, in the words of the monitoring contract: values types that
// the console (local or attached) and the monitoring port read, depending on nothing of
// sources/, ws/ or fanout/.
enum class SourceState : quint8 { Stopped, Connecting, Up, Down };

struct SourceStatus
{
    SourceKind kind = SourceKind::Embedded;
    SourceState state = SourceState::Stopped;
    QString detail;
    qint64 nextRetryInMs = -1;
    quint64 reconnects = 0;
};

// What the history for resuming clients holds (HISTORY.*), for the overview.
struct HistorySnapshot
{
    bool enabled = false;
    quint64 events = 0;
    quint64 bytes = 0;
    int accounts = 0;
    quint64 evictions = 0; // by count, age and bytes together
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
    int filterSets = 0;
    HistorySnapshot history;
};

// Clients of one account that share an identical filter set, and what the set let through.
struct FilterSetSnapshot
{
    QUuid account;
    QString filterQuery; // canonical
    QString filterText;
    int members = 0;
    quint64 passed = 0;
    quint64 filteredOut = 0;
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

// One instance of the fleet (the instances sharing one Redis) as it announced itself there
// (fleet/FleetWatch), or this instance as it is now. Display only: nothing in it is trusted for
// anything else, and it holds no secret.
struct InstanceSnapshot
{
    enum class State : quint8 { Serving, Draining, Gone };
    QUuid id;
    QString name; // SERVER.INSTANCE_NAME, or host:port
    QString host; // the host name
    QString listen; // the Sender port, "0.0.0.0:5080"
    QString monitor; // the monitoring port, "127.0.0.1:5081"; empty when it has none
    QString version;
    QDateTime startedAt;
    QDateTime announcedAt; // when this was said (for this instance: now)
    QDateTime goneSince; // Gone: when its announcement was missed
    State state = State::Serving;
    int connections = 0;
    int subscribers = 0;
    double eventsPerSecond = 0;
    double deliveriesPerSecond = 0;
    bool self = false;
};

// The fleet as this instance sees it: itself first, then the others by name. `shared`: the
// instances announce themselves through Redis (with the embedded bus the fleet is this one);
// `redisUp` and `redisDetail`: whether the last announcement and reading went through.
struct FleetSnapshot
{
    bool shared = false;
    bool redisUp = false;
    QString redisDetail;
    int announceIntervalMs = 0;
    QList<InstanceSnapshot> instances;
};

} // namespace sender

Q_DECLARE_METATYPE(sender::FleetSnapshot)
Q_DECLARE_METATYPE(sender::EngineSnapshot)
Q_DECLARE_METATYPE(sender::ConnectionSnapshot)
Q_DECLARE_METATYPE(sender::FilterSetSnapshot)
Q_DECLARE_METATYPE(sender::EventSample)
