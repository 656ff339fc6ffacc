#include "ws/WsHandshake.h"

#include <QCryptographicHash>

namespace sender::wshandshake {

std::optional<Problem> check(const HttpRequest &request)
{
    if (!request.headerHasToken("upgrade", "websocket"))
        return Problem {426,
                        QStringLiteral("this resource only speaks WebSocket: send "
                                       "'Upgrade: websocket' and 'Connection: Upgrade'")};
    if (!request.headerHasToken("connection", "upgrade"))
        return Problem {400, QStringLiteral("'Connection' must include 'Upgrade'")};
    if (request.versionMinor < 1)
        return Problem {400, QStringLiteral("a WebSocket handshake needs HTTP/1.1")};
    if (request.header("sec-websocket-version").trimmed() != "13")
        return Problem {426, QStringLiteral("only WebSocket version 13 is supported")};
    const QByteArray key = request.header("sec-websocket-key").trimmed();
    const auto decoded =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (request.headerCount("sec-websocket-key") != 1 || !decoded || decoded.decoded.size() != 16)
        return Problem {400, QStringLiteral("'Sec-WebSocket-Key' must be 16 bytes in base64")};
    return std::nullopt;
}

QByteArray acceptKey(QByteArrayView clientKey)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(clientKey.trimmed());
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

} // namespace sender::wshandshake
