// The HTTP resources of the contract (sender-api.md section 2 and the error catalog of section 3),
// as a third-party client sees them: real QNetworkAccessManager requests and, where the exact
// request bytes matter (no Accept header at all, HEAD followed by GET), a raw TCP connection.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RedisProcess.h"
#include "SenderServer.h"
#include "SenderVersion.h"
#include "TestTimeouts.h"
#include "config/ConfigSchema.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace sender::test;

namespace {
const QByteArray kValidRequestId = "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kBrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/"
                                  "avif,image/webp,image/apng,*/*;q=0.8";

// Every query parameter of the subscription (section 5): the OpenAPI document must name them all.
const QList<QByteArray> kFilterParameters = {"sources",
                                             "matching_candidates_labels",
                                             "object_similarity__gte",
                                             "object_similarity__lt",
                                             "age__gte",
                                             "age__lt",
                                             "gender",
                                             "ethnic_groups",
                                             "liveness",
                                             "masks",
                                             "emotions",
                                             "tags",
                                             "user_data",
                                             "geo_position",
                                             "cities",
                                             "areas",
                                             "districts",
                                             "streets",
                                             "house_numbers",
                                             "handler_ids",
                                             "stream_ids",
                                             "apparent_gender",
                                             "apparent_age__gte",
                                             "apparent_age__lt",
                                             "headwear_states",
                                             "sleeve_lengths",
                                             "upper_clothing_colors",
                                             "lower_garment_colors",
                                             "lower_garment_types",
                                             "shoes_colors",
                                             "headwear_colors",
                                             "backpack_states"};

bool hasLine(const QByteArray &text, const QString &pattern)
{
    const QRegularExpression re(pattern, QRegularExpression::MultilineOption);
    return re.match(QString::fromUtf8(text)).hasMatch();
}
} // namespace

class TestHttpResources : public QObject
{
    Q_OBJECT

private:
    SenderServer m_server;
    QNetworkAccessManager m_nam;

