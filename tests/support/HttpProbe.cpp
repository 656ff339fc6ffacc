#include "HttpProbe.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

#include <memory>

namespace sender::test {

QByteArray HttpResult::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResult::hasHeader(QByteArrayView name) const
{
    return headerCount(name) > 0;
}

int HttpResult::headerCount(QByteArrayView name) const
{
    int count = 0;
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            ++count;
    }
    return count;
}

QString HttpResult::describe() const
{
    QString text = QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromLatin1(reason));
    if (!transportError.isEmpty())
        text += QStringLiteral(" (transport: ") + transportError + u')';
    for (const auto &[key, value] : headers)
        text +=
            u'\n' + QString::fromLatin1(key) + QStringLiteral(": ") + QString::fromLatin1(value);
    text += QStringLiteral("\n\n") + QString::fromUtf8(body.left(600));
    return text;
}

bool isGeneratedRequestId(const QByteArray &value)
{
    static const QRegularExpression format(
        QStringLiteral("^[0-9]{10},[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$"));
    return format.match(QString::fromLatin1(value)).hasMatch();
}

HttpResult httpRequest(QNetworkAccessManager &nam, const QByteArray &verb, QNetworkRequest request,
                       const QByteArray &body, int timeoutMs)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply;
    if (verb == "HEAD")
        reply.reset(nam.head(request));
    else if (verb == "GET" && body.isEmpty())
        reply.reset(nam.get(request));
    else
        reply.reset(nam.sendCustomRequest(request, verb, body));

    HttpResult result;
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, timeoutMs)) {
        reply->abort();
        result.transportError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.transportError = reply->errorString();
    return result;
}

HttpResult httpGet(QNetworkAccessManager &nam, const QUrl &url, const RawHeaders &headers,
                   int timeoutMs)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return httpRequest(nam, "GET", request, {}, timeoutMs);
}

namespace {
// Decodes a chunked body starting at `from`; the offset just past it, or -1 when incomplete.
qsizetype decodeChunked(const QByteArray &buffer, qsizetype from, QByteArray *body, bool *bad)
{
    qsizetype pos = from;
    for (;;) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return -1;
        QByteArray sizeText = buffer.mid(pos, lineEnd - pos);
        const qsizetype semicolon = sizeText.indexOf(';');
        if (semicolon >= 0)
            sizeText.truncate(semicolon);
        bool ok = false;
        const qsizetype size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0) {
            *bad = true;
            return -1;
        }
        pos = lineEnd + 2;
        if (size == 0) {
            // Trailers end with an empty line.
            const qsizetype end = buffer.indexOf("\r\n", pos);
            if (end < 0)
                return -1;
            if (end == pos)
                return pos + 2;
            const qsizetype trailersEnd = buffer.indexOf("\r\n\r\n", pos);
            return trailersEnd < 0 ? -1 : trailersEnd + 4;
        }
        if (buffer.size() < pos + size + 2)
            return -1;
        body->append(buffer.mid(pos, size));
        pos += size + 2;
    }
}
} // namespace

ParseResult parseHttpResponse(QByteArray *buffer, bool headRequest, bool eof, HttpResult *out)
{
    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
    if (headEnd < 0)
        return eof && !buffer->isEmpty() ? ParseResult::Error : ParseResult::Incomplete;
    const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
    HttpResult result;
    const QByteArray statusLine = lines.first().trimmed();
    if (!statusLine.startsWith("HTTP/1."))
        return ParseResult::Error;
    const QList<QByteArray> parts = statusLine.split(' ');
    if (parts.size() < 2)
        return ParseResult::Error;
    bool ok = false;
    result.status = parts.at(1).toInt(&ok);
    if (!ok)
        return ParseResult::Error;
    result.reason = statusLine.mid(parts.at(0).size() + parts.at(1).size() + 2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return ParseResult::Error;
        result.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const qsizetype bodyStart = headEnd + 4;
    qsizetype end = bodyStart;
    const bool noBody = headRequest || (result.status >= 100 && result.status < 200)
        || result.status == 204 || result.status == 304;
    if (noBody) {
        end = bodyStart;
    } else if (result.header("Transfer-Encoding").toLower().contains("chunked")) {
        bool bad = false;
        end = decodeChunked(*buffer, bodyStart, &result.body, &bad);
        if (bad)
            return ParseResult::Error;
        if (end < 0)
            return eof ? ParseResult::Error : ParseResult::Incomplete;
    } else if (result.hasHeader("Content-Length")) {
        const qsizetype length = result.header("Content-Length").toLongLong(&ok);
        if (!ok || length < 0)
            return ParseResult::Error;
        if (buffer->size() < bodyStart + length)
            return eof ? ParseResult::Error : ParseResult::Incomplete;
        result.body = buffer->mid(bodyStart, length);
        end = bodyStart + length;
    } else {
        if (!eof)
            return ParseResult::Incomplete;
        result.body = buffer->mid(bodyStart);
        end = buffer->size();
    }
    buffer->remove(0, end);
    *out = result;
    return ParseResult::Complete;
}

RawHttpConnection::RawHttpConnection()
{
    QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket, [this] { pull(); });
    QObject::connect(&m_socket, &QAbstractSocket::disconnected, &m_socket, [this] {
        if (m_socket.isOpen())
            pull();
        m_eof = true;
    });
    QObject::connect(&m_socket, &QAbstractSocket::errorOccurred, &m_socket,
                     [this](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError)
                             m_eof = true;
                     });
}

