#include "app/Headless.h"

#include "app/Logging.h"
#include "app/SystemdNotify.h"
#include "app/UnixSignals.h"
#include "engine/Engine.h"
#include "engine/EngineHost.h"
#include "monitor/MonitorService.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QScopeGuard>

#include <csignal>
#include <cstdio>

Q_LOGGING_CATEGORY(lcApp, "sender.app", QtInfoMsg)

namespace sender {

std::optional<Settings> loadSettings(const CommandLine &commandLine)
{
    QString file = commandLine.configFile;
    if (file.isEmpty())
        file = qEnvironmentVariable("LUNA_SENDER_CONFIG");
    if (file.isEmpty() && QFileInfo::exists(SettingsLoader::defaultUserConfigPath()))
        file = SettingsLoader::defaultUserConfigPath();
    QStringList errors;
    std::optional<Settings> settings = SettingsLoader::load(
        file, QProcessEnvironment::systemEnvironment(), commandLine.overrides, &errors);
    if (!settings) {
        for (const QString &e : std::as_const(errors))
            std::fprintf(stderr, "luna-sender: configuration error: %s\n", qUtf8Printable(e));
    }
    return settings;
}

namespace {

// A secret given as an argument (--redis redis://:pw@..., --set PUBLISH.TOKEN=...) can be read by
// every local user in ps and /proc/<pid>/cmdline for as long as the service runs. It still works
// (refusing it would break existing units), but the operator is told where to put it instead.
void warnAboutSecretsOnTheCommandLine(const Settings &settings)
{
    for (const ConfigKey &k : ConfigSchema::keys()) {
        const QString id = k.id();
        if (settings.origin(id) != Settings::Origin::CommandLine)
            continue;
        const std::optional<RedisUrl> url =
            k.type == ConfigKey::Type::RedisUrl ? settings.redisUrl() : std::nullopt;
        const bool secret =
            url ? !url->password.isEmpty() : k.isSecret() && !settings.string(id).isEmpty();
        if (secret)
            qCWarning(lcApp,
                      "%s holds a secret given on the command line, which every local user can "
                      "read in the process list; put it in the configuration file or the "
                      "environment (%s)",
                      qUtf8Printable(id),
                      url ? "LUNA_SENDER_REDIS_PASSWORD or REDIS.PASSWORD_FILE"
                          : qUtf8Printable(k.environmentName()));
    }
}

} // namespace

int runHeadless(const Settings &settings, const CommandLine &commandLine)
{
    warnAboutSecretsOnTheCommandLine(settings);
    // Before the port listens: a SIGTERM right after READY=1 (or after the "listening on" line)
    // must already stop gracefully instead of killing the process.
    UnixSignals signals;
    Engine engine(settings);
    QString error;
    if (!engine.start(&error)) {
        qCCritical(lcApp, "%s", qUtf8Printable(error));
        return 1;
    }
    // The monitoring port reads the engine only through its feed (snapshots taken on this
    // thread while someone watches them), served from a thread of its own. A port that cannot
    // open is as fatal as the Sender port's.
    EngineHost feed(&engine);
    MonitorService monitor;
    if (!monitor.start(settings, &feed, &error)) {
        qCCritical(lcApp, "%s", qUtf8Printable(error));
        engine.stop(0);
        return 1;
    }
    engine.setMonitorAddress(monitor.address()); // for the fleet's announcement

    SystemdNotify systemd;
    // -> QString: a QStringBuilder would outlive the temporary it refers to.
    const auto listening = [&engine]() -> QString {
        return QStringLiteral("listening on ") + engine.listenAddress();
    };
    systemd.ready(listening());
    systemd.startWatchdog();

    bool stopping = false;
    QObject::connect(&signals, &UnixSignals::received, &engine, [&](int number) {
        if (number == SIGHUP) {
            qCInfo(lcApp, "SIGHUP: reloading the configuration");
            systemd.reloading(QStringLiteral("reloading the configuration"));
            const auto readyAgain = qScopeGuard([&] { systemd.ready(listening()); });
            const std::optional<Settings> reloaded = loadSettings(commandLine);
            if (!reloaded) {
                qCWarning(lcApp,
                          "configuration not reloaded: it has errors (see above); "
                          "running on with the previous one");
                return;
            }
            logging::apply(*reloaded);
            const QStringList problems = engine.applySettings(*reloaded);
            // What is in force: keys that need a restart keep their previous values there.
            monitor.setSettings(engine.settings());
            for (const QString &problem : problems)
                qCWarning(lcApp, "not applied: %s", qUtf8Printable(problem));
            qCInfo(lcApp, "configuration reloaded%s", problems.isEmpty() ? "" : " (in part)");
            return;
        }
        if (stopping) {
            qCWarning(lcApp, "second stop signal: exiting at once");
            std::_Exit(1);
        }
        stopping = true;
        // SIGTERM (systemctl stop) and SIGUSR2 drain: the clients move to the other instances
        // over SERVER.DRAIN_SECONDS instead of all at once. SIGINT (Ctrl-C) stops at once.
        const bool drain = number != SIGINT;
        systemd.stopping(drain ? QStringLiteral("draining") : QStringLiteral("shutting down"));
        const char *name = number == SIGTERM ? "SIGTERM" : number == SIGUSR2 ? "SIGUSR2" : "SIGINT";
        if (drain) {
            qCInfo(lcApp, "%s: draining, then shutting down", name);
            // Attached consoles get 1001 first, as on a plain stop: the monitoring port must
            // close before the engine stops (it reads the engine from its own thread).
            monitor.stop();
            engine.drain(3000);
            return;
        }
        qCInfo(lcApp, "%s: shutting down", name);
        monitor.stop(); // attached consoles get 1001 before the engine's clients
        engine.stop(3000);
    });
    QObject::connect(&engine, &Engine::stopped, QCoreApplication::instance(),
                     &QCoreApplication::quit, Qt::QueuedConnection);
    return QCoreApplication::exec();
}

} // namespace sender
