#include "gui/MainWindow.h"

#include "engine/EngineHost.h"

#include <QLabel>
#include <QStatusBar>

namespace sender {

MainWindow::MainWindow(const Settings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_host(new EngineHost(this))
    , m_address(new QLabel(this))
    , m_uptime(new QLabel(this))
    , m_counters(new QLabel(this))
{
    setWindowTitle(tr("Luna Sender"));
    resize(1100, 700);
    statusBar()->addWidget(m_address);
    statusBar()->addWidget(m_counters, 1);
    statusBar()->addPermanentWidget(m_uptime);
    m_address->setText(tr("Starting…"));
    connect(m_host, &EngineHost::started, this, [this](const QString &address) {
        m_address->setText(tr("Listening on %1").arg(address));
    });
    connect(m_host, &EngineHost::startFailed, this,
            [this](const QString &error) { m_address->setText(tr("Not running: %1").arg(error)); });
    connect(m_host, &EngineHost::snapshotReady, this, &MainWindow::showSnapshot);
    m_host->start(settings);
}

MainWindow::~MainWindow() = default;

void MainWindow::showSnapshot(const EngineSnapshot &s)
{
    const qint64 seconds = s.startedAt.secsTo(QDateTime::currentDateTimeUtc());
    m_uptime->setText(tr("Up %1:%2:%3")
                          .arg(seconds / 3600)
                          .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                          .arg(seconds % 60, 2, 10, QLatin1Char('0')));
    quint64 eventsIn = 0;
    for (quint64 n : s.eventsIn)
        eventsIn += n;
    m_counters->setText(tr("%1 clients · %2 events in · %3 delivered")
                            .arg(s.subscribers)
                            .arg(eventsIn)
                            .arg(s.deliveries));
}

} // namespace sender
