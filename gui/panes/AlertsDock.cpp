#include "gui/panes/AlertsDock.h"

#include "gui/panes/AlertsPane.h"
#include "engine/EngineHost.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <QSystemTrayIcon>

namespace sender {

QDockWidget *installAlertsDock(QMainWindow *window, EngineHost *host, QSystemTrayIcon *tray)
{
    auto *dock = new QDockWidget(AlertsPane::tr("Alerts"), window);
    dock->setObjectName(QStringLiteral("alertsDock"));
    auto *pane = new AlertsPane(dock);
    dock->setWidget(pane);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);

    QObject::connect(host, &EngineHost::alertRaised, pane, &AlertsPane::addAlert);
    QObject::connect(host, &EngineHost::alertAcknowledged, pane, &AlertsPane::updateAlert);
    QObject::connect(
        host, &EngineHost::alertsReady, pane,
        [pane](const QList<AlertSnapshot> &alerts, quint64) { pane->setAlerts(alerts); });
    // The log survives restarts: show what it holds as soon as the engine runs.
    QObject::connect(host, &EngineHost::started, pane, [host] { host->requestAlerts(); });
    QObject::connect(pane, &AlertsPane::acknowledgeRequested, host, &EngineHost::acknowledgeAlert);
    QObject::connect(host, &EngineHost::alertError, pane, [pane](const QString &error) {
        QMessageBox::warning(pane, AlertsPane::tr("Alerts"), error);
    });
    QObject::connect(
        pane, &AlertsPane::criticalAlertRaised, dock, [dock, tray](const AlertSnapshot &alert) {
            dock->show();
            dock->raise();
            const QString text = AlertsPane::tr("%1 at %2").arg(alert.rule, alert.source);
            if (tray && tray->isVisible())
                tray->showMessage(AlertsPane::tr("Critical alert"), text, QSystemTrayIcon::Critical,
                                  30000);
            QApplication::beep();
        });
    return dock;
}

} // namespace sender
