// The monitoring port's picture route (GET /monitor/v1/events/{id}/images/{slot}) of the real
// process with a configured LUNA origin (issue 26): [LUNA] API_ORIGIN names a real local HTTP
// server (tests/support/ImageOrigin) and CREDENTIAL_FILE a file holding its token; events
// published into the process name their samples under that origin. A picture is passed on as a
// picture and cached; an origin that stalls, answers HTML or 404 becomes the contract's JSON error
// (never a hang, the process goes on); the credential reaches the origin and nothing else (not
// the log at debug level, not an error body); and events that name anything but a path under the
// origin are never followed: the origin sees no request at all.
#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "ImageOrigin.h"
#include "MonitorTestSupport.h"
#include "TestTimeouts.h"
#include "images/SyntheticPortrait.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace sender::test;
using Answer = ImageOrigin::Answer;

namespace {

const QByteArray kPublishToken = "publish-origin-token-7d21";
const QByteArray kAccount = "6d9f0c1a-7c5b-4e2a-9a31-5f0e2b7d8c41";
const QByteArray kLunaToken = "luna-credential-9c1e47b2f0";
// The service's own IMAGE_TIMEOUT_MS (configured, not a wait of the test): short, so a stalled
// origin gets its 504 well inside the route's request time.
constexpr int kServiceImageLimitMs = 1000;

QByteArray uuid(int group, int n)
{
    return QStringLiteral("00000000-0000-4000-%1-%2")
        .arg(group, 4, 10, QLatin1Char('0'))
        .arg(n, 12, 10, QLatin1Char('0'))
        .toLatin1();
}

QString imagePath(const QByteArray &event, const char *slot)
{
    return QStringLiteral("/monitor/v1/events/%1/images/%2")
        .arg(QString::fromLatin1(event), QLatin1StringView(slot));
}

// An event whose face names `faceUrl` (as "url" of its sample) and, when given, whose best match
// names `avatar` as its enrolled face.
QByteArray eventNaming(const QByteArray &eventId, const QString &faceUrl,
                       const QString &avatar = {})
{
    QJsonObject event {{QStringLiteral("event_id"), QString::fromLatin1(eventId)},
                       {QStringLiteral("detections"),
                        QJsonArray {QJsonObject {
                            {QStringLiteral("samples"),
                             QJsonObject {{QStringLiteral("face"),
                                           QJsonObject {{QStringLiteral("url"), faceUrl}}}}}}}}};
    if (!avatar.isEmpty()) {
        const QJsonObject candidate {
            {QStringLiteral("similarity"), 0.93},
            {QStringLiteral("face"), QJsonObject {{QStringLiteral("avatar"), avatar}}}};
        event.insert(
            QStringLiteral("matches"),
            QJsonArray {QJsonObject {{QStringLiteral("label"), QStringLiteral("vip")},
                                     {QStringLiteral("candidates"), QJsonArray {candidate}}}});
    }
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

// The real process with the publishing port on and [LUNA] pointing at `origin`.
struct OriginService
{
    QTemporaryDir dir;
    Service service;

    bool start(const ImageOrigin &origin)
    {
        const QString credential = dir.filePath(QStringLiteral("luna.token"));
        QFile file(credential);
        if (!file.open(QIODevice::WriteOnly) || file.write(kLunaToken + "\n") < 0)
            return false;
        file.close();
        return service.start(
            "TOKEN = " + kToken + "\n",
            "[PUBLISH]\nENABLED = 1\nTOKEN = " + kPublishToken + "\n[LUNA]\nAPI_ORIGIN = "
                + origin.url().toEncoded() + "\nCREDENTIAL_FILE = " + credential.toUtf8()
                + "\nIMAGE_TIMEOUT_MS = " + QByteArray::number(kServiceImageLimitMs)
                + "\n[LOGGING]\nLEVEL = debug\n");
    }
    QByteArray log() const { return service.process.log(); }

    // Publishes the events and waits until the history holds the last of them.
    bool publish(const QList<QByteArray> &events, const QByteArray &lastId)
    {
        const HttpResult published =
            publishMessage(service.port, kPublishToken, kAccount, redisMessage(events));
        if (published.status != 200 && published.status != 202) {
            qWarning("publish: %s", qPrintable(published.describe()));
            return false;
        }
        return QTest::qWaitFor(
            [&] { return historyIds(service.monitorPort).contains(QString::fromLatin1(lastId)); },
            timeouts::kRoundTrip);
    }
    HttpResult get(const QByteArray &event, const char *slot) const
    {
        return monitorRequest(service.monitorPort, "GET", imagePath(event, slot));
    }
};

} // namespace

class tst_MonitorOrigin : public QObject
{
    Q_OBJECT

    QByteArray m_picture =
        sender::images::renderDemoImage({sender::images::PortraitKind::CapturedFace, 5, 0});

private Q_SLOTS:
    void init() { failOnQtWarnings(); }

