#pragma once

#include "config/Settings.h"
#include "http/ApiError.h"
#include "monitor/MonitorListener.h"
#include "monitor/MonitorState.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace sender {

class MonitorFeed;
class MonitorStream;

// The monitoring port itself: Qt's QHttpServer for the JSON resources under /monitor/v1 and its
// WebSocket upgrade (QWebSocketServer inside it) for the stream. Lives on the monitoring port's
// own thread (MonitorService), so neither serving nor encoding ever runs on the engine's.
class MonitorServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address;
        quint16 port = 0;
        QByteArray token;
        int maxClients = 16;
        // Besides the port's own origin, which browsers may open the stream
        // (MONITOR.ALLOWED_ORIGINS, "scheme://host[:port]").
        QStringList allowedOrigins;
        MonitorLimits limits;
    };

    MonitorServer(const Options &options, const Settings &settings, MonitorFeed *feed,
                  QObject *parent = nullptr);
    ~MonitorServer() override;

    // Listens; on failure *error says why. The address it listens on is address().
    bool listen(QString *error);
    QString address() const { return m_state.monitorAddress; }
    void setSettings(const Settings &settings) { m_state.settings = settings; }
    void seed(const EngineSnapshot &snapshot);
    // Closes every stream (1001) and stops listening.
    void close();

private:
    void missing(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void acceptStreams();
    void writeError(QHttpServerResponder &responder, const ApiError &error,
                    const QList<std::pair<QByteArray, QByteArray>> &extra = {});

    Options m_options;
    MonitorState m_state;
    std::unique_ptr<QHttpServer> m_http;
    MonitorStream *m_stream = nullptr;
    MonitorListener *m_listener = nullptr; // owned by m_http once listening
};

} // namespace sender
