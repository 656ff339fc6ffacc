// Alerts on the monitoring port of the real headless process: raised by a published event, on the
// stream at once, listed, acknowledged (once), counted in the overview; the rules read and
// replaced.

#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "TestTimeouts.h"

#include <QFile>
#include <QTemporaryDir>

using namespace sender::test;

class tst_MonitorAlerts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void alertsAreListedAcknowledgedAndStreamed();
};

void tst_MonitorAlerts::alertsAreListedAcknowledgedAndStreamed()
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
    QTRY_COMPARE_WITH_TIMEOUT(service.process.count("attached to the stream (1 open)"), 1,
                              timeouts::kRoundTrip);

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
    QTRY_COMPARE_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("alert")).size(), 1,
                              timeouts::kRoundTrip);
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
    QTRY_COMPARE_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("alert_ack")).size(), 1,
                              timeouts::kRoundTrip);
    // The overview counts them.
    QTRY_COMPARE_WITH_TIMEOUT(
        jsonOf(monitorRequest(service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview")))
            .value(QLatin1StringView("alerts"))
            .toObject(),
        QJsonObject({{QStringLiteral("unacknowledged"), 0}, {QStringLiteral("total"), 1}}),
        timeouts::kRoundTrip);
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

QTEST_MAIN(tst_MonitorAlerts)
#include "tst_monitoralerts.moc"
