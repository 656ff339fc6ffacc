#include "monitor/ClientFrameScanner.h"

namespace sender {

ClientFrameScanner::Verdict ClientFrameScanner::push(quint8 byte)
{
    m_header[m_have++] = byte;
    if (m_have == 2) {
        // The second byte: MASK and the 7-bit length, which says how long the header is.
        if ((byte & 0x80) == 0)
            return Verdict::Unmasked;
        const quint8 length = byte & 0x7f;
        m_need = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + 4;
    }
    if (m_have < 2 || m_have < m_need)
        return Verdict::Fine;
    const quint8 length = m_header[1] & 0x7f;
    quint64 payload = length;
    if (length == 126) {
        payload = (quint64(m_header[2]) << 8) | m_header[3];
    } else if (length == 127) {
        payload = 0;
        for (int i = 2; i < 10; ++i)
            payload = (payload << 8) | m_header[i];
    }
    m_payloadLeft = payload;
    m_have = 0;
    m_need = 2;
    ++m_frames;
    return Verdict::Fine;
}

} // namespace sender
