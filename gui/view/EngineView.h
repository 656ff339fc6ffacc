#pragma once

#include "engine/EngineAlerts.h"
#include "engine/EngineSnapshot.h"

#include <QJsonObject>
#include <QObject>

namespace sender {

// What the console's panes see of an engine, wherever it runs: in this process (LocalEngineView,
// around EngineHost) or in a running service reached over its monitoring port
// (RemoteEngineView). It speaks only the engine's snapshot types (server/engine/), so the panes
// are written once and cannot tell the two apart. Signals come on the owner's thread at a bounded
// rate: snapshots about 10 Hz, lists about 2 Hz, events in batches.
class EngineView : public QObject
{
    Q_OBJECT
public:
    // Local engines are Up while running. A remote link is Connecting (the first time or after a
    // loss, with back-off), Up, Down (lost; a retry is scheduled) or Refused (the token was not
    // accepted: retrying would not help, the user has to give another).
    enum class LinkState { Connecting, Up, Down, Refused };
    Q_ENUM(LinkState)

    using QObject::QObject;

    virtual bool isRemote() const = 0;
    // What the window title and the status bar call this engine: "127.0.0.1:5080" for a local
    // one, the monitoring address for a remote one.
    virtual QString instanceName() const = 0;
    LinkState linkState() const { return m_linkState; }
    QString linkDetail() const { return m_linkDetail; }
    // The Sender port's listen address as the engine reports it ("0.0.0.0:5080"); empty before.
    QString listenAddress() const { return m_listenAddress; }

    // Closes a subscriber (the console's disconnect action); failures come as actionFailed().
    virtual void disconnectClient(quint64 id, const QString &reason) = 0;
    // Whether eventsSampled() is wanted at all (a stream nobody shows costs nothing).
    virtual void setSampling(bool on) = 0;
    // The engine's effective configuration as the Sender port's /config shows it (secrets
    // masked); comes through configReady().
    virtual void requestConfig() = 0;

    // The newest `limit` events of the engine's history (every account, in arrival order, oldest
    // first), for the event stream to show what happened before it opened; they come through
    // recentEventsReady() with whether the engine keeps a history at all.
    virtual void requestRecentEvents(int limit) = 0;

    // Alerts, the same on both sides. Answers come as signals: alertsReady (newest first, with
    // the number still unacknowledged), alertRulesReady (the rules JSON as the rules file holds
    // it, and the file's current error if any), alertAcknowledged, or alertError.
    virtual void acknowledgeAlert(quint64 id, const QString &by, const QString &comment) = 0;
    virtual void requestAlerts(int limit = 500) = 0;
    virtual void requestAlertRules() = 0;
    // Validated and written by the engine as a whole; on any error nothing changes.
    virtual void setAlertRules(const QByteArray &json) = 0;

Q_SIGNALS:
    void started(const QString &listenAddress);
    void startFailed(const QString &error);
    void stopped();
    void linkStateChanged(sender::EngineView::LinkState state, const QString &detail);
    void snapshotReady(const sender::EngineSnapshot &snapshot);
    void connectionsReady(const QList<sender::ConnectionSnapshot> &connections);
    void filterSetsReady(const QList<sender::FilterSetSnapshot> &filterSets);
    void eventsSampled(const QList<sender::EventSample> &events, quint64 droppedBefore);
    void recentEventsReady(const QList<sender::EventSample> &events, bool historyEnabled);
    void configReady(const QJsonObject &config);
    void actionFailed(const QString &error);
    void alertRaised(const sender::AlertSnapshot &alert);
    void alertAcknowledged(const sender::AlertSnapshot &alert);
    void alertsReady(const QList<sender::AlertSnapshot> &alerts, quint64 unacknowledged);
    void alertRulesReady(const QByteArray &json, const QString &error);
    void alertError(const QString &error);

protected:
    void setLinkState(LinkState state, const QString &detail = {});
    void setListenAddress(const QString &address) { m_listenAddress = address; }

private:
    LinkState m_linkState = LinkState::Connecting;
    QString m_linkDetail;
    QString m_listenAddress;
};

} // namespace sender
