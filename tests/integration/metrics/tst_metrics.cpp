// GET /metrics: a strict reader of the Prometheus text format (0.0.4) checks every line, and the
// counters are watched while real clients connect, receive, are filtered and are refused, and
// while a real redis-server goes away and comes back.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RedisProcess.h"
#include "SenderServer.h"
#include "SenderVersion.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QRegularExpression>
#include <QTest>

using namespace sender;
using namespace sender::test;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kMessage =
    R"({"handler_id": "557d54ec-29ad-4f3c-93b4-c9092ef12515", "events": [{"source": "cam1"}, {"source": "cam2"}]})";

struct Sample
{
    QByteArray name;
    QList<std::pair<QByteArray, QByteArray>> labels;
    double value = 0;
};

struct Exposition
{
    QHash<QByteArray, QByteArray> types; // family -> type
    QList<Sample> samples;
    QString error; // empty when every line is valid

    double value(QByteArrayView name,
                 const QList<std::pair<QByteArray, QByteArray>> &labels = {}) const
    {
        for (const Sample &s : samples) {
            if (s.name == name && s.labels == labels)
                return s.value;
        }
        return -1;
    }
    bool has(QByteArrayView name) const
    {
        return std::any_of(samples.cbegin(), samples.cend(),
                           [&](const Sample &s) { return s.name == name; });
    }
};

