// The files the Debian package ships agree with the program they ship: the man page documents
// every option of --help, the unit and the desktop entry call options that exist, and the
// packaged configuration is what the program says its defaults are. The unit also passes
// `systemd-analyze verify` where systemd is installed.

#include "FailOnWarnings.h"
#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sender::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs a program to completion; its exit code (or -1) and merged output.
int run(const QString &program, const QStringList &arguments, QByteArray *output,
        const QString &workingDirectory = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    if (!process.waitForStarted(timeouts::kProcessStart))
        return -1;
    QSignalSpy finished(&process, &QProcess::finished);
    if (process.state() != QProcess::NotRunning && !finished.wait(timeouts::kLongOperation))
        return -1;
    *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// Every --long option that `luna-sender --help` lists.
QStringList helpOptions()
{
    QByteArray help;
    if (run(ServiceProcess::binary(), {QStringLiteral("--help")}, &help) != 0)
        return {};
    static const QRegularExpression option(QStringLiteral("^\\s+(?:-\\w, )?(--[a-z-]+)"),
                                           QRegularExpression::MultilineOption);
    QStringList result;
    QRegularExpressionMatchIterator it = option.globalMatch(QString::fromUtf8(help));
    while (it.hasNext())
        result.append(it.next().captured(1));
    return result;
}

} // namespace

class tst_PackageFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void manPageDocumentsEveryOption();
    void manPageSections();
    void unitCallsExistingOptions();
    void desktopEntry();
    void packagedConfigurationIsTheDefault();
    void unitPassesSystemdAnalyzeVerify_data();
    void unitPassesSystemdAnalyzeVerify();
};

void tst_PackageFiles::manPageDocumentsEveryOption()
{
    const QStringList options = helpOptions();
    QVERIFY(options.size() >= 10);
    QVERIFY(options.contains(u"--headless"));
    // The tag lines of OPTIONS (the line after each .TP); roff writes a hyphen as \- .
    const QByteArray man = readFile(QStringLiteral(LUNA_SENDER_MAN_PAGE));
    const qsizetype from = man.indexOf("\n.SH OPTIONS\n");
    const qsizetype to = man.indexOf("\n.SH ", from + 1);
    QVERIFY(from > 0 && to > from);
    const QList<QByteArray> lines = man.mid(from, to - from).split('\n');
    QStringList tags;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i) == ".TP")
            tags.append(QString::fromUtf8(lines.at(i + 1))
                            .replace(QStringLiteral("\\-"), QStringLiteral("-")));
    }
    for (const QString &o : options) {
        const QRegularExpression word(u"(?<![\\w-])" + QRegularExpression::escape(o)
                                      + u"(?![\\w-])");
        QVERIFY2(std::any_of(tags.cbegin(), tags.cend(),
                             [&word](const QString &tag) { return tag.contains(word); }),
                 qPrintable(o + u" is not documented under OPTIONS"));
    }
    QCOMPARE(tags.size(), options.size());
}

void tst_PackageFiles::manPageSections()
{
    const QByteArray man = readFile(QStringLiteral(LUNA_SENDER_MAN_PAGE));
    for (const char *section : {".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH CONFIGURATION",
                                ".SH SIGNALS", ".SH FILES", ".SH EXIT STATUS"})
        QVERIFY2(man.contains(section), section);
    for (const char *fact : {".B 78", "SIGHUP", "SIGTERM", "/etc/luna-sender/luna-sender.conf"})
        QVERIFY2(man.contains(fact), fact);
}

void tst_PackageFiles::unitCallsExistingOptions()
{
    const QByteArray unit = readFile(QStringLiteral(LUNA_SENDER_UNIT));
    QVERIFY(unit.contains("\nExecStart=/usr/bin/luna-sender --headless --config "
                          "/etc/luna-sender/luna-sender.conf\n"));
    const QStringList options = helpOptions();
    QVERIFY(options.contains(u"--headless"));
    QVERIFY(options.contains(u"--config"));
    for (const char *line :
         {"\nType=notify\n", "\nRestartPreventExitStatus=78\n", "\nLimitNOFILE=1048576\n",
          "\nEnvironment=QT_NO_GLIB=1\n", "\nExecReload=/bin/kill -HUP $MAINPID\n"})
        QVERIFY2(unit.contains(line), line);
}

void tst_PackageFiles::desktopEntry()
{
    const QByteArray entry = readFile(QStringLiteral(LUNA_SENDER_DESKTOP));
    QVERIFY(entry.startsWith("[Desktop Entry]\n"));
    QVERIFY(entry.contains("\nExec=luna-sender\n"));
    QVERIFY(entry.contains("\nIcon=luna-sender\n"));
    const QString validator =
        QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty())
        QSKIP("desktop-file-validate is not installed (Debian package desktop-file-utils)");
    QByteArray output;
    QCOMPARE(run(validator, {QStringLiteral(LUNA_SENDER_DESKTOP)}, &output), 0);
    QVERIFY2(output.trimmed().isEmpty(), output.constData());
}

