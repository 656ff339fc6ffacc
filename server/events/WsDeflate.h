#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace sender::wsdeflate {

// permessage-deflate (RFC 7692) as the Sender port negotiates it: server_no_context_takeover and
// client_no_context_takeover, 15-bit windows. Without context takeover a message is compressed on
// its own, so one compressed frame is right for every subscriber that negotiated it: an event is
// compressed once and the frame shared, like the plain one.

// The raw DEFLATE of payload with the final 0x00 0x00 0xff 0xff of the sync flush removed
// (section 7.2.1). Empty if zlib fails (it does not, short of memory).
QByteArray compress(QByteArrayView payload);
// The complete frame: FIN, RSV1 (compressed), text opcode, the compressed payload.
QByteArray compressedTextFrame(QByteArrayView payload);

// A compressed client message made plain again (section 7.2.2), with a fresh context each time
// (we ask for client_no_context_takeover). Nothing when the data is not valid DEFLATE or would
// inflate past maxBytes (*tooLarge says which); memory grows with the output, never past it.
std::optional<QByteArray> decompress(QByteArrayView compressed, qsizetype maxBytes, bool *tooLarge);

} // namespace sender::wsdeflate
