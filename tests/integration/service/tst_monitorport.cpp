// The monitoring port of the real headless process ([MONITOR]): every resource and every stream
// message against the port's own OpenAPI document (required keys), the token (401 wrong or
// missing, also on the stream's handshake, never in the log), 404/405/426 in JSON, and a remote
// close that really closes a subscriber of the Sender port.

#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "RawWebSocket.h"

using namespace sender::test;

class tst_MonitorPort : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void resourcesMatchTheDocument();
    void streamMessagesMatchTheDocument();
    void tokenIsRequiredAndNeverLogged();
    void unknownPathsAndWrongMethodsGetJson();
    void remoteCloseClosesTheSubscriber();
};

void tst_MonitorPort::resourcesMatchTheDocument()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n", "[DEMO]\nENABLED = 1\nRATE = 20\n"),
             service.process.log().constData());
    const HttpResult spec =
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/docs/spec"), {});
    QCOMPARE(spec.status, 200);
    QVERIFY(spec.body.startsWith("openapi: 3"));
    const QHash<QString, QStringList> required = requiredKeys(spec.body);
    QVERIFY(required.value(QStringLiteral("Overview")).contains(QStringLiteral("rates")));
    QVERIFY(required.value(QStringLiteral("Connection")).contains(QStringLiteral("conditions")));
    QVERIFY(required.value(QStringLiteral("Overview")).contains(QStringLiteral("history")));
    QVERIFY(required.value(QStringLiteral("History")).contains(QStringLiteral("evictions")));

    auto client = openClient(service.port, kDemoAccount, "age__gte=30&gender=1");
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState, 10000);

    QJsonArray connections;
    QTRY_VERIFY_WITH_TIMEOUT(
        (connections = jsonOf(monitorRequest(service.monitorPort, "GET",
                                             QStringLiteral("/monitor/v1/connections")))
                           .value(QLatin1StringView("connections"))
                           .toArray())
                .size()
            == 1,
        10000);
    const QJsonObject connection = connections.first().toObject();
    QVERIFY2(
        missingKeys(required, QStringLiteral("Connection"), connection).isEmpty(),
        qPrintable(missingKeys(required, QStringLiteral("Connection"), connection).join(u' ')));
    QCOMPARE(connection.value(QLatin1StringView("account")).toString(),
             QString::fromLatin1(kDemoAccount));
    QCOMPARE(connection.value(QLatin1StringView("conditions")).toArray().size(), 2);
    for (const QJsonValue &c : connection.value(QLatin1StringView("conditions")).toArray())
        QVERIFY2(missingKeys(required, QStringLiteral("Condition"), c.toObject()).isEmpty(),
                 qPrintable(
                     missingKeys(required, QStringLiteral("Condition"), c.toObject()).join(u' ')));

    const QString id =
        QString::number(qint64(connection.value(QLatin1StringView("id")).toDouble()));
    const HttpResult one =
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/connections/") + id);
    QCOMPARE(one.status, 200);
    // The same connection: everything but the counters is equal. The demo source keeps
    // publishing between the two requests, so the counters may only have grown.
    static const QStringList counters = {QStringLiteral("bytes_sent"), QStringLiteral("delivered"),
                                         QStringLiteral("dropped"), QStringLiteral("filtered_out"),
                                         QStringLiteral("queue_bytes")};
    QJsonObject single = jsonOf(one);
    QJsonObject listed = connection;
    for (const QString &counter : counters) {
        QVERIFY2(single.contains(counter), qPrintable(counter));
        if (counter != QLatin1StringView("queue_bytes"))
            QVERIFY2(single.value(counter).toInteger() >= listed.value(counter).toInteger(),
                     qPrintable(counter));
        single.remove(counter);
        listed.remove(counter);
    }
    QCOMPARE(single, listed);

    const HttpResult overview =
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview"));
    QCOMPARE(overview.status, 200);
    QCOMPARE(overview.header("content-type"), QByteArray("application/json"));
    const QJsonObject o = jsonOf(overview);
    QVERIFY2(missingKeys(required, QStringLiteral("Overview"), o).isEmpty(),
             qPrintable(missingKeys(required, QStringLiteral("Overview"), o).join(u' ')));
    QCOMPARE(o.value(QLatin1StringView("listen")).toObject().value(QLatin1StringView("monitor")),
             QStringLiteral("127.0.0.1:%1").arg(service.monitorPort));
    QCOMPARE(o.value(QLatin1StringView("listen")).toObject().value(QLatin1StringView("sender")),
             QStringLiteral("127.0.0.1:%1").arg(service.port));
    // The history (on by default) holds the demo account's events.
    QJsonObject history = o.value(QLatin1StringView("history")).toObject();
    QVERIFY2(missingKeys(required, QStringLiteral("History"), history).isEmpty(),
             qPrintable(missingKeys(required, QStringLiteral("History"), history).join(u' ')));
    QCOMPARE(history.value(QLatin1StringView("enabled")), true);
    QTRY_VERIFY_WITH_TIMEOUT(
        (history = jsonOf(monitorRequest(service.monitorPort, "GET",
                                         QStringLiteral("/monitor/v1/overview")))
                       .value(QLatin1StringView("history"))
                       .toObject())
                .value(QLatin1StringView("events"))
                .toInteger()
            > 0,
        10000);
    QVERIFY(history.value(QLatin1StringView("bytes")).toInteger() > 0);
    QCOMPARE(history.value(QLatin1StringView("accounts")).toInteger(), 1);
    for (const QJsonValue &source : o.value(QLatin1StringView("sources")).toArray())
        QVERIFY2(
            missingKeys(required, QStringLiteral("Source"), source.toObject()).isEmpty(),
            qPrintable(
                missingKeys(required, QStringLiteral("Source"), source.toObject()).join(u' ')));

    const QJsonArray sets = jsonOf(monitorRequest(service.monitorPort, "GET",
                                                  QStringLiteral("/monitor/v1/filter-sets")))
                                .value(QLatin1StringView("filter_sets"))
                                .toArray();
    QCOMPARE(sets.size(), 1);
    QVERIFY2(missingKeys(required, QStringLiteral("FilterSet"), sets.first().toObject()).isEmpty(),
             qPrintable(missingKeys(required, QStringLiteral("FilterSet"), sets.first().toObject())
                            .join(u' ')));
    QCOMPARE(sets.first().toObject().value(QLatin1StringView("members")).toInt(), 1);

    // The configuration, every secret masked (this port's token too).
    const HttpResult config =
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/config"));
    QCOMPARE(config.status, 200);
    QVERIFY(!config.body.contains(kToken));
    QCOMPARE(jsonOf(config)
                 .value(QLatin1StringView("MONITOR"))
                 .toObject()
                 .value(QLatin1StringView("TOKEN"))
                 .toString(),
             QStringLiteral("********"));

    // Browsers get the rendered page, pointed at this port's document.
    QNetworkAccessManager nam;
    const HttpResult page = httpGet(
        nam,
        QUrl(QStringLiteral("http://127.0.0.1:%1/monitor/v1/docs/spec").arg(service.monitorPort)),
        {{"Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}});
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("content-type").startsWith("text/html"));
    QVERIFY(page.body.contains("'/monitor/v1/docs/spec'"));
}

void tst_MonitorPort::streamMessagesMatchTheDocument()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n", "[DEMO]\nENABLED = 1\nRATE = 40\n"),
             service.process.log().constData());
    const QHash<QString, QStringList> required = requiredKeys(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/docs/spec"), {})
            .body);
    auto client = openClient(service.port, kDemoAccount, "age__gte=0");
    Monitor monitor(service.monitorPort);
    QVERIFY(monitor.subscribe(subscribeAll()));
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.messages.value(QStringLiteral("events")).isEmpty(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.messages.value(QStringLiteral("connections")).isEmpty()
                                 && !monitor.messages.value(QStringLiteral("connections"))
                                         .last()
                                         .value(QLatin1StringView("connections"))
                                         .toArray()
                                         .isEmpty(),
                             15000);
    QTRY_VERIFY_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("overview")).size() >= 2, 15000);
    QVERIFY(!monitor.messages.value(QStringLiteral("filter_sets")).isEmpty());

    for (const QJsonObject &o : monitor.messages.value(QStringLiteral("overview"))) {
        QVERIFY2(missingKeys(required, QStringLiteral("Overview"), o).isEmpty(),
                 qPrintable(missingKeys(required, QStringLiteral("Overview"), o).join(u' ')));
        const QJsonObject history = o.value(QLatin1StringView("history")).toObject();
        QVERIFY2(missingKeys(required, QStringLiteral("History"), history).isEmpty(),
                 qPrintable(missingKeys(required, QStringLiteral("History"), history).join(u' ')));
    }
    for (const QJsonObject &m : monitor.messages.value(QStringLiteral("connections"))) {
        QVERIFY2(
            missingKeys(required, QStringLiteral("ConnectionsMessage"), m).isEmpty(),
            qPrintable(missingKeys(required, QStringLiteral("ConnectionsMessage"), m).join(u' ')));
        for (const QJsonValue &c : m.value(QLatin1StringView("connections")).toArray())
            QVERIFY2(
                missingKeys(required, QStringLiteral("Connection"), c.toObject()).isEmpty(),
                qPrintable(
                    missingKeys(required, QStringLiteral("Connection"), c.toObject()).join(u' ')));
    }
    for (const QJsonObject &m : monitor.messages.value(QStringLiteral("filter_sets")))
        QVERIFY2(
            missingKeys(required, QStringLiteral("FilterSetsMessage"), m).isEmpty(),
            qPrintable(missingKeys(required, QStringLiteral("FilterSetsMessage"), m).join(u' ')));
    int events = 0;
    for (const QJsonObject &m : monitor.messages.value(QStringLiteral("events"))) {
        QVERIFY2(missingKeys(required, QStringLiteral("EventsMessage"), m).isEmpty(),
                 qPrintable(missingKeys(required, QStringLiteral("EventsMessage"), m).join(u' ')));
        for (const QJsonValue &e : m.value(QLatin1StringView("events")).toArray()) {
            QVERIFY2(
                missingKeys(required, QStringLiteral("EventSample"), e.toObject()).isEmpty(),
                qPrintable(
                    missingKeys(required, QStringLiteral("EventSample"), e.toObject()).join(u' ')));
            QCOMPARE(e.toObject().value(QLatin1StringView("source")), QStringLiteral("demo"));
            ++events;
        }
    }
    QVERIFY(events > 0);

    // A filter narrows the events; a bad one is an error message and changes nothing.
    QVERIFY(monitor.subscribe({{QStringLiteral("subscribe"), QJsonArray {QStringLiteral("events")}},
                               {QStringLiteral("events_filter"), QStringLiteral("age__gte=abc")}}));
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.messages.value(QStringLiteral("error")).isEmpty(), 10000);
    const QJsonObject error = monitor.messages.value(QStringLiteral("error")).first();
    QVERIFY2(missingKeys(required, QStringLiteral("Error"), error).isEmpty(),
             qPrintable(missingKeys(required, QStringLiteral("Error"), error).join(u' ')));
    QCOMPARE(error.value(QLatin1StringView("error_code")).toInt(), 12012);

    monitor.messages.clear();
    QVERIFY(monitor.subscribe({{QStringLiteral("subscribe"), QJsonArray {QStringLiteral("events")}},
                               {QStringLiteral("events_filter"), QStringLiteral("gender=0")}}));
    QTRY_VERIFY_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("events")).size() >= 3, 15000);
    // Only events now: the other types stopped (one already under way may still arrive).
    const qsizetype overviews = monitor.messages.value(QStringLiteral("overview")).size();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("events")).size() >= 6, 15000);
    QVERIFY(monitor.messages.value(QStringLiteral("overview")).size()
            <= qMax<qsizetype>(1, overviews));
    for (const QJsonObject &m : monitor.messages.value(QStringLiteral("events")).mid(1)) {
        for (const QJsonValue &e : m.value(QLatin1StringView("events")).toArray()) {
            const QJsonObject event = e.toObject()
                                          .value(QLatin1StringView("event"))
                                          .toObject()
                                          .value(QLatin1StringView("event"))
                                          .toObject();
            QVERIFY2(!QJsonDocument(event).toJson().contains("\"gender\": 1"),
                     QJsonDocument(event).toJson().constData());
        }
    }
}