    HttpResult get(const QByteArray &target, const RawHeaders &headers = {})
    {
        return httpGet(m_nam, m_server.httpUrl(target), headers);
    }
    // Exactly these request bytes: no header but Host and the given ones.
    HttpResult rawRequest(const QByteArray &method, const QByteArray &target,
                          const RawHeaders &headers = {}, quint16 port = 0)
    {
        RawHttpConnection connection;
        const quint16 p = port ? port : m_server.port();
        if (!connection.connectTo(p))
            return HttpResult {0, {}, {}, {}, connection.errorString()};
        RawHeaders all = headers;
        all.append(RawHeader("Connection", "close"));
        connection.write(requestBytes(method, target, p, all));
        const auto response = connection.readResponse(10000, method == "HEAD");
        if (!response)
            return HttpResult {0, {}, {}, {}, connection.errorString()};
        return *response;
    }

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void version()
    {
        const HttpResult r = get("/version");
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), qPrintable(r.describe()));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(r.body, &error);
        QVERIFY2(document.isObject(), qPrintable(r.describe()));
        const QJsonObject expected {
            {QStringLiteral("Version"),
             QJsonObject {{QStringLiteral("api"), 1},
                          {QStringLiteral("major"), SENDER_VERSION_MAJOR},
                          {QStringLiteral("minor"), SENDER_VERSION_MINOR},
                          {QStringLiteral("patch"), SENDER_VERSION_PATCH}}}};
        QCOMPARE(document.object(), expected);
    }

    void healthcheck_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("no query") << QByteArray("/healthcheck");
        QTest::newRow("include_luna_services=0")
            << QByteArray("/healthcheck?include_luna_services=0");
        QTest::newRow("include_luna_services=1")
            << QByteArray("/healthcheck?include_luna_services=1");
    }
    void healthcheck()
    {
        QFETCH(QByteArray, target);
        const HttpResult r = get(target);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), qPrintable(r.describe()));
        const QJsonObject body = jsonObject(r.body);
        QCOMPARE(body.keys(), QStringList {QStringLiteral("execution_time")});
        const QJsonValue time = body.value(u"execution_time");
        QVERIFY2(time.isDouble(), qPrintable(r.describe()));
        QVERIFY2(time.toDouble() >= 0 && time.toDouble() < 5, qPrintable(r.describe()));
        // Spelled as a float, like the vendor's 0.123.
        const QString floatNumber =
            QStringLiteral("[0-9]+(\\.[0-9]+([eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)");
        QVERIFY2(
            hasLine(r.body,
                    QStringLiteral("\"execution_time\": *") + floatNumber + QStringLiteral("[,}]")),
            qPrintable(r.describe()));
    }

    void healthcheckBadQuery_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("parameter");
        QTest::newRow("include_luna_services=2")
            << QByteArray("/healthcheck?include_luna_services=2")
            << QStringLiteral("include_luna_services");
        QTest::newRow("include_luna_services=yes")
            << QByteArray("/healthcheck?include_luna_services=yes")
            << QStringLiteral("include_luna_services");
        QTest::newRow("include_luna_services=") << QByteArray("/healthcheck?include_luna_services=")
                                                << QStringLiteral("include_luna_services");
    }
    void healthcheckBadQuery()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, parameter);
        const HttpResult r = get(target);
        const QString problem = errorBodyProblem(
            r, 400, 12012, QStringLiteral("Bad query parameters '%1'").arg(parameter));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // A configured Redis that nobody answers on: 502 with the contract's error list.
    void healthcheckRedisDown()
    {
        const quint16 deadPort = findFreePort();
        QVERIFY(deadPort != 0);
        SenderServer server;
        QVERIFY2(
            server.start({{QStringLiteral("REDIS.URL"),
                           QStringLiteral("redis://127.0.0.1:%1").arg(deadPort)},
                          {QStringLiteral("REDIS.CONNECT_TIMEOUT_MS"), QStringLiteral("500")}}),
            qPrintable(server.errorString()));
        HttpResult r;
        QTRY_VERIFY2_WITH_TIMEOUT((r = httpGet(m_nam, server.httpUrl("/healthcheck"))).status
                                      == 502,
                                  qPrintable(r.describe()), timeouts::kRoundTrip);
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Luna-Request-Id"), qPrintable(r.describe()));
        const QJsonObject body = jsonObject(r.body);
        QStringList keys = body.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList {QStringLiteral("errors"), QStringLiteral("execution_time")}));
        QVERIFY2(body.value(u"execution_time").isDouble(), qPrintable(r.describe()));
        const QJsonArray errors = body.value(u"errors").toArray();
        QCOMPARE(errors.size(), 1);
        const QJsonObject error = errors.at(0).toObject();
        QCOMPARE(error.value(u"component").toString(), QStringLiteral("redis"));
        QVERIFY(error.value(u"error_code").isDouble());
        QCOMPARE(error.value(u"error_code").toInteger(), 38001);
        QCOMPARE(error.value(u"desc").toString(), QStringLiteral("Health check error"));
        QVERIFY2(error.value(u"detail").isString() && !error.value(u"detail").toString().isEmpty(),
                 qPrintable(r.describe()));
        // The query parameter changes nothing.
        const HttpResult withQuery =
            httpGet(m_nam, server.httpUrl("/healthcheck?include_luna_services=1"));
        QCOMPARE(withQuery.status, 502);
    }

    void configJson_data()
    {
        QTest::addColumn<bool>("raw");
        QTest::addColumn<RawHeaders>("headers");
        QTest::newRow("no Accept header") << true << RawHeaders {};
        QTest::newRow("application/json") << false << RawHeaders {{"Accept", "application/json"}};
        QTest::newRow("*/*") << false << RawHeaders {{"Accept", "*/*"}};
        QTest::newRow("*/* raw") << true << RawHeaders {{"Accept", "*/*"}};
        QTest::newRow("application/json with a charset")
            << false << RawHeaders {{"Accept", "application/json; charset=utf-8"}};
        QTest::newRow("application/*") << false << RawHeaders {{"Accept", "application/*"}};
        QTest::newRow("json preferred by q")
            << false << RawHeaders {{"Accept", "text/plain;q=0.5, application/json;q=0.9"}};
    }
    void configJson()
    {
        QFETCH(bool, raw);
        QFETCH(RawHeaders, headers);
        const HttpResult r = raw ? rawRequest("GET", "/config", headers) : get("/config", headers);
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Luna-Request-Id"), qPrintable(r.describe()));
        const QJsonDocument document = QJsonDocument::fromJson(r.body);
        QVERIFY2(document.isObject(), qPrintable(r.describe()));
        const QJsonObject sections = document.object();
        QVERIFY2(sections.size() >= 3, qPrintable(r.describe()));
        for (auto it = sections.begin(); it != sections.end(); ++it)
            QVERIFY2(it.value().isObject(),
                     qPrintable(it.key() + QStringLiteral(" is no section")));
        const QJsonObject server = sections.value(u"SERVER").toObject();
        QCOMPARE(server.value(u"HOST").toString(), QStringLiteral("127.0.0.1"));
        // Numbers and 0/1 flags as JSON numbers, like the vendor's example ("PORT": 8086,
        // "USE_SSL": 0).
        QVERIFY2(server.value(u"MAX_CONNECTIONS").isDouble(), qPrintable(r.describe()));
        QCOMPARE(server.value(u"MAX_CONNECTIONS").toInteger(), 50000);
        const QJsonValue publishEnabled = sections.value(u"PUBLISH").toObject().value(u"ENABLED");
        QVERIFY2(publishEnabled.isDouble() && publishEnabled.toInteger(-1) == 0,
                 qPrintable(r.describe()));
        QVERIFY2(sections.value(u"WEBSOCKET").toObject().value(u"PING_INTERVAL").toInteger() == 20,
                 qPrintable(r.describe()));
    }

    void configTextPlain_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::newRow("text/plain") << QByteArray("text/plain");
        QTest::newRow("text/plain with a charset") << QByteArray("text/plain; charset=utf-8");
        QTest::newRow("text preferred by q") << QByteArray("application/json;q=0.1, text/plain");
    }
    void configTextPlain()
    {
        QFETCH(QByteArray, accept);
        const HttpResult r = get("/config", {{"Accept", accept}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY2(r.header("Content-Type").startsWith("text/plain"), qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Luna-Request-Id"), qPrintable(r.describe()));
        int settings = 0;
        for (const QByteArray &line : r.body.split('\n')) {
            const QByteArray trimmed = line.trimmed();
            if (trimmed.isEmpty() || trimmed.startsWith('#') || trimmed.startsWith('['))
                continue;
            QVERIFY2(hasLine(trimmed, QStringLiteral("^[A-Za-z0-9_.]+ =( .*)?$")),
                     trimmed.constData());
            ++settings;
        }
        QVERIFY2(settings >= 10, qPrintable(r.describe()));
        QVERIFY2(hasLine(r.body, QStringLiteral("^(SERVER\\.)?HOST = 127\\.0\\.0\\.1$")),
                 qPrintable(r.describe()));
        QVERIFY2(hasLine(r.body, QStringLiteral("^(SERVER\\.)?MAX_CONNECTIONS = 50000$")),
                 qPrintable(r.describe()));
    }

    void configUnsupportedAccept_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::newRow("application/xml") << QByteArray("application/xml");
        QTest::newRow("text/html") << QByteArray("text/html");
        QTest::newRow("image/png") << QByteArray("image/png");
        QTest::newRow("application/x-yaml") << QByteArray("application/x-yaml");
    }
    void configUnsupportedAccept()
    {
        QFETCH(QByteArray, accept);
        const HttpResult r = get("/config", {{"Accept", accept}});
        const QString problem =
            errorBodyProblem(r, 415, 12024, QStringLiteral("Unsupported media type"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void configMasksSecrets()
    {
        const quint16 deadPort = findFreePort();
        SenderServer server;
        QVERIFY2(server.start(
                     {{QStringLiteral("PUBLISH.ENABLED"), QStringLiteral("1")},
                      {QStringLiteral("PUBLISH.TOKEN"), QStringLiteral("tok-S3cr3t-42")},
                      {QStringLiteral("REDIS.URL"),
                       QStringLiteral("redis://alice:pw-S3cr3t-99@127.0.0.1:%1/3").arg(deadPort)},
                      {QStringLiteral("REDIS.SENTINEL_PASSWORD"), QStringLiteral("sp-S3cr3t-7")}}),
                 qPrintable(server.errorString()));

        const HttpResult json = httpGet(m_nam, server.httpUrl("/config"));
        QVERIFY2(json.status == 200, qPrintable(json.describe()));
        QVERIFY2(!json.body.contains("S3cr3t"), qPrintable(json.describe()));
        const QJsonObject sections = jsonObject(json.body);
        QCOMPARE(sections.value(u"PUBLISH").toObject().value(u"TOKEN").toString(),
                 QStringLiteral("********"));
        QCOMPARE(sections.value(u"REDIS").toObject().value(u"SENTINEL_PASSWORD").toString(),
                 QStringLiteral("********"));
        const QString url = sections.value(u"REDIS").toObject().value(u"URL").toString();
        QVERIFY2(url.contains(QStringLiteral("********")), qPrintable(url));
        QVERIFY2(url.contains(QStringLiteral("127.0.0.1:%1").arg(deadPort)), qPrintable(url));

        const HttpResult text =
            httpGet(m_nam, server.httpUrl("/config"), {{"Accept", "text/plain"}});
        QVERIFY2(text.status == 200, qPrintable(text.describe()));
        QVERIFY2(!text.body.contains("S3cr3t"), qPrintable(text.describe()));
        QVERIFY2(hasLine(text.body, QStringLiteral("^(PUBLISH\\.)?TOKEN = \\*{8}$")),
                 qPrintable(text.describe()));
        QVERIFY2(hasLine(text.body, QStringLiteral("^(REDIS\\.)?SENTINEL_PASSWORD = \\*{8}$")),
                 qPrintable(text.describe()));
    }

    // Every secret the program knows (the schema's own list, so that a key added later is covered
    // too), and every key whose name says it is one, is "********" in both renderings.
    void configMasksEverySecret()
    {
        using sender::ConfigKey;
        using sender::ConfigSchema;
        Overrides overrides;
        QStringList secretIds;
        for (const ConfigKey &key : ConfigSchema::keys()) {
            const QString name = QLatin1StringView(key.key);
            // A *_FILE key names where a secret is, not the secret (REDIS.PASSWORD_FILE).
            const bool namedSecret = !name.endsWith(u"_FILE")
                && (name.contains(u"PASSWORD") || name.contains(u"TOKEN")
                    || name.contains(u"SECRET"));
            if (!key.isSecret() && key.type != ConfigKey::Type::RedisUrl && !namedSecret)
                continue;
            // The Redis password may be given once: REDIS.PASSWORD is checked below, on its own.
            // MONITOR.TOKEN_FILE is a path, not a secret (the token it holds is never shown),
            // and it excludes MONITOR.TOKEN, which is checked here.
            if (key.id() == u"REDIS.PASSWORD" || key.id() == u"MONITOR.TOKEN_FILE")
                continue;
            QString value;
            if (key.type == ConfigKey::Type::RedisUrl)
                value =
                    QStringLiteral("redis://user:S3cr3t-url@127.0.0.1:%1/1").arg(findFreePort());
            else if (key.type == ConfigKey::Type::AccountTokens)
                value = QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a:S3cr3t-acc");
            else
                value = QStringLiteral("S3cr3t-") + name;
            overrides.append({key.id(), value});
            secretIds.append(key.id());
        }
        QVERIFY(secretIds.size() >= 3);
        SenderServer server;
        QVERIFY2(server.start(overrides), qPrintable(server.errorString()));

        const HttpResult json = httpGet(m_nam, server.httpUrl("/config"));
        QVERIFY2(json.status == 200, qPrintable(json.describe()));
        QVERIFY2(!json.body.contains("S3cr3t"), qPrintable(json.describe()));
        const QJsonObject sections = jsonObject(json.body);
        for (const QString &id : std::as_const(secretIds)) {
            const QStringList parts = id.split(u'.');
            const QJsonValue value = sections.value(parts.at(0)).toObject().value(parts.at(1));
            // A list (account:token pairs) is masked item by item.
            const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray {value};
            const bool masked = !items.isEmpty()
                && std::all_of(items.begin(), items.end(), [](const QJsonValue &item) {
                       return item.isString()
                           && item.toString().contains(QStringLiteral("********"));
                   });
            QVERIFY2(masked,
                     qPrintable(id + QStringLiteral(" is shown as ")
                                + QString::fromUtf8(QJsonDocument(QJsonObject {{id, value}})
                                                        .toJson(QJsonDocument::Compact))));
        }
        const HttpResult text =
            httpGet(m_nam, server.httpUrl("/config"), {{"Accept", "text/plain"}});
        QVERIFY2(text.status == 200, qPrintable(text.describe()));
        QVERIFY2(!text.body.contains("S3cr3t"), qPrintable(text.describe()));

        SenderServer separate;
        QVERIFY2(separate.start({{QStringLiteral("REDIS.URL"),
                                  QStringLiteral("redis://127.0.0.1:%1").arg(findFreePort())},
                                 {QStringLiteral("REDIS.PASSWORD"), QStringLiteral("S3cr3t-pw")}}),
                 qPrintable(separate.errorString()));
        const HttpResult alone = httpGet(m_nam, separate.httpUrl("/config"));
        QVERIFY2(alone.status == 200, qPrintable(alone.describe()));
        QVERIFY2(!alone.body.contains("S3cr3t"), qPrintable(alone.describe()));
        QCOMPARE(jsonObject(alone.body).value(u"REDIS").toObject().value(u"PASSWORD").toString(),
                 QStringLiteral("********"));
    }

    void docsSpecNegotiation_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QString>("expected"); // yaml, html or 415
        QTest::newRow("application/x-yaml") << QByteArray("application/x-yaml") << "yaml";
        QTest::newRow("*/*") << QByteArray("*/*") << "yaml";
        QTest::newRow("text/html") << QByteArray("text/html") << "html";
        QTest::newRow("a browser's Accept") << kBrowserAccept << "html";
        QTest::newRow("html at q=0.1, yaml at 1")
            << QByteArray("text/html;q=0.1, application/x-yaml") << "yaml";
        QTest::newRow("yaml at q=0.2, html at 1")
            << QByteArray("application/x-yaml;q=0.2, text/html") << "html";
        QTest::newRow("yaml q=0.9 html q=0.8")
            << QByteArray("text/html; q=0.8, application/x-yaml; q=0.9") << "yaml";
        QTest::newRow("application/json") << QByteArray("application/json") << "415";
        QTest::newRow("text/plain") << QByteArray("text/plain") << "415";
        QTest::newRow("both refused with q=0")
            << QByteArray("application/x-yaml;q=0, text/html;q=0, application/json") << "415";
    }
    void docsSpecNegotiation()
    {
        QFETCH(QByteArray, accept);
        QFETCH(QString, expected);
        const HttpResult r = get("/docs/spec", {{"Accept", accept}});
        if (expected == u"415") {
            const QString problem =
                errorBodyProblem(r, 415, 12024, QStringLiteral("Unsupported media type"));
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            return;
        }
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Luna-Request-Id"), qPrintable(r.describe()));
        if (expected == u"yaml") {
            QVERIFY2(r.header("Content-Type").startsWith("application/x-yaml"),
                     qPrintable(r.describe()));
            QVERIFY2(hasLine(r.body, QStringLiteral("^openapi: *[\"']?3\\.")),
                     qPrintable(r.describe()));
        } else {
            QVERIFY2(r.header("Content-Type").startsWith("text/html"), qPrintable(r.describe()));
            QVERIFY2(r.body.toLower().contains("<html"), qPrintable(r.describe()));
        }
    }

    // "Complete: every resource, every filter, every error."
    void docsSpecYamlIsComplete()
    {
        const HttpResult r = get("/docs/spec", {{"Accept", "application/x-yaml"}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        for (const char *path :
             {"/version", "/healthcheck", "/config", "/docs/spec", "/docs/dev", "/1/ws", "/2/ws"})
            QVERIFY2(
                hasLine(r.body, QStringLiteral("^ +[\"']?%1[\"']?:").arg(QLatin1StringView(path))),
                path);
        for (const QByteArray &name : kFilterParameters)
            QVERIFY2(
                hasLine(r.body,
                        QStringLiteral("name: *[\"']?%1[\"']? *$").arg(QString::fromLatin1(name))),
                name.constData());
        for (const char *name : {"Luna-Account-Id", "Luna-Request-Id"})
            QVERIFY2(r.body.contains(name), name);
        for (const char *code : {"12012", "12013", "12021", "12024", "29001", "38001"})
            QVERIFY2(r.body.contains(code), code);
    }

    // The YAML parses (PyYAML, when Debian's python3-yaml is there) and documents, for /1/ws and
    // /2/ws, every filter of the contract, the account header as required, and the refusals.
    void docsSpecYamlStructure()
    {
        const QString python = QStringLiteral("/usr/bin/python3");
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import yaml")});
        if (!probe.waitForStarted(timeouts::kProcessStart)
            || !QTest::qWaitFor([&] { return probe.state() == QProcess::NotRunning; },
                                timeouts::kLongOperation)
            || probe.exitCode() != 0)
            QSKIP("no /usr/bin/python3 with PyYAML");

        const HttpResult r = get("/docs/spec", {{"Accept", "application/x-yaml"}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        static const char script[] = R"PY(
import sys, yaml
doc = yaml.safe_load(sys.stdin.buffer.read())
problems = []
def resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        cur = doc
        for part in node["$ref"][2:].split("/"):
            cur = cur[part.replace("~1", "/").replace("~0", "~")]
        node = cur
    return node
if not str(doc.get("openapi", "")).startswith("3."):
    problems.append("openapi is not 3.x")
paths = doc.get("paths") or {}
for p in ["/version", "/healthcheck", "/config", "/docs/spec", "/docs/dev", "/1/ws", "/2/ws"]:
    if p not in paths or "get" not in resolve(paths[p]):
        problems.append("no GET " + p)
expected = set(sys.argv[1].split(","))
for p in ["/1/ws", "/2/ws"]:
    item = resolve(paths.get(p) or {})
    op = resolve(item.get("get") or {})
    params = [resolve(x) for x in (item.get("parameters") or []) + (op.get("parameters") or [])]
    query = {x.get("name") for x in params if x.get("in") == "query"}
    headers = {x.get("name"): x for x in params if x.get("in") == "header"}
    if expected - query:
        problems.append(p + ": filters not documented: " + ", ".join(sorted(expected - query)))
    if not (headers.get("Luna-Account-Id") or {}).get("required"):
        problems.append(p + ": Luna-Account-Id is not a required header")
    if "Luna-Request-Id" not in headers:
        problems.append(p + ": Luna-Request-Id header not documented")
    codes = {str(c) for c in (op.get("responses") or {})}
    for c in ["400", "403"]:
        if c not in codes:
            problems.append(p + ": no " + c + " response")
print("\n".join(problems))
sys.exit(1 if problems else 0)
)PY";
        QProcess check;
        QStringList names;
        for (const QByteArray &name : kFilterParameters)
            names.append(QString::fromLatin1(name));
        check.start(python, {QStringLiteral("-c"), QString::fromLatin1(script), names.join(u',')});
        QVERIFY(check.waitForStarted(timeouts::kProcessStart));
        check.write(r.body);
        check.closeWriteChannel();
        QVERIFY(QTest::qWaitFor([&] { return check.state() == QProcess::NotRunning; },
                                timeouts::kLongOperation));
        QVERIFY2(check.exitCode() == 0,
                 qPrintable(QString::fromUtf8(check.readAllStandardOutput()
                                              + check.readAllStandardError())));
    }

    // The rendered page works with no network: everything it loads comes from this server.
    void docsSpecHtmlIsOffline()
    {
        const HttpResult r = get("/docs/spec", {{"Accept", "text/html"}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        const QString html = QString::fromUtf8(r.body);
#if !LUNA_SENDER_HAVE_REDOC
        // Built without the ReDoc tarball (cmake/Redoc.cmake): the bundle is not served, and the
        // page tells the reader where the YAML document is instead.
        QCOMPARE(get("/docs/dev/_static/redoc.standalone.js").status, 404);
        QVERIFY2(html.contains(QStringLiteral("could not be loaded")), qPrintable(html.left(500)));
        QVERIFY2(html.contains(QStringLiteral("curl -H 'Accept: application/x-yaml' http://")),
                 qPrintable(html.left(500)));
        return;
#endif
        static const QRegularExpression resource(
            QStringLiteral("<(script|link|img)\\b[^>]*\\b(src|href)\\s*=\\s*[\"']([^\"']+)[\"']"),
            QRegularExpression::CaseInsensitiveOption);
        int local = 0;
        for (auto it = resource.globalMatch(html); it.hasNext();) {
            const QString reference = it.next().captured(3);
            if (reference.startsWith(u"data:"))
                continue; // inline, nothing is loaded
            QVERIFY2(!reference.startsWith(u"//") && !reference.contains(u"://"),
                     qPrintable(QStringLiteral("loads from the network: ") + reference));
            const QUrl url = m_server.httpUrl("/docs/spec").resolved(QUrl(reference));
            const HttpResult loaded = httpGet(m_nam, url);
            QVERIFY2(loaded.status == 200,
                     qPrintable(reference + QStringLiteral(": ") + loaded.describe()));
            ++local;
        }
        // Either the renderer is inline or it is served here; one way or the other it is ReDoc.
        QVERIFY2(local > 0 || html.contains(QStringLiteral("redoc"), Qt::CaseInsensitive),
                 qPrintable(html.left(500)));
    }

    void docsDev()
    {
        const HttpResult r = get("/docs/dev");
        QVERIFY2(r.status == 302, qPrintable(r.describe()));
        QVERIFY2(r.hasHeader("Luna-Request-Id"), qPrintable(r.describe()));
        const QUrl target =
            m_server.httpUrl("/docs/dev").resolved(QUrl::fromEncoded(r.header("Location")));
        QCOMPARE(target.path(), QStringLiteral("/docs/dev/index.html"));
        QCOMPARE(target.port(), int(m_server.port()));
        const HttpResult page = httpGet(m_nam, target);
        QVERIFY2(page.status == 200, qPrintable(page.describe()));
        QVERIFY2(page.header("Content-Type").startsWith("text/html"), qPrintable(page.describe()));
        QVERIFY2(page.body.toLower().contains("<html"), qPrintable(page.describe()));
        QVERIFY2(page.hasHeader("Luna-Request-Id"), qPrintable(page.describe()));
    }

    // Every response carries Luna-Request-Id: the client's valid value, or a generated one.
    void requestId_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<RawHeaders>("headers");
        QTest::addColumn<int>("status");
        const auto row = [](const char *name, const QByteArray &method, const QByteArray &target,
                            const RawHeaders &headers, int status) {
            QTest::newRow(name) << method << target << headers << status;
        };
        row("/version", "GET", "/version", {}, 200);
        row("/healthcheck", "GET", "/healthcheck", {}, 200);
        row("/config", "GET", "/config", {}, 200);
        row("/config text", "GET", "/config", {{"Accept", "text/plain"}}, 200);
        row("/config 415", "GET", "/config", {{"Accept", "image/png"}}, 415);
        row("/docs/spec yaml", "GET", "/docs/spec", {{"Accept", "application/x-yaml"}}, 200);
        row("/docs/spec html", "GET", "/docs/spec", {{"Accept", "text/html"}}, 200);
        row("/docs/spec 415", "GET", "/docs/spec", {{"Accept", "image/png"}}, 415);
        row("/docs/dev 302", "GET", "/docs/dev", {}, 302);
        row("/docs/dev/index.html", "GET", "/docs/dev/index.html", {}, 200);
        row("404", "GET", "/no/such/resource", {}, 404);
        row("405", "POST", "/version", {}, 405);
        row("HEAD /version", "HEAD", "/version", {}, 200);
        row("bad query", "GET", "/healthcheck?include_luna_services=7", {}, 400);
        row("plain GET /2/ws", "GET", "/2/ws", {}, -1);
        row("WS handshake without account", "GET", "/2/ws",
            {{"Upgrade", "websocket"},
             {"Connection", "Upgrade"},
             {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
             {"Sec-WebSocket-Version", "13"}},
            403);
    }
    void requestId()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(RawHeaders, headers);
        QFETCH(int, status);

        RawHeaders withId = headers;
        withId.append(RawHeader("Luna-Request-Id", kValidRequestId));
        const HttpResult echoed = rawRequest(method, target, withId);
        QVERIFY2(status < 0 ? echoed.status >= 400 : echoed.status == status,
                 qPrintable(echoed.describe()));
        QCOMPARE(echoed.headerCount("Luna-Request-Id"), 1);
        QCOMPARE(echoed.header("Luna-Request-Id"), kValidRequestId);

        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const HttpResult first = rawRequest(method, target, headers);
        const HttpResult second = rawRequest(method, target, headers);
        const qint64 after = QDateTime::currentSecsSinceEpoch();
        for (const HttpResult &r : {first, second}) {
            QCOMPARE(r.headerCount("Luna-Request-Id"), 1);
            const QByteArray id = r.header("Luna-Request-Id");
            QVERIFY2(isGeneratedRequestId(id), qPrintable(r.describe()));
            const qint64 seconds = id.left(10).toLongLong();
            QVERIFY2(seconds >= before - 1 && seconds <= after + 1, id.constData());
        }
        QVERIFY(first.header("Luna-Request-Id") != second.header("Luna-Request-Id"));
    }

    void requestIdInvalid_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("value");
        const QList<std::pair<const char *, QByteArray>> values = {
            {"word", "abc"},
            {"timestamp only", "1536751345"},
            {"uuid only", "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"},
            {"nine digits", "153675134,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"},
            {"upper-case uuid", "1536751345,8B8B5937-2E9C-4E8B-A7A7-5CAF86621B5A"},
            {"semicolon", "1536751345;8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"},
            {"short uuid", "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5"},
            {"trailing junk", "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a,x"},
        };
        for (const char *target : {"/version", "/healthcheck", "/config", "/no/such"}) {
            for (const auto &[name, value] : values)
                QTest::addRow("%s %s", target, name) << QByteArray(target) << value;
        }
    }
    void requestIdInvalid()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, value);
        const HttpResult r = get(target, {{"Luna-Request-Id", value}});
        const QString problem = errorBodyProblem(r, 400, 12012);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QJsonObject body = jsonObject(r.body);
        QVERIFY2(body.value(u"desc").toString().contains(u"Luna-Request-Id")
                     || body.value(u"detail").toString().contains(u"Luna-Request-Id"),
                 qPrintable(r.describe()));
        // The invalid value is not echoed: the response carries a fresh one.
        QVERIFY2(isGeneratedRequestId(r.header("Luna-Request-Id")), qPrintable(r.describe()));
    }

    void notFound_data()
    {
        QTest::addColumn<QByteArray>("target");
        for (const char *target :
             {"/", "/nope", "/version/extra", "/1/version", "/VERSION", "/docs/spec/nothing-here",
              "/docs/dev/no-such-page.html", "/3/healthcheck"})
            QTest::newRow(target) << QByteArray(target);
    }
    void notFound()
    {
        QFETCH(QByteArray, target);
        const HttpResult r = get(target);
        const QString problem =
            errorBodyProblem(r, 404, 12013, QStringLiteral("Resource not found"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void methodNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("POST /version") << QByteArray("POST") << QByteArray("/version");
        QTest::newRow("PUT /config") << QByteArray("PUT") << QByteArray("/config");
        QTest::newRow("DELETE /healthcheck") << QByteArray("DELETE") << QByteArray("/healthcheck");
        QTest::newRow("POST /docs/spec") << QByteArray("POST") << QByteArray("/docs/spec");
        QTest::newRow("PATCH /docs/dev") << QByteArray("PATCH") << QByteArray("/docs/dev");
    }
    void methodNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QNetworkRequest request(m_server.httpUrl(target));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        const HttpResult r = httpRequest(m_nam, method, request, "{}");
        const QString problem =
            errorBodyProblem(r, 405, 12021, QStringLiteral("Method not allowed"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(r.header("Allow").contains("GET"), qPrintable(r.describe()));
    }

    void head_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::newRow("/version") << QByteArray("/version") << 200;
        QTest::newRow("/healthcheck") << QByteArray("/healthcheck") << 200;
        QTest::newRow("/config") << QByteArray("/config") << 200;
        QTest::newRow("/docs/dev/index.html") << QByteArray("/docs/dev/index.html") << 200;
        QTest::newRow("404") << QByteArray("/nope") << 404;
        QTest::newRow("400") << QByteArray("/healthcheck?include_luna_services=7") << 400;
    }
    // HEAD answers like GET without the body (RFC 9110 9.3.2): no byte may follow the head, or a
    // keep-alive client reads it as the start of the next response.
    void head()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        RawHttpConnection connection;
        QVERIFY2(connection.connectTo(m_server.port()), qPrintable(connection.errorString()));
        connection.write(requestBytes("HEAD", target, m_server.port(), {{"Connection", "close"}}));
        QVERIFY2(connection.waitForDisconnected(timeouts::kRoundTrip),
                 "HEAD with Connection: close stayed open");
        QByteArray bytes = connection.received();
        const auto head = std::make_unique<HttpResult>();
        QVERIFY2(parseHttpResponse(&bytes, true, true, head.get()) == ParseResult::Complete,
                 connection.received().constData());
        QVERIFY2(bytes.isEmpty(),
                 qPrintable(QStringLiteral("HEAD %1: %2 body bytes after the head: %3")
                                .arg(QString::fromLatin1(target))
                                .arg(bytes.size())
                                .arg(QString::fromUtf8(bytes.left(200)))));

        RawHttpConnection second;
        QVERIFY2(second.connectTo(m_server.port()), qPrintable(second.errorString()));
        second.write(requestBytes("GET", target, m_server.port(), {{"Connection", "close"}}));
        const auto get = second.readResponse(10000, false);
        QVERIFY2(get, qPrintable(second.errorString()));
        QVERIFY2(head->status == status, qPrintable(head->describe()));
        QVERIFY2(get->status == status, qPrintable(get->describe()));
        QCOMPARE(head->header("Content-Type"), get->header("Content-Type"));
        if (head->hasHeader("Content-Length"))
            QCOMPARE(head->header("Content-Length").toLongLong(), get->body.size());
        QVERIFY2(head->hasHeader("Luna-Request-Id"), qPrintable(head->describe()));
        QVERIFY(!get->body.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpResources)
#include "tst_httpresources.moc"
