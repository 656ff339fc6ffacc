#pragma once

#include <QByteArray>

#include <sys/uio.h>
#include <vector>

namespace sender {

// Frames waiting for one socket. Chunks are shared QByteArrays (one frame encoded once is queued
// for every recipient without a copy), written with one writev per wake-up. The bound is what
// keeps a client that never reads from growing memory: push() refuses past it, and the caller
// applies the slow-consumer policy.
class SendQueue
{
public:
    explicit SendQueue(qint64 limitBytes = 4 * 1024 * 1024)
        : m_limit(limitBytes)
    { }

    // Refuses (returns false, queues nothing) when the chunk would take the queue over its bound.
    bool push(const QByteArray &chunk);
    // For protocol frames (close, pong, HTTP answers) that must go out whatever the bound.
    void pushUnbounded(const QByteArray &chunk);

    bool isEmpty() const { return m_count == 0; }
    qint64 bytes() const { return m_bytes; } // not yet written
    qsizetype chunkCount() const { return m_count; }
    qint64 limit() const { return m_limit; }
    void setLimit(qint64 limitBytes) { m_limit = limitBytes; }

    // Fills at most max iovecs with the head of the queue; returns how many.
    int fillIoVec(iovec *iov, int max) const;
    // Drops n written bytes from the head.
    void consume(qint64 n);
    // Drops everything; returns how many chunks were dropped.
    qsizetype clear();
    // Drops every chunk not yet started; a half-written head stays so the stream stays framed.
    // Returns what was dropped: chunks, or what countOf says each held (frames, for a chunk that
    // may be a batch of them).
    qsizetype clearUnsent(qsizetype (*countOf)(QByteArrayView chunk) = nullptr);

private:
    void append(const QByteArray &chunk);

    // A ring of shared chunks: no allocation per push once it has grown to the working size.
    std::vector<QByteArray> m_ring;
    qsizetype m_head = 0;
    qsizetype m_count = 0;
    qsizetype m_headOffset = 0; // bytes of the head chunk already written
    qint64 m_bytes = 0;
    qint64 m_limit;
};

} // namespace sender
