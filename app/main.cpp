#include "SenderVersion.h"
#include "alerts/AlertRules.h"
#include "app/CommandLine.h"
#include "app/Headless.h"
#include "app/Logging.h"
#include "config/ConfigRender.h"
#include "net/TlsConfiguration.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#ifdef SENDER_WITH_GUI
#include "app/Console.h"

#include <QApplication>
#include <QFile>
#include <QUrl>
#endif

#include <cstdio>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace {

// sysexits.h EX_CONFIG: the unit file tells systemd not to restart on it.
constexpr int kConfigError = 78;

bool displayAvailable()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

#ifdef SENDER_WITH_GUI
// --attach: the console on a running instance's monitoring port; no engine, no local config.
int attach(int &argc, char **argv, const sender::CommandLine &cli)
{
    if (!displayAvailable()) {
        print(stderr,
              QStringLiteral("luna-sender: --attach opens the console, and there is no "
                             "display (DISPLAY or WAYLAND_DISPLAY)\n"));
        return 2;
    }
    QString token;
    if (!cli.tokenFile.isEmpty()) {
        QFile file(cli.tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            print(stderr,
                  QStringLiteral("luna-sender: cannot read the token file %1: %2\n")
                      .arg(cli.tokenFile, file.errorString()));
            return kConfigError;
        }
        // The first line, bounded: a token is short, and a wrong path must not read a disk image.
        token = QString::fromUtf8(file.readLine(4096)).trimmed();
        if (token.isEmpty()) {
            print(stderr,
                  QStringLiteral("luna-sender: the token file %1 is empty\n").arg(cli.tokenFile));
            return kConfigError;
        }
    }
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("luna-sender"));
    QCoreApplication::setOrganizationName(QStringLiteral("luna-sender"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SENDER_VERSION_STRING));
    sender::logging::install();
    return sender::runAttachedConsole(QUrl(cli.attachUrl), token);
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    using namespace sender;
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine cli = CommandLine::parse(arguments);

    switch (cli.action) {
    case CommandLine::Action::Help:
        print(stdout, cli.helpText);
        return 0;
    case CommandLine::Action::Version:
        print(stdout,
              QStringLiteral("luna-sender " SENDER_VERSION_STRING " (Luna Sender API %1, Qt %2)\n")
                  .arg(SENDER_API_VERSION)
                  .arg(QLatin1StringView(qVersion())));
        return 0;
    case CommandLine::Action::Error:
        print(stderr,
              QStringLiteral("luna-sender: %1\nTry 'luna-sender --help'.\n").arg(cli.error));
        return 2;
    case CommandLine::Action::PrintDefaultConfig:
        print(stdout, QString::fromUtf8(defaultConfigFile()));
        return 0;
    case CommandLine::Action::CheckConfig:
    case CommandLine::Action::Run:
        break;
    }

#ifdef SENDER_WITH_GUI
    if (cli.action == CommandLine::Action::Run && !cli.attachUrl.isEmpty())
        return attach(argc, argv, cli);
#else
    if (!cli.attachUrl.isEmpty()) {
        print(stderr,
              QStringLiteral("luna-sender: --attach needs the console, and this build "
                             "has none\n"));
        return 2;
    }
#endif

    bool gui = cli.action == CommandLine::Action::Run && !cli.headless;
#ifndef SENDER_WITH_GUI
    gui = false;
#endif
    const bool noDisplay = gui && !displayAvailable();
    if (noDisplay)
        gui = false;

    std::unique_ptr<QCoreApplication> app;
#ifdef SENDER_WITH_GUI
    if (gui)
        app = std::make_unique<QApplication>(argc, argv);
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("luna-sender"));
    QCoreApplication::setOrganizationName(QStringLiteral("luna-sender"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SENDER_VERSION_STRING));
    logging::install();

    const std::optional<Settings> settings = loadSettings(cli);
    if (!settings)
        return kConfigError;
    if (cli.action == CommandLine::Action::CheckConfig) {
        // The server's certificate and key are read at start by this same function: a pair that
        // cannot be used must fail the check too, not only the start.
        if (const QString certificate = settings->string(u"SERVER.TLS_CERTIFICATE");
            !certificate.isEmpty()) {
            QString error;
            if (!loadServerTlsConfiguration(
                    certificate, settings->string(u"SERVER.TLS_PRIVATE_KEY"),
                    settings->string(u"SERVER.TLS_PRIVATE_KEY_PASSWORD").toUtf8(), &error)) {
                print(stderr, QStringLiteral("luna-sender: configuration error: %1\n").arg(error));
                return kConfigError;
            }
        }
        // The alert rules are read at start (and on SIGHUP) by the same loader: a file that is
        // missing or holds a rule that cannot be used fails the check, with the same message.
        if (const QString rules = settings->string(u"ALERTS.RULES_FILE"); !rules.isEmpty()) {
            QString error;
            if (!alerts::AlertRuleSet::load(rules, &error)) {
                print(stderr,
                      QStringLiteral("luna-sender: configuration error: ALERTS.RULES_FILE: %1\n")
                          .arg(error));
                return kConfigError;
            }
        }
        print(stdout, QString::fromUtf8(settingsToText(*settings)));
        print(stderr, QStringLiteral("luna-sender: the configuration is valid\n"));
        return 0;
    }
    logging::apply(*settings);
    if (noDisplay)
        qCInfo(lcApp, "no display found: running headless (say --headless to skip this check)");

#ifdef SENDER_WITH_GUI
    if (gui)
        return runConsole(*settings);
#endif
    return runHeadless(*settings, cli);
}
