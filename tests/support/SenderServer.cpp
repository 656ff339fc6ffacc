#include "SenderServer.h"

#include "config/ConfigSchema.h"
#include "config/SettingsLoader.h"
#include "sources/EmbeddedBus.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace sender::test {

std::optional<Settings> makeSettings(const Overrides &overrides, QString *error)
{
    Settings settings;
    Overrides all = {{QStringLiteral("SERVER.HOST"), QStringLiteral("127.0.0.1")},
                     {QStringLiteral("SERVER.PORT"), QStringLiteral("0")},
                     // Keep the test logs quiet: no periodic stats line.
                     {QStringLiteral("LOGGING.STATS_INTERVAL"), QStringLiteral("0")}};
    all += overrides;
    for (const auto &[id, text] : std::as_const(all)) {
        const ConfigKey *key = ConfigSchema::find(id);
        if (!key) {
            *error = QStringLiteral("no such setting: ") + id;
            return std::nullopt;
        }
        QVariant value;
        QString why;
        if (!SettingsLoader::parseValue(*key, text, &value, &why)) {
            *error = id + QStringLiteral(" = ") + text + QStringLiteral(": ") + why;
            return std::nullopt;
        }
        settings.set(key->id(), value, Settings::Origin::CommandLine);
    }
    const QStringList problems = SettingsLoader::crossCheck(settings);
    if (!problems.isEmpty()) {
        *error = problems.join(u"; ");
        return std::nullopt;
    }
    return settings;
}

SenderServer::SenderServer() = default;

SenderServer::~SenderServer()
{
    if (m_engine && m_engine->isRunning() && !m_stopped)
        stop(0, 5000);
}

bool SenderServer::start(const Overrides &overrides)
{
    const std::optional<Settings> settings = makeSettings(overrides, &m_error);
    if (!settings)
        return false;
    m_engine = std::make_unique<Engine>(*settings);
    if (!m_engine->start(&m_error))
        return false;
    if (port() == 0) {
        m_error = QStringLiteral("the engine started but reports port 0");
        return false;
    }
    return true;
}

bool SenderServer::stop(int graceMs, int timeoutMs)
{
    QSignalSpy stopped(m_engine.get(), &Engine::stopped);
    m_engine->stop(graceMs);
    m_stopped = true;
    if (stopped.isEmpty() && !stopped.wait(timeoutMs)) {
        m_error = QStringLiteral("stopped() did not come within %1 ms").arg(timeoutMs);
        return false;
    }
    return true;
}

quint16 SenderServer::port() const
{
    return m_engine ? m_engine->port() : 0;
}

QUrl SenderServer::httpUrl(const QByteArray &pathAndQuery) const
{
    return QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(port()) + pathAndQuery,
                             QUrl::StrictMode);
}

QUrl SenderServer::wsUrl(const QByteArray &pathAndQuery) const
{
    return QUrl::fromEncoded("ws://127.0.0.1:" + QByteArray::number(port()) + pathAndQuery,
                             QUrl::StrictMode);
}

void SenderServer::publish(const QByteArray &account, const QByteArray &message)
{
    m_engine->embeddedBus()->publish(account, message);
}

QString sourcePath(const QString &relative)
{
    QString root = qEnvironmentVariable("LUNA_SENDER_SOURCE_DIR");
    if (root.isEmpty())
        root = QStringLiteral(SENDER_TEST_SOURCE_DIR);
    return QDir(root).filePath(relative);
}

QByteArray readSourceFile(const QString &relative)
{
    QFile file(sourcePath(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace sender::test
