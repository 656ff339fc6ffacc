#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace sender::test {

// The fields of a Redis message around its events (section 4 of the contract).
struct MessageMeta
{
    QByteArray handlerId = "557d54ec-29ad-4f3c-93b4-c9092ef12515";
    QByteArray requestId = "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
    QByteArray createTime = "2019-08-24T14:15:22Z";
    QByteArray endTime = "2019-08-24T14:15:23.5+03:00";
};

// {"handler_id": ..., "Luna-Request-Id": ..., "events": [<events as given>], "event_create_time":
// ..., "event_end_time": ...}: the events are pasted in byte for byte.
QByteArray redisMessage(const QList<QByteArray> &events, const MessageMeta &meta = {});

// One member of a JSON object exactly as written: the key's text between its quotes and the
// value's bytes.
struct RawMember
{
    QByteArray key;
    QByteArray value;
};

// The top-level members of a JSON object text, in order; nothing when it is not one object.
std::optional<QList<RawMember>> rawMembers(QByteArrayView object);
// The elements of a JSON array text, byte for byte; nothing when it is not one array.
std::optional<QList<QByteArray>> rawElements(QByteArrayView array);

// What is wrong with a delivered frame, given the event's exact bytes and the message around it:
// exactly the keys event, handler_id, event-create-time, event-end-time, Luna-Request-id in this
// order, the event byte for byte, the other values equal to the message's. Empty when right.
QString frameProblem(const QByteArray &frame, const QByteArray &rawEvent, const MessageMeta &meta);

// The string value of a top-level member of the frame's "event" (e.g. its event_id).
QByteArray eventField(const QByteArray &frame, const QString &name);

} // namespace sender::test