void tst_MonitorPort::tokenIsRequiredAndNeverLogged()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    for (const QByteArray &token : {QByteArray(), QByteArray("not-the-token")}) {
        for (const char *path : {"/monitor/v1/overview", "/monitor/v1/connections",
                                 "/monitor/v1/config", "/monitor/v1/nowhere"}) {
            const HttpResult r =
                monitorRequest(service.monitorPort, "GET", QString::fromLatin1(path), token);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.header("content-type"), QByteArray("application/json"));
            QCOMPARE(jsonOf(r).value(QLatin1StringView("error_code")).toInt(), 29103);
        }
        // The stream's handshake is refused before the upgrade: no 101, the JSON error.
        RawWebSocket raw;
        QVERIFY(!raw.open(service.monitorPort, "/monitor/v1/stream?token=" + token, {}));
        QCOMPARE(raw.handshake().status, 401);
        QCOMPARE(jsonOf(raw.handshake()).value(QLatin1StringView("error_code")).toInt(), 29103);
    }
    // The right token in the query opens the stream.
    RawWebSocket raw;
    QVERIFY2(raw.open(service.monitorPort, "/monitor/v1/stream?token=" + kToken, {}),
             qPrintable(raw.handshake().describe()));
    QVERIFY(!service.process.log().contains(kToken));
    QVERIFY(!service.process.log().contains("not-the-token"));
}

