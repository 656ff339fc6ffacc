#include "web/WebAssets.h"

#include "SenderResources.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcWeb, "sender.web")

namespace sender::web {

namespace {

QByteArray contentTypeFor(const QString &name)
{
    if (name.endsWith(QLatin1String(".html")))
        return "text/html; charset=utf-8";
    if (name.endsWith(QLatin1String(".js")))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(QLatin1String(".css")))
        return "text/css; charset=utf-8";
    if (name.endsWith(QLatin1String(".svg")))
        return "image/svg+xml";
    if (name.endsWith(QLatin1String(".png")))
        return "image/png";
    return "application/octet-stream";
}

bool isText(const QByteArray &contentType)
{
    return contentType.startsWith("text/") || contentType == "image/svg+xml";
}

// qCompress gives a 4-byte big-endian length and then a zlib stream, which is exactly what HTTP's
// "deflate" coding is (RFC 9110 8.4.1.2): drop the length. Compressed once at start-up.
QByteArray deflate(const QByteArray &bytes)
{
    const QByteArray packed = qCompress(bytes, 9);
    return packed.size() > 4 ? packed.mid(4) : QByteArray();
}

QByteArrayView trimmed(QByteArrayView v)
{
    return v.trimmed();
}

} // namespace

const WebAssets &WebAssets::instance()
{
    static const WebAssets assets(QString::fromLatin1(resources::kWebDir));
    return assets;
}

WebAssets::WebAssets(const QString &resourceDir)
{
    const QDir dir(resourceDir);
    const QStringList names = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcWeb) << "cannot read" << file.fileName();
            continue;
        }
        File f;
        f.identity = file.readAll();
        f.contentType = contentTypeFor(name);
        f.etag = '"'
            + QCryptographicHash::hash(f.identity, QCryptographicHash::Sha256).toHex().left(20)
            + '"';
        if (isText(f.contentType)) {
            QByteArray z = deflate(f.identity);
            if (!z.isEmpty() && z.size() < f.identity.size())
                f.deflated = std::move(z);
        }
        m_files.insert(name.toUtf8(), std::move(f));
    }
}

std::optional<WebReply> WebAssets::reply(QByteArrayView name, QByteArrayView ifNoneMatch,
                                         QByteArrayView acceptEncoding, QByteArrayView host) const
{
    const QByteArray key = name.isEmpty() ? QByteArray("index.html") : name.toByteArray();
    const auto it = m_files.constFind(key);
    if (it == m_files.cend())
        return std::nullopt;
    const File &f = *it;
    const bool compressed = !f.deflated.isEmpty() && acceptsEncoding(acceptEncoding, "deflate");
    const QByteArray etag = compressed ? f.etag.chopped(1) + "-z\"" : f.etag;

    WebReply r;
    r.headers = securityHeaders(host);
    r.headers.append(Header("ETag", etag));
    // Names are not content-hashed, so the browser asks again every time and gets a 304 while
    // the program has not changed: an upgrade is picked up at the next load, never stale.
    r.headers.append(Header("Cache-Control", "no-cache"));
    r.headers.append(Header("Vary", "Accept-Encoding"));
    if (etagMatches(ifNoneMatch, etag)) {
        r.status = 304;
        return r;
    }
    r.headers.append(Header("Content-Type", f.contentType));
    if (compressed)
        r.headers.append(Header("Content-Encoding", "deflate"));
    r.body = compressed ? f.deflated : f.identity;
    return r;
}

QList<Header> WebAssets::securityHeaders(QByteArrayView host)
{
    static const QRegularExpression plainHost(
        QStringLiteral("^(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?$"));
    QByteArray connect = "'self'";
    const QString h = QString::fromLatin1(trimmed(host));
    if (!h.isEmpty() && plainHost.match(h).hasMatch())
        connect += " ws://" + h.toLatin1() + " wss://" + h.toLatin1();
    const QByteArray csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
        "connect-src "
        + connect
        + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'";
    return {
        {"Content-Security-Policy", csp},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
    };
}

bool etagMatches(QByteArrayView ifNoneMatch, QByteArrayView etag)
{
    for (QByteArrayView item : QByteArray(ifNoneMatch.toByteArray()).split(',')) {
        item = item.trimmed();
        if (item == "*")
            return true;
        if (item.startsWith("W/"))
            item = item.sliced(2);
        if (!item.isEmpty() && item == etag)
            return true;
    }
    return false;
}

bool acceptsEncoding(QByteArrayView acceptEncoding, QByteArrayView coding)
{
    bool star = false;
    for (const QByteArray &part : acceptEncoding.toByteArray().split(',')) {
        const QList<QByteArray> fields = part.split(';');
        const QByteArray name = fields.first().trimmed().toLower();
        double q = 1.0;
        for (qsizetype i = 1; i < fields.size(); ++i) {
            const QByteArray p = fields.at(i).trimmed();
            if (p.startsWith("q=") || p.startsWith("Q="))
                q = p.mid(2).toDouble();
        }
        if (name == coding)
            return q > 0;
        if (name == "*")
            star = q > 0;
    }
    return star;
}

} // namespace sender::web
