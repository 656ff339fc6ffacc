#include "app/Logging.h"

#include "config/LoggingRules.h"
#include "config/Settings.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <cstdio>
#include <unistd.h>

namespace sender::logging {

namespace {

bool g_color = false;
bool g_journal = false;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "DEBUG";
    case QtInfoMsg:
        return "INFO ";
    case QtWarningMsg:
        return "WARN ";
    case QtCriticalMsg:
        return "ERROR";
    case QtFatalMsg:
        return "FATAL";
    }
    return "?????";
}

int syslogPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7;
    case QtInfoMsg:
        return 6;
    case QtWarningMsg:
        return 4;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 2;
    }
    return 6;
}

const char *levelColor(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "\033[2m";
    case QtInfoMsg:
        return "\033[32m";
    case QtWarningMsg:
        return "\033[33m";
    case QtCriticalMsg:
    case QtFatalMsg:
        return "\033[1;31m";
    }
    return "";
}

QByteArray escaped(const QString &text)
{
    QByteArray out = text.toUtf8();
    for (char &c : out) {
        if ((uchar(c) < 0x20 && c != '\t') || c == 0x7f)
            c = '?';
    }
    return out;
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const char *category = context.category ? context.category : "default";
    QByteArray line;
    if (g_journal) {
        line = '<' + QByteArray::number(syslogPriority(type)) + '>' + category + ": "
            + escaped(message) + '\n';
    } else {
        const QByteArray time =
            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
        if (g_color)
            line = "\033[2m" + time + "\033[0m " + levelColor(type) + levelName(type)
                + "\033[0m \033[36m" + category + "\033[0m " + escaped(message) + '\n';
        else
            line = time + ' ' + levelName(type) + ' ' + category + ": " + escaped(message) + '\n';
    }
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void install()
{
    g_journal = qEnvironmentVariableIsSet("JOURNAL_STREAM");
    g_color = !g_journal && isatty(STDERR_FILENO);
    // Until the configuration says otherwise: info and above, nothing from Qt's own debug.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    qInstallMessageHandler(handler);
}

void apply(const Settings &settings)
{
    const QString color = settings.string(u"LOGGING.COLOR");
    g_color = color == u"always" || (color == u"auto" && !g_journal && isatty(STDERR_FILENO));

    const QString level = settings.string(u"LOGGING.LEVEL");
    QString rules;
    if (level == u"debug")
        rules = QStringLiteral("*.debug=false\nsender.*.debug=true");
    else if (level == u"info")
        rules = QStringLiteral("*.debug=false");
    else if (level == u"warning")
        rules = QStringLiteral("*.debug=false\n*.info=false");
    else
        rules = QStringLiteral("*.debug=false\n*.info=false\n*.warning=false");
    // Validated by the same function when the settings were loaded.
    for (const QString &rule :
         loggingRuleLines(settings.string(u"LOGGING.RULES"), nullptr).value_or(QStringList()))
        rules += u'\n' + rule;
    // Qt's HTTP server logs each request at debug level with its URL and headers: the monitoring
    // port's Authorization header (or a stream's ?token=) would land in the log. Never, whatever
    // LOGGING.RULES says.
    rules += QStringLiteral("\nqt.httpserver*.debug=false");
    QLoggingCategory::setFilterRules(rules);
}

} // namespace sender::logging
