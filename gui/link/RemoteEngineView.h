#pragma once

#include "engine/EngineFeed.h"

#include <QTimer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QWebSocket;

namespace sender {

// The engine of a running service, seen through its monitoring port: GET /monitor/v1/overview to
// check the address and the token, then the live stream /monitor/v1/stream (overview, lists and
// event samples), decoded with the engine's SnapshotCodec into the same types a local engine
// gives. A lost link is retried by itself with back-off; a refused token is not (the user has to
// give another). The token goes only into the Authorization header and is never logged.
class RemoteEngineView : public EngineFeed
{
    Q_OBJECT
public:
    struct Backoff
    {
        int firstMs = 500;
        int maxMs = 10000;
    };

    RemoteEngineView(const QUrl &service, const QString &token, QObject *parent = nullptr);
    ~RemoteEngineView() override;

    void setBackoff(const Backoff &backoff) { m_backoff = backoff; }
    // Starts linking (again, after Refused, with this token).
    void start();
    void setToken(const QString &token) { m_token = token; }

    QUrl service() const { return m_service; }
    // Milliseconds until the next attempt while Down, else -1.
    int nextRetryInMs() const;

    bool isRemote() const override { return true; }
    QString instanceName() const override;
    // The latest overview and lists the stream brought (what the link shows, not a fresh ask).
    void fetch(Fetched done) override;
    void recentEvents(int limit, std::optional<QUuid> account, RecentDone done) override;
    void requestRecentEvents(int limit) override;
    void fleet(FleetDone done) override; // RemoteEngineFleet.cpp
    void closeConnection(quint64 id, const QString &reason,
                         std::function<void(bool found)> done) override;
    void disconnectClient(quint64 id, const QString &reason) override;
    void requestConfig() override;
    void acknowledgeAlert(quint64 id, const QString &by, const QString &comment) override;
    void requestAlerts(int limit = 500) override;
    void requestAlertRules() override;
    void setAlertRules(const QByteArray &json) override;
    // The alerts live in the service: answers come through the signals, `task` gets nullptr.
    void withAlerts(std::function<void(EngineAlerts *)> task) override { task(nullptr); }
    // GET /monitor/v1/events/{id}/images/{slot} with the token; the answer's error_code gives the
    // status back (a picture that is not one is NotAnImage, whatever the port said).
    void requestImage(const QUuid &eventId, images::ImageSlot slot, ImageDone done) override;

protected:
    // The stream's subscription follows what is watched (events only while someone shows them).
    void watchedChanged() override;

private:
    // A stream message is one overview, one list or one batch of samples: far below this. The
    // bound keeps a confused or hostile peer from making the console buffer without end.
    static constexpr qint64 kMaxMessage = 32 * 1024 * 1024;
    // The service caps a picture at LUNA.IMAGE_MAX_BYTES, 64 MiB at most.
    static constexpr qint64 kMaxImage = 64 * 1024 * 1024;

    void connectNow();
    void overviewAnswered(QNetworkReply *reply);
    void openStream();
    void streamMessage(const QString &text);
    void lost(const QString &why);
    void sendSubscription();
    QNetworkRequest request(const QString &path) const;
    QNetworkRequest jsonRequest(const QString &path) const;
    // Runs done(body) on a 2xx JSON object reply, else emits alertError(what: the reply's error).
    void onJsonReply(QNetworkReply *reply, const QString &what,
                     std::function<void(const QJsonObject &)> done);
    // The contract's JSON error of a failed reply, as one readable sentence.
    static QString replyError(QNetworkReply *reply, const QByteArray &body);

    QUrl m_service;
    QString m_token;
    QNetworkAccessManager *m_http;
    QWebSocket *m_socket = nullptr;
    QTimer m_retry;
    Backoff m_backoff;
    int m_attempts = 0; // failed attempts since the link was last up
    bool m_sampling = false; // events are in the subscription
    EngineSnapshot m_snapshot; // the latest ones, for fetch()
    QList<ConnectionSnapshot> m_connections;
    QList<FilterSetSnapshot> m_filterSets;
    bool m_everUp = false;
};

} // namespace sender
