#pragma once

#include "engine/EngineAlerts.h"
#include "engine/EngineSnapshot.h"
#include "filters/SubscriptionFilter.h"
#include "monitor/SampleRateLimit.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

class QWebSocket;

namespace sender {

class MonitorState;

// WS /monitor/v1/stream: every monitor says what it wants ({"subscribe": [...],
// "events_filter": "...", "events_max_rate": n}) and gets one JSON object per text frame, each
// with a "type". The overview goes out as the feed delivers it (at most 10 a second), a list only
// when it changed (at most twice a second), events in the feed's batches with the count of
// samples dropped. A monitor that gives events_max_rate gets at most that many samples a second,
// spread over each batch, and the rest counted as dropped: a page that shows what a human can
// read need not take (and draw) every sample its socket could carry.
//
// A monitor that reads slowly never costs the engine anything (the engine only hands over
// snapshots) and never grows memory here: above kSoftLimit bytes waiting on its socket it gets no
// new messages (events are counted as dropped, lists are sent again once it drains), and if it
// stays there for kStallMs, or its queue passes kHardLimit, it is closed with 1008.
class MonitorStream : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kSoftLimit = 1 << 20;
    static constexpr qint64 kHardLimit = 32 << 20;
    static constexpr qint64 kStallMs = 5000;
    static constexpr qint64 kMaxClientMessage = 65536;
    // A socket that signs in by message has this long to send it (the web viewer sends it as
    // soon as the socket opens). At most kMaxSigningIn wait at once, kMaxSigningInPerAddress
    // from one address; one more takes the place of the oldest waiting one (closed with 4503),
    // so sockets that never sign in can neither take a signed-in monitor's place (MAX_CLIENTS
    // bounds those apart) nor keep a viewer from signing in (issue 30, point 2).
    static constexpr int kAuthMs = 3000;
    static constexpr int kMaxSigningIn = 8;
    static constexpr int kMaxSigningInPerAddress = 4;
    static constexpr int kCloseUnauthorized = 4401;
    // A monitor signing in by message while MAX_CLIENTS are open (or as many sign in): try later.
    static constexpr int kCloseBusy = 4503;

    explicit MonitorStream(MonitorState &state, QObject *parent = nullptr);
    ~MonitorStream() override;

    // authorized: the handshake carried the token (Authorization: Bearer, or ?token=). Otherwise
    // the first message must be {"auth": "<token>"} within kAuthMs, or the socket is closed with
    // 4401: a browser cannot set a header on a WebSocket, and a token in the URL ends up in the
    // logs of proxies in between (the web viewer of issue 16 signs in this way).
    void accept(std::unique_ptr<QWebSocket> socket, bool authorized);
    // Monitors signed in (MAX_CLIENTS bounds these), and sockets still waiting for their
    // {"auth"} message (bounded apart, so sockets without a token never take a monitor's place).
    int count() const;
    int signingIn() const;
    void closeAll();

    // From the feed, after MonitorState has been updated.
    void overviewChanged();
    void connectionsChanged(bool changed);
    void filterSetsChanged(bool changed);
    void eventsSampled(const QList<EventSample> &events, quint64 droppedBefore);
    // "alert" or "alert_ack" to the monitors that asked for "alerts"; never sampled (only the
    // hard limit stops them).
    void alert(const QString &type, const AlertSnapshot &alert);

private:
    enum class Kind { Overview, Connections, FilterSets, Events, Error };
    struct Subscriber
    {
        std::unique_ptr<QWebSocket> socket;
        QString peer;
        QByteArray address; // clientAddressKey, for the per-address bound
        QSet<QString> wanted;
        std::optional<SubscriptionFilter> filter; // nothing: every event
        std::optional<SampleRateLimit> rate; // nothing: as many as the socket takes
        qint64 pending = 0; // bytes handed to the socket and not yet written
        quint64 dropped = 0; // event samples not sent since the last batch
        bool connectionsStale = false;
        bool filterSetsStale = false;
        QElapsedTimer stalledSince; // valid while pending is above kSoftLimit
        bool authorized = false;
        bool refused = false; // closed with 4401, waiting for the peer to go
    };

    void received(Subscriber *subscriber, const QString &text);
    // The first message of a socket that came without the token: {"auth": "<token>"}.
    void authenticate(Subscriber *subscriber, const QJsonObject &message);
    // Closes with `code` (4401: not signed in); `disconnected` then removes the subscriber.
    void refuse(Subscriber *subscriber, int code = kCloseUnauthorized,
                const QString &reason = QStringLiteral("the monitoring token is missing or wrong"));
    // Sends unless the subscriber is over kSoftLimit (or, forced, kHardLimit); false when not.
    bool send(Subscriber *subscriber, const QJsonObject &message, bool force = false);
    void sendCurrentState(Subscriber *subscriber);
    void sendConnections(Subscriber *subscriber);
    void sendFilterSets(Subscriber *subscriber);
    // Closes the subscribers that stall; then the feed samples only while someone wants events.
    void reap();
    void remove(Subscriber *subscriber);
    void updateSampling();
    // Makes room for one more socket signing in from `address`.
    void makeSignInRoom(const QByteArray &address);

    MonitorState &m_state;
    QElapsedTimer m_clock; // monotonic, for the subscribers' events_max_rate
    std::vector<std::unique_ptr<Subscriber>> m_subscribers;
    bool m_sampling = false;
};

} // namespace sender
