#include "RedisProcess.h"

#include "TestTimeouts.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace sender::test {

namespace {
constexpr int kStartTimeoutMs = timeouts::kRoundTrip;
constexpr int kStopTimeoutMs = timeouts::kRoundTrip;
constexpr int kPortAttempts = 5;

QByteArray quoted(const QString &text)
{
    // redis.conf accepts C-style escapes inside double quotes.
    QByteArray out = "\"";
    for (char c : text.toUtf8()) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}
} // namespace

quint16 findFreePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

RedisProcess::RedisProcess(QString adminPassword, bool sentinel)
    : m_adminPassword(std::move(adminPassword))
    , m_sentinel(sentinel)
{ }

RedisProcess::~RedisProcess()
{
    // Derived parts are gone already; kill9 needs nothing of them.
    if (isRunning())
        kill9();
}

bool RedisProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 RedisProcess::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

QByteArray RedisProcess::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("redis.log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool RedisProcess::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory: ") + m_dir.errorString();
        return false;
    }
    for (int attempt = 0; attempt < kPortAttempts; ++attempt) {
        const quint16 port = findFreePort();
        if (port != 0 && launch(port))
            return true;
        // Most likely someone took the port between our probe and redis's bind: try another.
    }
    return false;
}

bool RedisProcess::restart()
{
    if (isRunning() && !stop())
        return false;
    return m_port != 0 && launch(m_port);
}

bool RedisProcess::launch(quint16 port)
{
    m_client.close();
    const QString configPath =
        m_dir.filePath(m_sentinel ? QStringLiteral("sentinel.conf") : QStringLiteral("redis.conf"));
    // A restarted sentinel keeps what it learned (it rewrites its file); a server starts afresh.
    if (!m_sentinel || m_port != port || !QFile::exists(configPath)) {
        QFile file(configPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(config(port)) < 0) {
            m_error = QStringLiteral("cannot write %1").arg(configPath);
            return false;
        }
    }
    m_port = port;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QStringLiteral("redis-server"));
    QStringList args {configPath};
    if (m_sentinel)
        args << QStringLiteral("--sentinel");
    m_process->setArguments(args);
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("redis.log")),
                                     QIODevice::Append);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start();
    if (!m_process->waitForStarted(kStartTimeoutMs)) {
        m_error = QStringLiteral("redis-server did not start: ") + m_process->errorString();
        m_process.reset();
        return false;
    }
    const bool ready = QTest::qWaitFor(
        [this] { return m_process->state() == QProcess::NotRunning || answersPing(); },
        kStartTimeoutMs);
    // Whoever answered must be our process: after a kill, another test may have been handed the
    // same "free" port and started its own server there.
    if (ready && isRunning() && answeringPid() == m_process->processId())
        return true;
    m_error = QStringLiteral("redis-server on port %1 did not answer PING (or another process "
                             "answered); its log:\n%2")
                  .arg(port)
                  .arg(QString::fromUtf8(log().right(2000)));
    if (isRunning())
        kill9();
    m_process.reset();
    return false;
}

qint64 RedisProcess::answeringPid()
{
    const auto info = command({"INFO", "server"}, 1000);
    if (!info)
        return 0;
    const qsizetype at = info->string.indexOf("process_id:");
    if (at < 0)
        return 0;
    const qsizetype end = info->string.indexOf('\r', at);
    return info->string.mid(at + 11, end - at - 11).toLongLong();
}

bool RedisProcess::answersPing()
{
    const auto reply = command({"PING"}, 1000);
    return reply && reply->type == RespReply::Type::Status && reply->string == "PONG";
}

bool RedisProcess::pause()
{
    m_client.close();
    return isRunning() && ::kill(pid_t(m_process->processId()), SIGSTOP) == 0;
}

bool RedisProcess::resume()
{
    return isRunning() && ::kill(pid_t(m_process->processId()), SIGCONT) == 0;
}

QList<RespReply> RedisProcess::pipeline(const QList<QList<QByteArray>> &commands, int timeoutMs)
{
    if (!command({"PING"}, timeoutMs))
        return {};
    QList<RespReply> replies = m_client.pipeline(commands, timeoutMs);
    if (replies.size() != commands.size()) {
        m_error = m_client.errorString();
        m_client.close();
    }
    return replies;
}

