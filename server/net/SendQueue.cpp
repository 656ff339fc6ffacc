#include "net/SendQueue.h"

#include <algorithm>

namespace sender {

bool SendQueue::push(const QByteArray &chunk)
{
    if (m_bytes + chunk.size() > m_limit)
        return false;
    append(chunk);
    return true;
}

void SendQueue::pushUnbounded(const QByteArray &chunk)
{
    append(chunk);
}

void SendQueue::append(const QByteArray &chunk)
{
    if (chunk.isEmpty())
        return;
    const qsizetype capacity = qsizetype(m_ring.size());
    if (m_count == capacity) {
        // Grow to the next power of two, unrolling the ring so the head is at 0. It starts at 2
        // slots: an idle subscriber never holds more than its 101 answer or a ping, and at
        // 100 000 of them every slot is 16 bytes times N.
        std::vector<QByteArray> grown(std::max<qsizetype>(2, capacity * 2));
        for (qsizetype i = 0; i < m_count; ++i)
            grown[size_t(i)] = std::move(m_ring[size_t((m_head + i) % capacity)]);
        m_ring = std::move(grown);
        m_head = 0;
    }
    m_ring[size_t((m_head + m_count) % qsizetype(m_ring.size()))] = chunk;
    ++m_count;
    m_bytes += chunk.size();
}

int SendQueue::fillIoVec(iovec *iov, int max) const
{
    const qsizetype capacity = qsizetype(m_ring.size());
    int n = 0;
    for (qsizetype i = 0; i < m_count && n < max; ++i, ++n) {
        const QByteArray &chunk = m_ring[size_t((m_head + i) % capacity)];
        const qsizetype skip = i == 0 ? m_headOffset : 0;
        iov[n].iov_base = const_cast<char *>(chunk.constData() + skip);
        iov[n].iov_len = size_t(chunk.size() - skip);
    }
    return n;
}

void SendQueue::consume(qint64 n)
{
    m_bytes -= n;
    const qsizetype capacity = qsizetype(m_ring.size());
    while (n > 0 && m_count > 0) {
        QByteArray &chunk = m_ring[size_t(m_head)];
        const qint64 left = chunk.size() - m_headOffset;
        if (n < left) {
            m_headOffset += qsizetype(n);
            return;
        }
        n -= left;
        chunk = QByteArray(); // release our reference to the shared frame now
        m_head = (m_head + 1) % capacity;
        --m_count;
        m_headOffset = 0;
    }
}

qsizetype SendQueue::clear()
{
    const qsizetype dropped = m_count;
    m_ring.clear();
    m_ring.shrink_to_fit();
    m_head = m_count = m_headOffset = 0;
    m_bytes = 0;
    return dropped;
}

} // namespace sender

namespace sender {

qsizetype SendQueue::clearUnsent(qsizetype (*countOf)(QByteArrayView chunk))
{
    // What goes: every chunk, or every chunk but a half-written head.
    const qsizetype first = m_headOffset == 0 ? 0 : 1;
    qsizetype dropped = m_count - first;
    if (countOf) {
        dropped = 0;
        const qsizetype capacity = qsizetype(m_ring.size());
        for (qsizetype i = first; i < m_count; ++i)
            dropped += countOf(m_ring[size_t((m_head + i) % capacity)]);
    }
    if (first == 0) {
        clear();
        return dropped;
    }
    QByteArray head = m_ring[size_t(m_head)];
    const qsizetype offset = m_headOffset;
    clear();
    append(head);
    m_headOffset = offset;
    m_bytes -= offset;
    return dropped;
}

} // namespace sender
