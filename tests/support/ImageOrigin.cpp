#include "ImageOrigin.h"

#include <QTcpSocket>

namespace sender::test {

ImageOrigin::ImageOrigin(const QByteArray &picture)
    : m_picture(picture)
{
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("ImageOrigin: cannot listen on 127.0.0.1: %s", qPrintable(m_server.errorString()));
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            maxOpen = qMax(maxOpen, ++open);
            connect(s, &QTcpSocket::disconnected, this, [this, s] {
                --open;
                m_pending.remove(s);
                s->deleteLater();
            });
            connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
        }
    });
}

ImageOrigin::~ImageOrigin()
{
    // The server deletes the connections still open after this object's members are gone: they
    // must not call back into it then.
    for (QTcpSocket *s : m_server.findChildren<QTcpSocket *>())
        s->disconnect(this);
}

QUrl ImageOrigin::url(const QString &base) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(base));
}

void ImageOrigin::onData(QTcpSocket *s)
{
    QByteArray &buffer = m_pending[s];
    buffer += s->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QByteArray head = buffer.left(end);
    buffer.clear();
    requests.append(head);
    const QByteArray path = head.split(' ').value(1);
    const QByteArray id = path.mid(path.lastIndexOf('/') + 1);
    const Answer answer = answers.value(id, Answer::NotFound);
    auto reply = [s](const QByteArray &status, const QByteArray &headers, const QByteArray &body) {
        s->write("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: "
                 + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        s->disconnectFromHost();
    };
    switch (answer) {
    case Answer::Png:
        reply("200 OK", "Content-Type: image/png\r\n", m_picture);
        break;
    case Answer::Hold:
        m_held.append(s);
        break;
    case Answer::HtmlAsPng:
        reply("200 OK", "Content-Type: image/png\r\n", "<html><script>alert(1)</script></html>");
        break;
    case Answer::PngAsHtml:
        reply("200 OK", "Content-Type: text/html\r\n", m_picture);
        break;
    case Answer::Html:
        reply("200 OK", "Content-Type: text/html; charset=utf-8\r\n",
              "<!DOCTYPE html><html><body><form action=\"/login\">Sign in</form></body></html>");
        break;
    case Answer::Endless:
        s->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n"
                 + m_picture);
        for (int i = 0; i < 64; ++i)
            s->write(QByteArray(16 * 1024, 'x'));
        s->disconnectFromHost();
        break;
    case Answer::HugeLength:
        s->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: "
                 "1000000000000\r\n\r\n"
                 + m_picture);
        m_held.append(s);
        break;
    case Answer::NotFound:
        reply("404 Not Found", "Content-Type: application/json\r\n", "{}");
        break;
    case Answer::Redirect:
        reply("302 Found", "Location: http://127.0.0.1:1/6/images/x\r\n", {});
        break;
    case Answer::Error:
        reply("500 Internal Server Error", "", "oops");
        break;
    case Answer::Forbidden:
        reply("403 Forbidden", "", "{}");
        break;
    }
}

} // namespace sender::test