bool parseValue(const QByteArray &text, double *out)
{
    if (text == "+Inf" || text == "Inf") {
        *out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "-Inf") {
        *out = -std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "NaN") {
        *out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    static const QRegularExpression number(
        QStringLiteral("^[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?$"));
    if (!number.match(QString::fromLatin1(text)).hasMatch())
        return false;
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

// The family a sample belongs to (histogram series carry suffixes).
QByteArray familyOf(const QByteArray &name, const QHash<QByteArray, QByteArray> &types)
{
    if (types.contains(name))
        return name;
    for (const char *suffix : {"_bucket", "_sum", "_count"}) {
        if (name.endsWith(suffix)) {
            const QByteArray base = name.chopped(qsizetype(strlen(suffix)));
            if (types.value(base) == "histogram")
                return base;
        }
    }
    return {};
}

Exposition parseStrict(const QByteArray &text)
{
    Exposition e;
    auto fail = [&e](int line, const QString &why) {
        if (e.error.isEmpty())
            e.error = QStringLiteral("line %1: %2").arg(line).arg(why);
    };
    if (!text.endsWith('\n'))
        fail(0, QStringLiteral("the exposition must end with a newline"));
    static const QRegularExpression metricName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    static const QRegularExpression labelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    QSet<QByteArray> helped;
    QSet<QByteArray> finishedFamilies;
    QByteArray currentFamily;
    QSet<QByteArray> seriesSeen;
    const QList<QByteArray> lines = text.split('\n');
    for (int n = 0; n < lines.size() - 1; ++n) {
        const QByteArray &line = lines[n];
        if (line.isEmpty()) {
            fail(n + 1, QStringLiteral("empty line"));
            continue;
        }
        if (line.startsWith('#')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() >= 3 && (parts[1] == "HELP" || parts[1] == "TYPE")) {
                const QByteArray name = parts[2];
                if (!metricName.match(QString::fromLatin1(name)).hasMatch())
                    fail(n + 1, QStringLiteral("bad metric name in comment"));
                if (finishedFamilies.contains(name)
                    || (name == currentFamily && parts[1] == "HELP"))
                    fail(n + 1, QStringLiteral("HELP/TYPE after the family's samples or repeated"));
                if (parts[1] == "HELP") {
                    if (helped.contains(name))
                        fail(n + 1,
                             QStringLiteral("second HELP for %1").arg(QString::fromLatin1(name)));
                    helped.insert(name);
                } else {
                    if (parts.size() != 4)
                        fail(n + 1, QStringLiteral("TYPE takes exactly one type"));
                    static const QSet<QByteArray> types = {"counter", "gauge", "histogram",
                                                           "summary", "untyped"};
                    if (!types.contains(parts.value(3)))
                        fail(n + 1, QStringLiteral("unknown type"));
                    if (e.types.contains(name))
                        fail(n + 1, QStringLiteral("second TYPE"));
                    e.types.insert(name, parts.value(3));
                    if (!helped.contains(name))
                        fail(n + 1, QStringLiteral("TYPE without HELP first (our own convention)"));
                }
                if (!currentFamily.isEmpty() && currentFamily != name)
                    finishedFamilies.insert(currentFamily);
                currentFamily = name;
            }
            continue;
        }
        // name{labels} value
        Sample s;
        qsizetype i = 0;
        while (i < line.size() && line[i] != '{' && line[i] != ' ')
            ++i;
        s.name = line.left(i);
        if (!metricName.match(QString::fromLatin1(s.name)).hasMatch()) {
            fail(n + 1, QStringLiteral("bad metric name"));
            continue;
        }
        if (i < line.size() && line[i] == '{') {
            ++i;
            while (i < line.size() && line[i] != '}') {
                qsizetype eq = line.indexOf('=', i);
                if (eq < 0) {
                    fail(n + 1, QStringLiteral("label without '='"));
                    break;
                }
                const QByteArray lname = line.mid(i, eq - i);
                if (!labelName.match(QString::fromLatin1(lname)).hasMatch()
                    || lname.startsWith("__"))
                    fail(n + 1, QStringLiteral("bad label name"));
                if (eq + 1 >= line.size() || line[eq + 1] != '"') {
                    fail(n + 1, QStringLiteral("label value not quoted"));
                    break;
                }
                QByteArray value;
                qsizetype j = eq + 2;
                bool closed = false;
                for (; j < line.size(); ++j) {
                    const char c = line[j];
                    if (c == '\\') {
                        const char next = j + 1 < line.size() ? line[j + 1] : '\0';
                        if (next != '\\' && next != '"' && next != 'n')
                            fail(n + 1, QStringLiteral("bad escape in a label value"));
                        value += next == 'n' ? '\n' : next;
                        ++j;
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value += c;
                    }
                }
                if (!closed) {
                    fail(n + 1, QStringLiteral("unterminated label value"));
                    break;
                }
                s.labels.append({lname, value});
                i = j + 1;
                if (i < line.size() && line[i] == ',')
                    ++i;
            }
            ++i; // '}'
        }
        if (i >= line.size() || line[i] != ' ') {
            fail(n + 1, QStringLiteral("no space before the value"));
            continue;
        }
        const QList<QByteArray> rest = line.mid(i + 1).split(' ');
        if (rest.isEmpty() || rest.size() > 2 || !parseValue(rest[0], &s.value))
            fail(n + 1, QStringLiteral("bad value '%1'").arg(QString::fromLatin1(line.mid(i + 1))));
        const QByteArray family = familyOf(s.name, e.types);
        if (family.isEmpty())
            fail(n + 1,
                 QStringLiteral("sample %1 before its TYPE").arg(QString::fromLatin1(s.name)));
        if (finishedFamilies.contains(family))
            fail(n + 1,
                 QStringLiteral("samples of %1 are not together").arg(QString::fromLatin1(family)));
        if (e.types.value(family) == "counter" && !s.name.endsWith("_total"))
            fail(n + 1, QStringLiteral("counter without _total"));
        QByteArray key = s.name;
        for (const auto &[k, v] : s.labels)
            key += '|' + k + '=' + v;
        if (seriesSeen.contains(key))
            fail(n + 1, QStringLiteral("duplicate series"));
        seriesSeen.insert(key);
        e.samples.append(s);
    }
    // Histograms: cumulative buckets in increasing le, +Inf equal to _count.
    for (auto it = e.types.cbegin(); it != e.types.cend(); ++it) {
        if (it.value() != "histogram")
            continue;
        double previousLe = -1;
        double previousCount = -1;
        double inf = -1;
        for (const Sample &s : e.samples) {
            if (s.name != it.key() + "_bucket")
                continue;
            double le = 0;
            if (s.labels.size() != 1 || s.labels[0].first != "le"
                || !parseValue(s.labels[0].second, &le))
                fail(0, QStringLiteral("bucket without a numeric le"));
            if (le <= previousLe || s.value < previousCount)
                fail(0, QStringLiteral("buckets not cumulative in increasing le"));
            previousLe = le;
            previousCount = s.value;
            if (std::isinf(le))
                inf = s.value;
        }
        if (inf < 0 || inf != e.value(QByteArray(it.key() + "_count")))
            fail(0, QStringLiteral("+Inf bucket missing or not equal to _count"));
        if (!e.has(QByteArray(it.key() + "_sum")))
            fail(0, QStringLiteral("histogram without _sum"));
    }
    return e;
}

} // namespace

