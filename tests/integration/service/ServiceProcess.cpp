#include "ServiceProcess.h"

#include "TestTimeouts.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QWebSocket>

#include <csignal>
#include <sys/types.h>

namespace sender::test {

ServiceProcess::ServiceProcess()
    : m_environment(QProcessEnvironment::systemEnvironment())
{
    // What a system service gets: no display, no platform choice, no systemd sockets unless a
    // test sets them, no configuration through the environment.
    for (const QString &name : m_environment.keys()) {
        if (name.startsWith(u"LUNA_SENDER_") || name.startsWith(u"QT_QPA_") || name == u"DISPLAY"
            || name == u"WAYLAND_DISPLAY" || name == u"JOURNAL_STREAM" || name == u"NOTIFY_SOCKET"
            || name.startsWith(u"WATCHDOG_"))
            m_environment.remove(name);
    }
    // A log line per event of note is what the tests read; colours would only get in the way.
    m_environment.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    // Many instances run side by side: the monitoring port's fixed default (5081) would make all
    // but one fail. A free port each; a test that wants a given port sets this variable itself
    // (the environment outranks the configuration file).
    m_environment.insert(QStringLiteral("LUNA_SENDER_MONITOR_PORT"), QStringLiteral("0"));
}

ServiceProcess::~ServiceProcess()
{
    if (isRunning()) {
        ::kill(pid_t(pid()), SIGKILL);
        m_process->waitForFinished(timeouts::kProcessExit);
    }
}

QString ServiceProcess::binary()
{
    return QStringLiteral(LUNA_SENDER_BINARY);
}

QString ServiceProcess::configPath() const
{
    return m_dir.filePath(QStringLiteral("luna-sender.conf"));
}

QString ServiceProcess::writeConfig(const QByteArray &ini)
{
    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(ini) != ini.size())
        return {};
    return configPath();
}

void ServiceProcess::setEnvironment(const QString &name, const QString &value)
{
    m_environment.insert(name, value);
}

bool ServiceProcess::start(const QStringList &arguments)
{
    m_log.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(m_environment);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setWorkingDirectory(m_dir.path());
    m_process->start(binary(), arguments);
    return m_process->waitForStarted(timeouts::kProcessStart);
}

quint16 ServiceProcess::startListening(const QStringList &extra, int timeoutMs)
{
    if (!QFile::exists(configPath()))
        writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n");
    QStringList arguments {QStringLiteral("--headless"), QStringLiteral("--config"), configPath()};
    arguments += extra;
    if (!start(arguments))
        return 0;
    // The event loop keeps turning meanwhile (clients of other instances stay served).
    const QDeadlineTimer deadline(timeoutMs);
    while (port() == 0 && isRunning() && !deadline.hasExpired()) {
        QSignalSpy output(m_process.get(), &QProcess::readyRead);
        output.wait(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    return port();
}

quint16 ServiceProcess::port() const
{
    // The Sender port's line; the monitoring port's own "monitoring port listening on" line is
    // not it, whichever comes last.
    static const QRegularExpression listening(
        QStringLiteral("^(?!.*monitoring port).*listening on (?:\\S+):(\\d+)[ ;\\n]"),
        QRegularExpression::MultilineOption);
    const QString text = QString::fromUtf8(log());
    quint16 result = 0;
    QRegularExpressionMatchIterator it = listening.globalMatch(text);
    while (it.hasNext())
        result = quint16(it.next().captured(1).toUInt());
    return result;
}

qint64 ServiceProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool ServiceProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool ServiceProcess::signal(int number) const
{
    return pid() > 0 && ::kill(pid_t(pid()), number) == 0;
}

bool ServiceProcess::waitForExit(int timeoutMs)
{
    if (!m_process)
        return false;
    if (m_process->state() == QProcess::NotRunning)
        return true;
    QSignalSpy finished(m_process.get(), &QProcess::finished);
    return finished.wait(timeoutMs) || m_process->state() == QProcess::NotRunning;
}

int ServiceProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

QProcess::ExitStatus ServiceProcess::exitStatus() const
{
    return m_process ? m_process->exitStatus() : QProcess::CrashExit;
}

QByteArray ServiceProcess::log() const
{
    if (m_process)
        m_log += m_process->readAll();
    return m_log;
}

int ServiceProcess::count(QByteArrayView text) const
{
    return int(log().count(text));
}

std::unique_ptr<QWebSocket> openClient(quint16 port, const QByteArray &account,
                                       const QByteArray &query)
{
    auto socket = std::make_unique<QWebSocket>();
    QUrl url(QStringLiteral("ws://127.0.0.1:%1/2/ws").arg(port));
    if (!query.isEmpty())
        url.setQuery(QString::fromUtf8(query));
    QNetworkRequest request(url);
    request.setRawHeader("Luna-Account-Id", account);
    socket->open(request);
    return socket;
}

} // namespace sender::test
