#include "app/SystemdNotify.h"

#include <QLoggingCategory>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcSystemd, "sender.systemd", QtInfoMsg)

namespace sender {

namespace {

// A STATUS= value is one line: anything that would start another assignment is flattened.
QByteArray statusLine(const QString &status)
{
    QByteArray bytes = status.toUtf8();
    for (char &c : bytes) {
        if (c == '\n' || c == '\r')
            c = ' ';
    }
    return "STATUS=" + bytes;
}

} // namespace

SystemdNotify::SystemdNotify(QObject *parent)
    : QObject(parent)
{
    m_socket = qgetenv("NOTIFY_SOCKET");
    const QByteArray usec = qgetenv("WATCHDOG_USEC");
    const QByteArray pid = qgetenv("WATCHDOG_PID");
    bool ok = false;
    const qulonglong interval = usec.toULongLong(&ok);
    // WATCHDOG_PID set for another process (e.g. a wrapper that exec'd us differently) means
    // the watchdog is not ours to feed.
    const bool forUs = pid.isEmpty() || pid.toLongLong() == qint64(::getpid());
    if (ok && interval > 0 && forUs)
        m_watchdog = std::chrono::microseconds(interval);
    m_watchdogTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_watchdogTimer, &QTimer::timeout, this, &SystemdNotify::watchdogPing);
}

bool SystemdNotify::ready(const QString &status)
{
    return notify("READY=1\n" + statusLine(status));
}

bool SystemdNotify::reloading(const QString &status)
{
    return notify("RELOADING=1\nMONOTONIC_USEC=" + QByteArray::number(monotonicMicroseconds())
                  + '\n' + statusLine(status));
}

bool SystemdNotify::stopping(const QString &status)
{
    m_watchdogTimer.stop();
    return notify("STOPPING=1\n" + statusLine(status));
}

bool SystemdNotify::status(const QString &status)
{
    return notify(statusLine(status));
}

bool SystemdNotify::watchdogPing()
{
    return notify("WATCHDOG=1");
}

void SystemdNotify::startWatchdog()
{
    if (!isEnabled() || m_watchdog.count() == 0)
        return;
    // Half the interval, as sd_watchdog_enabled(3) advises: one late wake-up is not fatal.
    const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(m_watchdog / 2);
    m_watchdogTimer.start(std::max(half, std::chrono::milliseconds(1)));
    qCInfo(lcSystemd, "watchdog: pinging systemd every %lld ms", qint64(half.count()));
    watchdogPing();
}

bool SystemdNotify::notify(const QByteArray &state)
{
    if (!isEnabled())
        return false;
    QString error;
    if (send(m_socket, state, &error)) {
        m_warned = false;
        return true;
    }
    // Once per failure streak: a vanished socket must not flood the log every watchdog period.
    if (!m_warned)
        qCWarning(lcSystemd, "cannot notify systemd: %s", qUtf8Printable(error));
    m_warned = true;
    return false;
}

bool SystemdNotify::send(const QByteArray &socketName, const QByteArray &state, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (socketName.size() < 2 || (socketName[0] != '/' && socketName[0] != '@'))
        return fail(QStringLiteral("NOTIFY_SOCKET '%1' is neither a path nor an abstract name")
                        .arg(QString::fromLocal8Bit(socketName)));
    if (size_t(socketName.size()) > sizeof(address.sun_path))
        return fail(QStringLiteral("NOTIFY_SOCKET is too long"));
    std::memcpy(address.sun_path, socketName.constData(), size_t(socketName.size()));
    socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(socketName.size()));
    if (socketName[0] == '@') {
        address.sun_path[0] = '\0'; // abstract namespace: no terminator, the length counts
    } else if (size_t(socketName.size()) < sizeof(address.sun_path)) {
        ++length; // include the terminating NUL of a path, as libsystemd does
    }

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail(QString::fromLocal8Bit(std::strerror(errno)));
    ssize_t sent = -1;
    do {
        sent = ::sendto(fd, state.constData(), size_t(state.size()), MSG_NOSIGNAL,
                        reinterpret_cast<const sockaddr *>(&address), length);
    } while (sent < 0 && errno == EINTR);
    const int saved = errno;
    ::close(fd);
    if (sent < 0)
        return fail(QStringLiteral("%1: %2").arg(QString::fromLocal8Bit(socketName),
                                                 QString::fromLocal8Bit(std::strerror(saved))));
    if (sent != state.size())
        return fail(QStringLiteral("short write to %1").arg(QString::fromLocal8Bit(socketName)));
    return true;
}

quint64 SystemdNotify::monotonicMicroseconds()
{
    timespec now = {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return quint64(now.tv_sec) * 1000000u + quint64(now.tv_nsec) / 1000u;
}

} // namespace sender
