#include "FailOnWarnings.h"
#include "config/ConfigRender.h"
#include "config/RedisUrl.h"
#include "config/SettingsLoader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sender;

class tst_Settings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void defaultsMatchTheSchema()
    {
        const Settings s;
        QCOMPARE(s.port(), quint16(5080));
        QCOMPARE(s.host(), QStringLiteral("0.0.0.0"));
        QCOMPARE(s.integer(u"WEBSOCKET.PING_INTERVAL"), 20);
        QCOMPARE(s.integer(u"WEBSOCKET.PONG_TIMEOUT"), 20);
        QVERIFY(!s.redisUrl());
        QVERIFY(!s.boolean(u"PUBLISH.ENABLED"));
        for (const ConfigKey &k : ConfigSchema::keys())
            QCOMPARE(s.origin(k.id()), Settings::Origin::Default);
    }

    void precedence()
    {
        // default < file < environment < command line
        const QString file = writeFile(QStringLiteral("p.conf"),
                                       "[SERVER]\nPORT = 6001\nHOST = 127.0.0.1\n"
                                       "[WEBSOCKET]\nPING_INTERVAL = 5\n");
        QProcessEnvironment env;
        env.insert(QStringLiteral("LUNA_SENDER_SERVER_PORT"), QStringLiteral("6002"));
        env.insert(QStringLiteral("LUNA_SENDER_WEBSOCKET_PONG_TIMEOUT"), QStringLiteral("7"));
        QStringList errors;
        auto s = SettingsLoader::load(
            file, env, {{QStringLiteral("server.port"), QStringLiteral("6003")}}, &errors);
        QVERIFY2(s, qPrintable(errors.join(u'\n')));
        QCOMPARE(s->port(), quint16(6003));
        QCOMPARE(s->origin(u"SERVER.PORT"), Settings::Origin::CommandLine);
        QCOMPARE(s->host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(s->origin(u"SERVER.HOST"), Settings::Origin::File);
        QCOMPARE(s->integer(u"WEBSOCKET.PING_INTERVAL"), 5);
        QCOMPARE(s->integer(u"WEBSOCKET.PONG_TIMEOUT"), 7);
        QCOMPARE(s->origin(u"WEBSOCKET.PONG_TIMEOUT"), Settings::Origin::Environment);
        QCOMPARE(s->configFile(), QFileInfo(file).absoluteFilePath());

        // Without the command line, the environment wins over the file.
        s = SettingsLoader::load(file, env, {}, &errors);
        QVERIFY(s);
        QCOMPARE(s->port(), quint16(6002));
    }

    void errorsNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("envName");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QString>("cliId");
        QTest::addColumn<QString>("cliValue");
        QTest::addColumn<QString>("expected");

        QTest::newRow("unknown key in file")
            << QByteArray("[SERVER]\nPROT = 1\n") << QString() << QString() << QString()
            << QString() << QStringLiteral("unknown key SERVER.PROT");
        QTest::newRow("unknown section in file")
            << QByteArray("[SERVR]\nPORT = 1\n") << QString() << QString() << QString() << QString()
            << QStringLiteral("unknown key SERVR.PORT");
        QTest::newRow("key outside a section")
            << QByteArray("PORT = 1\n") << QString() << QString() << QString() << QString()
            << QStringLiteral("outside a [SECTION]");
        QTest::newRow("port out of range")
            << QByteArray("[SERVER]\nPORT = 70000\n") << QString() << QString() << QString()
            << QString()
            << QStringLiteral("SERVER.PORT (%1): must be an integer in 0..65535, got '70000'");
        QTest::newRow("not a number")
            << QByteArray() << QStringLiteral("LUNA_SENDER_WEBSOCKET_PING_INTERVAL")
            << QStringLiteral("soon") << QString() << QString()
            << QStringLiteral("WEBSOCKET.PING_INTERVAL (environment "
                              "LUNA_SENDER_WEBSOCKET_PING_INTERVAL): must be an integer");
        QTest::newRow("unknown env key")
            << QByteArray() << QStringLiteral("LUNA_SENDER_REDIS_ULR") << QStringLiteral("x")
            << QString() << QString()
            << QStringLiteral("unknown environment variable LUNA_SENDER_REDIS_ULR");
        QTest::newRow("bad boolean")
            << QByteArray() << QString() << QString() << QStringLiteral("DEMO.ENABLED")
            << QStringLiteral("maybe")
            << QStringLiteral("DEMO.ENABLED (command line): must be 0 or 1");
        QTest::newRow("bad choice") << QByteArray() << QString() << QString()
                                    << QStringLiteral("LOGGING.LEVEL") << QStringLiteral("verbose")
                                    << QStringLiteral("must be one of debug, info, warning, error");
        QTest::newRow("bad redis url")
            << QByteArray() << QString() << QString() << QStringLiteral("REDIS.URL")
            << QStringLiteral("http://x")
            << QStringLiteral("REDIS.URL (command line): is not a Redis URL");
        QTest::newRow("bad sentinel")
            << QByteArray() << QString() << QString() << QStringLiteral("REDIS.SENTINELS")
            << QStringLiteral("a:1,b") << QStringLiteral("'b' is not host:port");
        QTest::newRow("unknown cli key")
            << QByteArray() << QString() << QString() << QStringLiteral("SERVER.NOPE")
            << QStringLiteral("1") << QStringLiteral("unknown key SERVER.NOPE on the command line");
        QTest::newRow("publish without token")
            << QByteArray() << QString() << QString() << QStringLiteral("PUBLISH.ENABLED")
            << QStringLiteral("1") << QStringLiteral("PUBLISH.TOKEN must be set");
        QTest::newRow("bad host") << QByteArray() << QString() << QString()
                                  << QStringLiteral("SERVER.HOST") << QStringLiteral("example.org")
                                  << QStringLiteral("SERVER.HOST must be an IP address");
        QTest::newRow("bad demo account")
            << QByteArray() << QString() << QString() << QStringLiteral("DEMO.ACCOUNT")
            << QStringLiteral("me") << QStringLiteral("DEMO.ACCOUNT must be a UUID");
        // Issue 18: validation and use share one strict parser; a braced {uuid} that passed here
        // was dropped by the access policy, and with every entry dropped no token was needed.
        QTest::newRow("braced account token")
            << QByteArray() << QString() << QString() << QStringLiteral("ACCESS.ACCOUNT_TOKENS")
            << QStringLiteral("{8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a}:tok")
            << QStringLiteral("ACCESS.ACCOUNT_TOKENS (command line): item 1 is not <account "
                              "uuid>:<token>");
        QTest::newRow("account token without token")
            << QByteArray() << QString() << QString() << QStringLiteral("ACCESS.ACCOUNT_TOKENS")
            << QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a:tok,"
                              "904e635f-3a47-4832-b4d6-d2d72ba78451:")
            << QStringLiteral("item 2 is not <account uuid>:<token>");
        QTest::newRow("account token with a space")
            << QByteArray() << QString() << QString() << QStringLiteral("ACCESS.ACCOUNT_TOKENS")
            << QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a: tok")
            << QStringLiteral("item 1 is not <account uuid>:<token>");
        QTest::newRow("braced demo account")
            << QByteArray() << QString() << QString() << QStringLiteral("DEMO.ACCOUNT")
            << QStringLiteral("{8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a}")
            << QStringLiteral("DEMO.ACCOUNT must be a UUID (8-4-4-4-12");
        QTest::newRow("origin with a default port")
            << QByteArray() << QString() << QString() << QStringLiteral("ACCESS.ALLOWED_ORIGINS")
            << QStringLiteral("https://console.example.org:443")
            << QStringLiteral("'https://console.example.org:443' is not an origin as browsers");
        QTest::newRow("origin with a user")
            << QByteArray() << QString() << QString() << QStringLiteral("ACCESS.ALLOWED_ORIGINS")
            << QStringLiteral("https://me@console.example.org")
            << QStringLiteral("is not an origin as browsers send it");
        QTest::newRow("logging rule without value")
            << QByteArray() << QString() << QString() << QStringLiteral("LOGGING.RULES")
            << QStringLiteral("sender.ws.debug=true;sender.redis.info")
            << QStringLiteral("LOGGING.RULES: 'sender.redis.info' is not a rule");
        QTest::newRow("logging rule with a wildcard inside")
            << QByteArray() << QString() << QString() << QStringLiteral("LOGGING.RULES")
            << QStringLiteral("sender.*.ws.debug=true")
            << QStringLiteral("'sender.*.ws.debug=true' is not a rule");
        QTest::newRow("logging rule with yes")
            << QByteArray() << QString() << QString() << QStringLiteral("LOGGING.RULES")
            << QStringLiteral("sender.ws.debug=yes") << QStringLiteral("is not a rule");
        QTest::newRow("monitor beyond loopback without a token")
            << QByteArray("[MONITOR]\nHOST = 0.0.0.0\n") << QString() << QString() << QString()
            << QString() << QStringLiteral("MONITOR.HOST is 0.0.0.0, which is not loopback");
        QTest::newRow("monitor host not an address")
            << QByteArray() << QStringLiteral("LUNA_SENDER_MONITOR_HOST")
            << QStringLiteral("monitor.example.org") << QString() << QString()
            << QStringLiteral("MONITOR.HOST must be an IP address or localhost");
        QTest::newRow("monitor token and token file")
            << QByteArray("[MONITOR]\nTOKEN = abc\nTOKEN_FILE = /etc/hostname\n") << QString()
            << QString() << QString() << QString()
            << QStringLiteral("MONITOR.TOKEN and MONITOR.TOKEN_FILE exclude each other");
        QTest::newRow("monitor clients")
            << QByteArray() << QString() << QString() << QStringLiteral("MONITOR.MAX_CLIENTS")
            << QStringLiteral("0") << QStringLiteral("MONITOR.MAX_CLIENTS (command line): must be");
        QTest::newRow("luna origin not http")
            << QByteArray() << QString() << QString() << QStringLiteral("LUNA.API_ORIGIN")
            << QStringLiteral("file:///var/lib/luna")
            << QStringLiteral("LUNA.API_ORIGIN must be an http:// or https:// URL");
        QTest::newRow("luna origin with a password")
            << QByteArray() << QString() << QString() << QStringLiteral("LUNA.API_ORIGIN")
            << QStringLiteral("http://admin:hunter2@luna.local:5000")
            << QStringLiteral("LUNA.API_ORIGIN must not hold a user or password");
        QTest::newRow("luna credential without an origin")
            << QByteArray("[LUNA]\nCREDENTIAL_FILE = /run/luna.token\n") << QString() << QString()
            << QString() << QString()
            << QStringLiteral("LUNA.CREDENTIAL_FILE needs LUNA.API_ORIGIN");
        QTest::newRow("backoff order")
            << QByteArray("[REDIS]\nRECONNECT_MIN_MS = 900\nRECONNECT_MAX_MS = 100\n") << QString()
            << QString() << QString() << QString()
            << QStringLiteral("RECONNECT_MIN_MS must not be larger");
    }

    void errorsNameTheKey()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, envName);
        QFETCH(QString, envValue);
        QFETCH(QString, cliId);
        QFETCH(QString, cliValue);
        QFETCH(QString, expected);
        const QString path = file.isEmpty() ? QString() : writeFile(QStringLiteral("e.conf"), file);
        QProcessEnvironment env;
        if (!envName.isEmpty())
            env.insert(envName, envValue);
        QList<SettingsLoader::Override> cli;
        if (!cliId.isEmpty())
            cli.append({cliId, cliValue});
        QStringList errors;
        QVERIFY(!SettingsLoader::load(path, env, cli, &errors));
        QVERIFY(!errors.isEmpty());
        const QString all = errors.join(u'\n');
        // Only the expectations that name the file have a %1 for it.
        const QString wanted =
            expected.contains(QStringLiteral("%1")) ? expected.arg(path) : expected;
        QVERIFY2(all.contains(wanted), qPrintable(all));
    }

    // Beyond loopback with a token (or a token file), or on loopback without one, the
    // monitoring port is fine; off, its host does not matter.
    void monitorAccessThatIsAccepted()
    {
        const QList<QList<SettingsLoader::Override>> accepted {
            {{QStringLiteral("MONITOR.HOST"), QStringLiteral("0.0.0.0")},
             {QStringLiteral("MONITOR.TOKEN"), QStringLiteral("t0ken")}},
            {{QStringLiteral("MONITOR.HOST"), QStringLiteral("10.0.0.5")},
             {QStringLiteral("MONITOR.TOKEN_FILE"), QStringLiteral("/run/monitor.token")}},
            {{QStringLiteral("MONITOR.HOST"), QStringLiteral("::1")}},
            {{QStringLiteral("MONITOR.HOST"), QStringLiteral("localhost")}},
            {{QStringLiteral("MONITOR.HOST"), QStringLiteral("0.0.0.0")},
             {QStringLiteral("MONITOR.ENABLED"), QStringLiteral("0")}},
        };
        for (const QList<SettingsLoader::Override> &cli : accepted) {
            QStringList errors;
            QVERIFY2(SettingsLoader::load({}, {}, cli, &errors), qPrintable(errors.join(u'\n')));
        }
        const Settings defaults;
        QCOMPARE(defaults.string(u"MONITOR.HOST"), QStringLiteral("127.0.0.1"));
        QCOMPARE(defaults.integer(u"MONITOR.PORT"), 5081);
        QVERIFY(defaults.boolean(u"MONITOR.ENABLED"));
        QCOMPARE(defaults.integer(u"MONITOR.MAX_CLIENTS"), 16);
    }

    void missingFileIsAnError()
    {
        QStringList errors;
        QVERIFY(
            !SettingsLoader::load(m_dir.filePath(QStringLiteral("absent.conf")), {}, {}, &errors));
        QVERIFY(errors.first().contains(QStringLiteral("cannot read the configuration file")));
    }

    void foreignEnvironmentIsIgnored()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("LUNA_SENDER_CONFIG"), QStringLiteral("/nowhere"));
        env.insert(QStringLiteral("LUNA_SENDER_SOMETHING_ELSE"), QStringLiteral("x"));
        QStringList errors;
        QVERIFY2(SettingsLoader::load({}, env, {}, &errors), qPrintable(errors.join(u'\n')));
    }

    void listsAndQuoting()
    {
        const QString file =
            writeFile(QStringLiteral("l.conf"),
                      "[REDIS]\nSENTINELS = \"10.0.0.1:26379, [::1]:26380\"\n"
                      "[LOGGING]\nRULES = \"sender.ws.debug=true;sender.redis.info=false\"\n");
        QStringList errors;
        const auto s = SettingsLoader::load(file, {}, {}, &errors);
        QVERIFY2(s, qPrintable(errors.join(u'\n')));
        const auto sentinels = s->redisSentinels();
        QCOMPARE(sentinels.size(), 2);
        QCOMPARE(sentinels[0].first, QStringLiteral("10.0.0.1"));
        QCOMPARE(sentinels[0].second, quint16(26379));
        QCOMPARE(sentinels[1].first, QStringLiteral("::1"));
        QCOMPARE(sentinels[1].second, quint16(26380));
        QCOMPARE(s->string(u"LOGGING.RULES"),
                 QStringLiteral("sender.ws.debug=true;sender.redis.info=false"));
    }

    void secretsAreMasked()
    {
        Settings s;
        s.set(QStringLiteral("ACCESS.ACCOUNT_TOKENS"),
              QStringList {QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a:tok-one")},
              Settings::Origin::File);
        s.set(QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("s3cret-token"),
              Settings::Origin::File);
        s.set(QStringLiteral("REDIS.SENTINEL_PASSWORD"), QStringLiteral("sentinel-pw"),
              Settings::Origin::File);
        s.set(QStringLiteral("REDIS.URL"), QStringLiteral("redis://user:redis-pw@10.1.2.3:6380/2"),
              Settings::Origin::File);
        s.set(QStringLiteral("MONITOR.TOKEN"), QStringLiteral("monitor-secret"),
              Settings::Origin::File);
        const QByteArray json = QJsonDocument(settingsToJson(s)).toJson();
        const QByteArray text = settingsToText(s);
        for (const QByteArray &out : {json, text}) {
            QVERIFY(!out.contains("s3cret-token"));
            QVERIFY(!out.contains("sentinel-pw"));
            QVERIFY(!out.contains("redis-pw"));
            QVERIFY(!out.contains("tok-one"));
            QVERIFY(!out.contains("monitor-secret"));
            QVERIFY(out.contains("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a:********"));
            QVERIFY(out.contains("********"));
        }
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root[u"PUBLISH"][u"TOKEN"].toString(), QStringLiteral("********"));
        QCOMPARE(root[u"REDIS"][u"SENTINEL_PASSWORD"].toString(), QStringLiteral("********"));
        QCOMPARE(root[u"MONITOR"][u"TOKEN"].toString(), QStringLiteral("********"));
        QCOMPARE(root[u"REDIS"][u"URL"].toString(),
                 QStringLiteral("redis://user:********@10.1.2.3:6380/2"));
        // Numbers are numbers and booleans 0/1, as LUNA's own /config shows them.
        QCOMPARE(root[u"SERVER"][u"PORT"].toInt(), 5080);
        QCOMPARE(root[u"PUBLISH"][u"ENABLED"].toInt(-1), 0);
        QVERIFY(root[u"REDIS"][u"SENTINELS"].isArray());
        QCOMPARE(root.keys().size(), ConfigSchema::sections().size());
        QVERIFY(text.contains("[PUBLISH]\nENABLED = 0\nTOKEN = ********\n"));
    }

    void defaultConfigFileRoundTrips()
    {
        // --print-default-config must itself be a valid configuration equal to the defaults.
        const QString file = writeFile(QStringLiteral("default.conf"), defaultConfigFile());
        QStringList errors;
        const auto s = SettingsLoader::load(file, {}, {}, &errors);
        QVERIFY2(s, qPrintable(errors.join(u'\n')));
        QVERIFY2(s->differences(Settings()).isEmpty(),
                 qPrintable(s->differences(Settings()).join(u',')));
        for (const ConfigKey &k : ConfigSchema::keys())
            QVERIFY2(defaultConfigFile().contains(QByteArray('\n' + QByteArray(k.key) + " = ")),
                     k.key);
    }

    void textRenderingIsAValidConfig()
    {
        // GET /config as text/plain reads back as the same settings, but for the secrets, which
        // only ever show as ********.
        Settings s;
        s.set(QStringLiteral("LOGGING.RULES"), QStringLiteral("a.b=true;c.d=false"),
              Settings::Origin::File);
        s.set(QStringLiteral("REDIS.SENTINELS"),
              QStringList {QStringLiteral("h:1"), QStringLiteral("k:2")}, Settings::Origin::File);
        const QString file = writeFile(QStringLiteral("text.conf"), settingsToText(s));
        QStringList errors;
        const auto back = SettingsLoader::load(file, {}, {}, &errors);
        QVERIFY2(back, qPrintable(errors.join(u'\n')));
        QStringList differences = back->differences(s);
        for (const ConfigKey &k : ConfigSchema::keys()) {
            if (k.type == ConfigKey::Type::Secret) {
                QCOMPARE(back->string(k.id()), QStringLiteral("********"));
                differences.removeOne(k.id());
            }
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u',')));
    }

    // Issue 18: Qt's URL error text quotes the whole URL (and names the bad character), so a
    // mistyped Redis URL printed its password into the journal, on start and on SIGHUP.
    void redisUrlErrorsNeverShowThePassword_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("port out of range") << "redis://u:s3cr3t-pw@host:99999";
        QTest::newRow("bad host") << "redis://u:s3cr3t-pw@ho st/";
        QTest::newRow("bad path") << "redis://u:s3cr3t-pw@host/%zz";
        QTest::newRow("bad db") << "redis://u:s3cr3t-pw@host/s3cr3t-pw";
        QTest::newRow("unclosed bracket") << "redis://u:s3cr3t-pw@[::1/";
        QTest::newRow("space in password") << "redis://u:s3cr3t pw@host";
        QTest::newRow("scheme-like password") << "s3cr3t-pw://u:s3cr3t-pw@host";
        QTest::newRow("no scheme") << "u:s3cr3t-pw@host";
    }
    void redisUrlErrorsNeverShowThePassword()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!parseRedisUrl(text, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(QStringLiteral("s3cr3t")), qPrintable(error));
        QStringList errors;
        QVERIFY(!SettingsLoader::load({}, {}, {{QStringLiteral("REDIS.URL"), text}}, &errors));
        QVERIFY2(!errors.join(u'\n').contains(QStringLiteral("s3cr3t")),
                 qPrintable(errors.join(u'\n')));
        // The mask hides what stands in the password's place, however malformed the rest is.
        QVERIFY2(!maskUrlPassword(text).contains(QStringLiteral(":s3cr3t")),
                 qPrintable(maskUrlPassword(text)));
    }

    // Issue 18: the Redis password can stay out of the process list (environment or file); one
    // function reads it for validation and for the connection.
    void redisPasswordSources()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("pw"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("p@ss word\r\n");
        f.close();
        const QString url = QStringLiteral("redis://127.0.0.1:6379");
        QProcessEnvironment env;
        env.insert(QStringLiteral("LUNA_SENDER_REDIS_PASSWORD"), QStringLiteral("from-env"));
        QStringList errors;
        std::optional<Settings> s =
            SettingsLoader::load({}, env, {{QStringLiteral("REDIS.URL"), url}}, &errors);
        QVERIFY2(s, qPrintable(errors.join(u'\n')));
        QCOMPARE(s->redisPassword(nullptr), QStringLiteral("from-env"));
        s = SettingsLoader::load(
            {}, {},
            {{QStringLiteral("REDIS.URL"), url}, {QStringLiteral("REDIS.PASSWORD_FILE"), file}},
            &errors);
        QVERIFY2(s, qPrintable(errors.join(u'\n')));
        QCOMPARE(s->redisPassword(nullptr), QStringLiteral("p@ss word"));
        QVERIFY(s->redisUrl()->password.isEmpty()); // the URL itself has none
        QVERIFY(!SettingsLoader::load(
            {}, env,
            {{QStringLiteral("REDIS.URL"), url}, {QStringLiteral("REDIS.PASSWORD_FILE"), file}},
            &errors));
        QVERIFY2(errors.join(u'\n').contains(QStringLiteral("given more than once")),
                 qPrintable(errors.join(u'\n')));
        QVERIFY(!errors.join(u'\n').contains(QStringLiteral("from-env")));
    }

    void redisUrl_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("db");
        QTest::newRow("host only") << "redis://localhost" << true << "localhost" << 6379 << ""
                                   << "" << 0;
        QTest::newRow("full") << "redis://alice:pa%40ss@10.0.0.5:6380/3" << true << "10.0.0.5"
                              << 6380 << "alice"
                              << "pa@ss" << 3;
        QTest::newRow("password only") << "redis://:pw@h:1/0" << true << "h" << 1 << ""
                                       << "pw" << 0;
        QTest::newRow("ipv6") << "redis://[::1]:7000" << true << "::1" << 7000 << ""
                              << "" << 0;
        QTest::newRow("trailing slash") << "redis://h:1/" << true << "h" << 1 << ""
                                        << "" << 0;
        QTest::newRow("tls") << "rediss://:pw@h:6380/2" << true << "h" << 6380 << ""
                             << "pw" << 2;
        QTest::newRow("wrong scheme") << "https://h" << false << "" << 0 << ""
                                      << "" << 0;
        QTest::newRow("no host") << "redis://:1" << false << "" << 0 << ""
                                 << "" << 0;
        QTest::newRow("bad db") << "redis://h/x" << false << "" << 0 << ""
                                << "" << 0;
        QTest::newRow("negative db") << "redis://h/-1" << false << "" << 0 << ""
                                     << "" << 0;
        QTest::newRow("query") << "redis://h?db=1" << false << "" << 0 << ""
                               << "" << 0;
        QTest::newRow("garbage") << "not a url" << false << "" << 0 << ""
                                 << "" << 0;
    }

    void redisUrl()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const auto url = parseRedisUrl(text, &error);
        QCOMPARE(bool(url), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QTEST(url->host, "host");
        QTEST(int(url->port), "port");
        QTEST(url->user, "user");
        QTEST(url->password, "password");
        QTEST(url->db, "db");
        QCOMPARE(url->tls, text.startsWith(u"rediss:"));
        QVERIFY(url->toDisplayString().startsWith(text.left(text.indexOf(u':'))));
        QVERIFY(!url->toDisplayString().contains(url->password.isEmpty() ? QStringLiteral("\x01")
                                                                         : url->password));
    }
};

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
