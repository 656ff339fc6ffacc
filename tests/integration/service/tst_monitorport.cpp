// The monitoring port of the real headless process ([MONITOR]): every resource and every stream
// message against the port's own OpenAPI document (required keys), the token (401 wrong or
// missing, also on the stream's handshake, never in the log), 404/405 in JSON, a remote close
// that really closes a subscriber of the Sender port, MAX_CLIENTS (503), a non-loopback port
// without a token refused at start, and a monitor that never reads: closed, while subscribers
// still get every event.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "RawWebSocket.h"
#include "ServiceProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QWebSocket>

#include <memory>

using namespace sender::test;

namespace {

const QByteArray kToken = "monitor-test-token-5b1f0c";
const QByteArray kDemoAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kQuietAccount = "0b5c3f3e-6d0e-4b8e-9a51-2f7c9f1d2a44";

quint16 monitorPortOf(const ServiceProcess &service)
{
    static const QRegularExpression line(
        QStringLiteral("monitoring port listening on [0-9.]+:(\\d+)"));
    const QRegularExpressionMatch m = line.match(QString::fromUtf8(service.log()));
    return m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
}

struct Service
{
    ServiceProcess process;
    quint16 port = 0;
    quint16 monitorPort = 0;

    bool start(const QByteArray &monitor, const QByteArray &more = {})
    {
        process.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n[MONITOR]\nPORT = 0\n" + monitor
                            + more);
        port = process.startListening();
        if (!port || !QTest::qWaitFor([&] { return monitorPortOf(process) != 0; }, 10000))
            return false;
        monitorPort = monitorPortOf(process);
        return true;
    }
};

HttpResult monitorRequest(quint16 port, const QByteArray &verb, const QString &path,
                          const QByteArray &token = kToken, const QByteArray &body = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    return httpRequest(nam, verb, request, body);
}

QJsonObject jsonOf(const HttpResult &result)
{
    return QJsonDocument::fromJson(result.body).object();
}

// The required keys of every schema of the document (components/schemas/<name>/required, and
// read from the YAML the port serves: a small reader for this document's layout.
QHash<QString, QStringList> requiredKeys(const QByteArray &yaml)
{
    QHash<QString, QStringList> out;
    QString schema;
    bool inSchemas = false;
    QString pending; // a required list continued over lines
    for (const QByteArray &raw : yaml.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(u"  schemas:")) {
            inSchemas = true;
            continue;
        }
        if (!inSchemas)
            continue;
        if (line.startsWith(u"    ") && !line.startsWith(u"     ") && line.endsWith(u':'))
            schema = line.trimmed().chopped(1);
        // The schema's own list (six spaces in), not that of an object nested in it.
        const qsizetype at = line.startsWith(u"      required: [") ? 6 : -1;
        if (at >= 0)
            pending = line.mid(at + 11);
        else if (!pending.isEmpty())
            pending += line.trimmed();
        if (!pending.isEmpty() && pending.contains(u']')) {
            for (const QString &key : pending.left(pending.indexOf(u']')).split(u','))
                out[schema].append(key.trimmed());
            pending.clear();
        }
    }
    return out;
}

// The keys `schema` requires that `object` lacks.
QStringList missingKeys(const QHash<QString, QStringList> &required, const QString &schema,
                        const QJsonObject &object)
{
    QStringList missing;
    for (const QString &key : required.value(schema)) {
        if (!object.contains(key))
            missing.append(schema + u'.' + key);
    }
    return missing;
}

// A monitor on the stream (QWebSocket), collecting the messages by type.
struct Monitor
{
    QWebSocket socket;
    QHash<QString, QList<QJsonObject>> messages;

    explicit Monitor(quint16 port, const QByteArray &token = kToken)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &text) {
                             const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
                             messages[o.value(QLatin1StringView("type")).toString()].append(o);
                         });
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/monitor/v1/stream?token=%2")
                             .arg(port)
                             .arg(QString::fromLatin1(token))));
    }
    bool subscribe(const QJsonObject &message)
    {
        if (socket.state() != QAbstractSocket::ConnectedState
            && !QSignalSpy(&socket, &QWebSocket::connected).wait(10000))
            return false;
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
        return true;
    }
};