void RawHttpConnection::pull()
{
    if (!m_socket.isOpen())
        return;
    const QByteArray bytes = m_socket.readAll();
    m_buffer += bytes;
    m_received += bytes;
}

bool RawHttpConnection::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    const bool connected = QTest::qWaitFor(
        [&] {
            return m_socket.state() == QAbstractSocket::ConnectedState
                || m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    if (!connected || m_socket.state() != QAbstractSocket::ConnectedState) {
        m_error = QStringLiteral("cannot connect: ") + m_socket.errorString();
        return false;
    }
    return true;
}

void RawHttpConnection::write(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

std::optional<HttpResult> RawHttpConnection::readResponse(int timeoutMs, bool headRequest)
{
    HttpResult result;
    ParseResult state = ParseResult::Incomplete;
    (void)QTest::qWaitFor(
        [&] {
            state = parseHttpResponse(&m_buffer, headRequest, m_eof, &result);
            return state != ParseResult::Incomplete;
        },
        timeoutMs);
    if (state == ParseResult::Complete)
        return result;
    m_error = state == ParseResult::Error
        ? QStringLiteral("not an HTTP response: ") + QString::fromLatin1(m_buffer.left(200))
        : QStringLiteral("no complete response within %1 ms (got %2 bytes: %3)")
              .arg(timeoutMs)
              .arg(m_buffer.size())
              .arg(QString::fromLatin1(m_buffer.left(200)));
    return std::nullopt;
}

bool RawHttpConnection::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
        [&] { return m_eof || m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}

bool RawHttpConnection::isConnected() const
{
    return !m_eof && m_socket.state() == QAbstractSocket::ConnectedState;
}

QByteArray requestBytes(const QByteArray &method, const QByteArray &target, quint16 port,
                        const RawHeaders &headers, const QByteArray &body)
{
    QByteArray bytes =
        method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const auto &[name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    if (!body.isEmpty())
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return bytes + "\r\n" + body;
}

QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QString errorBodyProblem(const HttpResult &result, int status, int errorCode, const QString &desc)
{
    QStringList problems;
    if (result.status != status)
        problems << QStringLiteral("status %1, expected %2").arg(result.status).arg(status);
    if (!result.header("Content-Type").startsWith("application/json"))
        problems << QStringLiteral("Content-Type is '%1', expected application/json")
                        .arg(QString::fromLatin1(result.header("Content-Type")));
    if (!result.hasHeader("Luna-Request-Id"))
        problems << QStringLiteral("no Luna-Request-Id header");
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(result.body, &parseError);
    if (!document.isObject()) {
        problems << QStringLiteral("body is not a JSON object: ") + parseError.errorString();
    } else {
        const QJsonObject body = document.object();
        for (const QString &key : body.keys()) {
            if (key != u"error_code" && key != u"desc" && key != u"detail" && key != u"link")
                problems << QStringLiteral("unexpected key '%1'").arg(key);
        }
        const QJsonValue code = body.value(u"error_code");
        if (!code.isDouble() || code.toDouble() != double(code.toInteger()))
            problems << QStringLiteral("error_code is not an integer");
        else if (errorCode >= 0 && code.toInteger() != errorCode)
            problems << QStringLiteral("error_code %1, expected %2")
                            .arg(code.toInteger())
                            .arg(errorCode);
        if (!body.value(u"desc").isString())
            problems << QStringLiteral("desc is not a string");
        else if (!desc.isEmpty() && body.value(u"desc").toString() != desc)
            problems << QStringLiteral("desc '%1', expected '%2'")
                            .arg(body.value(u"desc").toString(), desc);
        if (!body.value(u"detail").isString() || body.value(u"detail").toString().isEmpty())
            problems << QStringLiteral("detail is missing or empty");
        if (body.contains(u"link") && !body.value(u"link").isString())
            problems << QStringLiteral("link is not a string");
    }
    if (problems.isEmpty())
        return {};
    return problems.join(QStringLiteral("; ")) + QStringLiteral("\n--- response:\n")
        + result.describe();
}

} // namespace sender::test
