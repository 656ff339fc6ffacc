#pragma once

// The monitoring port of the real headless process, as the tst_monitor* tests drive it: a service
// with its monitoring port, authenticated requests, a monitor on the stream, and the required
// keys of the port's own OpenAPI document (read from the YAML the port serves).

#include "HttpProbe.h"
#include "ServiceProcess.h"
#include "TestTimeouts.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

namespace sender::test {

inline const QByteArray kToken = "monitor-test-token-5b1f0c";
inline const QByteArray kDemoAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
inline const QByteArray kQuietAccount = "0b5c3f3e-6d0e-4b8e-9a51-2f7c9f1d2a44";

inline quint16 monitorPortOf(const ServiceProcess &service)
{
    static const QRegularExpression line(
        QStringLiteral("monitoring port listening on [0-9.]+:(\\d+)"));
    const QRegularExpressionMatch m = line.match(QString::fromUtf8(service.log()));
    return m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
}

struct Service
{
    ServiceProcess process;
    quint16 port = 0;
    quint16 monitorPort = 0;

    // server: more keys of [SERVER] (the monitoring port shares its timeouts and byte bounds).
    bool start(const QByteArray &monitor, const QByteArray &more = {},
               const QByteArray &server = {})
    {
        process.writeConfig("[SERVER]\nHOST = 127.0.0.1\nPORT = 0\n" + server
                            + "[MONITOR]\nPORT = 0\n" + monitor + more);
        port = process.startListening();
        if (!port
            || !QTest::qWaitFor([&] { return monitorPortOf(process) != 0; }, timeouts::kRoundTrip))
            return false;
        monitorPort = monitorPortOf(process);
        return true;
    }
};

inline HttpResult monitorRequest(quint16 port, const QByteArray &verb, const QString &path,
                                 const QByteArray &token = kToken, const QByteArray &body = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    return httpRequest(nam, verb, request, body);
}

inline QJsonObject jsonOf(const HttpResult &result)
{
    return QJsonDocument::fromJson(result.body).object();
}

// The required keys of every schema of the document (components/schemas/<name>/required, and
// read from the YAML the port serves: a small reader for this document's layout.
inline QHash<QString, QStringList> requiredKeys(const QByteArray &yaml)
{
    QHash<QString, QStringList> out;
    QString schema;
    bool inSchemas = false;
    QString pending; // a required list continued over lines
    for (const QByteArray &raw : yaml.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(u"  schemas:")) {
            inSchemas = true;
            continue;
        }
        if (!inSchemas)
            continue;
        if (line.startsWith(u"    ") && !line.startsWith(u"     ") && line.endsWith(u':'))
            schema = line.trimmed().chopped(1);
        // The schema's own list (six spaces in), not that of an object nested in it.
        const qsizetype at = line.startsWith(u"      required: [") ? 6 : -1;
        if (at >= 0)
            pending = line.mid(at + 11);
        else if (!pending.isEmpty())
            pending += line.trimmed();
        if (!pending.isEmpty() && pending.contains(u']')) {
            for (const QString &key : pending.left(pending.indexOf(u']')).split(u','))
                out[schema].append(key.trimmed());
            pending.clear();
        }
    }
    return out;
}

// The keys `schema` requires that `object` lacks.
inline QStringList missingKeys(const QHash<QString, QStringList> &required, const QString &schema,
                               const QJsonObject &object)
{
    QStringList missing;
    for (const QString &key : required.value(schema)) {
        if (!object.contains(key))
            missing.append(schema + u'.' + key);
    }
    return missing;
}

// The event ids of a GET /monitor/v1/history answer, in its order.
inline QList<QByteArray> historyIds(const QJsonObject &answer)
{
    QList<QByteArray> ids;
    for (const QJsonValue &e : answer.value(QLatin1StringView("events")).toArray())
        // A sample holds the message as subscribers get it: {"event": {...}, "handler_id": ...}.
        ids.append(e.toObject()
                       .value(QLatin1StringView("event"))
                       .toObject()
                       .value(QLatin1StringView("event"))
                       .toObject()
                       .value(QLatin1StringView("event_id"))
                       .toString()
                       .toLatin1());
    return ids;
}

// The ids of the events the history holds now (the last 50), oldest first.
inline QStringList historyIds(quint16 monitorPort)
{
    QStringList ids;
    for (const QByteArray &id : historyIds(jsonOf(
             monitorRequest(monitorPort, "GET", QStringLiteral("/monitor/v1/history?limit=50")))))
        ids.append(QString::fromLatin1(id));
    return ids;
}

// A message (the contract's Redis message format) through the Sender port's POST /1/publish.
inline HttpResult publishMessage(quint16 port, const QByteArray &publishToken,
                                 const QByteArray &account, const QByteArray &message)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/1/publish").arg(port)));
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Authorization", "Bearer " + publishToken);
    request.setRawHeader("Luna-Account-Id", account);
    return httpRequest(nam, "POST", request, message);
}

// A monitor on the stream (QWebSocket), collecting the messages by type.
struct Monitor
{
    QWebSocket socket;
    QHash<QString, QList<QJsonObject>> messages;

    explicit Monitor(quint16 port, const QByteArray &token = kToken)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &text) {
                             const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
                             messages[o.value(QLatin1StringView("type")).toString()].append(o);
                         });
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/monitor/v1/stream?token=%2")
                             .arg(port)
                             .arg(QString::fromLatin1(token))));
    }
    bool subscribe(const QJsonObject &message)
    {
        if (socket.state() != QAbstractSocket::ConnectedState
            && !QSignalSpy(&socket, &QWebSocket::connected).wait(timeouts::kRoundTrip))
            return false;
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
        return true;
    }
};

inline QJsonObject subscribeAll(const QString &filter = {})
{
    QJsonObject o {{QStringLiteral("subscribe"),
                    QJsonArray {QStringLiteral("overview"), QStringLiteral("connections"),
                                QStringLiteral("filter_sets"), QStringLiteral("events")}}};
    if (!filter.isEmpty())
        o.insert(QStringLiteral("events_filter"), filter);
    return o;
}

} // namespace sender::test
