#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

namespace sender {

// The sd_notify(3) protocol, spoken by hand so that the program needs no libsystemd: each state
// change is one datagram of "KEY=value" lines sent to the AF_UNIX socket named by $NOTIFY_SOCKET
// (a path, or an abstract name when it starts with '@'). With no $NOTIFY_SOCKET (not started by
// systemd with Type=notify) every call does nothing.
//
// When $WATCHDOG_USEC is set (WatchdogSec= in the unit) and $WATCHDOG_PID is unset or ours,
// startWatchdog() pings at half the interval from the thread's event loop: a loop that stops
// turning stops the pings, and systemd restarts the service.
class SystemdNotify : public QObject
{
    Q_OBJECT
public:
    // Reads the environment once.
    explicit SystemdNotify(QObject *parent = nullptr);

    bool isEnabled() const { return !m_socket.isEmpty(); }
    QByteArray socketName() const { return m_socket; }
    // Zero when systemd does not watch this process.
    std::chrono::microseconds watchdogInterval() const { return m_watchdog; }

    // READY=1 with a STATUS= line: the service accepts clients.
    bool ready(const QString &status);
    // RELOADING=1 with MONOTONIC_USEC= (CLOCK_MONOTONIC now): a reload started; ready() ends it.
    bool reloading(const QString &status);
    // STOPPING=1: a graceful stop started.
    bool stopping(const QString &status);
    // Only STATUS= (shown by systemctl status).
    bool status(const QString &status);
    bool watchdogPing();
    void startWatchdog();

    // One datagram of newline-separated assignments to the given socket name. False with *error
    // set when it cannot be sent.
    static bool send(const QByteArray &socketName, const QByteArray &state,
                     QString *error = nullptr);
    static quint64 monotonicMicroseconds();

private:
    bool notify(const QByteArray &state);

    QByteArray m_socket;
    std::chrono::microseconds m_watchdog {0};
    QTimer m_watchdogTimer;
    bool m_warned = false;
};

} // namespace sender
