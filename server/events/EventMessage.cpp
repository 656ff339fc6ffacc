#include "events/EventMessage.h"

#include "events/AttributeExtractor.h"
#include "events/JsonTape.h"
#include "events/WsDeflate.h"
#include "events/WsFrame.h"
#include "util/StrictUuid.h"

#include <array>
#include <cstring>
#include <thread>

using namespace Qt::StringLiterals;

namespace sender {

namespace {

using json::Tape;
using json::Type;

// The envelope's keys, in the order the client frame carries them after "event" (contract
// section 4: hyphens, lower-case "id").
constexpr QByteArrayView kFrameEventKey = "{\"event\":";
constexpr QByteArrayView kFrameHandlerKey = ",\"handler_id\":";
constexpr QByteArrayView kFrameCreateKey = ",\"event-create-time\":";
constexpr QByteArrayView kFrameEndKey = ",\"event-end-time\":";
constexpr QByteArrayView kFrameRequestKey = ",\"Luna-Request-id\":";
constexpr QByteArrayView kNull = "null";

// Event::frameState
constexpr quint8 kFrameUnbuilt = 0;
constexpr quint8 kFrameBuilding = 1;
constexpr quint8 kFrameBuilt = 2;

// The tape is scratch space: reusing it per thread keeps parsing free of per-message regrowth.
// Oversized tapes are dropped (when the parse is done) so that one huge message does not pin its
// memory for good.
struct ScratchTape
{
    Tape &tape = perThread();
    ~ScratchTape() { tape.releaseIfLarger(64 * 1024); }
    static Tape &perThread()
    {
        thread_local Tape one;
        return one;
    }
};

bool fail(QString *error, QString reason)
{
    if (error)
        *error = std::move(reason);
    return false;
}

} // namespace

EventMessage::~EventMessage() = default;

std::shared_ptr<const EventMessage> EventMessage::parse(QByteArray raw, QString *error)
{
    auto message = std::make_shared<EventMessage>(PrivateTag {});
    // Views into raw must stay valid for the message's life: QByteArray::fromRawData() does not own
    // its bytes (capacity 0), so take a copy of those.
    if (!raw.isEmpty() && raw.capacity() == 0)
        raw.detach();
    message->m_raw = std::move(raw);
    const QByteArrayView text = message->m_raw;

    ScratchTape scratch;
    Tape &tape = scratch.tape;

    QString jsonError;
    if (!tape.parse(text, &jsonError)) {
        fail(error, u"invalid JSON: "_s + jsonError);
        return nullptr;
    }
    if (!tape.isObject(0)) {
        fail(error, u"the message is not a JSON object"_s);
        return nullptr;
    }

    static constexpr QByteArrayView kKeys[] = {"handler_id", "Luna-Request-Id", "events",
                                               "event_create_time", "event_end_time"};
    std::array<quint32, 5> found {};
    tape.members(0, kKeys, found);
    const quint32 handler = found[0];
    const quint32 events = found[2];

    if (events == Tape::npos) {
        fail(error, u"'events' is missing"_s);
        return nullptr;
    }
    if (!tape.isArray(events)) {
        fail(error, u"'events' is not an array (byte %1)"_s.arg(tape[events].begin));
        return nullptr;
    }
    if (handler == Tape::npos) {
        fail(error, u"'handler_id' is missing"_s);
        return nullptr;
    }
    if (tape.type(handler) != Type::String) {
        fail(error, u"'handler_id' is not a string (byte %1)"_s.arg(tape[handler].begin));
        return nullptr;
    }

    qsizetype count = 0;
    for (quint32 e = tape.firstChild(events); e != Tape::npos; e = tape.next(events, e)) {
        if (!tape.isObject(e)) {
            fail(error, u"'events[%1]' is not an object (byte %2)"_s.arg(count).arg(tape[e].begin));
            return nullptr;
        }
        if (++count > kMaxEvents) {
            fail(error, u"more than %1 events in one message"_s.arg(kMaxEvents));
            return nullptr;
        }
    }

    message->m_handlerId = tokenOf(tape, handler, 0, false);
    message->m_requestId = tokenOf(tape, found[1], 0, false);
    message->m_createTime = tokenOf(tape, found[3], 0, false);
    message->m_endTime = tokenOf(tape, found[4], 0, false);

    detail::AttributeExtractor extractor(tape, message->m_decodedStrings);
    message->setHandlerUuid(extractor.string(handler));

    message->m_eventCount = count;
    message->m_events.reset(new Event[size_t(count)]);
    qsizetype i = 0;
    for (quint32 e = tape.firstChild(events); e != Tape::npos; e = tape.next(events, e), ++i) {
        Event &event = message->m_events[size_t(i)];
        event.begin = tape[e].begin;
        event.end = tape[e].end;
        extractor.extract(e, event.attributes);
    }
    extractor.bindLists(message->m_stringLists, message->m_numberLists);
    return message;
}

std::shared_ptr<const EventMessage> EventMessage::fromFrame(const QByteArray &frame)
{
    // The payload is buildFrame()'s: {"event":{...},"handler_id":..,"event-create-time":..,
    // "event-end-time":..,"Luna-Request-id":..}. The message keeps the frame itself as its raw
    // bytes and points into its payload.
    const qsizetype header = wsframe::headerSizeOfFrame(frame);
    if (frame.size() <= header)
        return nullptr;
    auto message = std::make_shared<EventMessage>(PrivateTag {});
    message->m_raw = frame;
    if (message->m_raw.capacity() == 0) // fromRawData(): the views need bytes of their own
        message->m_raw.detach();
    const QByteArrayView text = QByteArrayView(message->m_raw).sliced(header);

    ScratchTape scratch;
    Tape &tape = scratch.tape;
    if (!tape.parse(text, nullptr) || !tape.isObject(0))
        return nullptr;
    static constexpr QByteArrayView kKeys[] = {"event", "handler_id", "event-create-time",
                                               "event-end-time", "Luna-Request-id"};
    std::array<quint32, 5> found {};
    tape.members(0, kKeys, found);
    const quint32 event = found[0];
    const quint32 handler = found[1];
    if (!tape.isObject(event) || handler == Tape::npos)
        return nullptr;

    const auto shift = quint32(header);
    message->m_handlerId = tokenOf(tape, handler, shift, false);
    message->m_createTime = tokenOf(tape, found[2], shift, true);
    message->m_endTime = tokenOf(tape, found[3], shift, true);
    message->m_requestId = tokenOf(tape, found[4], shift, true);

    detail::AttributeExtractor extractor(tape, message->m_decodedStrings);
    message->setHandlerUuid(extractor.string(handler));
    message->m_eventCount = 1;
    message->m_events.reset(new Event[1]);
    Event &one = message->m_events[0];
    one.begin = tape[event].begin + shift;
    one.end = tape[event].end + shift;
    extractor.extract(event, one.attributes);
    extractor.bindLists(message->m_stringLists, message->m_numberLists);
    // frame(0) is the frame it came from, byte for byte and shared.
    one.frame = message->m_raw;
    one.frameState.store(kFrameBuilt, std::memory_order_release);
    return message;
}

void EventMessage::setHandlerUuid(std::optional<QByteArrayView> handlerId)
{
    if (!handlerId)
        return;
    if (const std::optional<QUuid> uuid = parseStrictUuid(*handlerId)) {
        m_handlerUuid = *uuid;
        m_handlerIsUuid = true;
    }
}

EventMessage::Token EventMessage::tokenOf(const Tape &tape, quint32 node, quint32 shift,
                                          bool nullIsAbsent)
{
    Token t;
    if (node == Tape::npos || (nullIsAbsent && tape.type(node) == Type::Null))
        return t;
    t.begin = tape[node].begin + shift;
    t.end = tape[node].end + shift;
    t.isString = tape.type(node) == Type::String;
    t.isEscaped = (tape[node].flags & json::Node::Escaped) != 0;
    return t;
}

QByteArrayView EventMessage::eventJson(qsizetype i) const
{
    if (i < 0 || i >= m_eventCount)
        return {};
    const Event &event = m_events[size_t(i)];
    return QByteArrayView(m_raw).sliced(event.begin, event.end - event.begin);
}

const EventAttributes &EventMessage::attributes(qsizetype i) const
{
    static const EventAttributes kNone;
    if (i < 0 || i >= m_eventCount)
        return kNone;
    return m_events[size_t(i)].attributes;
}

namespace {

// Builds storage once, whichever thread asks first. Not std::call_once: glibc's pthread_once makes
// a futex syscall after every first call, once per event here (a fifth of the parse-and-dispatch
// time in BM_ParseDispatchWithHistory).
template<typename Build>
const QByteArray &buildOnce(std::atomic<quint8> &state, QByteArray &storage, Build build)
{
    quint8 seen = state.load(std::memory_order_acquire);
    if (seen == kFrameBuilt)
        return storage;
    if (seen == kFrameUnbuilt
        && state.compare_exchange_strong(seen, kFrameBuilding, std::memory_order_acquire)) {
        storage = build();
        state.store(kFrameBuilt, std::memory_order_release);
        return storage;
    }
    // Another thread builds it (a microsecond or two): rare, so a yield loop is enough.
    while (state.load(std::memory_order_acquire) != kFrameBuilt)
        std::this_thread::yield();
    return storage;
}

} // namespace

const QByteArray &EventMessage::frame(qsizetype i) const
{
    static const QByteArray kNone;
    if (i < 0 || i >= m_eventCount)
        return kNone;
    const Event &event = m_events[size_t(i)];
    return buildOnce(event.frameState, event.frame, [&] { return buildFrame(event); });
}

const QByteArray &EventMessage::frame(qsizetype i, FrameVariant variant) const
{
    const QByteArray &plain = frame(i);
    if (variant == FrameVariant::Plain || plain.isEmpty())
        return plain;
    const Event &event = m_events[size_t(i)];
    const QByteArray &deflated = buildOnce(event.deflatedState, event.deflated, [&] {
        QByteArray compressed = wsdeflate::compressedTextFrame(framePayload(i));
        return compressed.size() < plain.size() ? compressed : QByteArray();
    });
    return deflated.isEmpty() ? plain : deflated;
}

QByteArrayView EventMessage::framePayload(qsizetype i) const
{
    const QByteArray &bytes = frame(i);
    if (bytes.isEmpty())
        return {};
    const qsizetype header = wsframe::headerSizeOfFrame(bytes);
    return QByteArrayView(bytes).sliced(header);
}

QByteArrayView EventMessage::tokenJson(const Token &token) const
{
    if (token.end == 0)
        return kNull;
    return QByteArrayView(m_raw).sliced(token.begin, token.end - token.begin);
}

QString EventMessage::tokenText(const Token &token) const
{
    if (token.end == 0)
        return {};
    const QByteArrayView json = tokenJson(token);
    if (!token.isString)
        return QString::fromUtf8(json);
    const QByteArrayView content = json.sliced(1, json.size() - 2);
    if (!token.isEscaped)
        return QString::fromUtf8(content);
    std::string decoded;
    json::Tape::unescape(content, decoded);
    return QString::fromUtf8(decoded.data(), qsizetype(decoded.size()));
}

QByteArray EventMessage::buildFrame(const Event &event) const
{
    const QByteArrayView parts[] = {
        kFrameEventKey,
        QByteArrayView(m_raw).sliced(event.begin, event.end - event.begin),
        kFrameHandlerKey,
        tokenJson(m_handlerId),
        kFrameCreateKey,
        tokenJson(m_createTime),
        kFrameEndKey,
        tokenJson(m_endTime),
        kFrameRequestKey,
        tokenJson(m_requestId),
        "}"};
    qsizetype payloadSize = 0;
    for (const QByteArrayView part : parts)
        payloadSize += part.size();
    const qsizetype headerSize = wsframe::headerSize(payloadSize);
    QByteArray frame(headerSize + payloadSize, Qt::Uninitialized);
    char *out = frame.data();
    out += wsframe::writeHeader(out, wsframe::Opcode::Text, payloadSize);
    for (const QByteArrayView part : parts) {
        std::memcpy(out, part.data(), size_t(part.size()));
        out += part.size();
    }
    return frame;
}

} // namespace sender
