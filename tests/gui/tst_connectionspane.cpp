// The disconnect action: after the operator confirms, the real client is closed by the server;
// after Cancel, nothing happens.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "gui/models/ConnectionsModel.h"
#include "gui/panes/ConnectionsPane.h"

#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTimer>

using namespace sender;
using namespace sender::testing;

class TestConnectionsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void disconnectAfterConfirmation();
    void searchFiltersRows();

private:
    // Answers the confirmation box once it is open, by clicking the button with this role.
    static void answerConfirmation(QMessageBox::ButtonRole role, bool *answered);
};

void TestConnectionsPane::answerConfirmation(QMessageBox::ButtonRole role, bool *answered)
{
    // Polls from the modal loop until the box is there (no fixed wait).
    auto *poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, role, answered] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != u"disconnectConfirmation")
            return;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                *answered = true;
                button->click();
                break;
            }
        }
        poll->deleteLater();
    });
    poll->start(10);
}

void TestConnectionsPane::disconnectAfterConfirmation()
{
    EngineHost host;
    ConnectionsPane pane;
    connect(&host, &EngineHost::connectionsReady, &pane, &ConnectionsPane::setConnections);
    connect(&pane, &ConnectionsPane::disconnectRequested, &host,
            qOverload<quint64, const QString &>(&EngineHost::disconnectClient));
    pane.show();
    const quint16 port = startHost(host, engineSettings());
    QVERIFY(port);

    auto client = openClient(port, QStringLiteral("sources=cam1"));
    QVERIFY(client);
    QSignalSpy gone(client.get(), &QWebSocket::disconnected);
    QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 1, timeouts::kSignal);
    const quint64 id = pane.model()->index(0, 0).data(ConnectionsModel::IdRole).toULongLong();
    QVERIFY(!pane.disconnectButton()->isEnabled());
    pane.selectId(id);
    QCOMPARE(pane.selectedId(), id);
    QVERIFY(pane.disconnectButton()->isEnabled());

    // Cancel: nothing is asked of the engine, and the client is still there a list later.
    QSignalSpy requested(&pane, &ConnectionsPane::disconnectRequested);
    bool answered = false;
    answerConfirmation(QMessageBox::RejectRole, &answered);
    pane.disconnectSelected();
    QVERIFY(answered);
    QCOMPARE(requested.count(), 0);
    QSignalSpy lists(&host, &EngineHost::connectionsReady);
    QTRY_VERIFY_WITH_TIMEOUT(!lists.isEmpty(), timeouts::kSignal);
    QCOMPARE(pane.model()->rowOf(id), 0);
    QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(gone.count(), 0);

    // Confirm: the server closes the client's WebSocket and the row goes.
    answered = false;
    answerConfirmation(QMessageBox::DestructiveRole, &answered);
    QTest::mouseClick(pane.disconnectButton(), Qt::LeftButton);
    QVERIFY(answered);
    QCOMPARE(requested.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!gone.isEmpty(), timeouts::kSignal);
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(client->closeReason(), QStringLiteral("disconnected by the operator"));
    QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 0, timeouts::kSignal);
    QCOMPARE(pane.selectedId(), quint64(0));
    QVERIFY(!pane.disconnectButton()->isEnabled());
}

void TestConnectionsPane::searchFiltersRows()
{
    EngineHost host;
    ConnectionsPane pane;
    connect(&host, &EngineHost::connectionsReady, &pane, &ConnectionsPane::setConnections);
    const quint16 port = startHost(host, engineSettings());
    QVERIFY(port);
    auto a = openClient(port, QStringLiteral("sources=lobby"));
    auto b = openClient(port, QStringLiteral("liveness=0"));
    QVERIFY(a && b);
    QTRY_COMPARE_WITH_TIMEOUT(pane.model()->rowCount(), 2, timeouts::kSignal);
    QTest::keyClicks(pane.searchField(), QStringLiteral("SPOOF"));
    QCOMPARE(pane.proxy()->rowCount(), 1);
    QCOMPARE(pane.proxy()->index(0, ConnectionsModel::Filters).data().toString(),
             QStringLiteral("liveness ∈ {spoof}"));
    pane.searchField()->clear();
    QCOMPARE(pane.proxy()->rowCount(), 2);
}

QTEST_MAIN(TestConnectionsPane)
#include "tst_connectionspane.moc"