QJsonObject subscribeAll(const QString &filter = {})
{
    QJsonObject o {{QStringLiteral("subscribe"),
                    QJsonArray {QStringLiteral("overview"), QStringLiteral("connections"),
                                QStringLiteral("filter_sets"), QStringLiteral("events")}}};
    if (!filter.isEmpty())
        o.insert(QStringLiteral("events_filter"), filter);
    return o;
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
    void anOversizedRequestIsCutOff();
    void remoteCloseClosesTheSubscriber();
    void maxClientsHolds();
    void nonLoopbackWithoutTokenRefusesToStart();
    void aMonitorThatNeverReadsIsClosedWhileSubscribersGetEverything();
    void alertsAreListedAcknowledgedAndStreamed();
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
    QCOMPARE(jsonOf(one), connection);

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

    for (const QJsonObject &o : monitor.messages.value(QStringLiteral("overview")))
        QVERIFY2(missingKeys(required, QStringLiteral("Overview"), o).isEmpty(),
                 qPrintable(missingKeys(required, QStringLiteral("Overview"), o).join(u' ')));
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

void tst_MonitorPort::anOversizedRequestIsCutOff()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n"), service.process.log().constData());
    // Qt's HTTP server would buffer the whole body before the token is checked: the port's
    // listener cuts a request past 1 MiB, token or not.
    RawHttpConnection connection;
    QVERIFY(connection.connectTo(service.monitorPort));
    connection.write("POST /monitor/v1/connections/1/close HTTP/1.1\r\nHost: x\r\n"
                     "Content-Type: application/json\r\nContent-Length: 4194304\r\n\r\n");
    const QByteArray chunk(65536, ' ');
    for (int i = 0; i < 64; ++i)
        connection.write(chunk); // buffered; sent while waiting below
    QVERIFY(connection.waitForDisconnected(10000));
    QVERIFY(!connection.received().startsWith("HTTP/1.1 200"));
    QTRY_VERIFY_WITH_TIMEOUT(service.process.log().contains("a request of more than 1048576 bytes"),
                             10000);
    // The port serves the next client as before.
    QCOMPARE(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview")).status,
        200);
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

void tst_MonitorPort::maxClientsHolds()
{
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\nMAX_CLIENTS = 2\n"),
             service.process.log().constData());
    const RawHeaders bearer {{"Authorization", "Bearer " + kToken}};
    RawWebSocket first;
    RawWebSocket second;
    RawWebSocket third;
    QVERIFY(first.open(service.monitorPort, "/monitor/v1/stream", bearer));
    QVERIFY(second.open(service.monitorPort, "/monitor/v1/stream", bearer));
    QTRY_COMPARE_WITH_TIMEOUT(service.process.count("attached to the stream (2 open)"), 1, 10000);
    QVERIFY(!third.open(service.monitorPort, "/monitor/v1/stream", bearer));
    QCOMPARE(third.handshake().status, 503);
    QCOMPARE(jsonOf(third.handshake()).value(QLatin1StringView("error_code")).toInt(), 29102);
    // One leaves: there is room again.
    first.sendClose(1000);
    QVERIFY(first.waitForDisconnected(10000));
    QTRY_COMPARE_WITH_TIMEOUT(service.process.count("left the stream (1 open)"), 1, 10000);
    RawWebSocket fourth;
    QVERIFY2(fourth.open(service.monitorPort, "/monitor/v1/stream", bearer),
             qPrintable(fourth.handshake().describe()));
}

void tst_MonitorPort::nonLoopbackWithoutTokenRefusesToStart()
{
    ServiceProcess process;
    process.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n[MONITOR]\nHOST = 0.0.0.0\n");
    QVERIFY(process.start(
        {QStringLiteral("--headless"), QStringLiteral("--config"), process.configPath()}));
    QVERIFY(process.waitForExit(15000));
    QCOMPARE(process.exitCode(), 78);
    QVERIFY2(process.log().contains("MONITOR.HOST is 0.0.0.0, which is not loopback"),
             process.log().constData());
    QVERIFY(!process.log().contains("listening on"));

    // A token file that cannot be read is as fatal, and says which file.
    ServiceProcess unreadable;
    unreadable.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n[MONITOR]\nHOST = 0.0.0.0\n"
                           "TOKEN_FILE = /nonexistent/monitor.token\n");
    QVERIFY(unreadable.start(
        {QStringLiteral("--headless"), QStringLiteral("--config"), unreadable.configPath()}));
    QVERIFY(unreadable.waitForExit(15000));
    QCOMPARE(unreadable.exitCode(), 1);
    QVERIFY2(
        unreadable.log().contains("MONITOR.TOKEN_FILE: cannot read '/nonexistent/monitor.token'"),
        unreadable.log().constData());
}

