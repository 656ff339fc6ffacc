#pragma once

// A stand-in for the monitoring port, for the console's tests until the real one (branch
// issue13-server) is merged: a real engine (EngineHost) in this process, its snapshots encoded
// with the engine's own SnapshotCodec and served over real HTTP and a real WebSocket on one port,
// with the contract's paths, Bearer token, 401/404 JSON errors and stream messages. Only what the
// console reads is served. tst_attachedconsole runs the same scenarios against the real service.

#include "config/ConfigRender.h"
#include "engine/EngineHost.h"
#include "engine/SnapshotCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace sender::testing {

class MonitorStandIn : public QObject
{
public:
    MonitorStandIn(EngineHost *host, const QByteArray &token)
        : m_host(host)
        , m_token(token)
        , m_ws(QStringLiteral("monitor"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_tcp, &QTcpServer::newConnection, this, &MonitorStandIn::accept);
        connect(&m_ws, &QWebSocketServer::newConnection, this, &MonitorStandIn::streamOpened);
        connect(m_host, &EngineHost::snapshotReady, this, [this](const EngineSnapshot &s) {
            m_snapshot = s;
            QJsonObject o = SnapshotCodec::encodeOverview(s);
            o.insert(QStringLiteral("type"), QStringLiteral("overview"));
            broadcast(o, QStringLiteral("overview"));
        });
        connect(m_host, &EngineHost::connectionsReady, this,
                [this](const QList<ConnectionSnapshot> &list) {
                    QJsonArray items;
                    for (const ConnectionSnapshot &c : list)
                        items.append(SnapshotCodec::encodeConnection(c));
                    broadcast({{QStringLiteral("type"), QStringLiteral("connections")},
                               {QStringLiteral("connections"), items}},
                              QStringLiteral("connections"));
                });
        connect(m_host, &EngineHost::filterSetsReady, this,
                [this](const QList<FilterSetSnapshot> &list) {
                    QJsonArray items;
                    for (const FilterSetSnapshot &f : list)
                        items.append(SnapshotCodec::encodeFilterSet(f));
                    broadcast({{QStringLiteral("type"), QStringLiteral("filter_sets")},
                               {QStringLiteral("filter_sets"), items}},
                              QStringLiteral("filter_sets"));
                });
        connect(m_host, &EngineHost::eventsSampled, this,
                [this](const QList<EventSample> &samples, quint64 dropped) {
                    QJsonArray items;
                    for (const EventSample &s : samples)
                        items.append(SnapshotCodec::encodeEventSample(s));
                    broadcast({{QStringLiteral("type"), QStringLiteral("events")},
                               {QStringLiteral("events"), items},
                               {QStringLiteral("dropped"), double(dropped)}},
                              QStringLiteral("events"));
                });
        m_host->setSampling(true);
    }

