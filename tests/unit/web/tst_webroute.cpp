// The web viewer's routes on a real QHttpServer (the monitoring port's server class), over real
// HTTP from QNetworkAccessManager: the page, 304 on an unchanged file, deflate that a client
// really decodes, the redirect, /favicon.ico, and 404 in the contract's JSON for anything else.

#include "TestTimeouts.h"
#include "web/WebRoute.h"

#include <QFile>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QNetworkReply *raw = nullptr;
    QByteArray header(const char *name) const { return raw->rawHeader(name); }
};

QByteArray readSource(const QString &name)
{
    QFile f(qEnvironmentVariable("LUNA_SENDER_SOURCE_DIR") + QStringLiteral("/resources/web/")
            + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_WebRoute : public QObject
{
    Q_OBJECT

    QHttpServer m_server;
    QNetworkAccessManager m_nam;
    quint16 m_port = 0;

    Reply get(const QByteArray &path, const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port) + QString::fromLatin1(path)));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        QNetworkReply *reply = m_nam.get(request);
        reply->setParent(this);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeouts::kRoundTrip);
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->readAll(), reply};
    }

private Q_SLOTS:
    void initTestCase()
    {
        sender::web::addWebViewerRoutes(m_server);
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_port != 0);
    }

    void init()
    {
        // A Qt warning is a failure.
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    }

    void servesThePageWithItsHeaders()
    {
        const Reply r = get("/monitor/");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, readSource(QStringLiteral("index.html")));
        QCOMPARE(r.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
        const QByteArray csp = r.header("Content-Security-Policy");
        QVERIFY(csp.contains("script-src 'self'"));
        QVERIFY(csp.contains(QStringLiteral("ws://127.0.0.1:%1").arg(m_port).toLatin1()));
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-cache"));
        QVERIFY(!r.header("ETag").isEmpty());
    }

    void notModifiedForTheSameETag()
    {
        const Reply first = get("/monitor/main.js");
        QCOMPARE(first.status, 200);
        const Reply again = get("/monitor/main.js", {{"If-None-Match", first.header("ETag")}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        QCOMPARE(get("/monitor/main.js", {{"If-None-Match", "\"stale\""}}).status, 200);
    }

    void deflatedForAClientThatDecodesIt()
    {
        // QNetworkAccessManager asks for gzip and deflate itself and decodes transparently.
        const Reply r = get("/monitor/view-events.js");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Encoding"), QByteArray("deflate"));
        QCOMPARE(r.body, readSource(QStringLiteral("view-events.js")));
    }

    void redirectsTheBarePath()
    {
        const Reply r = get("/monitor");
        QCOMPARE(r.status, 301);
        QCOMPARE(r.header("Location"), QByteArray("/monitor/"));
    }

    // Browsers ask for /favicon.ico on every load whatever the page links: the viewer's icon,
    // public like the page (on the monitoring port it used to fall through to the API's 401).
    void servesTheIconAsFavicon()
    {
        const Reply r = get("/favicon.ico");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("image/svg+xml"));
        QCOMPARE(r.body, readSource(QStringLiteral("icon.svg")));
        QVERIFY(r.body.contains("<svg"));
        QCOMPARE(get("/monitor/icon.svg").body, r.body);
    }

    void unknownFilesAreJson404()
    {
        const Reply r = get("/monitor/nope.js");
        QCOMPARE(r.status, 404);
        const QJsonObject error = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(error.value(u"error_code").toInt(), 12013);
        QCOMPARE(error.value(u"desc").toString(), QStringLiteral("Resource not found"));
        // Paths that climb out never reach a file (the server's own missing handler answers,
        // or this route with its 404).
        for (const QByteArray &path :
             {QByteArray("/monitor/%2e%2e/CMakeLists.txt"),
              QByteArray("/monitor/..%2fCMakeLists.txt"), QByteArray("/monitor/x/main.js")})
            QCOMPARE(get(path).status, 404);
    }
};

QTEST_GUILESS_MAIN(tst_WebRoute)
#include "tst_webroute.moc"