void tst_MonitorPort::aMonitorThatNeverReadsIsClosedWhileSubscribersGetEverything()
{
    Service service;
    // Many demo events for the monitors to sample; the published ones go to another account.
    QVERIFY2(service.start("TOKEN = " + kToken + "\n",
                           "[DEMO]\nENABLED = 1\nRATE = 3000\n"
                           "[PUBLISH]\nENABLED = 1\nTOKEN = publish-token\n"),
             service.process.log().constData());
    // A monitor that subscribes to everything and then never reads a byte.
    RawWebSocket stuck;
    QVERIFY(stuck.open(service.monitorPort, "/monitor/v1/stream",
                       {{"Authorization", "Bearer " + kToken}}));
    stuck.sendFrame(WsOpcode::Text, QJsonDocument(subscribeAll()).toJson(QJsonDocument::Compact));
    stuck.setReading(false);
    stuck.setAnswerPings(false);

    auto subscriber = openClient(service.port, kQuietAccount);
    int received = 0;
    QObject::connect(subscriber.get(), &QWebSocket::textMessageReceived, subscriber.get(),
                     [&received] { ++received; });
    QTRY_COMPARE_WITH_TIMEOUT(subscriber->state(), QAbstractSocket::ConnectedState, 10000);

    // Published while the stuck monitor's queue fills: every one reaches the subscriber.
    constexpr int kPublished = 200;
    QNetworkAccessManager nam;
    const QByteArray message = redisMessage({R"({"event_id": "e", "age": 40})"});
    for (int i = 0; i < kPublished; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/1/publish").arg(service.port)));
        request.setRawHeader("Authorization", "Bearer publish-token");
        request.setRawHeader("Luna-Account-Id", kQuietAccount);
        request.setRawHeader("Content-Type", "application/json");
        QCOMPARE(httpRequest(nam, "POST", request, message).status, 202);
    }
    QTRY_COMPARE_WITH_TIMEOUT(received, kPublished, 20000);

    // The monitor that does not read is closed by the port, not kept growing.
    QTRY_VERIFY_WITH_TIMEOUT(service.process.log().contains("does not read its stream"), 60000);
    QVERIFY(service.process.log().contains("left the stream (0 open)"));
    // The port still serves others.
    Monitor reader(service.monitorPort);
    QVERIFY(reader.subscribe(subscribeAll()));
    QTRY_VERIFY_WITH_TIMEOUT(!reader.messages.value(QStringLiteral("events")).isEmpty(), 15000);
    QCOMPARE(received, kPublished);
}