class tst_Metrics : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    Exposition scrape(SenderServer &server, const RawHeaders &headers = {})
    {
        const HttpResult r = httpGet(m_nam, server.httpUrl("/metrics"), headers);
        if (r.status != 200)
            return {{}, {}, QStringLiteral("status %1").arg(r.status)};
        if (r.header("content-type") != "text/plain; version=0.0.4; charset=utf-8")
            return {{},
                    {},
                    QStringLiteral("content type %1")
                        .arg(QString::fromLatin1(r.header("content-type")))};
        if (!isGeneratedRequestId(r.header("luna-request-id")))
            return {{}, {}, QStringLiteral("no Luna-Request-Id")};
        return parseStrict(r.body);
    }

private Q_SLOTS:
    void init()
    {
        // Expected here: the Redis source warns when Redis is unreachable, refuses or misbehaves
        // (each warning ends with the retry delay) and when the source goes down.
        // And messages that are not events are skipped with a warning.
        sender::test::failOnQtWarnings(
            {"(retry in ", "redis source DOWN", "malformed message from"});
    }
    void strictReaderRejectsBadExpositions_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("no newline at end")
            << QByteArray("# HELP a_total x\n# TYPE a_total counter\na_total 1");
        QTest::newRow("sample before type") << QByteArray("a 1\n");
        QTest::newRow("bad escape") << QByteArray("# HELP a x\n# TYPE a gauge\na{l=\"\\t\"} 1\n");
        QTest::newRow("counter name") << QByteArray("# HELP a x\n# TYPE a counter\na 1\n");
        QTest::newRow("duplicate") << QByteArray("# HELP a x\n# TYPE a gauge\na 1\na 2\n");
        QTest::newRow("bad value") << QByteArray("# HELP a x\n# TYPE a gauge\na one\n");
        QTest::newRow("split family")
            << QByteArray("# HELP a x\n# TYPE a gauge\na{x=\"1\"} 1\n# HELP b x\n# TYPE b gauge\nb "
                          "1\na{x=\"2\"} 1\n");
        QTest::newRow("histogram inf")
            << QByteArray("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} "
                          "2\nh_bucket{le=\"+Inf\"} 3\nh_sum 1\nh_count 4\n");
        QTest::newRow("histogram order")
            << QByteArray("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} "
                          "3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n");
    }

    void strictReaderRejectsBadExpositions()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!parseStrict(text).error.isEmpty());
    }

    void everyLineIsValidAndCountersMove()
    {
        RedisServerProcess redis;
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("REDIS.URL"),
                                QStringLiteral("redis://127.0.0.1:%1").arg(redis.port())},
                               {QStringLiteral("REDIS.RECONNECT_MAX_MS"), QStringLiteral("200")},
                               {QStringLiteral("METRICS.ACCOUNT_LABELS"), QStringLiteral("1")}}),
                 qPrintable(server.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(server.engine()->healthProblems().isEmpty(), timeouts::kRoundTrip);

        Exposition e = scrape(server);
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(e.value("luna_sender_build_info",
                         {{"version", QByteArray(SENDER_VERSION_STRING)},
                          {"api", "1"},
                          {"qt", QByteArray(qVersion())}}),
                 1.0);
        QCOMPARE(e.value("luna_sender_websocket_clients"), 0.0);
        QCOMPARE(e.value("luna_sender_redis_up"), 1.0);
        QCOMPARE(e.value("luna_sender_redis_state", {{"state", "ready"}}), 1.0);
        QVERIFY(e.value("luna_sender_uptime_seconds") >= 0);
        QVERIFY(e.value("process_resident_memory_bytes") > 0);

        // A client that is refused, one that gets everything, one whose filter passes half.
        WsClient refused;
        QVERIFY(!refused.open(server.wsUrl("/2/ws?age__gte=900"), kAccount));
        WsClient all;
        QVERIFY(all.open(server.wsUrl("/2/ws"), kAccount));
        WsClient cam1;
        QVERIFY(cam1.open(server.wsUrl("/1/ws?sources=cam1"), kAccount));
        QCOMPARE(redis.publish("luna-sender:" + kAccount, kMessage), 1);
        QVERIFY(all.waitForMessages(2));
        QVERIFY(cam1.waitForMessages(1));
        redis.publish("luna-sender:not-a-uuid", kMessage);
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().malformed, quint64(1), timeouts::kSignal);

        e = scrape(server);
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(e.value("luna_sender_websocket_clients"), 2.0);
        QCOMPARE(e.value("luna_sender_websocket_clients_by_account", {{"account", kAccount}}), 2.0);
        QCOMPARE(e.value("luna_sender_handshakes_rejected_total", {{"code", "12012"}}), 1.0);
        QCOMPARE(
            e.value("luna_sender_http_requests_total", {{"route", "/2/ws"}, {"status", "101"}}),
            1.0);
        QCOMPARE(
            e.value("luna_sender_http_requests_total", {{"route", "/1/ws"}, {"status", "101"}}),
            1.0);
        QCOMPARE(
            e.value("luna_sender_http_requests_total", {{"route", "/2/ws"}, {"status", "400"}}),
            1.0);
        QCOMPARE(e.value("luna_sender_messages_received_total", {{"source", "redis"}}), 2.0);
        QCOMPARE(e.value("luna_sender_events_received_total", {{"source", "redis"}}), 2.0);
        QCOMPARE(e.value("luna_sender_malformed_messages_total"), 1.0);
        QCOMPARE(e.value("luna_sender_deliveries_total"), 3.0);
        QCOMPARE(e.value("luna_sender_events_filtered_out_total"), 1.0);
        QCOMPARE(e.value("luna_sender_dispatch_latency_seconds_count"), 1.0);
        QVERIFY(e.value("luna_sender_bytes_sent_total") > 0);

        // Redis goes away: the state says so; it comes back: up again, one more reconnect.
        const double reconnects = e.value("luna_sender_redis_reconnects_total");
        QVERIFY(redis.kill9());
        QTRY_VERIFY_WITH_TIMEOUT(!server.engine()->healthProblems().isEmpty(),
                                 timeouts::kRoundTrip);
        e = scrape(server);
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(e.value("luna_sender_redis_up"), 0.0);
        QCOMPARE(e.value("luna_sender_redis_state", {{"state", "ready"}}), 0.0);
        QVERIFY(redis.restart());
        QTRY_VERIFY_WITH_TIMEOUT(server.engine()->healthProblems().isEmpty(), timeouts::kRoundTrip);
        e = scrape(server);
        QCOMPARE(e.value("luna_sender_redis_up"), 1.0);
        QVERIFY(e.value("luna_sender_redis_reconnects_total") > reconnects);
        QCOMPARE(e.value("luna_sender_websocket_clients"), 2.0); // clients stayed connected
    }

    void accountLabelsAreBounded()
    {
        SenderServer server;
        QVERIFY(
            server.start({{QStringLiteral("METRICS.ACCOUNT_LABELS"), QStringLiteral("1")},
                          {QStringLiteral("METRICS.ACCOUNT_LABEL_LIMIT"), QStringLiteral("2")}}));
        const QList<QByteArray> accounts = {
            "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
            "00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000004"};
        std::vector<std::unique_ptr<WsClient>> clients;
        for (int i = 0; i < accounts.size(); ++i) {
            for (int k = 0; k <= i; ++k) { // account i has i+1 clients
                clients.push_back(std::make_unique<WsClient>());
                QVERIFY(clients.back()->open(server.wsUrl("/2/ws"), accounts[i]));
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 10, timeouts::kSignal);
        const Exposition e = scrape(server);
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(e.value("luna_sender_websocket_clients_by_account", {{"account", accounts[3]}}),
                 4.0);
        QCOMPARE(e.value("luna_sender_websocket_clients_by_account", {{"account", accounts[2]}}),
                 3.0);
        QCOMPARE(e.value("luna_sender_websocket_clients_by_account", {{"account", "other"}}), 3.0);
        int series = 0;
        for (const Sample &s : e.samples)
            series += s.name == "luna_sender_websocket_clients_by_account";
        QCOMPARE(series, 3);
    }

    // Issue 18: without ACCESS.ACCOUNT_TOKENS an account id is all a subscriber needs, so by
    // default /metrics names no account, in no series and no label.
    void noAccountIdsByDefault()
    {
        SenderServer server;
        QVERIFY(server.start());
        WsClient client;
        QVERIFY(client.open(server.wsUrl("/2/ws"), kAccount));
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 1, timeouts::kSignal);
        const HttpResult r = httpGet(m_nam, server.httpUrl("/metrics"));
        QCOMPARE(r.status, 200);
        const Exposition e = parseStrict(r.body);
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(e.value("luna_sender_websocket_clients"), 1.0);
        QVERIFY2(!r.body.contains(kAccount), r.body.constData());
        QVERIFY(!e.types.contains("luna_sender_websocket_clients_by_account"));
    }

    void dashboardAndManualCoverEverySeries()
    {
        // The shipped dashboard may only use series that exist, and the manual must document every
        // family the server exports (the per-account one is opt-in: turned on here).
        SenderServer server;
        QVERIFY(server.start({{QStringLiteral("METRICS.ACCOUNT_LABELS"), QStringLiteral("1")}}));
        const Exposition e = scrape(server);
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));

        const QByteArray dashboard =
            readSourceFile(QStringLiteral("installer/monitoring/grafana-dashboard.json"));
        QVERIFY(!dashboard.isEmpty());
        static const QRegularExpression series(
            QStringLiteral("\\b((?:luna_sender|process)_[a-z_]+)\\b"));
        QSet<QString> used;
        for (auto it = series.globalMatch(QString::fromUtf8(dashboard)); it.hasNext();)
            used.insert(it.next().captured(1));
        QVERIFY(used.size() > 10);
        for (QString name : std::as_const(used)) {
            for (const char *suffix : {"_bucket", "_sum", "_count"}) {
                const QString base = name.chopped(int(strlen(suffix)));
                if (name.endsWith(QLatin1StringView(suffix))
                    && e.types.value(base.toLatin1()) == "histogram")
                    name = base;
            }
            QVERIFY2(e.types.contains(name.toLatin1()),
                     qPrintable(name + QStringLiteral(" is not exported")));
        }

        const QByteArray manual = readSourceFile(QStringLiteral("resources/docs/dev/metrics.html"));
        for (auto it = e.types.cbegin(); it != e.types.cend(); ++it)
            QVERIFY2(manual.contains(QByteArray("<code>" + it.key() + "</code>")),
                     it.key().constData());
    }

    void tokenAndSwitch()
    {
        SenderServer server;
        QVERIFY(server.start({{QStringLiteral("METRICS.TOKEN"), QStringLiteral("prom-secret")}}));
        HttpResult r = httpGet(m_nam, server.httpUrl("/metrics"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.body.contains("\"error_code\": 29103"));
        QVERIFY(isGeneratedRequestId(r.header("luna-request-id")));
        r = httpGet(m_nam, server.httpUrl("/metrics"), {{"Authorization", "Bearer wrong"}});
        QCOMPARE(r.status, 401);
        const Exposition e = scrape(server, {{"Authorization", "Bearer prom-secret"}});
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));

        SenderServer off;
        QVERIFY(off.start({{QStringLiteral("METRICS.ENABLED"), QStringLiteral("0")}}));
        r = httpGet(m_nam, off.httpUrl("/metrics"));
        QCOMPARE(r.status, 404);
        QVERIFY(r.body.contains("\"error_code\": 12013"));
        r = httpRequest(m_nam, "POST", QNetworkRequest(server.httpUrl("/metrics")));
        QCOMPARE(r.status, 405);
    }
};

QTEST_GUILESS_MAIN(tst_Metrics)
#include "tst_metrics.moc"
