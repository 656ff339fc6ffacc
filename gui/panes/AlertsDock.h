#pragma once

class QDockWidget;
class QMainWindow;
class QSystemTrayIcon;

namespace sender {

class EngineFeed;
class EventStreamModel;
class PictureLoader;

// Puts the Alerts pane into the console as a dock fed by the engine view (local or attached, the
// same), and makes a new critical alert impossible to miss: the dock comes to the front, the
// window's taskbar entry flashes (AlertsPane), the tray (when there is one) shows a
// notification, and the bell rings unless the operator turned the sound off (kept in the
// console's preferences). The pane's Rules… button opens the rules editor, previewed against
// recent (the console's event stream; may be null). The selected alarm's pictures come from
// pictures (may be null: none shown). Kept apart from MainWindow so the main window needs one
// call.
QDockWidget *installAlertsDock(QMainWindow *window, EngineFeed *view, QSystemTrayIcon *tray,
                               const EventStreamModel *recent = nullptr,
                               PictureLoader *pictures = nullptr);

} // namespace sender
