#pragma once

// Plain POSIX sockets for the adversarial and load tests: clients that run on their own thread
// (blocking calls, while the server's event loop runs on the test thread), clients with a tiny
// receive buffer that never read, and a frame scanner cheap enough for a million frames. Written
// without Qt sockets on purpose: QTcpSocket reads everything the kernel has, so it cannot be a
// client that does not read, and it costs more per frame than the server being measured.

#include "TestTimeouts.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QtEndian>

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace sender::test::wire {

// A connected TCP socket to 127.0.0.1:port, blocking, with send and receive timeouts so that a
// test can never hang on it. receiveBuffer > 0 sets SO_RCVBUF before connecting (the kernel
// doubles it and applies its minimum). -1 on failure.
inline int connectTo(quint16 port, int receiveBuffer = 0, int timeoutMs = timeouts::kRoundTrip)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (receiveBuffer > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof(receiveBuffer));
    timeval tv {};
    tv.tv_sec = timeoutMs / 1000;
    tv.tv_usec = (timeoutMs % 1000) * 1000;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

inline bool sendAll(int fd, QByteArrayView bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
            ::send(fd, bytes.data() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

// The upgrade request of a subscription (a fixed key: the tests check the status, not the accept
// value, which the contract tests cover).
inline QByteArray upgradeRequest(quint16 port, QByteArrayView target, QByteArrayView account)
{
    return "GET " + target.toByteArray()
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          "Luna-Account-Id: "
        + account.toByteArray() + "\r\n\r\n";
}

// Reads until the end of the response head; what came after it stays in *rest (and the head, with
// its blank line, in *head). The status code, or 0 when the connection failed or it is not HTTP.
inline int readResponseHead(int fd, QByteArray *rest, QByteArray *head = nullptr)
{
    QByteArray buffer;
    char chunk[4096];
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            if (!buffer.startsWith("HTTP/1.1 ") || buffer.size() < 12)
                return 0;
            if (rest)
                *rest = buffer.mid(end + 4);
            if (head)
                *head = buffer.left(end + 4);
            return buffer.mid(9, 3).toInt();
        }
        if (buffer.size() > 65536)
            return 0;
        const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        buffer.append(chunk, n);
    }
}

// A masked client frame (RFC 6455 5.3); the mask is fixed, which the server may not care about.
inline QByteArray clientFrame(quint8 opcode, QByteArrayView payload, bool fin = true)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | opcode));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else if (payload.size() <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xFF));
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i & 3]));
    return frame;
}

inline QByteArray closeFrame(quint16 code)
{
    const char payload[2] = {char(code >> 8), char(code & 0xFF)};
    return clientFrame(0x8, QByteArrayView(payload, 2));
}

// One server frame seen in place (server frames are never masked).
struct FrameView
{
    quint8 opcode = 0;
    bool fin = false;
    QByteArrayView payload;
};

// Parses the frame at the front of [data, data + size): the bytes it takes, 0 when it is not all
// there yet, -1 when it is not a valid server frame (masked, reserved bits, huge).
inline qsizetype parseServerFrame(const char *data, qsizetype size, FrameView *out)
{
    if (size < 2)
        return 0;
    const auto *b = reinterpret_cast<const uchar *>(data);
    if ((b[0] & 0x70) || (b[1] & 0x80))
        return -1;
    quint64 length = b[1] & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        if (size < 4)
            return 0;
        length = qFromBigEndian<quint16>(b + 2);
        header = 4;
    } else if (length == 127) {
        if (size < 10)
            return 0;
        length = qFromBigEndian<quint64>(b + 2);
        header = 10;
        if (length > (quint64(1) << 31))
            return -1;
    }
    if (size < header + qsizetype(length))
        return 0;
    out->opcode = b[0] & 0x0F;
    out->fin = b[0] & 0x80;
    out->payload = QByteArrayView(data + header, qsizetype(length));
    return header + qsizetype(length);
}

inline int closeCodeOf(const FrameView &frame)
{
    if (frame.opcode != 0x8 || frame.payload.size() < 2)
        return -1;
    return (uchar(frame.payload[0]) << 8) | uchar(frame.payload[1]);
}

// Under AddressSanitizer freed memory sits in a quarantine, so RSS says nothing about leaks.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// This process's resident set in bytes (/proc/self/statm), 0 when unknown.
inline qint64 residentBytes()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    long size = 0;
    long resident = 0;
    const int read = std::fscanf(f, "%ld %ld", &size, &resident);
    std::fclose(f);
    return read == 2 ? qint64(resident) * ::sysconf(_SC_PAGESIZE) : 0;
}

// Runs the event loop until pred() holds or timeoutMs pass; pred is checked every millisecond and
// nothing sleeps in between, so the in-process server runs at full speed meanwhile (QTRY_* waits
// 10 ms between looks, which throttles a server that shares the thread).
inline bool runEventsUntil(const std::function<bool()> &pred, int timeoutMs)
{
    if (pred())
        return true;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (pred() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    tick.start();
    loop.exec();
    return pred();
}

// Calls f on a thread of its own (blocking socket calls are fine there) while the test thread runs
// the event loop for the server. The sockets' own timeouts bound how long f can take.
template<typename F>
auto callOffThread(F f, int timeoutMs = timeouts::kLongOperation) -> std::optional<decltype(f())>
{
    using Result = decltype(f());
    std::optional<Result> result;
    std::atomic<bool> done {false};
    std::thread thread([&] {
        result.emplace(f());
        done = true;
    });
    runEventsUntil([&] { return done.load(); }, timeoutMs);
    // Still running past the timeout: keep the loop going until its socket timeouts end it.
    runEventsUntil([&] { return done.load(); }, 60000);
    thread.join();
    return result;
}

} // namespace sender::test::wire
