#pragma once

// Shared by the tests that attach a console to a monitoring port (tst_remoteengineview and
// tst_attachedalerts: a real engine and its real MonitorService in the test process;
// tst_attachedconsole: a real headless process): the token, and a console window on a
// RemoteEngineView that retries quickly so a test does not wait for the production back-off.

#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/MainWindow.h"
#include "gui/link/RemoteEngineView.h"
#include "gui/storage/ConsolePreferences.h"
#include "monitor/MonitorService.h"

#include <QTest>
#include <QUrl>

namespace sender::testing {

inline const QByteArray kMonitorToken = "attach-test-token-0123456789";

inline QUrl monitorUrl(quint16 monitorPort)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(monitorPort));
}

// Retries quickly (50 ms doubling to 400 ms) instead of the production back-off.
inline void useQuickBackoff(RemoteEngineView *view)
{
    view->setBackoff({50, 400});
}

inline bool waitLinkUp(const EngineFeed *view, int timeoutMs = timeouts::kRoundTrip)
{
    return QTest::qWaitFor([&] { return view->linkState() == EngineFeed::LinkState::Up; },
                           timeoutMs);
}

// A console window on a remote view, as `luna-sender --attach` opens it.
struct AttachedConsole
{
    RemoteEngineView *view; // owned by the window
    MainWindow window;

    AttachedConsole(const QUrl &url, const QString &token)
        : view(new RemoteEngineView(url, token))
        , window(view, ConsolePreferences())
    {
        useQuickBackoff(view);
        window.show();
        view->start();
    }
    bool waitUp(int timeoutMs = timeouts::kRoundTrip) { return waitLinkUp(view, timeoutMs); }
};

// A real engine (EngineHost) in this process with its real monitoring port (MonitorService on
// MONITOR.PORT 0 and a token), as the console runs its own engine. Keys may be added to
// `settings` (alert rules, ...) before start().
struct MonitoredEngine
{
    EngineHost host; // declared first: the monitoring port, fed by it, goes first
    MonitorService monitor;
    Settings settings;
    quint16 port = 0; // the Sender API port
    quint16 monitorPort = 0;
    QString error;

    explicit MonitoredEngine(const Settings &base)
        : settings(base)
    {
        settings.set(QStringLiteral("MONITOR.ENABLED"), true, Settings::Origin::CommandLine);
        settings.set(QStringLiteral("MONITOR.HOST"), QStringLiteral("127.0.0.1"),
                     Settings::Origin::CommandLine);
        settings.set(QStringLiteral("MONITOR.PORT"), 0, Settings::Origin::CommandLine);
        settings.set(QStringLiteral("MONITOR.TOKEN"), QString::fromLatin1(kMonitorToken),
                     Settings::Origin::CommandLine);
    }
    bool start()
    {
        port = startHost(host, settings);
        if (port == 0) {
            error = QStringLiteral("the engine did not start");
            return false;
        }
        return startMonitor(0);
    }
    // (Re)opens the monitoring port on `wanted` (0 picks a free one); monitorPort says which.
    bool startMonitor(quint16 wanted)
    {
        Settings s = settings;
        s.set(QStringLiteral("MONITOR.PORT"), wanted, Settings::Origin::CommandLine);
        if (!monitor.start(s, &host, &error))
            return false;
        monitorPort = portOf(monitor.address());
        return monitorPort != 0;
    }
    QUrl url() const { return monitorUrl(monitorPort); }
};

} // namespace sender::testing
