#pragma once

#include "RespClient.h"
#include "TestTimeouts.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <utility>

namespace sender::test {

// A free TCP port on 127.0.0.1 (bind port 0, read it, release it). Another process may take it
// before we use it; RedisProcess::start() retries on another port when that happens.
quint16 findFreePort();

// One real redis-server process (or redis-sentinel: the same binary with --sentinel) in its own
// temporary directory, on a free port, with no persistence. The destructor kills what it started.
class RedisProcess
{
public:
    virtual ~RedisProcess();
    RedisProcess(const RedisProcess &) = delete;
    RedisProcess &operator=(const RedisProcess &) = delete;

    // Picks a free port, starts, returns true once the server answers PING (within 10 s).
    bool start();
    // SIGTERM to its pid, then waits for it to exit.
    bool stop();
    // SIGKILL to its pid, then waits: Redis gets no chance to say goodbye to its clients.
    bool kill9();
    // Starts again on the same port (stopping first if it runs).
    bool restart();
    // SIGSTOP / SIGCONT: the kernel still accepts connections, but nothing answers.
    bool pause();
    bool resume();
    bool isRunning() const;

    qint64 pid() const;
    quint16 port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    QString errorString() const { return m_error; }
    // What the server logged so far (for failure messages).
    QByteArray log() const;

    // A command on the fixture's own blocking connection (opened and authenticated on demand).
    std::optional<RespReply> command(const QList<QByteArray> &args,
                                     int timeoutMs = timeouts::kSignal);
    QList<RespReply> pipeline(const QList<QList<QByteArray>> &commands,
                              int timeoutMs = timeouts::kRoundTrip);

protected:
    RedisProcess(QString adminPassword, bool sentinel);
    // The configuration file for the given port.
    virtual QByteArray config(quint16 port) const = 0;
    QString dir() const { return m_dir.path(); }

private:
    bool launch(quint16 port);
    bool answersPing();
    qint64 answeringPid();

    QTemporaryDir m_dir;
    QString m_adminPassword;
    bool m_sentinel;
    std::unique_ptr<QProcess> m_process;
    RespClient m_client;
    quint16 m_port = 0;
    QString m_error;
};

// A redis-server with `--save '' --appendonly no` and optional password and ACL user.
class RedisServerProcess : public RedisProcess
{
public:
    struct Options
    {
        QString password; // requirepass of the default user
        // An extra ACL user; aclRules gives its permissions.
        QString aclUser;
        QString aclPassword;
        QString aclRules = QStringLiteral("~* &* +@all");
        // More redis.conf lines, e.g. "replicaof 127.0.0.1 6380".
        QStringList extraConfig;
    };
    RedisServerProcess();
    explicit RedisServerProcess(Options options);

    // PUBLISH on the fixture's connection; the number of receivers, or -1 on error.
    qint64 publish(const QByteArray &channel, const QByteArray &payload);

protected:
    QByteArray config(quint16 port) const override;

private:
    Options m_options;
};

// A redis-sentinel monitoring one master, with quick failure detection for tests.
class SentinelProcess : public RedisProcess
{
public:
    struct Options
    {
        QString masterName = QStringLiteral("mymaster");
        quint16 masterPort = 0;
        QString masterPassword; // sentinel auth-pass
        QString password; // the sentinel's own requirepass
        int downAfterMs = 1000;
        int failoverTimeoutMs = timeouts::kSignal;
        // More sentinel.conf lines, e.g. "tls-port 26380".
        QStringList extraConfig;
    };
    explicit SentinelProcess(Options options);

    // What this sentinel says the master's address is.
    std::optional<std::pair<QString, quint16>> masterAddress();

protected:
    QByteArray config(quint16 port) const override;

private:
    Options m_options;
};

} // namespace sender::test
