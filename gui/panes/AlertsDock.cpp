#include "gui/panes/AlertsDock.h"

#include "engine/EngineFeed.h"
#include "gui/dialogs/AlertRulesDialog.h"
#include "gui/panes/AlertsPane.h"
#include "gui/storage/ConsolePreferences.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QMainWindow>
#include <QPointer>
#include <QSettings>
#include <QSystemTrayIcon>

namespace sender {

namespace {

const QString kSoundKey = QStringLiteral("alerts/sound");

} // namespace

QDockWidget *installAlertsDock(QMainWindow *window, EngineFeed *view, QSystemTrayIcon *tray,
                               const EventStreamModel *recent, PictureLoader *pictures)
{
    auto *dock = new QDockWidget(AlertsPane::tr("Alerts"), window);
    dock->setObjectName(QStringLiteral("alertsDock"));
    auto *pane = new AlertsPane(dock);
    dock->setWidget(pane);
    pane->setPictureLoader(pictures);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);

    pane->soundBox()->setChecked(consoleSettingsStore()->value(kSoundKey, true).toBool());
    QObject::connect(pane->soundBox(), &QCheckBox::toggled, pane,
                     [](bool on) { consoleSettingsStore()->setValue(kSoundKey, on); });

    QObject::connect(view, &EngineFeed::alertRaised, pane, &AlertsPane::addAlert);
    QObject::connect(view, &EngineFeed::alertAcknowledged, pane, &AlertsPane::updateAlert);
    QObject::connect(
        view, &EngineFeed::alertsReady, pane,
        [pane](const QList<AlertSnapshot> &alerts, quint64) { pane->setAlerts(alerts); });
    // The log survives restarts, and an attached console may have missed alerts while its link
    // was down: read what the log holds whenever the engine (or the link) is up again.
    QObject::connect(view, &EngineFeed::started, pane, [view] { view->requestAlerts(); });
    QObject::connect(pane, &AlertsPane::acknowledgeRequested, view, &EngineFeed::acknowledgeAlert);
    QObject::connect(view, &EngineFeed::alertError, pane, &AlertsPane::showError);
    QObject::connect(pane, &AlertsPane::criticalAlertRaised, dock,
                     [dock, pane, tray](const AlertSnapshot &alert) {
                         dock->show();
                         dock->raise();
                         const QString text =
                             AlertsPane::tr("%1 at %2").arg(alert.rule, alert.source);
                         if (tray && tray->isVisible())
                             tray->showMessage(AlertsPane::tr("Critical alert"), text,
                                               QSystemTrayIcon::Critical, 30000);
                         if (pane->soundBox()->isChecked())
                             QApplication::beep();
                     });
    QObject::connect(pane, &AlertsPane::rulesEditorRequested, window, [window, view, recent] {
        if (auto *open = window->findChild<AlertRulesDialog *>()) {
            open->raise();
            open->activateWindow();
            return;
        }
        auto *dialog = new AlertRulesDialog(view, recent, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    return dock;
}

} // namespace sender
