#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace sender::FleetAnnouncement {

// What one instance writes under <REDIS.CHANNEL_PREFIX>instances:<its id> (SET ... PX), read by
// every other instance on the same Redis. Anyone who can write to that Redis can write there
// too, so a reader takes nothing on trust: the value must be one small JSON object of exactly
// the documented types whose id is its key's, and even then it is only shown, never used to
// reach or authorise anything. It carries no token or secret.
constexpr qsizetype kMaxBytes = 4096;
constexpr qsizetype kMaxTextChars = 256;

// The keys are this + an instance id.
QByteArray keyPrefix(const QByteArray &channelPrefix);

// `stopped`: a clean stop's last word, so that readers drop it at once instead of calling it
// gone when it expires. `self` and `goneSince` are not written.
QByteArray encode(const InstanceSnapshot &instance, bool stopped = false);

struct Parsed
{
    InstanceSnapshot instance; // state Serving or Draining
    bool stopped = false;
};
// The announcement under `key`, or nothing with *why (one sentence, for the log).
std::optional<Parsed> parse(QByteArrayView key, QByteArrayView keyPrefix, QByteArrayView value,
                            QString *why);

} // namespace sender::FleetAnnouncement
