#include "config/SettingsLoader.h"

#include "config/AccountTokens.h"
#include "config/ConfigLog.h"
#include "config/HttpOrigin.h"
#include "config/LoggingRules.h"
#include "config/RedisTls.h"
#include "util/StrictUuid.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace sender {

namespace {

using Origin = Settings::Origin;

bool parseBoolean(const QString &text, bool *out)
{
    const QString t = text.trimmed().toLower();
    if (t == u"1" || t == u"true" || t == u"yes" || t == u"on") {
        *out = true;
        return true;
    }
    if (t == u"0" || t == u"false" || t == u"no" || t == u"off") {
        *out = false;
        return true;
    }
    return false;
}

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            items.append(trimmed);
    }
    return items;
}

bool checkHostPort(const QString &item, QString *error)
{
    const qsizetype colon = item.lastIndexOf(u':');
    bool ok = false;
    const uint port = colon > 0 ? item.mid(colon + 1).toUInt(&ok) : 0;
    if (colon <= 0 || !ok || port == 0 || port > 65535) {
        *error = QStringLiteral("'%1' is not host:port with a port in 1..65535").arg(item);
        return false;
    }
    return true;
}

// [LUNA]: an origin that cannot be used, or a credential with no origin, is an error. The
// credential file itself is read when the monitoring port starts (as MONITOR.TOKEN_FILE is).
void checkLuna(const Settings &s, QStringList &errors)
{
    const QString origin = s.string(u"LUNA.API_ORIGIN");
    if (origin.isEmpty()) {
        if (!s.string(u"LUNA.CREDENTIAL_FILE").isEmpty())
            errors.append(QStringLiteral("LUNA.CREDENTIAL_FILE needs LUNA.API_ORIGIN"));
        return;
    }
    if (const QString problem = httpOriginProblem(QUrl(origin, QUrl::StrictMode));
        !problem.isEmpty())
        errors.append(QStringLiteral("LUNA.API_ORIGIN ") + problem);
}

// [INFLUX]: a value that cannot be used is an error, never a silent no-op.
void checkInflux(const Settings &s, QStringList &errors)
{
    const QString url = s.string(u"INFLUX.URL");
    const bool credentials =
        !s.string(u"INFLUX.USERNAME").isEmpty() || !s.string(u"INFLUX.PASSWORD_FILE").isEmpty();
    if (url.isEmpty()) {
        if (credentials)
            errors.append(
                QStringLiteral("INFLUX.USERNAME and INFLUX.PASSWORD_FILE need INFLUX.URL"));
        return;
    }
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https")
        || parsed.host().isEmpty() || parsed.hasQuery() || parsed.hasFragment())
        errors.append(
            QStringLiteral("INFLUX.URL must be an http:// or https:// URL with a host and "
                           "no query, such as http://127.0.0.1:8086"));
    else if (!parsed.userInfo().isEmpty())
        errors.append(QStringLiteral("INFLUX.URL must not hold credentials: use INFLUX.USERNAME "
                                     "and INFLUX.PASSWORD_FILE"));
    if (s.string(u"INFLUX.DATABASE").isEmpty())
        errors.append(QStringLiteral("INFLUX.DATABASE must be set when INFLUX.URL is"));
    if (s.string(u"INFLUX.USERNAME").isEmpty() != s.string(u"INFLUX.PASSWORD_FILE").isEmpty())
        errors.append(QStringLiteral("INFLUX.USERNAME and INFLUX.PASSWORD_FILE go together"));
    else if (QString why; !s.influxPassword(&why))
        errors.append(why);
    if (s.integer(u"INFLUX.BATCH_POINTS") > s.integer(u"INFLUX.BUFFER_POINTS"))
        errors.append(
            QStringLiteral("INFLUX.BATCH_POINTS must not be larger than INFLUX.BUFFER_POINTS"));
}

} // namespace

bool SettingsLoader::parseValue(const ConfigKey &key, const QString &text, QVariant *value,
                                QString *error)
{
    using T = ConfigKey::Type;
    switch (key.type) {
    case T::String:
    case T::Secret:
        *value = text.trimmed();
        return true;
    case T::Integer: {
        bool ok = false;
        const qint64 n = text.trimmed().toLongLong(&ok);
        if (!ok || n < key.minimum || n > key.maximum) {
            *error = QStringLiteral("must be an integer in %1..%2, got '%3'")
                         .arg(key.minimum)
                         .arg(key.maximum)
                         .arg(text);
            return false;
        }
        *value = n;
        return true;
    }
    case T::Boolean: {
        bool b = false;
        if (!parseBoolean(text, &b)) {
            *error = QStringLiteral("must be 0 or 1 (or true/false, yes/no, on/off), got '%1'")
                         .arg(text);
            return false;
        }
        *value = b;
        return true;
    }
    case T::Choice: {
        const QString t = text.trimmed().toLower();
        if (!key.choices.contains(t)) {
            *error = QStringLiteral("must be one of %1, got '%2'")
                         .arg(key.choices.join(QStringLiteral(", ")), text);
            return false;
        }
        *value = t;
        return true;
    }
    case T::List:
        *value = splitList(text);
        return true;
    case T::RedisUrl: {
        const QString t = text.trimmed();
        QString why;
        if (!t.isEmpty() && !parseRedisUrl(t, &why)) {
            *error = QStringLiteral("is not a Redis URL "
                                    "(redis://[[user]:password@]host[:port][/db]): %1")
                         .arg(why);
            return false;
        }
        *value = t;
        return true;
    }
    case T::HostPortList: {
        const QStringList items = splitList(text);
        for (const QString &item : items) {
            if (!checkHostPort(item, error))
                return false;
        }
        *value = items;
        return true;
    }
    case T::AccountTokens: {
        const QStringList items = splitList(text);
        if (!parseAccountTokens(items, error))
            return false;
        *value = items;
        return true;
    }
    }
    return false;
}