    // Each kind of origin answer, through the route; then the credential's whereabouts.
    void originAnswersThroughTheRoute()
    {
        ImageOrigin origin(m_picture);
        const QByteArray png = uuid(1, 1), stall = uuid(1, 2), html = uuid(1, 3),
                         htmlAsPng = uuid(1, 4), missing = uuid(1, 5), enrolled = uuid(1, 6);
        origin.answers.insert(png, Answer::Png);
        origin.answers.insert(enrolled, Answer::Png);
        origin.answers.insert(stall, Answer::Hold);
        origin.answers.insert(html, Answer::Html);
        origin.answers.insert(htmlAsPng, Answer::HtmlAsPng);
        origin.answers.insert(missing, Answer::NotFound);

        OriginService luna;
        QVERIFY2(luna.start(origin), luna.log().constData());
        auto face = [](const QByteArray &sample) -> QString {
            return QStringLiteral("/6/samples/faces/") + QString::fromLatin1(sample);
        };
        const QByteArray eventPng = uuid(2, 1), eventStall = uuid(2, 2), eventHtml = uuid(2, 3),
                         eventHtmlAsPng = uuid(2, 4), eventMissing = uuid(2, 5);
        const QString avatar = QStringLiteral("/6/images/") + QString::fromLatin1(enrolled);
        QVERIFY(luna.publish(
            {eventNaming(eventPng, face(png), avatar), eventNaming(eventStall, face(stall)),
             eventNaming(eventHtml, face(html)), eventNaming(eventHtmlAsPng, face(htmlAsPng)),
             eventNaming(eventMissing, face(missing))},
            eventMissing));
        // Nothing is fetched for an event nobody looks at.
        QCOMPARE(origin.requests.size(), 0);

        // A picture: passed on as it came, with its type, and the origin asked once.
        const HttpResult picture = luna.get(eventPng, "face");
        QVERIFY2(picture.status == 200, qPrintable(picture.describe()));
        QCOMPARE(picture.header("Content-Type"), QByteArray("image/png"));
        QCOMPARE(picture.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(picture.body, m_picture);
        QCOMPARE(origin.requests.size(), 1);
        const QByteArray head = origin.requests.front();
        QVERIFY2(head.startsWith(QByteArray("GET /api/6/samples/faces/" + png + " HTTP/1.1\r\n")),
                 head.constData());
        QVERIFY2(head.contains(QByteArray("\r\nX-Auth-Token: " + kLunaToken)), head.constData());
        QVERIFY2(head.contains(QByteArray("\r\nLuna-Account-Id: " + kAccount)), head.constData());
        // Again: from the cache, the origin not asked.
        QCOMPARE(luna.get(eventPng, "face").body, m_picture);
        QCOMPARE(origin.requests.size(), 1);
        // The match's enrolled face, from /6/images/.
        const HttpResult match = luna.get(eventPng, "match");
        QVERIFY2(match.status == 200, qPrintable(match.describe()));
        QCOMPARE(match.body, m_picture);
        QCOMPARE(origin.requests.size(), 2);
        QVERIFY(
            origin.requests.back().startsWith(QByteArray("GET /api/6/images/" + enrolled + " ")));

        // The origin stalls: the service's timeout answers, not the client's patience.
        QElapsedTimer clock;
        clock.start();
        const HttpResult stalled = luna.get(eventStall, "face");
        QVERIFY2(stalled.status == 504, qPrintable(stalled.describe()));
        QCOMPARE(jsonOf(stalled).value(QLatin1StringView("error_code")).toInt(), 29134);
        QVERIFY2(clock.elapsed() < timeouts::kRoundTrip, "the route hung");
        QVERIFY(luna.service.process.isRunning());

        // HTML, whatever it says it is: refused as not a picture.
        QList<HttpResult> errors {stalled};
        for (const QByteArray &event : {eventHtml, eventHtmlAsPng}) {
            const HttpResult refused = luna.get(event, "face");
            QVERIFY2(refused.status == 502, qPrintable(refused.describe()));
            QCOMPARE(jsonOf(refused).value(QLatin1StringView("error_code")).toInt(), 29136);
            QCOMPARE(refused.header("Content-Type"), QByteArray("application/json"));
            QVERIFY(!refused.body.contains("<html"));
            errors.append(refused);
        }
        // 404 at the origin: the contract's "picture not found".
        const HttpResult notFound = luna.get(eventMissing, "face");
        QVERIFY2(notFound.status == 404, qPrintable(notFound.describe()));
        QCOMPARE(jsonOf(notFound).value(QLatin1StringView("error_code")).toInt(), 29137);
        errors.append(notFound);
        QCOMPARE(origin.requests.size(), 6);

        // The process is fine: other routes answer, the picture still comes.
        QCOMPARE(
            monitorRequest(luna.service.monitorPort, "GET", QStringLiteral("/monitor/v1/overview"))
                .status,
            200);
        QCOMPARE(luna.get(eventPng, "face").body, m_picture);
        QVERIFY(luna.service.process.isRunning());

        // The credential went to the origin only.
        for (const HttpResult &error : std::as_const(errors))
            QVERIFY2(!error.body.contains(kLunaToken), error.body.constData());
        const QByteArray log = luna.log();
        QVERIFY2(log.contains("sender.images") || log.contains("LUNA"), log.constData());
        QVERIFY2(!log.contains(kLunaToken), log.constData());
        const HttpResult config =
            monitorRequest(luna.service.monitorPort, "GET", QStringLiteral("/monitor/v1/config"));
        QVERIFY(!config.body.contains(kLunaToken));
    }

    // Events that name a picture anywhere but under the origin, or try to climb out of it: the
    // route refuses (422 29131) and the origin never sees a request.
    void forgedReferencesAreNeverFollowed()
    {
        ImageOrigin origin(m_picture);
        OriginService luna;
        QVERIFY2(luna.start(origin), luna.log().constData());
        const QString sample = QString::fromLatin1(uuid(3, 1));
        origin.answers.insert(uuid(3, 1), Answer::Png); // what a followed path would reach
        const QString there = QStringLiteral("127.0.0.1:%1").arg(origin.port());
        const QStringList forged {
            QStringLiteral("http://%1/api/6/samples/faces/%2")
                .arg(there, sample), // the origin itself
            QStringLiteral("https://%1/api/6/samples/faces/%2").arg(there, sample),
            QStringLiteral("//%1/api/6/samples/faces/%2").arg(there, sample),
            QStringLiteral("http://169.254.169.254/latest/meta-data"),
            QStringLiteral("file:///etc/passwd"),
            QStringLiteral("gopher://%1/_GET%20/").arg(there),
            QStringLiteral("/6/samples/faces/../../../etc/passwd"),
            QStringLiteral("/6/samples/faces/%1/../%1").arg(sample),
            QStringLiteral("/6/samples/faces/%2e%2e/%2e%2e/admin"),
            QStringLiteral("/6/samples/faces/%1%2F..%2F..%2Fadmin").arg(sample),
            QStringLiteral("/6/samples/faces/%30%1").arg(sample.mid(1)), // an encoded digit
            QStringLiteral("/6/samples/faces/%1?redirect=http://evil.example/").arg(sample),
            QStringLiteral("/6/samples/faces/%1#x").arg(sample),
            QStringLiteral("/6/samples\\faces/%1").arg(sample),
            QStringLiteral("/6/samples/faces/%1 ").arg(sample),
            QStringLiteral("/6/samples/faces//%1").arg(sample),
            QStringLiteral("@%1/6/samples/faces/%2").arg(there, sample),
        };
        QList<QByteArray> events;
        QList<QByteArray> ids;
        for (int i = 0; i < forged.size(); ++i) {
            ids.append(uuid(4, i));
            events.append(eventNaming(ids.back(), forged[i]));
        }
        // A match whose enrolled face is elsewhere, and a sample_id that is a path.
        const QByteArray forgedMatch = uuid(5, 1), forgedSampleId = uuid(5, 2);
        events.append(eventNaming(forgedMatch, QStringLiteral("/6/samples/faces/%1").arg(sample),
                                  QStringLiteral("http://%1/api/6/images/%2").arg(there, sample)));
        const QString climbing = QStringLiteral("../../") + sample;
        events.append(
            QJsonDocument(
                QJsonObject {{QStringLiteral("event_id"), QString::fromLatin1(forgedSampleId)},
                             {QStringLiteral("detections"),
                              QJsonArray {QJsonObject {
                                  {QStringLiteral("samples"),
                                   QJsonObject {{QStringLiteral("face"),
                                                 QJsonObject {{QStringLiteral("sample_id"),
                                                               climbing}}}}}}}}})
                .toJson(QJsonDocument::Compact));
        QVERIFY(luna.publish(events, forgedSampleId));

        auto refused = [](const HttpResult &r) {
            return r.status == 422
                && jsonOf(r).value(QLatin1StringView("error_code")).toInt() == 29131;
        };
        for (int i = 0; i < forged.size(); ++i) {
            const HttpResult r = luna.get(ids[i], "face");
            QVERIFY2(refused(r), qPrintable(forged[i] + QStringLiteral(": ") + r.describe()));
        }
        const HttpResult match = luna.get(forgedMatch, "match");
        QVERIFY2(refused(match), qPrintable(match.describe()));
        const HttpResult sampleId = luna.get(forgedSampleId, "face");
        QVERIFY2(refused(sampleId), qPrintable(sampleId.describe()));
        QVERIFY2(origin.requests.isEmpty(), origin.requests.value(0).constData());

        // The same event's face, a proper path under the origin, is fetched: the origin works.
        const HttpResult face = luna.get(forgedMatch, "face");
        QVERIFY2(face.status == 200, qPrintable(face.describe()));
        QCOMPARE(origin.requests.size(), 1);
        QVERIFY(luna.service.process.isRunning());
    }
};

QTEST_GUILESS_MAIN(tst_MonitorOrigin)
#include "tst_monitororigin.moc"