void tst_MonitorPort::alertsAreListedAcknowledgedAndStreamed()
{
    QTemporaryDir dir;
    const QString rules = dir.filePath(QStringLiteral("alerts.json"));
    QFile file(rules);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"rules": [{"name": "spoof", "severity": "critical", "condition": "liveness=0"}]})");
    file.close();
    Service service;
    QVERIFY2(service.start("TOKEN = " + kToken + "\n",
                           "[PUBLISH]\nENABLED = 1\nTOKEN = publish-token\n[ALERTS]\nRULES_FILE = "
                               + rules.toUtf8() + "\n"),
             service.process.log().constData());
    Monitor monitor(service.monitorPort);
    QVERIFY(
        monitor.subscribe({{QStringLiteral("subscribe"), QJsonArray {QStringLiteral("alerts")}}}));
    QTRY_COMPARE_WITH_TIMEOUT(service.process.count("attached to the stream (1 open)"), 1, 10000);

    const QByteArray spoof = R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[)"
                             R"({"event_id":"e1","source":"entrance","detections":[{"samples":)"
                             R"({"face":{"detection":{"attributes":{"liveness":)"
                             R"({"prediction":"spoof"}}}}}}]}]})";
    QNetworkAccessManager nam;
    QNetworkRequest publish(
        QUrl(QStringLiteral("http://127.0.0.1:%1/1/publish").arg(service.port)));
    publish.setRawHeader("Authorization", "Bearer publish-token");
    publish.setRawHeader("Luna-Account-Id", kDemoAccount);
    publish.setRawHeader("Content-Type", "application/json");
    QCOMPARE(httpRequest(nam, "POST", publish, spoof).status, 202);

    // On the stream at once, never sampled.
    QTRY_COMPARE_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("alert")).size(), 1, 10000);
    const QJsonObject raised = monitor.messages.value(QStringLiteral("alert"))
                                   .first()
                                   .value(QLatin1StringView("alert"))
                                   .toObject();
    QCOMPARE(raised.value(QLatin1StringView("rule")), QStringLiteral("spoof"));
    const QHash<QString, QStringList> required = requiredKeys(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/docs/spec"), {})
            .body);
    QVERIFY(!required.value(QStringLiteral("Alert")).isEmpty());
    QVERIFY2(missingKeys(required, QStringLiteral("Alert"), raised).isEmpty(),
             qPrintable(missingKeys(required, QStringLiteral("Alert"), raised).join(u' ')));
    const QJsonObject message = monitor.messages.value(QStringLiteral("alert")).first();
    QVERIFY(missingKeys(required, QStringLiteral("AlertMessage"), message).isEmpty());
    const qint64 id = qint64(raised.value(QLatin1StringView("id")).toDouble());

    const HttpResult list =
        monitorRequest(service.monitorPort, "GET",
                       QStringLiteral("/monitor/v1/alerts?state=new&severity=critical"));
    QCOMPARE(list.status, 200);
    QCOMPARE(jsonOf(list).value(QLatin1StringView("total")).toInt(), 1);
    QCOMPARE(jsonOf(list).value(QLatin1StringView("alerts")).toArray().first().toObject(), raised);
    QCOMPARE(
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/alerts?state=old"))
            .status,
        400);

    const QString ack = QStringLiteral("/monitor/v1/alerts/%1/ack").arg(id);
    const HttpResult acknowledged = monitorRequest(service.monitorPort, "POST", ack, kToken,
                                                   R"({"by": "ivanov", "comment": "a photo"})");
    QVERIFY2(acknowledged.status == 200, qPrintable(acknowledged.describe()));
    QCOMPARE(jsonOf(acknowledged).value(QLatin1StringView("acknowledged_by")),
             QStringLiteral("ivanov"));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("alert_ack")).size(), 1, 10000);
    // The overview counts them.
    QTRY_COMPARE_WITH_TIMEOUT(
        jsonOf(monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview")))
            .value(QLatin1StringView("alerts"))
            .toObject(),
        QJsonObject({{QStringLiteral("unacknowledged"), 0}, {QStringLiteral("total"), 1}}), 10000);
    QCOMPARE(monitorRequest(service.monitorPort, "POST", ack, kToken, R"({"by": "petrov"})").status,
             409);
    QCOMPARE(monitorRequest(service.monitorPort, "POST",
                            QStringLiteral("/monitor/v1/alerts/999/ack"), kToken,
                            R"({"by": "petrov"})")
                 .status,
             404);

    const HttpResult got =
        monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/alert-rules"));
    QCOMPARE(got.status, 200);
    QCOMPARE(jsonOf(got).value(QLatin1StringView("rules")).toArray().size(), 1);
    const HttpResult bad =
        monitorRequest(service.monitorPort, "PUT", QStringLiteral("/monitor/v1/alert-rules"),
                       kToken, R"({"rules": [{"name": "x", "condition": "age__gte=abc"}]})");
    QCOMPARE(bad.status, 400);
    QVERIFY2(
        jsonOf(bad).value(QLatin1StringView("detail")).toString().contains(QStringLiteral("x")),
        bad.body.constData());
    const HttpResult put = monitorRequest(
        service.monitorPort, "PUT", QStringLiteral("/monitor/v1/alert-rules"), kToken,
        R"({"rules": [{"name": "old", "severity": "info", "condition": "age__gte=70"}]})");
    QVERIFY2(put.status == 200, qPrintable(put.describe()));
    QCOMPARE(jsonOf(put)
                 .value(QLatin1StringView("rules"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1StringView("name")),
             QStringLiteral("old"));
    QCOMPARE(
        monitorRequest(service.monitorPort, "DELETE", QStringLiteral("/monitor/v1/alert-rules"))
            .status,
        405);
}

QTEST_MAIN(tst_MonitorPort)
#include "tst_monitorport.moc"
