#pragma once

#include "publicport/HandshakeGate.h"

#include <optional>

namespace sender {

class EventHistory;
struct ResumePoint;

// The resume extension of the handshake: since_event_id=<uuid> or since=<ISO-8601 time> on /1/ws
// and /2/ws. Wraps the contract's gate, which never sees these two parameters: a request without
// them is passed on untouched (the same answer, byte for byte, as without history), one with them
// is checked by the gate without them, then validated (400/12012) and answered from the history:
// the frames to replay go into the Subscription, or the handshake is refused with 410/29110 when
// the history does not reach back that far. Runs on the engine's thread, like the subscription
// that follows in the same turn, so no event can fall between the replay and the live stream.
class ResumeGate : public HandshakeGate
{
public:
    ResumeGate(const HandshakeGate *inner, EventHistory *history)
        : m_inner(inner)
        , m_history(history)
    { }
    std::variant<Subscription, ApiError> admit(const HttpRequest &request) const override;

private:
    const HandshakeGate *m_inner;
    EventHistory *m_history;
};

// since_event_id and since split out of a raw query: the rest of the query (as given), where to
// resume, and the first problem with them (12012: malformed, repeated, or both given).
struct ResumeQuery
{
    QByteArray rest;
    bool found = false; // either was present
    std::optional<ApiError> error;
};
ResumeQuery takeResumeParameters(const QByteArray &query, ResumePoint *point);

} // namespace sender
