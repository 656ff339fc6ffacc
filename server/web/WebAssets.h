#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <optional>
#include <utility>

namespace sender::web {

using Header = std::pair<QByteArray, QByteArray>;

// One answer for the monitoring port's static route, independent of the HTTP server that sends it.
struct WebReply
{
    int status = 200; // 200 or 304
    QList<Header> headers; // Content-Type, ETag, Cache-Control, Vary, Content-Encoding, security
    QByteArray body; // empty for 304
};

// The web viewer compiled into the program (resources/web/ under :/sender/web/), served at
// /monitor/. Loaded and compressed once; every answer is built from memory. Files are flat (no
// sub-folders), so a name is a plain file name and nothing can climb out of the folder.
class WebAssets
{
public:
    // The assets of the resource folder (":/sender/web/" in the program).
    static const WebAssets &instance();
    explicit WebAssets(const QString &resourceDir);

    // `name` is the path below /monitor/ ("" is index.html). Nothing for an unknown name.
    // ifNoneMatch, acceptEncoding and host are the request's header values (may be empty).
    std::optional<WebReply> reply(QByteArrayView name, QByteArrayView ifNoneMatch,
                                  QByteArrayView acceptEncoding, QByteArrayView host) const;

    // The headers every answer of the viewer carries (the Content-Security-Policy first). The
    // WebSocket of the same host is named in connect-src for browsers whose 'self' does not
    // cover ws: (the Host value is used only when it is a plain host[:port]).
    static QList<Header> securityHeaders(QByteArrayView host);

    QList<QByteArray> names() const { return m_files.keys(); }
    qsizetype count() const { return m_files.size(); }

private:
    struct File
    {
        QByteArray contentType;
        QByteArray identity; // the bytes
        QByteArray deflated; // zlib stream (Content-Encoding: deflate); empty when not smaller
        QByteArray etag; // strong, of the identity bytes; the deflated variant appends "-z"
    };
    QHash<QByteArray, File> m_files;
};

// True when the If-None-Match header value lists `etag` (or is "*"); weak forms compare equal.
bool etagMatches(QByteArrayView ifNoneMatch, QByteArrayView etag);
// True when Accept-Encoding allows `coding` (q > 0, or "*" with q > 0 and no explicit q=0).
bool acceptsEncoding(QByteArrayView acceptEncoding, QByteArrayView coding);

} // namespace sender::web
