#include "publicport/WsHandshake.h"

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

namespace {

// One extension offer's parameters: acceptable for our way of compressing, or not.
bool acceptableDeflateOffer(const QList<QByteArray> &params)
{
    QList<QByteArray> seen;
    for (const QByteArray &raw : params) {
        const qsizetype equals = raw.indexOf('=');
        const QByteArray name = (equals < 0 ? raw : raw.first(equals)).trimmed().toLower();
        QByteArray value = equals < 0 ? QByteArray() : raw.sliced(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.sliced(1, value.size() - 2);
        if (name.isEmpty() || seen.contains(name))
            return false;
        seen.append(name);
        const auto windowBits = [](const QByteArray &v) {
            bool ok = false;
            const int bits = v.toInt(&ok);
            // 1*DIGIT without a leading zero, 8 to 15 (section 7.1.2).
            return ok && !v.startsWith('0') && bits >= 8 && bits <= 15 ? bits : 0;
        };
        if (name == "server_no_context_takeover" || name == "client_no_context_takeover") {
            if (equals >= 0)
                return false;
        } else if (name == "server_max_window_bits") {
            if (windowBits(value) != 15) // valid but smaller: we cannot honour it in one variant
                return false;
        } else if (name == "client_max_window_bits") {
            if (equals >= 0 && windowBits(value) == 0)
                return false;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<QByteArray> negotiateDeflate(const HttpRequest &request)
{
    const QByteArray header = request.header("sec-websocket-extensions");
    // Offers in the client's order of preference; quoted values never hold ',' or ';' here.
    for (const QByteArray &element : header.split(',')) {
        QList<QByteArray> parts = element.split(';');
        if (parts.takeFirst().trimmed().toLower() != "permessage-deflate")
            continue;
        if (acceptableDeflateOffer(parts))
            return QByteArrayLiteral(
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover");
    }
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
