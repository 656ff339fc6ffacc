// Issue 14's alerts in a console attached to the real monitoring port of a real engine in this
// process (EngineHost and its MonitorService, as in tst_remoteengineview): an alert acknowledged
// over HTTP by another operator shows as acknowledged in the attached console's Alerts pane; an
// alert reaches the console over the stream while thousands of ordinary events flow, none lost;
// and the rules editor saving through the attached view changes the engine's rules file.

#include "AttachSupport.h"
#include "FailOnWarnings.h"
#include "TestTimeouts.h"
#include "gui/dialogs/AlertRulesDialog.h"
#include "gui/panes/AlertsDock.h"
#include "gui/panes/AlertsPane.h"

#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace sender;
using namespace sender::testing;

namespace {

QByteArray faceEvent(const QByteArray &id, const QByteArray &source, int age,
                     const char *label = nullptr)
{
    QByteArray event = R"({"handler_id":"8950722f-3fd4-4223-b48f-03f95f0e8dfb","events":[{)"
                       R"("event_id":")"
        + id + R"(","source":")" + source + R"(","face_attributes":{"basic_attributes":{"age":)"
        + QByteArray::number(age) + R"(,"gender":1}})";
    if (label)
        event += R"(,"matches":[{"label":")" + QByteArray(label)
            + R"(","candidates":[{"similarity":0.93}]}])";
    return event + "}]}";
}

// A real engine with a rules file of its own (no demo: the tests publish what they need).
struct Service : MonitoredEngine
{
    QTemporaryDir dir;
    QString rulesPath;

    explicit Service(const QByteArray &rules)
        : MonitoredEngine(engineSettings(false))
        , rulesPath(dir.filePath(u"alerts.json"_s))
    {
        QFile file(rulesPath);
        if (file.open(QIODevice::WriteOnly))
            file.write(rules);
        settings.set(u"ALERTS.RULES_FILE"_s, rulesPath, Settings::Origin::CommandLine);
        settings.set(u"ALERTS.LOG_FILE"_s, dir.filePath(u"alerts.log"_s),
                     Settings::Origin::CommandLine);
    }
    QByteArray rulesFile() const
    {
        QFile file(rulesPath);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
};

const QByteArray kWantedRule = R"({"rules": [{"name": "wanted", "severity": "warning",
    "condition": "matching_candidates_labels=wanted"}]})";

// The Alerts pane of a window on an attached view, as the console installs it.
struct AttachedAlerts
{
    std::unique_ptr<RemoteEngineView> view; // outlives the window and its pane
    QMainWindow window;
    AlertsPane *pane = nullptr;

    explicit AttachedAlerts(const QUrl &url)
        : view(std::make_unique<RemoteEngineView>(url, QString::fromLatin1(kMonitorToken)))
    {
        useQuickBackoff(view.get());
        pane =
            qobject_cast<AlertsPane *>(installAlertsDock(&window, view.get(), nullptr)->widget());
        window.show();
        view->start();
    }
};

} // namespace

class TestAttachedAlerts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { sender::test::failOnQtWarnings(); }
    void acknowledgedOverHttpShowsInTheAttachedPane();
    void alertsAmongThousandsOfEventsAllArrive();
    void rulesEditorSavesThroughTheAttachedView();
};

void TestAttachedAlerts::acknowledgedOverHttpShowsInTheAttachedPane()
{
    Service service(kWantedRule);
    QVERIFY2(service.start(), qPrintable(service.error));
    AttachedAlerts console(service.url());
    QVERIFY(console.pane);
    QVERIFY2(waitLinkUp(console.view.get()), qPrintable(console.view->linkDetail()));

    QSignalSpy raised(console.view.get(), &EngineFeed::alertRaised);
    service.host.publish(kDemoAccount, faceEvent("e1", "cam-3", 41, "wanted"));
    QTRY_COMPARE_WITH_TIMEOUT(console.pane->table()->rowCount(), 1, timeouts::kRoundTrip);
    QTableWidget *table = console.pane->table();
    QCOMPARE(table->item(0, AlertsPane::Rule)->text(), u"wanted"_s);
    QCOMPARE(table->item(0, AlertsPane::State)->text(), u"new"_s);
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, timeouts::kRoundTrip);
    const quint64 id = raised.first().first().value<AlertSnapshot>().id;

    // Another operator acknowledges it over plain HTTP, not through this console.
    QNetworkAccessManager http;
    QNetworkRequest request(service.url().resolved(QUrl(u"/monitor/v1/alerts/%1/ack"_s.arg(id))));
    request.setRawHeader("Authorization", "Bearer " + kMonitorToken);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    std::unique_ptr<QNetworkReply> reply(
        http.post(request, R"({"by": "petrov", "comment": "guard sent"})"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), timeouts::kRoundTrip);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(answer.value("acknowledged_by"_L1).toString(), u"petrov"_s);

    // The attached console hears it over the stream: the row says who and why.
    QTRY_COMPARE_WITH_TIMEOUT(table->item(0, AlertsPane::State)->text(),
                              u"acknowledged by petrov: guard sent"_s, timeouts::kRoundTrip);
    QCOMPARE(table->rowCount(), 1);
}

