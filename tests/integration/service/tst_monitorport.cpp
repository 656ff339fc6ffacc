// The monitoring port of the real headless process ([MONITOR]): every resource and every stream
// message against the port's own OpenAPI document (required keys), the token (401 wrong or
// missing, also on the stream's handshake, never in the log), 404/405/426 in JSON, a remote
// close that really closes a subscriber of the Sender port, and the recent events of the history.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "RawWebSocket.h"
#include "TestTimeouts.h"

using namespace sender::test;

namespace {

const QByteArray kPublishToken = "publish-test-token-9d2e";

QByteArray eventId(int n)
{
    return QByteArray("00000000-0000-4000-8000-") + QByteArray::number(n).rightJustified(12, '0');
}

// Event n for the account through the Sender port's POST /1/publish (source "http").
HttpResult publish(quint16 port, const QByteArray &account, int n)
{
    return publishMessage(
        port, kPublishToken, account,
        redisMessage({"{\"event_id\": \"" + eventId(n) + "\", \"source\": \"cam-1\"}"}));
}

// The monitoring API's list of connections, once it holds `count` (what it last held after 10 s).
QJsonArray listedConnections(quint16 monitorPort, int count)
{
    QJsonArray connections;
    (void)QTest::qWaitFor(
        [&] {
            connections = jsonOf(monitorRequest(monitorPort, "GET",
                                                QStringLiteral("/monitor/v1/connections")))
                              .value(QLatin1StringView("connections"))
                              .toArray();
            return connections.size() == count;
        },
        timeouts::kRoundTrip);
    return connections;
}

} // namespace

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
    void aClosingSubscriberIsGoneForASecondClose();
    void historyMatchesTheDocument();
    void historyWhenDisabled();
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
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState,
                              timeouts::kRoundTrip);

    const QJsonArray connections = listedConnections(service.monitorPort, 1);
    QCOMPARE(connections.size(), 1);
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
        timeouts::kRoundTrip);
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
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.messages.value(QStringLiteral("events")).isEmpty(),
                             timeouts::kRoundTrip);
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.messages.value(QStringLiteral("connections")).isEmpty()
                                 && !monitor.messages.value(QStringLiteral("connections"))
                                         .last()
                                         .value(QLatin1StringView("connections"))
                                         .toArray()
                                         .isEmpty(),
                             timeouts::kRoundTrip);
    QTRY_VERIFY_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("overview")).size() >= 2,
                             timeouts::kRoundTrip);
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
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.messages.value(QStringLiteral("error")).isEmpty(),
                             timeouts::kRoundTrip);
    const QJsonObject error = monitor.messages.value(QStringLiteral("error")).first();
    QVERIFY2(missingKeys(required, QStringLiteral("Error"), error).isEmpty(),
             qPrintable(missingKeys(required, QStringLiteral("Error"), error).join(u' ')));
    QCOMPARE(error.value(QLatin1StringView("error_code")).toInt(), 12012);

    monitor.messages.clear();
    QVERIFY(monitor.subscribe({{QStringLiteral("subscribe"), QJsonArray {QStringLiteral("events")}},
                               {QStringLiteral("events_filter"), QStringLiteral("gender=0")}}));
    QTRY_VERIFY_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("events")).size() >= 3,
                             timeouts::kRoundTrip);
    // Only events now: the other types stopped (one already under way may still arrive).
    const qsizetype overviews = monitor.messages.value(QStringLiteral("overview")).size();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("events")).size() >= 6,
                             timeouts::kRoundTrip);
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
    const QJsonArray connections = listedConnections(service.monitorPort, 1);
    QCOMPARE(connections.size(), 1);
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
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, timeouts::kRoundTrip);
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(client->closeReason(), QStringLiteral("seen enough"));
    // Gone: the engine itself says so, whatever the last list showed.
    const HttpResult again = monitorRequest(service.monitorPort, "POST", path);
    QCOMPARE(again.status, 404);
    QCOMPARE(jsonOf(again).value(QLatin1StringView("error_code")).toInt(), 12013);
}

