#include "app/CommandLine.h"

#include <QCommandLineParser>
#include <QUrl>

namespace sender {

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Luna Sender: relays LUNA PLATFORM recognition events to WebSocket subscribers "
        "(Luna Sender API), with a live monitoring console.\n"
        "Without --redis, events come from the embedded bus (and --demo makes some up)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QStringLiteral("Run without the console window (as a service)."));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("Read the configuration from <file> (INI)."),
                                    QStringLiteral("file"));
    const QCommandLineOption host(
        QStringLiteral("host"),
        QStringLiteral("Listen on <address> (SERVER.HOST, default 0.0.0.0)."),
        QStringLiteral("address"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Listen on <port> (SERVER.PORT, default 5080; 0 picks one)."),
        QStringLiteral("port"));
    const QCommandLineOption redis(QStringLiteral("redis"),
                                   QStringLiteral("Subscribe to Redis at <url>: "
                                                  "redis://[[user]:password@]host[:port][/db] "
                                                  "(REDIS.URL). Without it: the embedded bus."),
                                   QStringLiteral("url"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Generate realistic demo events (DEMO.ENABLED)."));
    const QCommandLineOption set(QStringLiteral("set"),
                                 QStringLiteral("Set any configuration key, e.g. --set "
                                                "WEBSOCKET.PING_INTERVAL=30 (repeatable)."),
                                 QStringLiteral("SECTION.KEY=value"));
    const QCommandLineOption logLevel(
        QStringLiteral("log-level"),
        QStringLiteral("debug, info, warning or error (LOGGING.LEVEL)."), QStringLiteral("level"));
    const QCommandLineOption check(
        QStringLiteral("check-config"),
        QStringLiteral("Check the configuration, print it (secrets masked) "
                       "and exit: 0 if valid."));
    const QCommandLineOption printDefault(
        QStringLiteral("print-default-config"),
        QStringLiteral("Print a configuration file with every key at "
                       "its default, documented, and exit."));
    const QCommandLineOption attach(
        QStringLiteral("attach"),
        QStringLiteral("Open the console on the running instance whose monitoring port is at "
                       "<url> (e.g. http://host:5081) instead of starting an engine here."),
        QStringLiteral("url"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("With --attach: read the monitoring token from <file> "
                       "(else the token the keyring keeps for that service)."),
        QStringLiteral("file"));
    parser.addOptions({help, version, headless, config, host, port, redis, demo, set, logLevel,
                       check, printDefault, attach, tokenFile});

    CommandLine result;
    result.helpText = parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                QStringLiteral("luna-sender"));
    if (!parser.parse(arguments)) {
        result.action = Action::Error;
        result.error = parser.errorText();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = Action::Error;
        result.error =
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());
        return result;
    }
    if (parser.isSet(help))
        result.action = Action::Help;
    else if (parser.isSet(version))
        result.action = Action::Version;
    else if (parser.isSet(printDefault))
        result.action = Action::PrintDefaultConfig;
    else if (parser.isSet(check))
        result.action = Action::CheckConfig;

    result.headless = parser.isSet(headless);
    if (parser.isSet(tokenFile) && !parser.isSet(attach)) {
        result.action = Action::Error;
        result.error = QStringLiteral("--token-file goes with --attach");
        return result;
    }
    if (parser.isSet(attach)) {
        const QUrl url(parser.value(attach), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
            result.action = Action::Error;
            result.error = QStringLiteral("--attach takes the monitoring port's address, "
                                          "e.g. http://host:5081; got '%1'")
                               .arg(parser.value(attach));
            return result;
        }
        if (!url.userInfo().isEmpty()) {
            // A token in the URL would end up in shell histories and process lists.
            result.action = Action::Error;
            result.error = QStringLiteral("--attach: put the token in --token-file, not the URL");
            return result;
        }
        if (result.headless) {
            result.action = Action::Error;
            result.error = QStringLiteral("--attach opens the console: it cannot be --headless");
            return result;
        }
        result.attachUrl = url.toString(QUrl::StripTrailingSlash);
        result.tokenFile = parser.value(tokenFile);
    }
    result.configFile = parser.value(config);
    if (parser.isSet(host))
        result.overrides.append({QStringLiteral("SERVER.HOST"), parser.value(host)});
    if (parser.isSet(port))
        result.overrides.append({QStringLiteral("SERVER.PORT"), parser.value(port)});
    if (parser.isSet(redis))
        result.overrides.append({QStringLiteral("REDIS.URL"), parser.value(redis)});
    if (parser.isSet(demo))
        result.overrides.append({QStringLiteral("DEMO.ENABLED"), QStringLiteral("1")});
    if (parser.isSet(logLevel))
        result.overrides.append({QStringLiteral("LOGGING.LEVEL"), parser.value(logLevel)});
    for (const QString &item : parser.values(set)) {
        const qsizetype eq = item.indexOf(u'=');
        if (eq <= 0) {
            result.action = Action::Error;
            result.error = QStringLiteral("--set takes SECTION.KEY=value, got '%1'").arg(item);
            return result;
        }
        result.overrides.append({item.left(eq).trimmed(), item.mid(eq + 1)});
    }
    return result;
}

} // namespace sender
