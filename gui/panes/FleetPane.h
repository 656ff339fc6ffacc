#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QWidget>

class QDockWidget;
class QLabel;
class QMainWindow;
class QSortFilterProxyModel;
class QTableView;

namespace sender {

class ConnectionsModel;
class EngineFeed;
class FleetModel;

// The fleet in one view (issue 27): every instance on the attached engine's Redis with its
// ports, version, uptime, load and state (serving, draining, gone by expiry, stopped), the
// attached one in bold; above it, whether the fleet is shared at all and whether the engine's
// Redis answers (when it does not, the list is what it last read, and says so).
class FleetPane : public QWidget
{
    Q_OBJECT
public:
    explicit FleetPane(QWidget *parent = nullptr);

    void setFleet(const FleetSnapshot &fleet);

    FleetModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLabel *summary() const { return m_summary; }

private:
    void updateSummary();

    FleetModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_summary;
};

// Puts the Fleet pane into the console as a dock (tabbed with the connections pane by the
// caller's layout, or at the bottom) and keeps it live: it asks the feed for the fleet about once
// per announce interval (local or attached the same: EngineFeed::requestFleet) and tells the
// connections model which instance its subscribers are on. Kept apart from MainWindow so the
// main window needs one call.
QDockWidget *installFleetDock(QMainWindow *window, EngineFeed *feed, ConnectionsModel *connections);

} // namespace sender
