#pragma once

// A LUNA-like picture origin on 127.0.0.1, port 0, for the tests of the picture path (the
// ImageService on its own in tst_imageservice, the monitoring route of the real process in
// tst_monitororigin). HTTP/1.1 is spoken by hand on a QTcpServer so each answer is exactly what a
// working, broken or hostile origin sends; the answer is chosen per last path segment (the
// sample id). Every request's head is kept, so a test can say what reached the origin (the path,
// the credential) and that nothing did.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace sender::test {

class ImageOrigin : public QObject
{
public:
    enum class Answer {
        Png, // 200 image/png with `picture`
        Hold, // never answered (a stalled origin)
        HtmlAsPng, // 200 "image/png" whose body is HTML
        PngAsHtml, // 200 text/html whose body is the picture
        Html, // 200 text/html with an HTML page (a login page, a proxy's error)
        Endless, // no length, a body that goes on past any cap
        HugeLength, // a Content-Length of a terabyte, then silence
        NotFound, // 404 application/json
        Redirect, // 302 to another host
        Error, // 500
        Forbidden // 403 (the credential refused)
    };

    // picture: the bytes a Png answer carries (a real PNG).
    explicit ImageOrigin(const QByteArray &picture);
    ~ImageOrigin() override;

    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    // The origin with a base path, as [LUNA] API_ORIGIN names it.
    QUrl url(const QString &base = QStringLiteral("/api")) const;

    QHash<QByteArray, Answer> answers; // by the path's last segment; NotFound when absent
    QList<QByteArray> requests; // request heads (request line and headers), in order
    int open = 0; // connections open now
    int maxOpen = 0; // the most open at once

private:
    void onData(QTcpSocket *socket);

    QByteArray m_picture;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
    QList<QPointer<QTcpSocket>> m_held;
};

} // namespace sender::test