void tst_PackageFiles::packagedConfigurationIsTheDefault()
{
    // No user configuration may take part: the program reads one from XDG_CONFIG_HOME.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.path()));
    const auto restore = qScopeGuard([] { qunsetenv("XDG_CONFIG_HOME"); });

    // The effective configuration with no file at all: every key at its default, but for the two
    // paths the package sets (GenerateDefaultConfig.cmake): its alert rules conffile and the alert
    // log in the service's StateDirectory.
    // --check-config reads the rules file, and /etc/luna-sender/alerts.json exists only where the
    // package is installed: both runs read an empty rule set from here instead, and the output
    // names the packaged path again before it is compared.
    static const QByteArray kPackagedRules("/etc/luna-sender/alerts.json");
    const QString rules = home.filePath(QStringLiteral("alerts.json"));
    {
        QFile file(rules);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("{\"rules\": []}\n") > 0);
    }
    const QString rulesOverride = QStringLiteral("ALERTS.RULES_FILE=") + rules;
    QByteArray defaults;
    QCOMPARE(run(ServiceProcess::binary(),
                 {QStringLiteral("--check-config"), QStringLiteral("--set"), rulesOverride,
                  QStringLiteral("--set"),
                  QStringLiteral("ALERTS.LOG_FILE=/var/lib/luna-sender/alerts.log")},
                 &defaults),
             0);
    // The packaged file, read back by the program, gives exactly that configuration.
    QByteArray packaged;
    QCOMPARE(
        run(ServiceProcess::binary(),
            {QStringLiteral("--check-config"), QStringLiteral("--config"),
             QStringLiteral(LUNA_SENDER_GENERATED_CONFIG), QStringLiteral("--set"), rulesOverride},
            &packaged),
        0);
    QVERIFY(readFile(QStringLiteral(LUNA_SENDER_GENERATED_CONFIG))
                .contains(QByteArray("\nRULES_FILE = " + kPackagedRules + "\n")));
    defaults.replace(QFile::encodeName(rules), kPackagedRules);
    packaged.replace(QFile::encodeName(rules), kPackagedRules);
    QCOMPARE(packaged, defaults);
    // And it shows every key (a key left out would also read as its default): each "KEY = value"
    // line of the effective configuration is a line of the file, under its section.
    const QList<QByteArray> fileLines =
        readFile(QStringLiteral(LUNA_SENDER_GENERATED_CONFIG)).split('\n');
    int keys = 0;
    QByteArray section;
    for (const QByteArray &line : defaults.split('\n')) {
        if (line.startsWith('['))
            section = line;
        if (!line.contains(" = "))
            continue;
        ++keys;
        const auto sectionAt = std::find(fileLines.cbegin(), fileLines.cend(), section);
        QVERIFY2(sectionAt != fileLines.cend(), section.constData());
        // A secret is shown masked when set; the file shows the key with its (empty) default.
        const QByteArray shown =
            line.endsWith(" = ********") ? line.left(line.indexOf(" = ") + 3) : line;
        QVERIFY2(std::find_if(sectionAt, fileLines.cend(),
                              [&](const QByteArray &l) { return l.trimmed() == shown.trimmed(); })
                     != fileLines.cend(),
                 line.constData());
    }
    QVERIFY2(keys >= 30, qPrintable(QString::number(keys)));
}

void tst_PackageFiles::unitPassesSystemdAnalyzeVerify_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("config");
    QTest::newRow("the unit") << QStringLiteral(LUNA_SENDER_UNIT)
                              << QStringLiteral("luna-sender.service")
                              << QByteArray("--config /etc/luna-sender/luna-sender.conf");
    // The template (issue 27), as an instance: the instance name picks the configuration file.
    QTest::newRow("the template") << QStringLiteral(LUNA_SENDER_TEMPLATE_UNIT)
                                  << QStringLiteral("luna-sender@a.service")
                                  << QByteArray("--config /etc/luna-sender/%i.conf");
}

void tst_PackageFiles::unitPassesSystemdAnalyzeVerify()
{
    QFETCH(QString, source);
    QFETCH(QString, name);
    QFETCH(QByteArray, config);
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    if (analyze.isEmpty())
        QSKIP("systemd-analyze is not installed (Debian package systemd)");
    // The unit as shipped, except that ExecStart points at the built binary: verify checks that
    // the command exists, and the package is not installed here. Man pages are checked by
    // installer/ci-package-check.sh once the package is installed.
    QTemporaryDir dir;
    QByteArray unit = readFile(source);
    QVERIFY2(unit.contains(config), unit.constData());
    unit.replace("ExecStart=/usr/bin/luna-sender ",
                 QByteArray("ExecStart=" + QFile::encodeName(ServiceProcess::binary()) + ' '));
    const QString path = dir.filePath(name);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(unit);
    file.close();
    QByteArray output;
    const int code = run(analyze, {QStringLiteral("verify"), QStringLiteral("--man=no"), path},
                         &output, dir.path());
    QVERIFY2(code == 0, output.constData());
    QVERIFY2(!output.contains(name.toUtf8()), output.constData());
}

QTEST_GUILESS_MAIN(tst_PackageFiles)
#include "tst_packagefiles.moc"
