#include "gui/MainWindow.h"

#include "SenderVersion.h"
#include "engine/EngineHost.h"
#include "gui/DemoClients.h"
#include "gui/dialogs/RemoteConfigDialog.h"
#include "gui/dialogs/SettingsDialog.h"
#include "gui/link/RemoteEngineView.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/PictureLoader.h"
#include "gui/panes/AlertsDock.h"
#include "gui/panes/ConnectionsPane.h"
#include "gui/panes/EngineStatusBar.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"
#include "gui/panes/FilterSetsPane.h"
#include "gui/panes/FleetPane.h"
#include "gui/panes/RatesChart.h"
#include "gui/storage/WindowLayout.h"
#include "gui/text/Format.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QUrl>

// Resources of a static library are registered by hand (outside any namespace).
static void initConsoleResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace sender {

namespace {

// The most history events the stream asks for (fewer when its cap is lower): enough to see what
// just happened, little enough that an attach over a slow link stays quick.
constexpr int kRecentEventsShown = 1000;

} // namespace

MainWindow::MainWindow(const Settings &settings, const ConsolePreferences &preferences,
                       QWidget *parent)
    : MainWindow(new EngineHost, preferences, parent)
{
    m_settings = settings;
    m_local->start(settings);
}

MainWindow::MainWindow(EngineFeed *feed, const ConsolePreferences &preferences, QWidget *parent)
    : QMainWindow(parent)
    , m_feed(feed)
    , m_local(qobject_cast<EngineHost *>(feed))
    , m_remote(qobject_cast<RemoteEngineView *>(feed))
    , m_preferences(preferences)
    , m_events(new EventStreamPane(this))
    , m_connections(new ConnectionsPane(this))
    , m_filterSets(new FilterSetsPane(this))
    , m_playground(new FilterPlayground(this))
    , m_chart(new RatesChart(this))
    , m_status(new EngineStatusBar(statusBar()))
    , m_demoClients(new DemoClients(this))
    , m_linkTicker(new QTimer(this))
{
    initConsoleResources();
    m_feed->setParent(this);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/luna-sender.png")));
    setCentralWidget(m_events);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    createDocks();
    if (m_local)
        createTray(); // an attached console keeps nothing running when it closes
    // The pictures (thumbnails, detail, alarm): asked of the feed only for what is shown.
    EngineFeed *feedForPictures = m_feed;
    auto *pictures = new PictureLoader(
        [feedForPictures](const QUuid &event, images::ImageSlot slot,
                          PictureLoader::ImageDone done) {
            feedForPictures->requestImage(event, slot, std::move(done));
        },
        this);
    m_events->setPictureLoader(pictures);
    m_docks.append(installAlertsDock(this, m_feed, m_tray, m_events->model(), pictures));
    // The fleet: a tab beside the connections (whose Instance column it fills).
    m_docks.append(installFleetDock(this, m_feed, m_connections->model()));
    tabifyDockWidget(m_docks[0], m_docks.last());
    m_docks[0]->raise();
    createMenus(); // after every dock: the View menu lists them all
    m_clock.start();
    applyPreferences(preferences);
    updateTitle();

    // A size for a monitoring screen on first run: most of it, centred, the event stream taking
    // the larger part; after that, the geometry and layout it was closed with.
    const QRect screen = QGuiApplication::primaryScreen()
        ? QGuiApplication::primaryScreen()->availableGeometry()
        : QRect(0, 0, 1600, 1000);
    setGeometry(windowlayout::defaultGeometry(screen));
    resizeDocks({m_docks[0]}, {height() * 2 / 5}, Qt::Vertical);
    resizeDocks({m_docks[0], m_docks[3]}, {width() * 7 / 10, width() * 3 / 10}, Qt::Horizontal);
    m_defaultState = saveState();
    windowlayout::restore(this);

    connect(m_feed, &EngineFeed::started, this, &MainWindow::onStarted);
    connect(m_feed, &EngineFeed::startFailed, this, [this](const QString &error) {
        if (m_remote)
            return; // the link state says it, and the view retries by itself
        m_status->showStartFailed(error);
        updateTitle();
    });
    connect(m_feed, &EngineFeed::stopped, this, [this] {
        if (m_local)
            m_status->showStopped();
        m_demoClients->stop();
    });
    connect(m_feed, &EngineFeed::linkStateChanged, this, &MainWindow::onLinkState);
    connect(m_feed, &EngineFeed::snapshotReady, this, &MainWindow::onSnapshot);
    connect(m_feed, &EngineFeed::eventsSampled, this, &MainWindow::onSamples);
    // What the engine's history still holds goes before the live events: when the local engine
    // has started, and each time an attached console's link comes up (again).
    connect(m_feed, &EngineFeed::linkStateChanged, this, [this](EngineFeed::LinkState state) {
        if (state == EngineFeed::LinkState::Up)
            m_feed->requestRecentEvents(qMin(m_events->model()->cap(), kRecentEventsShown));
    });
    connect(m_feed, &EngineFeed::recentEventsReady, m_events, &EventStreamPane::addHistory);
    connect(m_feed, &EngineFeed::connectionsReady, this, &MainWindow::onConnections);
    connect(m_feed, &EngineFeed::filterSetsReady, m_filterSets, &FilterSetsPane::setFilterSets);
    connect(m_feed, &EngineFeed::actionFailed, this,
            [this](const QString &error) { statusBar()->showMessage(error, 15000); });
    connect(m_connections, &ConnectionsPane::disconnectRequested, m_feed,
            &EngineFeed::disconnectClient);
    m_linkTicker->setInterval(250);
    connect(m_linkTicker, &QTimer::timeout, this, &MainWindow::onLinkState);

    m_feed->setSampling(true);
    if (m_remote) {
        m_status->showAddressUnknown();
        onLinkState();
    }
}

MainWindow::~MainWindow()
{
    m_demoClients->stop();
}

QDockWidget *MainWindow::addPane(QWidget *pane, const QString &title, const QString &objectName,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(pane);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks()
{
    QDockWidget *connections = addPane(m_connections, tr("Connections"),
                                       QStringLiteral("connectionsDock"), Qt::BottomDockWidgetArea);
    QDockWidget *sets = addPane(m_filterSets, tr("Filter sets"), QStringLiteral("filterSetsDock"),
                                Qt::BottomDockWidgetArea);
    QDockWidget *playground = addPane(m_playground, tr("Filter playground"),
                                      QStringLiteral("playgroundDock"), Qt::BottomDockWidgetArea);
    QDockWidget *rates =
        addPane(m_chart, tr("Rates"), QStringLiteral("ratesDock"), Qt::BottomDockWidgetArea);
    // The event stream gets the full width; the chart sits beside the tabbed panes below it.
    splitDockWidget(connections, rates, Qt::Horizontal);
    tabifyDockWidget(connections, sets);
    tabifyDockWidget(sets, playground);
    connections->raise();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *settings = file->addAction(QIcon(QStringLiteral(":/icons/settings.png")),
                                        tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    settings->setObjectName(QStringLiteral("openSettings"));
    QAction *attach =
        file->addAction(tr("&Connect to service…"), this, &MainWindow::connectToService);
    attach->setObjectName(QStringLiteral("connectToService"));
    file->addSeparator();
    QAction *quitAction = file->addAction(tr("&Quit"), this, &MainWindow::quit);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu *stream = menuBar()->addMenu(tr("&Stream"));
    stream->addAction(m_events->pauseAction());
    stream->addAction(m_events->followAction());
    stream->addAction(m_events->clearAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("API &documentation"), this, [this] {
        if (m_listenAddress.isEmpty())
            return;
        QString host = m_listenAddress.left(m_listenAddress.lastIndexOf(u':'));
        if (host == u"0.0.0.0" || host == u"[::]")
            host = m_remote ? m_remote->service().host() : QStringLiteral("127.0.0.1");
        const QString port = m_listenAddress.mid(m_listenAddress.lastIndexOf(u':') + 1);
        QDesktopServices::openUrl(QUrl(QStringLiteral("http://%1:%2/docs/spec").arg(host, port)));
    });
    help->addAction(tr("&About Luna Sender"), this, [this] {
        QMessageBox::about(
            this, tr("About Luna Sender"),
            tr("<h3>Luna Sender %1</h3><p>The Luna Sender API of LUNA PLATFORM 5: recognition "
               "events from Redis to WebSocket clients, with a live monitoring console.</p>"
               "<p>Qt %2</p>")
                .arg(QStringLiteral(SENDER_VERSION_STRING), QLatin1StringView(qVersion())));
    });
}

void MainWindow::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/luna-sender.png")), this);
    auto *menu = new QMenu(this);
    menu->addAction(tr("Show the console"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addAction(m_events->pauseAction());
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &MainWindow::quit);
    m_tray->setContextMenu(menu);
    m_tray->setToolTip(tr("Luna Sender"));
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r != QSystemTrayIcon::Trigger)
            return;
        if (isVisible() && !isMinimized()) {
            hide();
        } else {
            showNormal();
            raise();
            activateWindow();
        }
    });
    m_tray->show();
}

