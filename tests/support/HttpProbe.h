#pragma once

#include "TestTimeouts.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QString>
#include <QTcpSocket>

#include <optional>
#include <utility>

namespace sender::test {

using RawHeader = std::pair<QByteArray, QByteArray>;
using RawHeaders = QList<RawHeader>;

// One HTTP response as a client saw it.
struct HttpResult
{
    int status = 0;
    QByteArray reason;
    RawHeaders headers; // in wire order
    QByteArray body;
    QString transportError; // QNetworkReply's error text or the raw reader's complaint

    // First value of a header (case-insensitive name); empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    int headerCount(QByteArrayView name) const;
    // Status, headers and (the start of) the body, for failure messages.
    QString describe() const;
};

// The generated request id format of the contract (section 2).
bool isGeneratedRequestId(const QByteArray &value);

// Sends one request through QNetworkAccessManager and waits for the answer with the event loop
// running (the server lives on the same thread). Redirects are not followed.
HttpResult httpRequest(QNetworkAccessManager &nam, const QByteArray &verb, QNetworkRequest request,
                       const QByteArray &body = {}, int timeoutMs = timeouts::kRoundTrip);
HttpResult httpGet(QNetworkAccessManager &nam, const QUrl &url, const RawHeaders &headers = {},
                   int timeoutMs = timeouts::kRoundTrip);

// Parses one response from the front of *buffer. Returns true and removes it when complete.
// headRequest: the response has no body whatever its headers say. eof: the peer closed (a body
// without length ends there).
enum class ParseResult { Incomplete, Complete, Error };
ParseResult parseHttpResponse(QByteArray *buffer, bool headRequest, bool eof, HttpResult *out);

// A plain TCP connection speaking HTTP/1.1 byte by byte, for what QNetworkAccessManager hides:
// exact request bytes, pipelining, keep-alive, half-sent heads, the absence of a 101.
class RawHttpConnection
{
public:
    RawHttpConnection();
    bool connectTo(quint16 port, int timeoutMs = timeouts::kSignal);
    void write(const QByteArray &bytes);
    // Waits for the next complete response on this connection.
    std::optional<HttpResult> readResponse(int timeoutMs = timeouts::kRoundTrip,
                                           bool headRequest = false);
    // Waits until the server closes the connection.
    bool waitForDisconnected(int timeoutMs);
    bool isConnected() const;
    // Everything the server has sent on this connection so far.
    QByteArray received() const { return m_received; }
    QString errorString() const { return m_error; }
    QTcpSocket &socket() { return m_socket; }

private:
    void pull();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_received;
    bool m_eof = false;
    QString m_error;
};

// Builds "GET <target> HTTP/1.1\r\nHost: ...\r\n<headers>\r\n".
QByteArray requestBytes(const QByteArray &method, const QByteArray &target, quint16 port,
                        const RawHeaders &headers = {}, const QByteArray &body = {});

// The JSON error body of the contract: exactly error_code, desc, detail and optionally link, the
// given code (any when negative) and (when not empty) the given desc; application/json;
// Luna-Request-Id present.
// Returns what is wrong, empty when all is right.
QString errorBodyProblem(const HttpResult &result, int status, int errorCode,
                         const QString &desc = {});

// The body as a JSON object (an empty object when it is not one).
QJsonObject jsonObject(const QByteArray &body);

} // namespace sender::test
