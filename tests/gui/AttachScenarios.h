#pragma once

// The attached console's scenarios, written once and run against both kinds of service:
// tst_remoteengineview (a real engine and its real MonitorService in the test process) and
// tst_attachedconsole (a real headless luna-sender process). A Service provides
//     bool start();  QByteArray problem() const;  QUrl url() const;  quint16 port;
//     std::unique_ptr<QWebSocket> subscribe(const QString &query = {});
// with demo events of kDemoAccount at 40 events/s and kMonitorToken on its monitoring port.
// Each scenario is a void function: a failed check returns from it, and QTest has recorded it.

#include "AttachSupport.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/MainWindow.h"
#include "gui/dialogs/RemoteConfigDialog.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/FilterSetsModel.h"
#include "gui/panes/ConnectionsPane.h"
#include "gui/panes/EngineStatusBar.h"
#include "gui/panes/EventStreamPane.h"
#include "gui/panes/FilterPlayground.h"
#include "gui/panes/FilterSetsPane.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

namespace sender::testing::attach {

inline const QString kToken = QString::fromLatin1(kMonitorToken);

template<typename Service>
void subscribersAppearAndVanish()
{
    Service service;
    QVERIFY2(service.start(), service.problem().constData());
    AttachedConsole console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    QVERIFY(console.view->isRemote());
    QVERIFY(console.window.windowTitle().contains(console.view->instanceName()));
    QVERIFY(console.window.windowTitle().contains(QStringLiteral("attached")));
    QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("Attached to")));
    QCOMPARE(console.window.host(), nullptr); // no engine in this process

    ConnectionsModel *connections = console.window.connections()->model();
    FilterSetsModel *sets = console.window.filterSets()->model();
    auto adults = service.subscribe(QStringLiteral("age__gte=18"));
    auto women = service.subscribe(QStringLiteral("gender=0"));
    QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 2, timeouts::kRoundTrip);
    QTRY_COMPARE_WITH_TIMEOUT(sets->rowCount(), 2, timeouts::kRoundTrip);
    QStringList queries;
    for (int row = 0; row < 2; ++row)
        queries.append(connections->connectionAt(row)->filterQuery);
    queries.sort();
    QCOMPARE(queries, QStringList({QStringLiteral("age__gte=18"), QStringLiteral("gender=0")}));
    QTRY_COMPARE_WITH_TIMEOUT(console.window.lastSnapshot().subscribers, 2, timeouts::kRoundTrip);

    women->close();
    QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 1, timeouts::kRoundTrip);
    QCOMPARE(connections->connectionAt(0)->filterQuery, QStringLiteral("age__gte=18"));
    QTRY_COMPARE_WITH_TIMEOUT(sets->rowCount(), 1, timeouts::kRoundTrip);
    adults->close();
    QTRY_COMPARE_WITH_TIMEOUT(connections->rowCount(), 0, timeouts::kRoundTrip);
}

template<typename Service>
void eventsFlowIntoTheStreamAndThePlayground()
{
    Service service;
    QVERIFY2(service.start(), service.problem().constData());
    AttachedConsole console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    EventStreamModel *stream = console.window.eventStream()->model();
    QTRY_VERIFY_WITH_TIMEOUT(stream->rowCount() >= 5, timeouts::kRoundTrip);
    // The decoded events are whole: the detail pane and the playground read their JSON.
    const EventSample &sample = stream->sampleAt(0);
    QVERIFY(sample.message);
    QCOMPARE(sample.account, QUuid::fromString(QLatin1StringView(kDemoAccount)));
    QCOMPARE(sample.kind, SourceKind::Demo);
    // The playground tries its filter on the remote events as they arrive.
    FilterPlayground *playground = console.window.playground();
    playground->setQuery(QStringLiteral("age__gte=0"));
    QVERIFY(playground->isValid());
    const quint64 seenBefore = playground->liveSeen();
    QTRY_VERIFY_WITH_TIMEOUT(playground->liveSeen() >= seenBefore + 5, timeouts::kRoundTrip);
    QVERIFY(playground->livePassed() > 0);
}

template<typename Service>
void disconnectClosesTheRemoteSubscriber()
{
    Service service;
    QVERIFY2(service.start(), service.problem().constData());
    AttachedConsole console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    auto client = service.subscribe();
    QSignalSpy closed(client.get(), &QWebSocket::disconnected);
    ConnectionsPane *pane = console.window.connections();
    QTRY_COMPARE_WITH_TIMEOUT(pane->model()->rowCount(), 1, timeouts::kRoundTrip);
    const quint64 id = pane->model()->connectionAt(0)->id;

    // What the pane's confirmed disconnect action emits.
    Q_EMIT pane->disconnectRequested(id, QStringLiteral("closed from the attached console"));
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, timeouts::kRoundTrip);
    QVERIFY(client->closeCode() == QWebSocketProtocol::CloseCodePolicyViolated
            || client->closeCode() == QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(client->closeReason(), QStringLiteral("closed from the attached console"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->model()->rowCount(), 0, timeouts::kRoundTrip);

    // An id that is gone: the service's 404 comes back as a plain message.
    QSignalSpy failed(console.view, &EngineFeed::actionFailed);
    console.view->disconnectClient(id, QStringLiteral("again"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, timeouts::kRoundTrip);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("404")),
             qPrintable(failed.first().first().toString()));
}

template<typename Service>
void settingsShowTheRemoteConfigurationReadOnly()
{
    Service service;
    QVERIFY2(service.start(), service.problem().constData());
    AttachedConsole console(service.url(), kToken);
    QVERIFY2(console.waitUp(), qPrintable(console.view->linkDetail()));
    console.window.openSettings();
    RemoteConfigDialog *dialog = console.window.findChild<RemoteConfigDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->valueOf(QStringLiteral("SERVER.PORT")).isNull(),
                             timeouts::kRoundTrip);
    QCOMPARE(dialog->valueOf(QStringLiteral("SERVER.HOST")), QStringLiteral("127.0.0.1"));
    QCOMPARE(dialog->valueOf(QStringLiteral("DEMO.ENABLED")), QStringLiteral("1"));
    // The token is masked by the service and never reaches the console in clear.
    const QString token = dialog->valueOf(QStringLiteral("MONITOR.TOKEN"));
    QVERIFY(!token.isNull());
    QVERIFY(!token.contains(kToken));
    dialog->close();
}

// Returns with the service still running, for checks of its own (its log, for a process).
template<typename Service>
void wrongOrMissingTokenIsRefused(Service &service)
{
    QVERIFY2(service.start(), service.problem().constData());
    for (const QString &token : {QStringLiteral("not-the-token"), QString()}) {
        AttachedConsole console(service.url(), token);
        QTRY_COMPARE_WITH_TIMEOUT(console.view->linkState(), EngineFeed::LinkState::Refused,
                                  timeouts::kRoundTrip);
        QVERIFY2(console.view->linkDetail().contains(QStringLiteral("401")),
                 qPrintable(console.view->linkDetail()));
        QVERIFY(console.window.engineStatus()->linkText().contains(QStringLiteral("refused")));
        QVERIFY(console.window.panesGreyed());
        QCOMPARE(console.view->nextRetryInMs(), -1); // no point retrying the same token
        // The token never shows, not even in the error.
        if (!token.isEmpty())
            QVERIFY(!console.view->linkDetail().contains(token));
    }
}

} // namespace sender::testing::attach