    // Listens (again) on 127.0.0.1:port; 0 picks one.
    bool listen(quint16 port = 0) { return m_tcp.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_tcp.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port())); }
    // Goes away as a killed service does: the port closes, every connection drops.
    void stop()
    {
        m_tcp.close();
        for (const QPointer<QWebSocket> &s : std::as_const(m_streams)) {
            if (s)
                s->abort();
        }
        m_streams.clear();
        for (QTcpSocket *socket : m_tcp.findChildren<QTcpSocket *>())
            socket->abort();
    }
    int requests() const { return m_requests; }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_tcp.nextPendingConnection())
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { request(socket); });
    }

    bool authorized(const QByteArray &head) const
    {
        static const QRegularExpression bearer(QStringLiteral("\\r\\nauthorization: bearer (\\S+)"),
                                               QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = bearer.match(QString::fromLatin1(head));
        return m.hasMatch() && m.captured(1).toLatin1() == m_token;
    }

    static void reply(QTcpSocket *socket, int status, const QJsonObject &body)
    {
        const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
        const QByteArray reason = status == 200 ? "OK"
            : status == 401                     ? "Unauthorized"
                                                : "Not Found";
        socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                      + "\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(json.size()) + "\r\nConnection: close\r\n\r\n" + json);
        socket->disconnectFromHost();
    }
    static QJsonObject error(int code, const QString &desc, const QString &detail)
    {
        return {{QStringLiteral("error_code"), code},
                {QStringLiteral("desc"), desc},
                {QStringLiteral("detail"), detail},
                {QStringLiteral("link"), QString()}};
    }

    void request(QTcpSocket *socket)
    {
        const QByteArray head = socket->peek(65536);
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0)
            return; // more to come
        ++m_requests;
        const QList<QByteArray> line = head.left(head.indexOf("\r\n")).split(' ');
        const QByteArray method = line.value(0);
        const QByteArray path = line.value(1);
        if (!authorized(head)) {
            socket->disconnect(this);
            reply(socket, 401,
                  error(10001, QStringLiteral("Unauthorized"),
                        QStringLiteral("a valid monitoring token is required")));
            return;
        }
        if (path == "/monitor/v1/stream") {
            socket->disconnect(this);
            m_ws.handleConnection(socket); // it reads the handshake we only peeked at
            return;
        }
        const qsizetype length = head.toLower().indexOf("content-length: ");
        const int bodySize = length < 0
            ? 0
            : head.mid(length + 16, head.indexOf('\r', length) - length - 16).toInt();
        if (socket->bytesAvailable() < end + 4 + bodySize)
            return;
        const QByteArray all = socket->readAll();
        const QJsonObject body = QJsonDocument::fromJson(all.mid(end + 4)).object();
        socket->disconnect(this);
        static const QRegularExpression close(
            QStringLiteral("^/monitor/v1/connections/(\\d+)/close$"));
        const QRegularExpressionMatch m = close.match(QString::fromLatin1(path));
        if (method == "GET" && path == "/monitor/v1/overview") {
            reply(socket, 200, SnapshotCodec::encodeOverview(m_snapshot));
        } else if (method == "GET" && path == "/monitor/v1/config") {
            reply(socket, 200, settingsToJson(m_host->settings()));
        } else if (method == "POST" && m.hasMatch()) {
            const quint64 id = m.captured(1).toULongLong();
            if (!m_lastIds.contains(id)) {
                reply(socket, 404,
                      error(10004, QStringLiteral("Not found"),
                            QStringLiteral("no connection %1").arg(id)));
                return;
            }
            m_host->disconnectClient(id, body.value(QLatin1StringView("reason")).toString());
            m_lastIds.remove(id);
            reply(socket, 200, {{QStringLiteral("closed"), double(id)}});
        } else {
            reply(socket, 404,
                  error(10004, QStringLiteral("Not found"), QString::fromLatin1(path)));
        }
    }

    void streamOpened()
    {
        while (QWebSocket *socket = m_ws.nextPendingConnection()) {
            m_streams.append(socket);
            connect(socket, &QWebSocket::textMessageReceived, socket, [socket](const QString &t) {
                const QJsonArray kinds = QJsonDocument::fromJson(t.toUtf8())
                                             .object()
                                             .value(QLatin1StringView("subscribe"))
                                             .toArray();
                QStringList wanted;
                for (const QJsonValue &k : kinds)
                    wanted.append(k.toString());
                socket->setProperty("wanted", wanted);
            });
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void broadcast(const QJsonObject &message, const QString &kind)
    {
        if (kind == u"connections") {
            m_lastIds.clear();
            for (const QJsonValue &c : message.value(QLatin1StringView("connections")).toArray())
                m_lastIds.insert(quint64(c.toObject().value(QLatin1StringView("id")).toDouble()));
        }
        const QString text =
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
        for (const QPointer<QWebSocket> &s : std::as_const(m_streams)) {
            if (s && s->property("wanted").toStringList().contains(kind))
                s->sendTextMessage(text);
        }
    }

    EngineHost *m_host;
    QByteArray m_token;
    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    QList<QPointer<QWebSocket>> m_streams;
    EngineSnapshot m_snapshot;
    QSet<quint64> m_lastIds;
    int m_requests = 0;
};

} // namespace sender::testing