void tst_MonitorPort::unknownPathsAndWrongMethodsGetJson()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    for (const char *path : {"/monitor/v1/nowhere", "/monitor/v2/overview", "/",
                             "/monitor/v1/connections/abc", "/monitor/v1/connections/987654"}) {
        const HttpResult r = monitorRequest(service.monitorPort, "GET", QString::fromLatin1(path));
        QVERIFY2(r.status == 404, qPrintable(r.describe()));
        QCOMPARE(jsonOf(r).value(QLatin1StringView("error_code")).toInt(), 12013);
    }
    const HttpResult post =
        monitorRequest(service.monitorPort, "POST", QStringLiteral("/monitor/v1/overview"));
    QCOMPARE(post.status, 405);
    QCOMPARE(post.header("allow"), QByteArray("GET"));
    QCOMPARE(jsonOf(post).value(QLatin1StringView("error_code")).toInt(), 12021);
    const HttpResult get = monitorRequest(service.monitorPort, "GET",
                                          QStringLiteral("/monitor/v1/connections/1/close"));
    QCOMPARE(get.status, 405);
    QCOMPARE(get.header("allow"), QByteArray("POST"));
    // Not a WebSocket handshake on the stream: 426.
    const HttpResult plain =
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/stream"));
    QCOMPARE(plain.status, 426);
    QCOMPARE(jsonOf(plain).value(QLatin1StringView("error_code")).toInt(), 29106);
}

