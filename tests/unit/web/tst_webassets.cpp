// The web viewer as compiled into the program: every file of resources/web/ is there byte for
// byte, everything the page loads resolves, the page has no inline script or style and never
// inserts HTML, both languages have every string, and the HTTP answers (ETag/304, deflate,
// security headers) are right. The browser tests (tests/web) drive the same files for real.

#include "web/WebAssets.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QtEndian>

using namespace sender::web;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("LUNA_SENDER_SOURCE_DIR") + QStringLiteral("/resources/web/");
}

QByteArray readSource(const QString &name)
{
    QFile f(sourceDir() + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray header(const WebReply &r, QByteArrayView name)
{
    for (const Header &h : r.headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QSet<QString> captures(const QString &pattern, const QString &text, int group = 1)
{
    QSet<QString> out;
    const QRegularExpression re(pattern);
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(group));
    return out;
}

// The keys of one dictionary of i18n.js: the lines between "const <name> = {" and "};".
QSet<QString> dictionaryKeys(const QString &source, const QString &name)
{
    const qsizetype start = source.indexOf(QStringLiteral("const %1 = {").arg(name));
    const qsizetype end = source.indexOf(QStringLiteral("\n};"), start);
    if (start < 0 || end < 0)
        return {};
    return captures(QStringLiteral("'([a-z_]+(?:\\.[a-z0-9_]+)*)':"),
                    source.mid(start, end - start));
}

} // namespace

class tst_WebAssets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // A Qt warning is a failure (the loader warns about a file it cannot read).
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    }

    void everySourceFileIsCompiledIn()
    {
        const QStringList sources = QDir(sourceDir()).entryList(QDir::Files, QDir::Name);
        QVERIFY2(sources.contains(QStringLiteral("index.html")), qPrintable(sourceDir()));
        const WebAssets &assets = WebAssets::instance();
        QCOMPARE(assets.count(), sources.size());
        for (const QString &name : sources) {
            const auto r = assets.reply(name.toUtf8(), {}, {}, {});
            QVERIFY2(r.has_value(), qPrintable(name));
            QCOMPARE(r->status, 200);
            QCOMPARE(r->body, readSource(name));
        }
    }

    void everyReferenceResolves()
    {
        const WebAssets &assets = WebAssets::instance();
        const QString html = QString::fromUtf8(readSource(QStringLiteral("index.html")));
        QSet<QString> refs = captures(QStringLiteral("(?:src|href)=\"([^\"#][^\"]*)\""), html);
        for (const QByteArray &name : assets.names()) {
            if (!name.endsWith(".js"))
                continue;
            const QString js = QString::fromUtf8(readSource(QString::fromUtf8(name)));
            refs += captures(QStringLiteral("(?:from|import\\()\\s*'\\./([^']+)'"), js);
        }
        QVERIFY(refs.contains(QStringLiteral("main.js")));
        QVERIFY(refs.contains(QStringLiteral("app.css")));
        for (const QString &ref : std::as_const(refs))
            QVERIFY2(assets.reply(ref.toUtf8(), {}, {}, {}).has_value(), qPrintable(ref));
    }

    // The CSP forbids inline script and style; the page must not need them (they would silently
    // not run), and nothing may parse strings as HTML or code.
    void noInlineScriptStyleOrHtmlInsertion()
    {
        const QString html = QString::fromUtf8(readSource(QStringLiteral("index.html")));
        QCOMPARE(html.count(QStringLiteral("<script")),
                 html.count(QRegularExpression(QStringLiteral("<script type=\"module\" src=\""))));
        QVERIFY(!html.contains(QRegularExpression(QStringLiteral("\\son[a-z]+\\s*="))));
        QVERIFY(!html.contains(QStringLiteral(" style=")));
        QVERIFY(!html.contains(QStringLiteral("<style")));
        QVERIFY(!html.contains(QStringLiteral("http://")));
        QVERIFY(!html.contains(QStringLiteral("https://")));
        const QRegularExpression forbidden(QStringLiteral(
            "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new Function|"
            "setAttribute\\(\\s*'style'|DOMParser|createContextualFragment|https?://"));
        for (const QByteArray &name : WebAssets::instance().names()) {
            if (!name.endsWith(".js"))
                continue;
            const QString js = QString::fromUtf8(readSource(QString::fromUtf8(name)));
            const auto m = forbidden.match(js);
            QVERIFY2(!m.hasMatch(),
                     qPrintable(QString::fromUtf8(name) + QStringLiteral(": ") + m.captured()));
        }
    }

    void bothLanguagesHaveEveryString()
    {
        const QString i18n = QString::fromUtf8(readSource(QStringLiteral("i18n.js")));
        const QSet<QString> en = dictionaryKeys(i18n, QStringLiteral("en"));
        const QSet<QString> ru = dictionaryKeys(i18n, QStringLiteral("ru"));
        QVERIFY(en.size() > 50);
        QCOMPARE(QSet<QString>(en - ru), QSet<QString>());
        QCOMPARE(QSet<QString>(ru - en), QSet<QString>());

        // Every key the page and the code ask for exists.
        const QString html = QString::fromUtf8(readSource(QStringLiteral("index.html")));
        QSet<QString> used =
            captures(QStringLiteral("data-i18n(?:-placeholder|-label)?=\"([^\"]+)\""), html);
        for (const QByteArray &name : WebAssets::instance().names()) {
            if (!name.endsWith(".js"))
                continue;
            const QString js = QString::fromUtf8(readSource(QString::fromUtf8(name)));
            used += captures(QStringLiteral("\\bt\\('([a-z_]+\\.?[a-z0-9_.]*)'"), js);
            used += captures(QStringLiteral("\\['(attr\\.[a-z_]+)'"), js);
            used += captures(QStringLiteral("\\['ov\\.([a-z_]+)'"), js);
        }
        QVERIFY(used.size() > 40);
        for (const QString &key : std::as_const(used))
            QVERIFY2(en.contains(key) || en.contains(QStringLiteral("ov.") + key), qPrintable(key));
    }

    void etagAndNotModified()
    {
        const WebAssets &assets = WebAssets::instance();
        const auto first = assets.reply("", {}, {}, "127.0.0.1:5081");
        QVERIFY(first);
        QCOMPARE(first->status, 200);
        QCOMPARE(first->body, readSource(QStringLiteral("index.html")));
        QCOMPARE(header(*first, "Content-Type"), QByteArray("text/html; charset=utf-8"));
        QCOMPARE(header(*first, "Cache-Control"), QByteArray("no-cache"));
        const QByteArray etag = header(*first, "ETag");
        QVERIFY(QRegularExpression(QStringLiteral("^\"[0-9a-f]{20}\"$"))
                    .match(QString::fromLatin1(etag))
                    .hasMatch());
        // The same bytes under their own name give the same tag.
        QCOMPARE(header(*assets.reply("index.html", {}, {}, {}), "ETag"), etag);

        const QList<QByteArray> matching {etag, "W/" + etag, "\"other\", " + etag, "*"};
        for (const QByteArray &ifNoneMatch : matching) {
            const auto r = assets.reply("", ifNoneMatch, {}, {});
            QCOMPARE(r->status, 304);
            QVERIFY(r->body.isEmpty());
            QCOMPARE(header(*r, "ETag"), etag);
            QVERIFY(!header(*r, "Content-Security-Policy").isEmpty());
        }
        QCOMPARE(assets.reply("", "\"other\"", {}, {})->status, 200);
        QCOMPARE(assets.reply("main.js", etag, {}, {})->status, 200); // another file's tag
    }

    void deflateWhenAccepted()
    {
        const WebAssets &assets = WebAssets::instance();
        const QByteArray original = readSource(QStringLiteral("view-events.js"));
        const auto z = assets.reply("view-events.js", {}, "gzip, deflate, br", {});
        QCOMPARE(header(*z, "Content-Encoding"), QByteArray("deflate"));
        QCOMPARE(header(*z, "Vary"), QByteArray("Accept-Encoding"));
        QCOMPARE(header(*z, "Content-Type"), QByteArray("text/javascript; charset=utf-8"));
        QVERIFY(z->body.size() < original.size());
        // A zlib stream: qUncompress wants the 4-byte length in front.
        QByteArray sized(4, '\0');
        qToBigEndian<quint32>(quint32(original.size()), sized.data());
        QCOMPARE(qUncompress(sized + z->body), original);
        const QByteArray zTag = header(*z, "ETag");
        QVERIFY(zTag.endsWith("-z\""));
        QCOMPARE(assets.reply("view-events.js", zTag, "deflate", {})->status, 304);

        for (const QByteArray &refused :
             {QByteArray(), QByteArray("gzip"), QByteArray("deflate;q=0"), QByteArray("identity"),
              QByteArray("*;q=0")}) {
            const auto r = assets.reply("view-events.js", {}, refused, {});
            QVERIFY2(header(*r, "Content-Encoding").isEmpty(), refused.constData());
            QCOMPARE(r->body, original);
            QVERIFY(header(*r, "ETag") != zTag);
        }
        QCOMPARE(header(*assets.reply("app.css", {}, "*", {}), "Content-Encoding"),
                 QByteArray("deflate"));
    }

    void unknownNamesAreNotFound_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("missing") << QByteArray("nope.js");
        QTest::newRow("parent") << QByteArray("../CMakeLists.txt");
        QTest::newRow("encoded parent") << QByteArray("%2e%2e/CMakeLists.txt");
        QTest::newRow("sub-folder") << QByteArray("x/main.js");
        QTest::newRow("trailing slash") << QByteArray("main.js/");
        QTest::newRow("absolute") << QByteArray("/etc/passwd");
        QTest::newRow("case") << QByteArray("MAIN.JS");
        QTest::newRow("nul") << QByteArray("main.js\0", 8);
    }

    void unknownNamesAreNotFound()
    {
        QFETCH(QByteArray, name);
        QVERIFY(!WebAssets::instance().reply(name, {}, {}, {}).has_value());
    }

    void securityHeaders()
    {
        const QList<Header> h = WebAssets::securityHeaders("127.0.0.1:5081");
        QCOMPARE(h.first().first, QByteArray("Content-Security-Policy"));
        const QByteArray csp = h.first().second;
        QVERIFY(csp.contains("default-src 'self'"));
        QVERIFY(csp.contains("script-src 'self';"));
        QVERIFY(csp.contains("connect-src 'self' ws://127.0.0.1:5081 wss://127.0.0.1:5081;"));
        QVERIFY(csp.contains("frame-ancestors 'none'"));
        QVERIFY(!csp.contains("unsafe"));
        QVERIFY(h.contains(Header("X-Content-Type-Options", "nosniff")));
        QVERIFY(h.contains(Header("Referrer-Policy", "no-referrer")));
        QVERIFY(
            WebAssets::securityHeaders("[::1]:5081").first().second.contains("ws://[::1]:5081"));

        // A Host that is not a plain host[:port] never reaches the policy.
        for (const QByteArray &evil : {QByteArray("x; script-src *"), QByteArray("a b"),
                                       QByteArray("host\r\nX: y"), QByteArray("'unsafe-inline'")}) {
            const QByteArray c = WebAssets::securityHeaders(evil).first().second;
            QVERIFY2(c.contains("connect-src 'self';"), c.constData());
            QVERIFY(!c.contains("unsafe") && !c.contains("*"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_WebAssets)
#include "tst_webassets.moc"