void TestAttachedAlerts::alertsAmongThousandsOfEventsAllArrive()
{
    Service service(kWantedRule);
    QVERIFY2(service.start(), qPrintable(service.error));
    AttachedAlerts console(service.url());
    QVERIFY2(waitLinkUp(console.view.get()), qPrintable(console.view->linkDetail()));
    qint64 sampled = 0;
    connect(console.view.get(), &EngineFeed::eventsSampled, this,
            [&sampled](const QList<EventSample> &events, quint64) { sampled += events.size(); });
    // The console watches the events too (as its event stream does): ordinary events until the
    // stream carries them, so the flood below surely flows to the console.
    console.view->setSampling(true);
    QVERIFY(QTest::qWaitFor(
        [&] {
            service.host.publish(kDemoAccount, faceEvent("warm-up", "cam-1", 30));
            return sampled > 0;
        },
        timeouts::kRoundTrip));
    const qint64 sampledBefore = sampled;

    // 6000 ordinary events, and one wanted after each 2000: three alerts in the flood.
    constexpr int kOrdinary = 6000;
    QSet<QString> wantedSources;
    for (int i = 1; i <= kOrdinary; ++i) {
        service.host.publish(kDemoAccount,
                             faceEvent("o" + QByteArray::number(i), "cam-1", 20 + i % 50));
        if (i % 2000 == 0) {
            const QByteArray source = "cam-wanted-" + QByteArray::number(i / 2000);
            service.host.publish(kDemoAccount,
                                 faceEvent("w" + QByteArray::number(i), source, 41, "wanted"));
            wantedSources.insert(QString::fromLatin1(source));
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(console.pane->table()->rowCount(), 3, timeouts::kLongOperation);
    QSet<QString> shown;
    for (int row = 0; row < 3; ++row)
        shown.insert(console.pane->table()->item(row, AlertsPane::Source)->text());
    QCOMPARE(shown, wantedSources);
    // The ordinary events did flow to the console alongside them.
    QTRY_VERIFY_WITH_TIMEOUT(sampled > sampledBefore, timeouts::kRoundTrip);
    QCOMPARE(console.view->linkState(), EngineFeed::LinkState::Up);
}

void TestAttachedAlerts::rulesEditorSavesThroughTheAttachedView()
{
    Service service(kWantedRule);
    QVERIFY2(service.start(), qPrintable(service.error));
    auto view =
        std::make_unique<RemoteEngineView>(service.url(), QString::fromLatin1(kMonitorToken));
    useQuickBackoff(view.get());
    view->start();
    QVERIFY2(waitLinkUp(view.get()), qPrintable(view->linkDetail()));

    AlertRulesDialog dialog(view.get(), nullptr);
    dialog.show();
    // The engine's rules, read over GET /monitor/v1/alert-rules.
    QTRY_COMPARE_WITH_TIMEOUT(dialog.rulesTable()->rowCount(), 1, timeouts::kRoundTrip);
    QCOMPARE(dialog.rulesTable()->item(0, AlertRulesDialog::Name)->text(), u"wanted"_s);

    dialog.rulesTable()->selectRow(0);
    dialog.conditionEdit()->setFocus();
    dialog.conditionEdit()->selectAll();
    QTest::keyClicks(dialog.conditionEdit(), u"age__gte=60"_s);
    QVERIFY(dialog.isValid());
    QVERIFY(dialog.saveButton()->isEnabled());

    // Saved over PUT /monitor/v1/alert-rules: the engine validates and writes its file.
    QSignalSpy saved(view.get(), &EngineFeed::alertRulesReady);
    QSignalSpy failed(view.get(), &EngineFeed::alertError);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty(), timeouts::kRoundTrip);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(saved.first().at(1).toString(), QString());
    const QJsonArray written =
        QJsonDocument::fromJson(service.rulesFile()).object()[u"rules"].toArray();
    QCOMPARE(written.size(), 1);
    QCOMPARE(written[0].toObject()[u"name"].toString(), u"wanted"_s);
    QCOMPARE(written[0].toObject()[u"condition"].toString(), u"age__gte=60"_s);

    // The engine raises by the new rule, and the attached view hears it.
    QSignalSpy raised(view.get(), &EngineFeed::alertRaised);
    service.host.publish(kDemoAccount, faceEvent("e2", "cam-7", 70));
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, timeouts::kRoundTrip);
    QCOMPARE(raised.first().first().value<AlertSnapshot>().source, u"cam-7"_s);
}

QTEST_MAIN(TestAttachedAlerts)
#include "tst_attachedalerts.moc"
