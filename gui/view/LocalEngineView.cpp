#include "gui/view/LocalEngineView.h"

#include "config/ConfigRender.h"
#include "engine/EngineHost.h"

namespace sender {

LocalEngineView::LocalEngineView(QObject *parent)
    : EngineView(parent)
    , m_host(new EngineHost(this))
{
    connect(m_host, &EngineHost::started, this, [this](const QString &address) {
        setListenAddress(address);
        setLinkState(LinkState::Up);
        Q_EMIT started(address);
    });
    connect(m_host, &EngineHost::startFailed, this, [this](const QString &error) {
        setLinkState(LinkState::Down, error);
        Q_EMIT startFailed(error);
    });
    connect(m_host, &EngineHost::stopped, this, [this] {
        setLinkState(LinkState::Down);
        Q_EMIT stopped();
    });
    connect(m_host, &EngineHost::snapshotReady, this, &EngineView::snapshotReady);
    connect(m_host, &EngineHost::connectionsReady, this, &EngineView::connectionsReady);
    connect(m_host, &EngineHost::filterSetsReady, this, &EngineView::filterSetsReady);
    connect(m_host, &EngineHost::eventsSampled, this, &EngineView::eventsSampled);
    connect(m_host, &EngineHost::recentEventsReady, this, &EngineView::recentEventsReady);
    connect(m_host, &EngineHost::alertRaised, this, &EngineView::alertRaised);
    connect(m_host, &EngineHost::alertAcknowledged, this, &EngineView::alertAcknowledged);
    connect(m_host, &EngineHost::alertsReady, this, &EngineView::alertsReady);
    connect(m_host, &EngineHost::alertRulesReady, this, &EngineView::alertRulesReady);
    connect(m_host, &EngineHost::alertError, this, &EngineView::alertError);
}

void LocalEngineView::start(const Settings &settings)
{
    setLinkState(LinkState::Connecting);
    m_host->start(settings);
}

const Settings &LocalEngineView::settings() const
{
    return m_host->settings();
}

void LocalEngineView::publish(const QByteArray &account, const QByteArray &message)
{
    m_host->publish(account, message);
}

void LocalEngineView::disconnectClient(quint64 id, const QString &reason)
{
    m_host->disconnectClient(id, reason);
}

void LocalEngineView::setSampling(bool on)
{
    m_host->setSampling(on);
}

void LocalEngineView::requestConfig()
{
    Q_EMIT configReady(settingsToJson(m_host->settings()));
}

void LocalEngineView::requestRecentEvents(int limit)
{
    m_host->requestRecentEvents(limit);
}

void LocalEngineView::acknowledgeAlert(quint64 id, const QString &by, const QString &comment)
{
    m_host->acknowledgeAlert(id, by, comment);
}

void LocalEngineView::requestAlerts(int limit)
{
    m_host->requestAlerts(limit);
}

void LocalEngineView::requestAlertRules()
{
    m_host->requestAlertRules();
}

void LocalEngineView::setAlertRules(const QByteArray &json)
{
    m_host->setAlertRules(json);
}

} // namespace sender