// A subscriber that does not answer the close frame stays in the engine until it answers or the
// closing timeout cuts it; meanwhile it is not open any more, and a second close gets 404 like an
// id that is gone (it once answered 200 when the second close came before the peer's answer).
void tst_MonitorPort::aClosingSubscriberIsGoneForASecondClose()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    RawWebSocket raw;
    QVERIFY2(raw.openFor(service.port, "/2/ws", kDemoAccount),
             qPrintable(raw.handshake().describe()));
    raw.setReading(false); // never sees the close frame, so never answers it
    const QJsonArray connections = listedConnections(service.monitorPort, 1);
    QCOMPARE(connections.size(), 1);
    const QString path =
        QStringLiteral("/monitor/v1/connections/%1/close")
            .arg(qint64(connections.first().toObject().value(QLatin1StringView("id")).toDouble()));
    QCOMPARE(monitorRequest(service.monitorPort, "POST", path).status, 200);
    const HttpResult again = monitorRequest(service.monitorPort, "POST", path);
    QVERIFY2(again.status == 404, qPrintable(again.describe()));
    QCOMPARE(jsonOf(again).value(QLatin1StringView("error_code")).toInt(), 12013);
    // Reading again, the client finds the close frame of the first request and answers it.
    raw.setReading(true);
    QVERIFY(raw.waitForClose(timeouts::kRoundTrip));
    QCOMPARE(raw.closeCode(), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(jsonOf(monitorRequest(service.monitorPort, "GET",
                                                    QStringLiteral("/monitor/v1/connections")))
                                  .value(QLatin1StringView("connections"))
                                  .toArray()
                                  .size(),
                              0, timeouts::kRoundTrip);
}

