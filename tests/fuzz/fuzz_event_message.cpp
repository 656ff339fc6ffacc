// Fuzzes the message path: the JSON scanner on the exact input buffer (so ASan sees any read one
// byte past it), EventMessage::parse, frame building, each event made again from its frame (as
// the history does) and filter evaluation. The input is parsed both as a whole message and
// wrapped as the single event of one, so mutations of an event reach attribute extraction without
// having to keep an envelope valid.
#include "FuzzSamples.h"
#include "events/JsonTape.h"
#include "events/WsFrame.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

void checkMessage(const QByteArray &raw, bool validJson)
{
    QString error;
    const auto message = sender::EventMessage::parse(raw, &error);
    if (!message) {
        fuzz::require(!error.isEmpty());
        return;
    }
    fuzz::require(validJson);
    sender::json::Tape tape;
    for (qsizetype i = 0; i < message->eventCount(); ++i) {
        const QByteArrayView event = message->eventJson(i);
        fuzz::require(event.startsWith('{') && event.endsWith('}'));

        const QByteArray &frame = message->frame(i);
        const QByteArrayView payload = message->framePayload(i);
        fuzz::require(frame.size() == sender::wsframe::headerSize(payload.size()) + payload.size());
        fuzz::require(quint8(frame[0]) == 0x81);
        fuzz::require(payload.startsWith(QByteArray("{\"event\":" + event.toByteArray() + ",")));
        // The frame is valid JSON, and built once: a second call returns the same bytes.
        QString payloadError;
        fuzz::require(tape.parse(payload, &payloadError));
        fuzz::require(tape.bytes(tape.member(0, "event")) == event);
        fuzz::require(message->frame(i).constData() == frame.constData());

        // Made again from its frame (as the history does), the event passes exactly the filters
        // it passed before.
        const auto again = sender::EventMessage::fromFrame(frame);
        fuzz::require(again && again->eventCount() == 1 && again->eventJson(0) == event);
        fuzz::require(again->handlerId() == message->handlerId());
        for (const sender::SubscriptionFilter &filter : fuzz::sampleFilters())
            fuzz::require(filter.matches(*message, i) == filter.matches(*again, 0));
        const sender::EventSummary summary = sender::summarize(*message, i);
        (void)summary;
    }
    (void)message->handlerIdText();
    (void)message->requestIdText();
    (void)message->createTimeText();
    (void)message->endTimeText();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    sender::json::Tape tape;
    QString error;
    const bool validJson = tape.parse(input, &error);
    fuzz::require(validJson || !error.isEmpty());

    checkMessage(QByteArray(input.data(), input.size()), validJson);

    // Wrapped as the events array's content (which may also be several comma-separated values).
    const QByteArray wrapped = R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[)"
        + QByteArray(input.data(), input.size()) + "]}";
    QString wrappedError;
    const bool wrappedValid = tape.parse(wrapped, &wrappedError);
    checkMessage(wrapped, wrappedValid);
    return 0;
}
