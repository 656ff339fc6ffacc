#include "gui/MainWindow.h"

// The window's side of the link to its engine: the title naming the instance, the link state in
// the status bar with the panes greyed while it is down, and attaching to another service.

#include "gui/dialogs/ConnectDialog.h"
#include "gui/link/RemoteEngineView.h"
#include "gui/panes/EngineStatusBar.h"
#include "gui/panes/EventStreamPane.h"

#include <QDockWidget>
#include <QTimer>

namespace sender {

void MainWindow::updateTitle()
{
    if (m_remote) {
        const QString instance = m_remote->instanceName();
        switch (m_feed->linkState()) {
        case EngineFeed::LinkState::Up:
            setWindowTitle(m_listenAddress.isEmpty()
                               ? tr("Luna Sender — %1 (attached)").arg(instance)
                               : tr("Luna Sender — %1 (attached; Sender port %2)")
                                     .arg(instance, m_listenAddress));
            break;
        case EngineFeed::LinkState::Connecting:
            setWindowTitle(tr("Luna Sender — %1 (connecting…)").arg(instance));
            break;
        case EngineFeed::LinkState::Down:
        case EngineFeed::LinkState::Refused:
            setWindowTitle(tr("Luna Sender — %1 (link lost)").arg(instance));
            break;
        }
        return;
    }
    if (m_listenAddress.isEmpty())
        setWindowTitle(m_feed->linkState() == EngineFeed::LinkState::Down
                           ? tr("Luna Sender — not running")
                           : tr("Luna Sender"));
    else
        setWindowTitle(tr("Luna Sender — %1").arg(m_listenAddress));
}

void MainWindow::onLinkState()
{
    updateTitle();
    if (!m_remote)
        return;
    const EngineFeed::LinkState state = m_feed->linkState();
    m_status->showLink(state, m_remote->instanceName(), m_feed->linkDetail(),
                       m_remote->nextRetryInMs());
    setPanesGreyed(state != EngineFeed::LinkState::Up);
    if (state == EngineFeed::LinkState::Down) {
        if (!m_linkTicker->isActive())
            m_linkTicker->start();
    } else {
        m_linkTicker->stop();
    }
}

void MainWindow::setPanesGreyed(bool greyed)
{
    if (greyed == m_greyed)
        return;
    m_greyed = greyed;
    m_status->setStale(greyed);
    // Disabled, not cleared: the last state stays readable (greyed) until the link is back.
    m_events->setEnabled(!greyed);
    for (QDockWidget *dock : std::as_const(m_docks))
        dock->widget()->setEnabled(!greyed);
}

void MainWindow::connectToService()
{
    ConnectDialog dialog(this);
    if (m_remote)
        dialog.setService(m_remote->service().toString());
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_remote && dialog.service() == m_remote->service()) {
        m_remote->setToken(dialog.token()); // the same service again: another token, at once
        m_remote->start();
        return;
    }
    auto *view = new RemoteEngineView(dialog.service(), dialog.token());
    auto *window = new MainWindow(view, m_preferences);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    view->start();
}

} // namespace sender