void MainWindow::applyPreferences(const ConsolePreferences &preferences)
{
    m_preferences = preferences;
    m_events->setCap(preferences.eventCap);
    m_playground->setCap(preferences.eventCap);
    if (!preferences.demoClients)
        m_demoClients->stop();
    else if (!m_listenAddress.isEmpty() && !m_demoClients->isRunning()
             && m_settings.boolean(u"DEMO.ENABLED"))
        m_demoClients->start(m_listenAddress,
                             QUuid::fromString(m_settings.string(u"DEMO.ACCOUNT")));
}

void MainWindow::onStarted(const QString &address)
{
    m_listenAddress = address;
    m_status->showStarted(address);
    updateTitle();
    m_rates.reset();
    m_chart->clear();
    m_lastChartMs = -1;
    if (m_local && m_settings.boolean(u"DEMO.ENABLED")) {
        const QUuid account = QUuid::fromString(m_settings.string(u"DEMO.ACCOUNT"));
        m_playground->setAccount(account);
        if (m_preferences.demoClients)
            m_demoClients->start(address, account);
    }
}

void MainWindow::onSnapshot(const EngineSnapshot &snapshot)
{
    m_snapshot = snapshot;
    const qint64 now = m_clock.elapsed();
    m_lastRates = m_rates.add(snapshot, now);
    m_status->showSnapshot(snapshot, m_lastRates);
    if (m_lastChartMs < 0 || now - m_lastChartMs >= 1000) {
        if (m_lastChartMs >= 0)
            m_chart->addSample(m_lastRates.eventsIn, m_lastRates.delivered);
        m_lastChartMs = m_lastChartMs < 0 ? now : m_lastChartMs + 1000;
    }
    if (m_tray)
        m_tray->setToolTip(
            tr("Luna Sender — %1\n%2 clients · in %3 · out %4")
                .arg(m_listenAddress)
                .arg(snapshot.subscribers)
                .arg(format::rate(m_lastRates.eventsIn), format::rate(m_lastRates.delivered)));
}

