#pragma once

#include "events/EventAttributes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUuid>

#include <atomic>
#include <forward_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sender {

namespace json {
class Tape;
}

// One message as published on luna-sender:{account}, parsed once and then shared read-only by
// every connection it fans out to (thread-safe: the only lazy state, the frames, is built once by
// the first thread that asks; see frame()).
class EventMessage
{
    struct PrivateTag
    {
    };

public:
    // More events in one message are refused: each costs a few hundred bytes of attributes, and a
    // handler publishes one event (or a handful) per message.
    static constexpr qsizetype kMaxEvents = 100000;

    // Parses one message as published on luna-sender:{account}. Any input is safe. On failure
    // returns nullptr and sets *error to a one-line reason (with the byte offset where useful).
    static std::shared_ptr<const EventMessage> parse(QByteArray raw, QString *error);
    // The one-event message whose frame(0) is `frame` (a frame built by frame(), shared, not
    // copied): the history keeps only frames and gets the attributes back this way when it needs
    // them. Null if the bytes are not such a frame.
    static std::shared_ptr<const EventMessage> fromFrame(const QByteArray &frame);

    const QByteArray &raw() const { return m_raw; }
    qsizetype eventCount() const { return m_eventCount; }
    // Byte-for-byte the object of events[i], as the handler published it.
    QByteArrayView eventJson(qsizetype i) const;
    const EventAttributes &attributes(qsizetype i) const;
    // The complete WebSocket text frame (header + payload) for events[i], built on first use and
    // then shared by every connection that sends it.
    const QByteArray &frame(qsizetype i) const;
    // The frame of events[i] in one of the encodings a subscriber negotiated: Plain is frame(i);
    // Deflate is the same message compressed (permessage-deflate without context takeover), built
    // once on first use and shared by every subscriber that negotiated it. A payload that does
    // not get smaller compressed is sent plain (RFC 7692 lets every message choose).
    enum class FrameVariant : quint8 { Plain = 0, Deflate = 1 };
    const QByteArray &frame(qsizetype i, FrameVariant variant) const;
    // The JSON text inside frame(i).
    QByteArrayView framePayload(qsizetype i) const;

    // Null if handler_id is not a UUID (the message is still relayed; it never matches
    // handler_ids).
    QUuid handlerId() const { return m_handlerUuid; }
    // Tells the nil UUID apart from "not a UUID".
    bool handlerIdIsUuid() const { return m_handlerIsUuid; }
    // Decoded values of the envelope's fields; empty when absent. A value that is not a string
    // comes back as its JSON text.
    QString handlerIdText() const { return tokenText(m_handlerId); }
    QString requestIdText() const { return tokenText(m_requestId); }
    QString createTimeText() const { return tokenText(m_createTime); }
    QString endTimeText() const { return tokenText(m_endTime); }

    explicit EventMessage(PrivateTag) { }
    ~EventMessage();
    EventMessage(const EventMessage &) = delete;
    EventMessage &operator=(const EventMessage &) = delete;

private:
    // A raw JSON token of the message; absent when end == 0.
    struct Token
    {
        quint32 begin = 0;
        quint32 end = 0;
        bool isString = false;
        bool isEscaped = false;
    };
    struct Event
    {
        quint32 begin = 0;
        quint32 end = 0;
        EventAttributes attributes;
        // Built on first use: Unbuilt -> Building (one thread) -> Built.
        mutable std::atomic<quint8> frameState {0};
        mutable QByteArray frame;
        mutable std::atomic<quint8> deflatedState {0};
        mutable QByteArray deflated; // empty: compression does not pay, frame is sent
    };

    // The token of a node of the tape, its offsets moved by `shift`; a JSON null is absent when
    // nullIsAbsent (a frame writes null for a field the message did not have).
    static Token tokenOf(const json::Tape &tape, quint32 node, quint32 shift, bool nullIsAbsent);
    // handler_id's decoded text, if it is a string: its UUID, when it is one.
    void setHandlerUuid(std::optional<QByteArrayView> handlerId);
    QString tokenText(const Token &token) const;
    QByteArrayView tokenJson(const Token &token) const;
    QByteArray buildFrame(const Event &event) const;

    QByteArray m_raw;
    std::unique_ptr<Event[]> m_events;
    qsizetype m_eventCount = 0;
    Token m_handlerId, m_requestId, m_createTime, m_endTime;
    QUuid m_handlerUuid;
    bool m_handlerIsUuid = false;
    // Storage the attributes' views and spans point into.
    std::vector<QByteArrayView> m_stringLists;
    std::vector<double> m_numberLists;
    std::forward_list<std::string> m_decodedStrings;
};

// A compact summary of one event for the console's event list.
struct EventSummary
{
    QString eventId;
    QString source;
    std::optional<int> age;
    QString gender; // "female", "male" or empty
    // Names of the predominant values; when detections disagree, every value seen joined by '/'.
    QString emotion;
    QString mask;
    QString liveness;
    // The label of the match holding the best candidate, and that candidate's similarity.
    QString topMatchLabel;
    std::optional<double> topSimilarity;
};

EventSummary summarize(const EventMessage &message, qsizetype i);

} // namespace sender
