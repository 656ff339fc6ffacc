#pragma once

#include "TestTimeouts.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QWebSocket;

namespace sender::test {

// The built luna-sender binary run headless as a real child process, the way systemd runs it:
// no display, no Qt platform variables, stderr captured for the log. Stopped by its pid.
class ServiceProcess
{
public:
    ServiceProcess();
    ~ServiceProcess();
    ServiceProcess(const ServiceProcess &) = delete;
    ServiceProcess &operator=(const ServiceProcess &) = delete;

    static QString binary();

    // A configuration file in the process's own temporary directory; returns its path.
    QString writeConfig(const QByteArray &ini);
    QString configPath() const;
    // Extra environment on top of a clean one (see the .cpp for what is removed).
    void setEnvironment(const QString &name, const QString &value);

    // Starts `luna-sender <arguments>`; does not wait.
    bool start(const QStringList &arguments);
    // Starts with --headless --config <configPath> plus `extra` (a configuration saying
    // 127.0.0.1 port 0 is written first if there is none), then waits (event loop running) for
    // "listening on host:port" in the log; the port, 0 on failure.
    quint16 startListening(const QStringList &extra = {}, int timeoutMs = timeouts::kRoundTrip);

    // The port of the last "listening on" line of the log (0 if none yet).
    quint16 port() const;
    qint64 pid() const;
    bool isRunning() const;
    bool signal(int number) const;
    // Waits (event loop running) for the process to end; false on timeout.
    bool waitForExit(int timeoutMs);
    int exitCode() const;
    QProcess::ExitStatus exitStatus() const;

    // Everything the process wrote to stderr and stdout so far.
    QByteArray log() const;
    // How often `text` appears in the log so far.
    int count(QByteArrayView text) const;

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    std::unique_ptr<QProcess> m_process;
    mutable QByteArray m_log;
};

// A subscriber of `account` on /2/ws (opened, not yet connected).
std::unique_ptr<QWebSocket> openClient(quint16 port, const QByteArray &account,
                                       const QByteArray &query = {});

} // namespace sender::test