void MainWindow::onSamples(const QList<EventSample> &samples, quint64 droppedBefore)
{
    m_events->appendSamples(samples, droppedBefore);
    m_playground->appendSamples(samples);
    // Something real in the detail pane at once, without taking the user's selection later.
    if (!m_selectedFirstEvent && m_events->proxy()->rowCount() > 0) {
        m_selectedFirstEvent = true;
        if (!m_events->view()->currentIndex().isValid())
            m_events->view()->setCurrentIndex(m_events->proxy()->index(0, 0));
    }
}

void MainWindow::onConnections(const QList<ConnectionSnapshot> &connections)
{
    m_connections->setConnections(connections);
    m_filterSets->setConnections(connections);
}

void MainWindow::resetLayout()
{
    for (QDockWidget *dock : std::as_const(m_docks))
        dock->show();
    restoreState(m_defaultState);
}

void MainWindow::openSettings()
{
    if (m_remote) {
        // The service's own configuration, read-only; the console's preferences stay local.
        auto *dialog = new RemoteConfigDialog(m_remote->instanceName(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_feed, &EngineFeed::configReady, dialog, &RemoteConfigDialog::setConfig);
        connect(m_feed, &EngineFeed::actionFailed, dialog, &RemoteConfigDialog::setError);
        m_feed->requestConfig();
        dialog->open();
        return;
    }
    SettingsDialog dialog(m_local->settings(), m_preferences, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConsolePreferences preferences = dialog.preferences();
    if (!(preferences == m_preferences)) {
        preferences.save();
        applyPreferences(preferences);
    }
    if (dialog.serverChanged()) {
        statusBar()->showMessage(tr("Saved to %1; restarting the engine…").arg(dialog.configPath()),
                                 10000);
        restartEngine(dialog.newSettings());
    }
}

void MainWindow::restartEngine(const Settings &settings)
{
    if (!m_local)
        return; // an attached service is configured where it runs
    m_settings = settings;
    m_demoClients->stop();
    m_status->showStarting();
    m_local->start(settings);
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    windowlayout::save(this); // also when it only goes to the tray: a crash later keeps it
    if (!m_quitting && m_tray && m_tray->isVisible() && m_preferences.closeToTray) {
        hide();
        if (!m_toldAboutTray) {
            m_toldAboutTray = true;
            m_tray->showMessage(tr("Luna Sender keeps running"),
                                tr("Clients stay connected. Quit from this icon's menu."));
        }
        event->ignore();
        return;
    }
    event->accept();
    if (m_tray)
        QApplication::quit(); // hidden windows would otherwise keep the application alive
}

} // namespace sender
