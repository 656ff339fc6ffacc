#include "engine/EngineFeed.h"

namespace sender {

EngineFeed::EngineFeed(QObject *parent)
    : QObject(parent)
{
    // Every signal of the feed may cross threads.
    qRegisterMetaType<EngineSnapshot>();
    qRegisterMetaType<QList<ConnectionSnapshot>>();
    qRegisterMetaType<QList<FilterSetSnapshot>>();
    qRegisterMetaType<QList<EventSample>>();
    qRegisterMetaType<AlertSnapshot>();
    qRegisterMetaType<QList<AlertSnapshot>>();
    qRegisterMetaType<FleetSnapshot>();
}

void EngineFeed::watch(const void *watcher, Watches what)
{
    {
        const QMutexLocker lock(&m_watchMutex);
        if (what)
            m_watchers.insert(watcher, what);
        else
            m_watchers.remove(watcher);
        Watches all;
        for (const Watches w : std::as_const(m_watchers))
            all |= w;
        if (all == m_watched)
            return;
        m_watched = all;
    }
    watchedChanged();
}

EngineFeed::Watches EngineFeed::watched() const
{
    const QMutexLocker lock(&m_watchMutex);
    return m_watched;
}

void EngineFeed::setSampling(bool on)
{
    Watches what = Watch::Overview | Watch::Lists;
    if (on)
        what |= Watch::Events;
    watch(this, what);
}

void EngineFeed::requestFleet()
{
    fleet([this](std::optional<FleetSnapshot> fleet) {
        if (fleet)
            Q_EMIT fleetReady(*fleet);
    });
}

void EngineFeed::setLinkState(LinkState state, const QString &detail)
{
    if (state == m_linkState && detail == m_linkDetail)
        return;
    m_linkState = state;
    m_linkDetail = detail;
    Q_EMIT linkStateChanged(state, detail);
}

} // namespace sender