QStringList SettingsLoader::crossCheck(const Settings &s)
{
    QStringList errors;
    if (s.integer(u"REDIS.RECONNECT_MIN_MS") > s.integer(u"REDIS.RECONNECT_MAX_MS"))
        errors.append(QStringLiteral(
            "REDIS.RECONNECT_MIN_MS must not be larger than REDIS.RECONNECT_MAX_MS"));
    if (s.boolean(u"PUBLISH.ENABLED") && s.string(u"PUBLISH.TOKEN").isEmpty())
        errors.append(QStringLiteral(
            "PUBLISH.TOKEN must be set when PUBLISH.ENABLED is 1 (the publish resource always "
            "requires a token)"));
    if (QString why; !loggingRuleLines(s.string(u"LOGGING.RULES"), &why))
        errors.append(QStringLiteral("LOGGING.RULES: ") + why);
    if (QString why; !redisTlsConfiguration(s, &why))
        errors.append(why);
    if (QString why; !s.redisPassword(&why))
        errors.append(why);
    // A password with nothing to connect to would be silently unused.
    if (s.string(u"REDIS.URL").isEmpty() && s.list(u"REDIS.SENTINELS").isEmpty()
        && !(s.string(u"REDIS.PASSWORD").isEmpty() && s.string(u"REDIS.PASSWORD_FILE").isEmpty()))
        errors.append(QStringLiteral(
            "REDIS.PASSWORD and REDIS.PASSWORD_FILE need REDIS.URL or REDIS.SENTINELS"));
    checkInflux(s, errors);
    checkLuna(s, errors);
    if (!s.list(u"REDIS.SENTINELS").isEmpty() && s.string(u"REDIS.SENTINEL_MASTER").isEmpty())
        errors.append(QStringLiteral("REDIS.SENTINEL_MASTER must be set when REDIS.SENTINELS is"));
    // Strict, as Luna-Account-Id is: a braced {uuid} would be accepted here and then refused to
    // every subscriber told to "subscribe with this Luna-Account-Id".
    if (!parseStrictUuid(s.string(u"DEMO.ACCOUNT").toLatin1()))
        errors.append(QStringLiteral("DEMO.ACCOUNT must be a UUID (8-4-4-4-12 hex digits, no "
                                     "braces), got '%1'")
                          .arg(s.string(u"DEMO.ACCOUNT")));
    // Shown by every instance of the fleet and written into Redis: short, one line, printable.
    if (const QString name = s.string(u"SERVER.INSTANCE_NAME"); name.size() > 64
        || std::any_of(name.cbegin(), name.cend(), [](QChar c) { return !c.isPrint(); }))
        errors.append(QStringLiteral("SERVER.INSTANCE_NAME must be at most 64 printable "
                                     "characters"));
    if (s.string(u"SERVER.TLS_CERTIFICATE").isEmpty()
        != s.string(u"SERVER.TLS_PRIVATE_KEY").isEmpty())
        errors.append(
            QStringLiteral("SERVER.TLS_CERTIFICATE and SERVER.TLS_PRIVATE_KEY go together: "
                           "set both for TLS, or neither"));
    // The gates compare the Origin header with these as lower-case text, so an entry is valid
    // only if it is written exactly as a browser sends it: a user, a path or a default port would
    // pass a URL check and then never match.
    for (const QStringView key : {u"ACCESS.ALLOWED_ORIGINS", u"MONITOR.ALLOWED_ORIGINS"}) {
        for (const QString &origin : s.list(key)) {
            const QUrl url(origin, QUrl::StrictMode);
            const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
            const int port = url.port();
            const bool defaultPort = (url.scheme() == u"https" && port == 443)
                || (url.scheme() == u"http" && port == 80);
            const QString canonical = url.scheme() + QStringLiteral("://") + host
                + (port < 0 || defaultPort ? QString() : u':' + QString::number(port));
            if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()
                || !url.path().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery()
                || url.hasFragment() || defaultPort || canonical != origin.toLower())
                errors.append(QStringLiteral("%1: '%2' is not an origin as browsers send it, "
                                             "like https://host[:port] (no path, no default "
                                             "port)")
                                  .arg(key, origin));
        }
    }
    // The monitoring port shows every subscriber and can close them: beyond loopback it must
    // not be open to anyone who can reach it.
    const QString monitorHost = s.string(u"MONITOR.HOST");
    const QHostAddress monitorAddress(monitorHost);
    if (monitorHost.isEmpty() || (monitorAddress.isNull() && monitorHost != u"localhost"))
        errors.append(QStringLiteral("MONITOR.HOST must be an IP address or localhost, got '%1'")
                          .arg(monitorHost));
    const bool monitorToken = !s.string(u"MONITOR.TOKEN").isEmpty();
    const bool monitorTokenFile = !s.string(u"MONITOR.TOKEN_FILE").isEmpty();
    if (monitorToken && monitorTokenFile)
        errors.append(QStringLiteral("MONITOR.TOKEN and MONITOR.TOKEN_FILE exclude each other: "
                                     "set one of them"));
    if (s.boolean(u"MONITOR.ENABLED") && !monitorToken && !monitorTokenFile
        && monitorHost != u"localhost" && !monitorAddress.isNull() && !monitorAddress.isLoopback())
        errors.append(
            QStringLiteral("MONITOR.HOST is %1, which is not loopback: set MONITOR.TOKEN or "
                           "MONITOR.TOKEN_FILE, or keep the monitoring port on 127.0.0.1")
                .arg(monitorHost));
    const QString host = s.host();
    if (host.isEmpty() || (QHostAddress(host).isNull() && host != u"localhost"))
        errors.append(
            QStringLiteral("SERVER.HOST must be an IP address or localhost, got '%1'").arg(host));
    return errors;
}