// GET /monitor/v1/history: the newest events of the history, oldest first, of every account in
// their order of arrival or of one; its limit and account validated like the other resources'
// parameters, behind the same token.
void tst_MonitorPort::historyMatchesTheDocument()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n",
                           "[PUBLISH]\nENABLED = 1\nTOKEN = " + kPublishToken + "\n"),
             service.process.log().constData());
    const QHash<QString, QStringList> required = requiredKeys(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/docs/spec"), {})
            .body);
    QCOMPARE(required.value(QStringLiteral("RecentEvents")),
             (QStringList {QStringLiteral("enabled"), QStringLiteral("events")}));
    QVERIFY(required.value(QStringLiteral("EventSample")).contains(QStringLiteral("event")));

    // Events 1..6, alternately for two accounts, in this order.
    for (int n = 1; n <= 6; ++n) {
        const HttpResult r = publish(service.port, n % 2 ? kDemoAccount : kQuietAccount, n);
        QVERIFY2(r.status == 202, qPrintable(r.describe()));
    }
    const QString path = QStringLiteral("/monitor/v1/history");
    QJsonObject all;
    QTRY_COMPARE_WITH_TIMEOUT(
        historyIds(all = jsonOf(monitorRequest(service.monitorPort, "GET", path))).size(), 6,
        timeouts::kRoundTrip);
    QVERIFY2(missingKeys(required, QStringLiteral("RecentEvents"), all).isEmpty(),
             qPrintable(missingKeys(required, QStringLiteral("RecentEvents"), all).join(u' ')));
    QCOMPARE(all.value(QLatin1StringView("enabled")), QJsonValue(true));
    QCOMPARE(historyIds(all),
             (QList<QByteArray> {eventId(1), eventId(2), eventId(3), eventId(4), eventId(5),
                                 eventId(6)}));
    const QJsonArray events = all.value(QLatin1StringView("events")).toArray();
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject e = events[i].toObject();
        QVERIFY2(missingKeys(required, QStringLiteral("EventSample"), e).isEmpty(),
                 qPrintable(missingKeys(required, QStringLiteral("EventSample"), e).join(u' ')));
        QCOMPARE(e.value(QLatin1StringView("account")).toString().toLatin1(),
                 i % 2 ? kQuietAccount : kDemoAccount);
        QCOMPARE(e.value(QLatin1StringView("source")).toString(), QStringLiteral("http"));
        QCOMPARE(e.value(QLatin1StringView("recipients")).toInt(), 0);
        if (i > 0)
            QVERIFY(e.value(QLatin1StringView("received_at")).toString()
                    >= events[i - 1].toObject().value(QLatin1StringView("received_at")).toString());
    }

    QCOMPARE(historyIds(jsonOf(
                 monitorRequest(service.monitorPort, "GET", path + QStringLiteral("?limit=2")))),
             (QList<QByteArray> {eventId(5), eventId(6)}));
    QCOMPARE(historyIds(jsonOf(monitorRequest(service.monitorPort, "GET",
                                              path + QStringLiteral("?account=")
                                                  + QString::fromLatin1(kQuietAccount)))),
             (QList<QByteArray> {eventId(2), eventId(4), eventId(6)}));
    QCOMPARE(historyIds(jsonOf(monitorRequest(service.monitorPort, "GET",
                                              path + QStringLiteral("?limit=1&account=")
                                                  + QString::fromLatin1(kDemoAccount).toUpper()))),
             (QList<QByteArray> {eventId(5)}));
    QCOMPARE(historyIds(jsonOf(monitorRequest(service.monitorPort, "GET",
                                              path + QStringLiteral("?limit=10000"))))
                 .size(),
             6);

    // Malformed values: 400 in the contract's error shape, naming the parameter.
    for (const char *query :
         {"limit=0", "limit=10001", "limit=-1", "limit=%2B5", "limit=abc", "limit=", "limit=1e3",
          "account=", "account=not-a-uuid", "account=%7B8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a%7D"}) {
        const HttpResult r =
            monitorRequest(service.monitorPort, "GET", path + u'?' + QString::fromLatin1(query));
        QVERIFY2(r.status == 400, qPrintable(QString::fromLatin1(query) + u' ' + r.describe()));
        const QJsonObject error = jsonOf(r);
        QVERIFY2(missingKeys(required, QStringLiteral("Error"), error).isEmpty(), query);
        QCOMPARE(error.value(QLatin1StringView("error_code")).toInt(), 12012);
        const QByteArray name = QByteArray(query).left(QByteArray(query).indexOf('='));
        QVERIFY2(
            error.value(QLatin1StringView("desc")).toString().contains(QString::fromLatin1(name)),
            qPrintable(r.describe()));
    }
    // The same token as every other resource, checked first; GET only.
    for (const QByteArray &token : {QByteArray(), QByteArray("not-the-token")}) {
        const HttpResult r =
            monitorRequest(service.monitorPort, "GET", path + QStringLiteral("?limit=abc"), token);
        QCOMPARE(r.status, 401);
        QCOMPARE(jsonOf(r).value(QLatin1StringView("error_code")).toInt(), 29103);
    }
    const HttpResult post = monitorRequest(service.monitorPort, "POST", path);
    QCOMPARE(post.status, 405);
    QCOMPARE(post.header("allow"), QByteArray("GET"));
}

// HISTORY.ENABLED = 0: the resource answers, and says so.
void tst_MonitorPort::historyWhenDisabled()
{
    Service service;
    QVERIFY2(service.start(
                 "TOKEN = " + kToken + "\n",
                 "[HISTORY]\nENABLED = 0\n[PUBLISH]\nENABLED = 1\nTOKEN = " + kPublishToken + "\n"),
             service.process.log().constData());
    QCOMPARE(publish(service.port, kDemoAccount, 1).status, 202);
    const HttpResult r =
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/history"));
    QCOMPARE(r.status, 200);
    QCOMPARE(jsonOf(r),
             (QJsonObject {{QStringLiteral("enabled"), false},
                           {QStringLiteral("events"), QJsonArray()}}));
}

QTEST_MAIN(tst_MonitorPort)
#include "tst_monitorport.moc"
