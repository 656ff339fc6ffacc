// ImageService against a real HTTP origin on port 0 (tests/support/ImageOrigin: HTTP/1.1 spoken by
// hand, so each answer can be exactly what a broken or hostile origin would send): pictures pass,
// everything else becomes a clear status, never a hang; one fetch per path, a bound on fetches at
// once, the cache, the demo's drawn pictures, and the credential never in a log line.
#include "FailOnWarnings.h"
#include "ImageOrigin.h"
#include "TestTimeouts.h"
#include "config/Settings.h"
#include "images/ImageConfig.h"
#include "images/ImageRef.h"
#include "images/ImageService.h"
#include "images/SyntheticPortrait.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace sender::images;

namespace {

constexpr char kToken[] = "s3cret-token-4f1d9a";
constexpr char kAccount[] = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

using Answer = sender::test::ImageOrigin::Answer;

QByteArray pngBytes()
{
    return renderDemoImage({PortraitKind::EnrolledFace, 1, 0});
}

// The shared origin (tests/support/ImageOrigin), answering with the demo's drawn face.
struct Origin : sender::test::ImageOrigin
{
    Origin()
        : ImageOrigin(pngBytes())
    { }
};

QByteArray idFor(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')).toLatin1();
}

QByteArray pathFor(int n)
{
    return "/6/samples/faces/" + idFor(n);
}

struct Collected
{
    QList<ImageResult> results;
};

void fetchInto(ImageService &service, const QByteArray &path, QObject *context, Collected &into)
{
    service.fetch(path, kAccount, context,
                  [&into](const ImageResult &r) { into.results.append(r); });
}

} // namespace

class TestImageService : public QObject
{
    Q_OBJECT

    ImageSettings settingsFor(const Origin &origin)
    {
        ImageSettings s;
        s.origin = origin.url();
        s.token = kToken;
        s.timeoutMs = 2000;
        s.maxBytes = 256 * 1024;
        return s;
    }

private Q_SLOTS:
    void init()
    {
        sender::test::failOnQtWarnings();
        s_logged.clear();
        s_previous =
            qInstallMessageHandler([](QtMsgType t, const QMessageLogContext &c, const QString &m) {
                s_logged.append(m);
                if (s_previous)
                    s_previous(t, c, m);
            });
        QLoggingCategory::setFilterRules(QStringLiteral("sender.images.debug=true"));
    }
    void cleanup()
    {
        qInstallMessageHandler(s_previous);
        QLoggingCategory::setFilterRules(QString());
        for (const QString &line : std::as_const(s_logged))
            QVERIFY2(!line.contains(QLatin1StringView(kToken)), qPrintable(line));
    }

