#pragma once

class QDockWidget;
class QMainWindow;
class QSystemTrayIcon;

namespace sender {

class AlertsPane;
class EngineHost;

// Puts the Alerts pane into the console as a dock fed by the engine host, and makes a new
// critical alert impossible to miss: the dock comes to the front, the window's taskbar entry
// flashes (AlertsPane), the tray (when there is one) shows a notification, and the bell rings.
// Kept apart from MainWindow so the main window needs one call.
QDockWidget *installAlertsDock(QMainWindow *window, EngineHost *host, QSystemTrayIcon *tray);

} // namespace sender
