#pragma once

#include "config/Settings.h"
#include "gui/models/RateTracker.h"
#include "gui/storage/ConsolePreferences.h"
#include "snapshots/EngineSnapshot.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QDockWidget;
class QSystemTrayIcon;
class QTimer;

namespace sender {

class ConnectionsPane;
class DemoClients;
class EngineFeed;
class EngineHost;
class EngineStatusBar;
class RemoteEngineView;
class EventStreamPane;
class FilterPlayground;
class FilterSetsPane;
class RatesChart;

// The monitoring console: the event stream in the middle, connections, filter sets, the filter
// playground and the rates chart as dockable panes, the engine's state in the status bar. It sees
// the engine only through its EngineFeed: a local engine on its own thread (EngineHost) or a
// running service attached over its monitoring port (RemoteEngineView); everything here runs on
// the GUI thread and sees only snapshots and batches, the same from either.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // A console with its own engine, started with these settings.
    explicit MainWindow(const Settings &settings,
                        const ConsolePreferences &preferences = ConsolePreferences::load(),
                        QWidget *parent = nullptr);
    // A console on this engine feed (taken over). A remote view is started by the caller.
    explicit MainWindow(EngineFeed *feed,
                        const ConsolePreferences &preferences = ConsolePreferences::load(),
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    EngineFeed *feed() const { return m_feed; }
    EngineHost *host() const { return m_local; } // nullptr when attached
    RemoteEngineView *remoteView() const { return m_remote; } // nullptr when local
    EventStreamPane *eventStream() const { return m_events; }
    ConnectionsPane *connections() const { return m_connections; }
    FilterSetsPane *filterSets() const { return m_filterSets; }
    FilterPlayground *playground() const { return m_playground; }
    RatesChart *ratesChart() const { return m_chart; }
    EngineStatusBar *engineStatus() const { return m_status; }
    QString listenAddress() const { return m_listenAddress; }
    const EngineSnapshot &lastSnapshot() const { return m_snapshot; }

    void applyPreferences(const ConsolePreferences &preferences);
    void openSettings();
    // "Connect to service…": attaches this window again (same service, another token) or opens
    // another window on the chosen service.
    void connectToService();
    // True while an attached window's link is not up: the panes keep their last state, greyed.
    bool panesGreyed() const { return m_greyed; }
    // Restarts the engine with these settings (the settings dialog's "apply").
    void restartEngine(const Settings &settings);
    // Leaves for good (the tray's and the menu's Quit), whatever closing the window does.
    void quit();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createMenus();
    void createTray();
    void onStarted(const QString &address);
    void onSnapshot(const EngineSnapshot &snapshot);
    void onSamples(const QList<EventSample> &samples, quint64 droppedBefore);
    void onConnections(const QList<ConnectionSnapshot> &connections);
    void onLinkState();
    void setPanesGreyed(bool greyed);
    void updateTitle();
    void resetLayout();
    QDockWidget *addPane(QWidget *pane, const QString &title, const QString &objectName,
                         Qt::DockWidgetArea area);

    EngineFeed *m_feed;
    EngineHost *m_local;
    RemoteEngineView *m_remote;
    Settings m_settings;
    ConsolePreferences m_preferences;
    EventStreamPane *m_events;
    ConnectionsPane *m_connections;
    FilterSetsPane *m_filterSets;
    FilterPlayground *m_playground;
    RatesChart *m_chart;
    EngineStatusBar *m_status;
    DemoClients *m_demoClients;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer *m_linkTicker; // refreshes the reconnect countdown while a link is down
    QList<QDockWidget *> m_docks;
    QByteArray m_defaultState;
    RateTracker m_rates;
    RateTracker::Rates m_lastRates;
    QElapsedTimer m_clock;
    qint64 m_lastChartMs = -1;
    EngineSnapshot m_snapshot;
    QString m_listenAddress;
    bool m_quitting = false;
    bool m_greyed = false;
    bool m_toldAboutTray = false;
    bool m_selectedFirstEvent = false;
};

} // namespace sender