    void answers_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<int>("status");
        QTest::newRow("picture") << int(Answer::Png) << int(ImageStatus::Ok);
        QTest::newRow("slow origin") << int(Answer::Hold) << int(ImageStatus::Timeout);
        QTest::newRow("html said to be png")
            << int(Answer::HtmlAsPng) << int(ImageStatus::NotAnImage);
        QTest::newRow("png said to be html")
            << int(Answer::PngAsHtml) << int(ImageStatus::NotAnImage);
        QTest::newRow("endless body") << int(Answer::Endless) << int(ImageStatus::TooLarge);
        QTest::newRow("huge Content-Length")
            << int(Answer::HugeLength) << int(ImageStatus::TooLarge);
        QTest::newRow("not found") << int(Answer::NotFound) << int(ImageStatus::NotFound);
        QTest::newRow("redirect") << int(Answer::Redirect) << int(ImageStatus::Unavailable);
        QTest::newRow("server error") << int(Answer::Error) << int(ImageStatus::Unavailable);
        QTest::newRow("credential refused")
            << int(Answer::Forbidden) << int(ImageStatus::Unavailable);
    }
    void answers()
    {
        QFETCH(int, answer);
        QFETCH(int, status);
        Origin origin;
        origin.answers.insert(idFor(1), Answer(answer));
        ImageService service(settingsFor(origin));
        Collected got;
        fetchInto(service, pathFor(1), this, got);
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 1, timeouts::kRoundTrip);
        const ImageResult &r = got.results.front();
        QCOMPARE(int(r.status), status);
        if (r.status == ImageStatus::Ok) {
            QCOMPARE(r.contentType, QByteArray("image/png"));
            QCOMPARE(r.bytes, pngBytes());
        } else {
            QVERIFY(r.bytes.isEmpty());
            QVERIFY(!r.detail.isEmpty());
        }
        // The request: under the origin's base path, with the account and the credential, once.
        QCOMPARE(origin.requests.size(), 1);
        const QByteArray head = origin.requests.front();
        QVERIFY2(head.startsWith(QByteArray("GET /api" + pathFor(1) + " HTTP/1.1\r\n")),
                 head.constData());
        QVERIFY(head.contains(QByteArray("\r\nLuna-Account-Id: " + QByteArray(kAccount))));
        QVERIFY(head.contains(QByteArray("\r\nX-Auth-Token: " + QByteArray(kToken))));
        QCOMPARE(service.fetchesInFlight(), 0);
    }

    void unreachableOrigin()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nobody listens there now
        ImageSettings s;
        s.origin = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        ImageService service(s);
        Collected got;
        fetchInto(service, pathFor(2), this, got);
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 1, timeouts::kRoundTrip);
        QCOMPARE(got.results.front().status, ImageStatus::Unavailable);
    }

    void oneFetchPerPathAndCached()
    {
        Origin origin;
        origin.answers.insert(idFor(3), Answer::Png);
        ImageService service(settingsFor(origin));
        Collected got;
        for (int i = 0; i < 5; ++i)
            fetchInto(service, pathFor(3), this, got);
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 5, timeouts::kRoundTrip);
        for (const ImageResult &r : std::as_const(got.results))
            QCOMPARE(r.status, ImageStatus::Ok);
        QCOMPARE(origin.requests.size(), 1);
        fetchInto(service, pathFor(3), this, got);
        QCOMPARE(got.results.size(), 5); // never called back synchronously
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 6, timeouts::kRoundTrip);
        QCOMPARE(origin.requests.size(), 1); // from the cache
        QCOMPARE(service.originRequests(), quint64(1));
    }

    void cacheAgeRefetches()
    {
        Origin origin;
        origin.answers.insert(idFor(4), Answer::Png);
        ImageSettings s = settingsFor(origin);
        s.cache.maxAgeMs = 1000;
        qint64 clock = 0;
        ImageService service(s);
        service.setClockForTesting([&clock] { return clock; });
        Collected got;
        fetchInto(service, pathFor(4), this, got);
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 1, timeouts::kRoundTrip);
        clock = 999;
        fetchInto(service, pathFor(4), this, got);
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 2, timeouts::kRoundTrip);
        QCOMPARE(origin.requests.size(), 1);
        clock = 1000;
        fetchInto(service, pathFor(4), this, got);
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 3, timeouts::kRoundTrip);
        QCOMPARE(origin.requests.size(), 2);
    }

    void boundedFetchesAndWaiting()
    {
        Origin origin;
        for (int n = 10; n < 20; ++n)
            origin.answers.insert(idFor(n), Answer::Hold);
        ImageSettings s = settingsFor(origin);
        s.maxFetches = 2;
        s.maxWaiting = 5;
        s.timeoutMs = 60000;
        auto service = std::make_unique<ImageService>(s);
        Collected got;
        for (int n = 10; n < 18; ++n) // 2 in flight, 5 waiting, the 8th is Busy
            fetchInto(*service, pathFor(n), this, got);
        QTRY_COMPARE_WITH_TIMEOUT(origin.requests.size(), 2, timeouts::kRoundTrip);
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 1, timeouts::kRoundTrip);
        QCOMPARE(got.results.front().status, ImageStatus::Busy);
        QCOMPARE(service->fetchesInFlight(), 2);
        QCOMPARE(origin.maxOpen, 2);
        // Nothing else was asked for while two were held.
        QCOMPARE(origin.requests.size(), 2);
        service.reset(); // stopping cancels what is in flight without calling anyone back
    }

    void deadContextIsNotCalled()
    {
        Origin origin;
        origin.answers.insert(idFor(5), Answer::Png);
        ImageService service(settingsFor(origin));
        auto *viewer = new QObject;
        bool called = false;
        service.fetch(pathFor(5), kAccount, viewer,
                      [&called](const ImageResult &) { called = true; });
        delete viewer;
        Collected got;
        fetchInto(service, pathFor(5), this, got); // the same fetch, another viewer
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 1, timeouts::kRoundTrip);
        QVERIFY(!called);
    }

    void demoPictures()
    {
        ImageSettings s;
        s.demoImages = true;
        ImageService service(s); // no origin
        QRandomGenerator random(3);
        const QByteArray demo = makeDemoImageId({PortraitKind::Body, 9, 0}, random);
        Collected got;
        fetchInto(service, "/6/samples/bodies/" + demo, this, got);
        fetchInto(service, pathFor(6), this, got); // not a demo id, and no origin
        QTRY_COMPARE_WITH_TIMEOUT(got.results.size(), 2, timeouts::kRoundTrip);
        QCOMPARE(got.results[0].status, ImageStatus::Ok);
        QCOMPARE(got.results[0].contentType, QByteArray("image/png"));
        QCOMPARE(got.results[0].bytes, renderDemoImage({PortraitKind::Body, 9, 0}));
        QCOMPARE(got.results[1].status, ImageStatus::NotConfigured);
    }

    void settingsValidation_data()
    {
        QTest::addColumn<QString>("origin");
        QTest::addColumn<bool>("usable");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("http") << QStringLiteral("http://luna.local:5000") << true;
        QTest::newRow("https base") << QStringLiteral("https://luna.local/api/") << true;
        QTest::newRow("ftp") << QStringLiteral("ftp://luna.local") << false;
        QTest::newRow("no host") << QStringLiteral("http://") << false;
        QTest::newRow("password") << QStringLiteral("http://admin:hunter2@luna.local") << false;
        QTest::newRow("query") << QStringLiteral("http://luna.local/?a=b") << false;
        QTest::newRow("relative") << QStringLiteral("luna.local") << false;
    }
    void settingsValidation()
    {
        QFETCH(QString, origin);
        QFETCH(bool, usable);
        ImageSettings s;
        s.origin = QUrl(origin);
        const QString error = validateImageSettings(s);
        QCOMPARE(error.isEmpty(), usable);
        QVERIFY(!error.contains(QLatin1StringView("hunter2")));
    }

    void settingsFromConfiguration()
    {
        QTemporaryDir dir;
        auto withCredential = [&dir](const QByteArray &content) {
            const QString path = dir.filePath(QStringLiteral("luna.token"));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
                qFatal("cannot write %s", qPrintable(path));
            sender::Settings settings;
            settings.set(QStringLiteral("LUNA.API_ORIGIN"),
                         QStringLiteral("http://luna.local:5000"),
                         sender::Settings::Origin::CommandLine);
            settings.set(QStringLiteral("LUNA.CREDENTIAL_FILE"), path,
                         sender::Settings::Origin::CommandLine);
            return settings;
        };
        QString error;
        const auto good =
            imageSettingsFrom(withCredential(QByteArray(kToken) + "\nsecond line\n"), &error);
        QVERIFY2(good, qPrintable(error));
        QCOMPARE(good->token, QByteArray(kToken));
        QCOMPARE(good->origin, QUrl(QStringLiteral("http://luna.local:5000")));
        QCOMPARE(good->timeoutMs, 5000);
        QVERIFY(!good->demoImages);

        QVERIFY(!imageSettingsFrom(withCredential("\n"), &error));
        QVERIFY(error.contains(QLatin1StringView("holds no token")));
        QVERIFY(!imageSettingsFrom(withCredential("tok en\n"), &error));
        QVERIFY(error.contains(QLatin1StringView("spaces or control characters")));
        QVERIFY(!error.contains(QLatin1StringView("tok en")));

        sender::Settings missing = withCredential(kToken);
        missing.set(QStringLiteral("LUNA.CREDENTIAL_FILE"), dir.filePath(QStringLiteral("absent")),
                    sender::Settings::Origin::CommandLine);
        QVERIFY(!imageSettingsFrom(missing, &error));
        QVERIFY(error.startsWith(QLatin1StringView("LUNA.CREDENTIAL_FILE: cannot read")));

        sender::Settings demo;
        demo.set(QStringLiteral("DEMO.ENABLED"), true, sender::Settings::Origin::CommandLine);
        const auto demoOnly = imageSettingsFrom(demo, &error);
        QVERIFY(demoOnly && demoOnly->demoImages && demoOnly->origin.isEmpty());
    }

    void sniffing()
    {
        QCOMPARE(sniffImageType(QByteArray("\xff\xd8\xff\xe0....")), QByteArray("image/jpeg"));
        QCOMPARE(sniffImageType(QByteArray("GIF89a..")), QByteArray("image/gif"));
        QCOMPARE(sniffImageType(QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16)),
                 QByteArray("image/webp"));
        QCOMPARE(sniffImageType(QByteArray("<svg xmlns")), QByteArray());
        QCOMPARE(sniffImageType(QByteArray()), QByteArray());
    }

private:
    static inline QStringList s_logged;
    static inline QtMessageHandler s_previous = nullptr;
};

QTEST_GUILESS_MAIN(TestImageService)
#include "tst_imageservice.moc"
