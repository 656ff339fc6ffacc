#pragma once

#include "config/Settings.h"
#include "engine/EngineSnapshot.h"
#include "gui/ConsolePreferences.h"
#include "gui/RateTracker.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QDockWidget;
class QSystemTrayIcon;

namespace sender {

class ConnectionsPane;
class DemoClients;
class EngineHost;
class EngineStatusBar;
class EventStreamPane;
class FilterPlayground;
class FilterSetsPane;
class RatesChart;

// The monitoring console: the event stream in the middle, connections, filter sets, the filter
// playground and the rates chart as dockable panes, the engine's state in the status bar. The
// engine runs on its own thread behind EngineHost; everything here runs on the GUI thread and
// sees only its snapshots and batches.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const Settings &settings,
                        const ConsolePreferences &preferences = ConsolePreferences::load(),
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    EngineHost *host() const { return m_host; }
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
    void onConnections(const QList<ConnectionInfo> &connections);
    void resetLayout();
    QDockWidget *addPane(QWidget *pane, const QString &title, const QString &objectName,
                         Qt::DockWidgetArea area);

    EngineHost *m_host;
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
    QList<QDockWidget *> m_docks;
    QByteArray m_defaultState;
    RateTracker m_rates;
    RateTracker::Rates m_lastRates;
    QElapsedTimer m_clock;
    qint64 m_lastChartMs = -1;
    EngineSnapshot m_snapshot;
    QString m_listenAddress;
    bool m_quitting = false;
    bool m_toldAboutTray = false;
    bool m_selectedFirstEvent = false;
};

} // namespace sender
