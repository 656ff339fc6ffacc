#pragma once

#include "engine/EngineAlerts.h"
#include "images/ImageCache.h"
#include "images/ImageRef.h"
#include "snapshots/EngineSnapshot.h"

#include <QFlags>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QObject>

#include <functional>
#include <optional>

namespace sender {

// One engine as everything that watches it sees it: snapshots (the overview, the connection and
// filter-set lists, event samples) and a stream of changes, in the engine's own snapshot types.
// The engine in this process implements it (EngineHost), and so does the link to a running
// service over its monitoring port (the console's RemoteEngineView); the console's panes, the
// monitoring port and the web viewer's API read nothing else. A new field or resource is then
// a change in the engine, in SnapshotCodec and in the one consumer that shows it.
//
// Watching costs the engine a copy of what is watched, so every consumer says what it watches
// (watch()) and the feed takes only the union: nothing watched, nothing taken. Changes come as
// signals at a bounded rate (the overview about 10 Hz, the lists about 2 Hz, events in
// batches), never one per event. They are emitted on the feed's own thread (the engine's for a
// local one) and reach a consumer on another thread queued. Every method may be called from any
// thread; the `done` callbacks run on the feed's thread, so a caller that waits for them must
// not be that thread.
class EngineFeed : public QObject
{
    Q_OBJECT
public:
    // A local engine is Up while it runs. A remote link is Connecting (the first time or after a
    // loss, with back-off), Up, Down (lost; a retry is scheduled) or Refused (the token was not
    // accepted: retrying would not help, the user has to give another).
    enum class LinkState { Connecting, Up, Down, Refused };
    Q_ENUM(LinkState)

    enum class Watch : quint8 { Overview = 1, Lists = 2, Events = 4 };
    Q_DECLARE_FLAGS(Watches, Watch)

    explicit EngineFeed(QObject *parent = nullptr);

    virtual bool isRemote() const = 0;
    // What the window title and the status bar call this engine: "127.0.0.1:5080" for a local
    // one, the monitoring address for a remote one.
    virtual QString instanceName() const = 0;
    LinkState linkState() const { return m_linkState; }
    QString linkDetail() const { return m_linkDetail; }
    // The Sender port's listen address as the engine reports it ("0.0.0.0:5080"); empty before.
    QString listenAddress() const { return m_listenAddress; }

    // What `watcher` (any address its owner keeps for it) watches from now on; none forgets it.
    void watch(const void *watcher, Watches what);
    Watches watched() const;
    // The console's own watching: the overview and the lists always, the events while `on`
    // (a stream nobody shows costs nothing).
    void setSampling(bool on);

    // One fresh overview and both lists, for a request while nobody watches them. An engine
    // that is not running gives an overview without startedAt and empty lists.
    using Fetched = std::function<void(const EngineSnapshot &, const QList<ConnectionSnapshot> &,
                                       const QList<FilterSetSnapshot> &)>;
    virtual void fetch(Fetched done) = 0;

    // The newest `limit` events of the engine's history (of one account, or of every account in
    // arrival order), oldest first, and whether the history is on; nothing when the engine
    // cannot be asked. requestRecentEvents() gives the same of every account through
    // recentEventsReady(), for the console's event stream.
    using RecentDone =
        std::function<void(std::optional<QList<EventSample>> events, bool historyEnabled)>;
    virtual void recentEvents(int limit, std::optional<QUuid> account, RecentDone done) = 0;
    virtual void requestRecentEvents(int limit) = 0;

    // The fleet: every instance sharing this one's Redis, this one first, as last read from
    // Redis (never a request to the other instances); nothing when the engine cannot be asked.
    // requestFleet() gives the same through fleetReady().
    using FleetDone = std::function<void(std::optional<FleetSnapshot> fleet)>;
    virtual void fleet(FleetDone done) = 0;
    void requestFleet();

    // Closes subscriber `id` (1008 with `reason`, or 1000 without): closeConnection tells `done`
    // whether the engine knew it, disconnectClient (the console's action) reports failures
    // through actionFailed().
    virtual void closeConnection(quint64 id, const QString &reason,
                                 std::function<void(bool found)> done) = 0;
    virtual void disconnectClient(quint64 id, const QString &reason) = 0;

    // The engine's effective configuration as the Sender port's /config shows it (secrets
    // masked), through configReady().
    virtual void requestConfig() = 0;

    // Alerts. Answers come as signals: alertsReady (newest first, with the number still
    // unacknowledged), alertRulesReady (the rules JSON as the rules file holds it, and the
    // file's current error if any), alertAcknowledged, or alertError.
    virtual void acknowledgeAlert(quint64 id, const QString &by, const QString &comment) = 0;
    virtual void requestAlerts(int limit = 500) = 0;
    virtual void requestAlertRules() = 0;
    // Validated and written by the engine as a whole; on any error nothing changes.
    virtual void setAlertRules(const QByteArray &json) = 0;
    // Runs `task` where the engine's alerts live, with them (nullptr when the engine is not
    // running, or not in this process: a remote link answers through the signals above).
    virtual void withAlerts(std::function<void(EngineAlerts *)> task) = 0;

    // The picture `slot` of event `eventId` (its captured face or body, or its top match's enrolled
    // face), fetched on request through the service's one ImageService (cache, timeout, size cap,
    // image types only, only paths under the LUNA origin or the demo's drawings). `done` runs on
    // the feed's thread, always once.
    using ImageDone = std::function<void(const images::ImageResult &)>;
    virtual void requestImage(const QUuid &eventId, images::ImageSlot slot, ImageDone done) = 0;

Q_SIGNALS:
    void started(const QString &listenAddress);
    void startFailed(const QString &error);
    void stopped();
    void linkStateChanged(sender::EngineFeed::LinkState state, const QString &detail);
    void snapshotReady(const sender::EngineSnapshot &snapshot);
    void connectionsReady(const QList<sender::ConnectionSnapshot> &connections);
    void filterSetsReady(const QList<sender::FilterSetSnapshot> &filterSets);
    void eventsSampled(const QList<sender::EventSample> &events, quint64 droppedBefore);
    void recentEventsReady(const QList<sender::EventSample> &events, bool historyEnabled);
    void configReady(const QJsonObject &config);
    void fleetReady(const sender::FleetSnapshot &fleet);
    void actionFailed(const QString &error);
    // Alerts are few and never sampled: one signal each.
    void alertRaised(const sender::AlertSnapshot &alert);
    void alertAcknowledged(const sender::AlertSnapshot &alert);
    void alertsReady(const QList<sender::AlertSnapshot> &alerts, quint64 unacknowledged);
    void alertRulesReady(const QByteArray &json, const QString &error);
    void alertError(const QString &error);

protected:
    // The union of what is watched changed (read it with watched()); called on the thread that
    // called watch(), so an implementation moves to its own before acting.
    virtual void watchedChanged() = 0;
    // On the feed object's thread only.
    void setLinkState(LinkState state, const QString &detail = {});
    void setListenAddress(const QString &address) { m_listenAddress = address; }

private:
    LinkState m_linkState = LinkState::Connecting;
    QString m_linkDetail;
    QString m_listenAddress;
    mutable QMutex m_watchMutex;
    QHash<const void *, Watches> m_watchers;
    Watches m_watched;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(EngineFeed::Watches)

} // namespace sender

Q_DECLARE_METATYPE(QList<sender::ConnectionSnapshot>)
Q_DECLARE_METATYPE(QList<sender::FilterSetSnapshot>)
Q_DECLARE_METATYPE(QList<sender::EventSample>)
Q_DECLARE_METATYPE(QList<sender::AlertSnapshot>)
