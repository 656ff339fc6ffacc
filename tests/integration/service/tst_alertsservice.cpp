// Alerts in the real headless process: an alert raised by a published event is in the log file
// and survives a restart (with its acknowledgement state), and SIGHUP with a bad rules file keeps
// the running rules and says why.

#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace sender::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kSpoof = R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[)"
                          R"({"event_id":"e1","source":"entrance","detections":[{"samples":)"
                          R"({"face":{"detection":{"attributes":{"liveness":)"
                          R"({"prediction":"spoof"}}}}}}]}]})";

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// The reply's status and body; status 0 on a transport failure.
std::pair<int, QByteArray> http(quint16 port, const QByteArray &verb, const QString &path,
                                const QByteArray &body = {})
{
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
    request.setRawHeader("Authorization", "Bearer publish-secret");
    request.setRawHeader("Luna-Account-Id", kAccount);
    request.setRawHeader("Content-Type", "application/json");
    std::unique_ptr<QNetworkReply> reply(manager.sendCustomRequest(request, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeouts::kRoundTrip))
        return {0, {}};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

// The value of one sample of /metrics, -1 if absent.
double metric(quint16 port, const QByteArray &series)
{
    const QByteArray text = http(port, "GET", u"/metrics"_s).second;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

bool publishSpoof(quint16 port)
{
    return http(port, "POST", u"/1/publish"_s, kSpoof).first == 202;
}

} // namespace

class tst_AlertsService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void alertLogSurvivesARestart();
    void sighupWithABadRulesFileKeepsTheRules();

private:
    QByteArray config(const QTemporaryDir &dir) const
    {
        return "[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n"
               "[PUBLISH]\nENABLED = 1\nTOKEN = publish-secret\n"
               "[ALERTS]\nRULES_FILE = "
            + dir.filePath(u"alerts.json"_s).toUtf8()
            + "\nLOG_FILE = " + dir.filePath(u"alerts.log"_s).toUtf8() + "\n";
    }
    const QByteArray m_rules =
        R"({"rules": [{"name": "spoof", "severity": "critical", "condition": "liveness=0"}]})";
};

void tst_AlertsService::alertLogSurvivesARestart()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"alerts.json"_s), m_rules));
    const QByteArray total = R"(luna_sender_alerts_total{rule="spoof",severity="critical"})";
    {
        ServiceProcess service;
        service.writeConfig(config(dir));
        const quint16 port = service.startListening();
        QVERIFY2(port != 0, service.log().constData());
        QVERIFY(publishSpoof(port));
        QVERIFY(publishSpoof(port)); // no quiet period: two alerts
        QTRY_COMPARE_WITH_TIMEOUT(metric(port, total), 2.0, timeouts::kSignal);
        QCOMPARE(metric(port, "luna_sender_alerts_unacknowledged"), 2.0);
        QVERIFY(service.signal(SIGTERM));
        QVERIFY(service.waitForExit(timeouts::kProcessExit));
        QCOMPARE(service.exitCode(), 0);
    }
    // The log file holds both alerts with the event's full JSON.
    QFile log(dir.filePath(u"alerts.log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray lines = log.readAll();
    QCOMPARE(lines.count("\"rule\":\"spoof\""), 2);
    QCOMPARE(lines.count("\"event_id\":\"e1\""), 4); // in the key attributes and the event
    log.close();

    ServiceProcess again;
    again.writeConfig(config(dir));
    const quint16 port = again.startListening();
    QVERIFY2(port != 0, again.log().constData());
    QVERIFY2(again.count("2 alerts in the log") == 1, again.log().constData());
    // Still unacknowledged after the restart; the counter counts this process's alerts.
    QCOMPARE(metric(port, "luna_sender_alerts_unacknowledged"), 2.0);
    QVERIFY(publishSpoof(port));
    QTRY_COMPARE_WITH_TIMEOUT(metric(port, "luna_sender_alerts_unacknowledged"), 3.0,
                              timeouts::kSignal);
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(log.readAll().contains("\"id\":3,"), "ids continue after a restart");
    QVERIFY(again.signal(SIGTERM));
    QVERIFY(again.waitForExit(timeouts::kProcessExit));
}

void tst_AlertsService::sighupWithABadRulesFileKeepsTheRules()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"alerts.json"_s), m_rules));
    ServiceProcess service;
    service.writeConfig(config(dir));
    const quint16 port = service.startListening();
    QVERIFY2(port != 0, service.log().constData());

    QVERIFY(writeFile(
        dir.filePath(u"alerts.json"_s),
        R"({"rules": [{"name": "spoof", "severity": "critical", "condition": "liveness=maybe"}]})"));
    QVERIFY(service.signal(SIGHUP));
    QTRY_VERIFY2_WITH_TIMEOUT(service.count("alert rules not reloaded") == 1,
                              service.log().constData(), timeouts::kSignal);
    // The error names the file, the rule and the parameter, in the subscriber's words.
    QVERIFY2(service.count("alerts.json: rule 1 ('spoof'): 'condition': ") >= 1,
             service.log().constData());
    QCOMPARE(metric(port, "luna_sender_alert_rules_reload_failed"), 1.0);
    // The old rule still raises alerts.
    QVERIFY(publishSpoof(port));
    QTRY_COMPARE_WITH_TIMEOUT(
        metric(port, R"(luna_sender_alerts_total{rule="spoof",severity="critical"})"), 1.0,
        timeouts::kSignal);

    // Fixed, it reloads: the renamed rule is in force.
    QVERIFY(writeFile(
        dir.filePath(u"alerts.json"_s),
        R"({"rules": [{"name": "spoof2", "severity": "warning", "condition": "liveness=0"}]})"));
    QVERIFY(service.signal(SIGHUP));
    QTRY_VERIFY2_WITH_TIMEOUT(service.count("1 alert rules reloaded") == 1,
                              service.log().constData(), timeouts::kSignal);
    QCOMPARE(metric(port, "luna_sender_alert_rules_reload_failed"), 0.0);
    QVERIFY(publishSpoof(port));
    QTRY_COMPARE_WITH_TIMEOUT(
        metric(port, R"(luna_sender_alerts_total{rule="spoof2",severity="warning"})"), 1.0,
        timeouts::kSignal);

    // A missing file at start is an error, not "no alerts".
    QVERIFY(service.signal(SIGTERM));
    QVERIFY(service.waitForExit(timeouts::kProcessExit));
    QVERIFY(QFile::remove(dir.filePath(u"alerts.json"_s)));
    ServiceProcess broken;
    broken.writeConfig(config(dir));
    QCOMPARE(broken.startListening({}, 5000), quint16(0));
    QVERIFY2(broken.count("ALERTS.RULES_FILE: cannot read") == 1, broken.log().constData());
}

QTEST_MAIN(tst_AlertsService)
#include "tst_alertsservice.moc"
