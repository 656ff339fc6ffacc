#pragma once

#include "events/SourceKind.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>
#include <QString>

namespace sender {

// Receives every message a source produces, on the engine thread, in arrival order.
class MessageSink
{
public:
    virtual ~MessageSink() = default;
    // accountId is the text after "luna-sender:" in the channel name, not validated yet: the sink
    // checks it, so that a message on a malformed channel is counted like any malformed message.
    virtual void acceptMessage(QByteArrayView accountId, const QByteArray &payload,
                               SourceKind kind) = 0;
};

// One producer of Redis-format messages (Redis pub/sub, the embedded bus, the demo generator).
// Lives on the engine thread; start() and stop() are called there.
class EventSource : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Connecting, Ready, Down };
    Q_ENUM(State)

    using QObject::QObject;

    virtual SourceKind kind() const = 0;
    virtual void start() = 0;
    // Graceful: unsubscribe and close. Emits stateChanged(Stopped).
    virtual void stop() = 0;
    virtual State state() const = 0;
    // One line for people: "subscribed to 127.0.0.1:6379 db 0", "down: Connection refused".
    virtual QString stateDetail() const = 0;
    // Milliseconds until the next reconnect attempt while Down, else -1 (the console's countdown).
    virtual qint64 nextRetryInMs() const { return -1; }
    // How many times the source had to reconnect since start().
    virtual quint64 reconnectCount() const { return 0; }

    void setSink(MessageSink *sink) { m_sink = sink; }

Q_SIGNALS:
    void stateChanged(sender::EventSource::State state);

protected:
    MessageSink *m_sink = nullptr;
};

} // namespace sender
