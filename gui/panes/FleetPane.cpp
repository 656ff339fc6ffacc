#include "gui/panes/FleetPane.h"

#include "engine/EngineFeed.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/FleetModel.h"
#include "gui/text/Format.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sender {

namespace {

// Asking more often than the engine reads Redis shows nothing new; much less often and a gone
// instance shows late. Until the first answer says the interval: once a second.
constexpr int kFirstPollMs = 1000;
constexpr int kMinPollMs = 250;
constexpr int kMaxPollMs = 10000;

} // namespace

FleetPane::FleetPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new FleetModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FleetModel::SortRole);
    m_view->setObjectName(QStringLiteral("fleetView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    // -1: the engine's order (this instance first, then by name) until the user sorts.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    format::setUpRowTable(m_view);
    format::fitColumns(m_view,
                       {QStringLiteral("luna-sender-host-01:5080 (attached)"),
                        QStringLiteral("gone since 14:03:07"), QStringLiteral("luna-host-01"),
                        QStringLiteral("0.0.0.0:5080"), QStringLiteral("127.0.0.1:5081"),
                        QStringLiteral("1.12.0"), QStringLiteral("3 min 05 s"),
                        QStringLiteral("99 999"), QStringLiteral("4 987/s"),
                        QStringLiteral("4 987/s")});

    m_summary->setObjectName(QStringLiteral("fleetSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    updateSummary();
}

void FleetPane::setFleet(const FleetSnapshot &fleet)
{
    m_model->setFleet(fleet);
    updateSummary();
}

void FleetPane::updateSummary()
{
    const FleetSnapshot &fleet = m_model->fleet();
    if (m_model->rowCount() == 0) {
        m_summary->setText(tr("The fleet is not known yet."));
        return;
    }
    if (!fleet.shared) {
        m_summary->setText(tr("The embedded bus: this instance alone, no fleet."));
        return;
    }
    int live = 0;
    for (const InstanceSnapshot &i : fleet.instances)
        live += i.state == InstanceSnapshot::State::Gone ? 0 : 1;
    const QString count = tr("%n instance(s) on this Redis", nullptr, live);
    if (fleet.redisUp)
        m_summary->setText(count);
    else
        // What was last read stays: an unread Redis says nothing about who is gone.
        m_summary->setText(
            tr("%1 as last read; Redis does not answer: %2").arg(count, fleet.redisDetail));
}

QDockWidget *installFleetDock(QMainWindow *window, EngineFeed *feed, ConnectionsModel *connections)
{
    auto *dock = new QDockWidget(FleetPane::tr("Fleet"), window);
    dock->setObjectName(QStringLiteral("fleetDock"));
    auto *pane = new FleetPane(dock);
    dock->setWidget(pane);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);

    auto *poll = new QTimer(dock);
    poll->setObjectName(QStringLiteral("fleetPoll"));
    poll->setInterval(kFirstPollMs);
    QObject::connect(poll, &QTimer::timeout, feed, &EngineFeed::requestFleet);
    QObject::connect(
        feed, &EngineFeed::fleetReady, pane, [pane, poll, connections](const FleetSnapshot &fleet) {
            pane->setFleet(fleet);
            if (fleet.announceIntervalMs > 0)
                poll->setInterval(qBound(kMinPollMs, fleet.announceIntervalMs, kMaxPollMs));
            if (const InstanceSnapshot *self = pane->model()->attached())
                connections->setInstance(self->name, self->id);
        });
    // At once when the engine (or the link) is up again, not a poll interval later.
    QObject::connect(feed, &EngineFeed::started, feed, &EngineFeed::requestFleet);
    QObject::connect(feed, &EngineFeed::linkStateChanged, feed,
                     [feed](EngineFeed::LinkState state) {
                         if (state == EngineFeed::LinkState::Up)
                             feed->requestFleet();
                     });
    poll->start();
    return dock;
}

} // namespace sender