QString SettingsLoader::defaultUserConfigPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/luna-sender/luna-sender.conf");
}

std::optional<Settings> SettingsLoader::load(const QString &file,
                                             const QProcessEnvironment &environment,
                                             const QList<Override> &commandLine,
                                             QStringList *errors)
{
    Settings settings;
    QStringList problems;

    auto apply = [&](const ConfigKey *key, const QString &text, Origin origin,
                     const QString &where) {
        QVariant value;
        QString why;
        if (!parseValue(*key, text, &value, &why)) {
            problems.append(QStringLiteral("%1 (%2): %3").arg(key->id(), where, why));
            return;
        }
        settings.set(key->id(), value, origin);
    };

    if (!file.isEmpty()) {
        const QFileInfo info(file);
        if (!info.exists() || !info.isFile() || !info.isReadable()) {
            problems.append(QStringLiteral("cannot read the configuration file '%1'").arg(file));
        } else {
            settings.setConfigFile(info.absoluteFilePath());
            QSettings ini(file, QSettings::IniFormat);
            if (ini.status() != QSettings::NoError)
                problems.append(QStringLiteral("'%1' is not a valid INI file").arg(file));
            for (const QString &fullKey : ini.allKeys()) {
                const qsizetype slash = fullKey.indexOf(u'/');
                const ConfigKey *key = slash > 0
                    ? ConfigSchema::find(QStringView(fullKey).left(slash),
                                         QStringView(fullKey).mid(slash + 1))
                    : nullptr;
                if (!key) {
                    const QString shown =
                        slash > 0 ? fullKey.left(slash) + u'.' + fullKey.mid(slash + 1) : fullKey;
                    problems.append(slash > 0
                                        ? QStringLiteral("unknown key %1 in '%2'").arg(shown, file)
                                        : QStringLiteral("key '%1' in '%2' is outside a [SECTION]")
                                              .arg(shown, file));
                    continue;
                }
                // QSettings turns an unquoted a,b into a list; lists are comma-joined again.
                const QVariant raw = ini.value(fullKey);
                const QString text = raw.typeId() == QMetaType::QStringList
                    ? raw.toStringList().join(u',')
                    : raw.toString();
                apply(key, text, Origin::File, file);
            }
        }
    }

    const QStringList sections = ConfigSchema::sections();
    for (const QString &name : environment.keys()) {
        if (!name.startsWith(QLatin1StringView("LUNA_SENDER_")))
            continue;
        const QString rest = name.mid(12);
        // Only LUNA_SENDER_<known section>_... is ours; other LUNA_SENDER_ names are left alone.
        QString section;
        for (const QString &s : sections) {
            if (rest.startsWith(s + u'_'))
                section = s;
        }
        if (section.isEmpty())
            continue;
        const ConfigKey *key =
            ConfigSchema::find(section, QStringView(rest).mid(section.size() + 1));
        if (!key) {
            problems.append(QStringLiteral("unknown environment variable %1").arg(name));
            continue;
        }
        apply(key, environment.value(name), Origin::Environment,
              QStringLiteral("environment %1").arg(name));
    }

    for (const Override &o : commandLine) {
        const ConfigKey *key = ConfigSchema::find(o.id);
        if (!key) {
            problems.append(QStringLiteral("unknown key %1 on the command line").arg(o.id));
            continue;
        }
        apply(key, o.value, Origin::CommandLine, QStringLiteral("command line"));
    }

    if (problems.isEmpty())
        problems = crossCheck(settings);
    if (!problems.isEmpty()) {
        if (errors)
            *errors = problems;
        return std::nullopt;
    }
    return settings;
}

} // namespace sender