std::optional<RespReply> RedisProcess::command(const QList<QByteArray> &args, int timeoutMs)
{
    if (!m_client.isConnected()) {
        if (!m_client.connectTo(host(), m_port, timeoutMs)) {
            m_error = m_client.errorString();
            return std::nullopt;
        }
        if (!m_adminPassword.isEmpty()) {
            const auto auth = m_client.command({"AUTH", m_adminPassword.toUtf8()}, timeoutMs);
            if (!auth || auth->isError()) {
                m_error = QStringLiteral("AUTH failed");
                m_client.close();
                return std::nullopt;
            }
        }
    }
    auto reply = m_client.command(args, timeoutMs);
    if (!reply) {
        m_error = m_client.errorString();
        m_client.close(); // a half-read reply would confuse the next command
    }
    return reply;
}

bool RedisProcess::stop()
{
    if (!isRunning())
        return true;
    m_client.close();
    ::kill(pid_t(m_process->processId()), SIGTERM);
    ::kill(pid_t(m_process->processId()), SIGCONT); // a paused process handles SIGTERM only then
    const bool exited = m_process->waitForFinished(kStopTimeoutMs);
    if (!exited)
        return kill9();
    m_process.reset();
    return true;
}

bool RedisProcess::kill9()
{
    if (!isRunning())
        return true;
    m_client.close();
    ::kill(pid_t(m_process->processId()), SIGKILL);
    const bool exited = m_process->waitForFinished(kStopTimeoutMs);
    m_process.reset();
    return exited;
}

RedisServerProcess::RedisServerProcess()
    : RedisServerProcess(Options())
{ }

RedisServerProcess::RedisServerProcess(Options options)
    : RedisProcess(options.password, false)
    , m_options(std::move(options))
{ }

QByteArray RedisServerProcess::config(quint16 port) const
{
    QByteArray text = "port " + QByteArray::number(port)
        + "\nbind 127.0.0.1\n"
          "save \"\"\nappendonly no\ndaemonize no\nlogfile \"\"\n"
          "dir "
        + quoted(dir()) + '\n';
    if (!m_options.password.isEmpty())
        text += "requirepass " + quoted(m_options.password) + '\n';
    if (!m_options.aclUser.isEmpty()) {
        text += "user " + m_options.aclUser.toUtf8() + " on >" + m_options.aclPassword.toUtf8()
            + ' ' + m_options.aclRules.toUtf8() + '\n';
    }
    for (const QString &line : m_options.extraConfig)
        text += line.toUtf8() + '\n';
    return text;
}

qint64 RedisServerProcess::publish(const QByteArray &channel, const QByteArray &payload)
{
    const auto reply = command({"PUBLISH", channel, payload});
    if (!reply || reply->type != RespReply::Type::Integer)
        return -1;
    return reply->integer;
}

SentinelProcess::SentinelProcess(Options options)
    : RedisProcess(options.password, true)
    , m_options(std::move(options))
{ }

QByteArray SentinelProcess::config(quint16 port) const
{
    const QByteArray name = m_options.masterName.toUtf8();
    QByteArray text = "port " + QByteArray::number(port)
        + "\nbind 127.0.0.1\n"
          "daemonize no\nlogfile \"\"\n"
          "dir "
        + quoted(dir()) + '\n' + "sentinel monitor " + name + " 127.0.0.1 "
        + QByteArray::number(m_options.masterPort)
        + " 1\n"
          "sentinel down-after-milliseconds "
        + name + ' ' + QByteArray::number(m_options.downAfterMs) + "\nsentinel failover-timeout "
        + name + ' ' + QByteArray::number(m_options.failoverTimeoutMs) + '\n';
    if (!m_options.masterPassword.isEmpty())
        text += "sentinel auth-pass " + name + ' ' + quoted(m_options.masterPassword) + '\n';
    if (!m_options.password.isEmpty())
        text += "requirepass " + quoted(m_options.password) + '\n';
    for (const QString &line : m_options.extraConfig)
        text += line.toUtf8() + '\n';
    return text;
}

std::optional<std::pair<QString, quint16>> SentinelProcess::masterAddress()
{
    const auto reply =
        command({"SENTINEL", "get-master-addr-by-name", m_options.masterName.toUtf8()});
    if (!reply || reply->type != RespReply::Type::Array || reply->elements.size() != 2)
        return std::nullopt;
    return std::pair {QString::fromUtf8(reply->elements.at(0).string),
                      quint16(reply->elements.at(1).string.toUInt())};
}

} // namespace sender::test