void tst_MonitorPort::remoteCloseClosesTheSubscriber()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    auto client = openClient(service.port, kDemoAccount);
    QSignalSpy closed(client.get(), &QWebSocket::disconnected);
    QJsonArray connections;
    QTRY_VERIFY_WITH_TIMEOUT(
        (connections = jsonOf(monitorRequest(service.monitorPort, "GET",
                                             QStringLiteral("/monitor/v1/connections")))
                           .value(QLatin1StringView("connections"))
                           .toArray())
                .size()
            == 1,
        10000);
    const QString id = QString::number(
        qint64(connections.first().toObject().value(QLatin1StringView("id")).toDouble()));
    const QString path = QStringLiteral("/monitor/v1/connections/%1/close").arg(id);

    // A body that is not {"reason": "..."} is refused, and nothing is closed.
    QCOMPARE(monitorRequest(service.monitorPort, "POST", path, kToken, "[1]").status, 400);
    QCOMPARE(client->state(), QAbstractSocket::ConnectedState);

    const HttpResult r =
        monitorRequest(service.monitorPort, "POST", path, kToken, R"({"reason": "seen enough"})");
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonOf(r).value(QLatin1StringView("closed")).toInteger(), id.toLongLong());
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(client->closeReason(), QStringLiteral("seen enough"));
    // Gone: the engine itself says so, whatever the last list showed.
    const HttpResult again = monitorRequest(service.monitorPort, "POST", path);
    QCOMPARE(again.status, 404);
    QCOMPARE(jsonOf(again).value(QLatin1StringView("error_code")).toInt(), 12013);
}

QTEST_MAIN(tst_MonitorPort)
#include "tst_monitorport.moc"
