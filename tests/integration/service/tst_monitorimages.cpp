// GET /monitor/v1/events/{event_id}/images/{face|body|match} on the real process (issue 26): the
// demo's drawn pictures served with no LUNA installed, behind the monitoring token, with the
// contract's JSON errors for a bad slot or id, an event the instance never saw, and an event that
// names a picture on another host (never followed).
#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "TestTimeouts.h"

using namespace sender::test;

namespace {

const QByteArray kPublishToken = "publish-images-token-51c0";
const QByteArray kAccount = "6d9f0c1a-7c5b-4e2a-9a31-5f0e2b7d8c41";
const QByteArray kForgedEvent = "00000000-0000-4000-8000-00000000f0f0";

QString imagePath(const QString &event, const char *slot)
{
    return QStringLiteral("/monitor/v1/events/%1/images/%2").arg(event, QLatin1StringView(slot));
}

bool isPng(const QByteArray &bytes)
{
    return bytes.startsWith("\x89PNG\r\n\x1a\n");
}

} // namespace

class tst_MonitorImages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }

    void demoPicturesAreServed()
    {
        Service service;
        QVERIFY2(service.start("TOKEN = " + kToken + "\n", "[DEMO]\nENABLED = 1\nRATE = 20\n"),
                 service.process.log().constData());
        QStringList ids;
        QTRY_VERIFY_WITH_TIMEOUT((ids = historyIds(service.monitorPort)).size() >= 5,
                                 timeouts::kRoundTrip);

        // A demo event may show a body only: the first event with a face, every other answer
        // the contract's 404 for "no such picture".
        HttpResult face;
        QString withFace;
        for (const QString &id : ids) {
            face = monitorRequest(service.monitorPort, "GET", imagePath(id, "face"));
            if (face.status == 200) {
                withFace = id;
                break;
            }
            QVERIFY2(face.status == 404, qPrintable(face.describe()));
            QCOMPARE(jsonOf(face).value(QLatin1StringView("error_code")).toInt(), 29130);
        }
        QVERIFY2(!withFace.isEmpty(), qPrintable(face.describe()));
        QCOMPARE(face.header("Content-Type"), QByteArray("image/png"));
        QCOMPARE(face.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QVERIFY(face.header("Cache-Control").startsWith("private"));
        QVERIFY(isPng(face.body));
        // The same picture again is the same bytes (drawn from the sample id, or from the cache).
        QCOMPARE(monitorRequest(service.monitorPort, "GET", imagePath(withFace, "face")).body,
                 face.body);

        // Some demo event has a match whose enrolled face is drawn too; every answer is a
        // picture or the contract's 404 for "no such picture". The demo draws matches at random,
        // so the first events may have none: the history is read again until one has.
        int matches = 0;
        QString problem;
        const auto someMatch = [&] {
            for (const QString &id : historyIds(service.monitorPort)) {
                const HttpResult match =
                    monitorRequest(service.monitorPort, "GET", imagePath(id, "match"));
                if (match.status == 200) {
                    if (!isPng(match.body))
                        problem = QStringLiteral("not a PNG: ") + match.describe();
                    ++matches;
                } else if (match.status != 404
                           || jsonOf(match).value(QLatin1StringView("error_code")).toInt()
                               != 29130) {
                    problem = match.describe();
                }
            }
            return matches > 0 || !problem.isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(someMatch(), timeouts::kRoundTrip);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(matches > 0);
    }

    void behindTheTokenWithContractErrors()
    {
        Service service;
        QVERIFY2(service.start("TOKEN = " + kToken + "\n", "[DEMO]\nENABLED = 1\nRATE = 20\n"),
                 service.process.log().constData());
        QStringList ids;
        QTRY_VERIFY_WITH_TIMEOUT(!(ids = historyIds(service.monitorPort)).isEmpty(),
                                 timeouts::kRoundTrip);

        const HttpResult anonymous =
            monitorRequest(service.monitorPort, "GET", imagePath(ids[0], "face"), {});
        QCOMPARE(anonymous.status, 401);
        QVERIFY(!anonymous.body.contains("PNG"));
        QCOMPARE(
            monitorRequest(service.monitorPort, "GET", imagePath(ids[0], "face"), "wrong").status,
            401);

        const HttpResult slot =
            monitorRequest(service.monitorPort, "GET", imagePath(ids[0], "nose"));
        QCOMPARE(slot.status, 400);
        QCOMPARE(jsonOf(slot).value(QLatin1StringView("error_code")).toInt(), 12012);
        const HttpResult id = monitorRequest(service.monitorPort, "GET",
                                             imagePath(QStringLiteral("not-a-uuid"), "face"));
        QCOMPARE(id.status, 400);
        QCOMPARE(jsonOf(id).value(QLatin1StringView("error_code")).toInt(), 12012);

        const HttpResult unknown = monitorRequest(
            service.monitorPort, "GET",
            imagePath(QStringLiteral("0badc0de-0000-4000-8000-000000000000"), "face"));
        QVERIFY2(unknown.status == 404, qPrintable(unknown.describe()));
        QCOMPARE(jsonOf(unknown).value(QLatin1StringView("error_code")).toInt(), 29130);
    }

    // An event that names its face on another host: the path is never followed, and the answer
    // says so (422), whatever origin is configured.
    void aForgedPathIsNeverFollowed()
    {
        Service service;
        QVERIFY2(service.start("TOKEN = " + kToken + "\n",
                               "[PUBLISH]\nENABLED = 1\nTOKEN = " + kPublishToken + "\n"),
                 service.process.log().constData());
        const QByteArray message =
            "{\"handler_id\": \"0f2a6b3e-1d4c-4b5a-8e9f-7a6b5c4d3e2f\", \"Luna-Request-Id\": "
            "\"1536751345,6a5c2191-3fe9-400c-9b0d-4c4b4b4b4b4b\", \"event_create_time\": "
            "\"2026-12-07T12:00:00.000000+00:00\", \"event_end_time\": "
            "\"2026-12-07T12:00:00.000000+00:00\", \"events\": [{\"event_id\": \""
            + kForgedEvent
            + "\", \"detections\": [{\"samples\": {\"face\": {\"url\": "
              "\"http:\\/\\/169.254.169.254\\/latest\\/meta-data\"}}}]}]}";
        const HttpResult published = publishMessage(service.port, kPublishToken, kAccount, message);
        QVERIFY2(published.status == 200 || published.status == 202,
                 qPrintable(published.describe()));
        QTRY_VERIFY_WITH_TIMEOUT(
            historyIds(service.monitorPort).contains(QLatin1StringView(kForgedEvent)),
            timeouts::kRoundTrip);

        const HttpResult forged = monitorRequest(
            service.monitorPort, "GET", imagePath(QString::fromLatin1(kForgedEvent), "face"));
        QVERIFY2(forged.status == 422, qPrintable(forged.describe()));
        QCOMPARE(jsonOf(forged).value(QLatin1StringView("error_code")).toInt(), 29131);
    }
};

QTEST_GUILESS_MAIN(tst_MonitorImages)
#include "tst_monitorimages.moc"
