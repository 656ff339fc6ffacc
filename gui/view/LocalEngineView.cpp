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

} // namespace sender
