#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace sender {

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers; // besides Content-Length/Connection/Date
    QByteArray body;

    HttpResponse &setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;

    static HttpResponse json(int status, QByteArray body);
    static HttpResponse text(int status, QByteArray body, QByteArray contentType);
    static HttpResponse redirect(const QByteArray &location);

    // The bytes on the wire. headOnly leaves the body out but keeps its Content-Length (HEAD).
    QByteArray serialize(bool keepAlive, bool headOnly = false) const;
};

QByteArray reasonPhrase(int status);
QByteArray httpDate(); // "Wed, 25 Nov 2026 18:53:15 GMT"

} // namespace sender
