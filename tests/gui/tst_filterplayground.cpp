// The filter playground: a bad query shows exactly the error a client's handshake gets, and the
// verdicts on live events agree with what a real client with the same query receives.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "TestTimeouts.h"
#include "events/EventMessage.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/panes/FilterPlayground.h"

#include <QCheckBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QTcpSocket>

using namespace sender;
using namespace sender::testing;

namespace {

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
};

// A raw WebSocket handshake, to see the server's refusal as a client sees it.
HttpAnswer handshake(quint16 port, const QByteArray &query)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeouts::kSignal))
        return {};
    socket.write("GET /2/ws?" + query
                 + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Luna-Account-Id: "
                 + kDemoAccount + "\r\n\r\n");
    QByteArray response;
    while (socket.waitForReadyRead(timeouts::kSignal)) {
        response += socket.readAll();
        const qsizetype headEnd = response.indexOf("\r\n\r\n");
        if (headEnd < 0)
            continue;
        const qsizetype lengthAt = response.toLower().indexOf("content-length:");
        const qsizetype length = lengthAt < 0
            ? 0
            : response.mid(lengthAt + 15, response.indexOf("\r\n", lengthAt) - lengthAt - 15)
                  .trimmed()
                  .toLongLong();
        if (response.size() >= headEnd + 4 + length)
            return {response.mid(9, 3).toInt(), response.mid(headEnd + 4, length)};
    }
    return {};
}

QString eventId(const QString &frame)
{
    return QJsonDocument::fromJson(frame.toUtf8())
        .object()
        .value(QStringLiteral("event"))
        .toObject()
        .value(QStringLiteral("event_id"))
        .toString();
}

} // namespace

class TestFilterPlayground : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { isolateSettings(); }
    void errorsAreTheHandshakes_data();
    void errorsAreTheHandshakes();
    void verdictsMatchARealClient();
    void accountAndOnlyPassing();
};

void TestFilterPlayground::errorsAreTheHandshakes_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("out of range") << QByteArray("age__gte=300");
    QTest::newRow("unknown parameter") << QByteArray("agee__gte=30");
    QTest::newRow("bad enum") << QByteArray("liveness=7");
    QTest::newRow("bad number") << QByteArray("object_similarity__gte=high");
    QTest::newRow("long tag") << QByteArray("tags=" + QByteArray(37, 'x'));
    QTest::newRow("geo without latitude") << QByteArray("geo_position=origin_longitude,10");
    QTest::newRow("bad uuid") << QByteArray("handler_ids=not-a-uuid");
    QTest::newRow("bad stream uuid") << QByteArray("stream_ids=cam-7");
    QTest::newRow("empty stream item")
        << QByteArray("stream_ids=a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21,");
}

void TestFilterPlayground::errorsAreTheHandshakes()
{
    QFETCH(QByteArray, query);
    EngineHost host;
    const quint16 port = startHost(host, engineSettings());
    QVERIFY(port);
    const HttpAnswer answer = handshake(port, query);
    QCOMPARE(answer.status, 400);
    const QJsonObject server = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(server.value(QStringLiteral("error_code")).toInt(), 12012);

    FilterPlayground playground;
    playground.setQuery(QString::fromUtf8(query));
    QVERIFY(!playground.isValid());
    QCOMPARE(playground.errorStatus(), 400);
    QCOMPARE(playground.errorCode(), 12012);
    const QJsonObject shown = QJsonDocument::fromJson(playground.errorBody()).object();
    QCOMPARE(shown, server); // the same desc, detail and link, byte for byte in meaning
    QVERIFY(playground.resultLabel()->text().contains(
        server.value(QStringLiteral("desc")).toString().toHtmlEscaped()));
}

void TestFilterPlayground::verdictsMatchARealClient()
{
    EngineHost host;
    FilterPlayground playground;
    connect(&host, &EngineHost::eventsSampled, &playground,
            [&](const QList<EventSample> &samples) { playground.appendSamples(samples); });
    host.setSampling(true);
    const quint16 port = startHost(host, engineSettings(true, 400));
    QVERIFY(port);

    const QString query = QStringLiteral("age__gte=40&sources=cam-01-main-entrance,cam-03-parking");
    playground.setQuery(query);
    QVERIFY(playground.isValid());
    QVERIFY(playground.resultLabel()->text().contains(QStringLiteral("age ≥ 40")));

    auto client = openClient(port, query);
    QVERIFY(client);
    QSet<QString> received;
    connect(client.get(), &QWebSocket::textMessageReceived, this,
            [&](const QString &frame) { received.insert(eventId(frame)); });

    // Take the events that arrive after the client subscribed; wait until it had time to get
    // every one that passes.
    const int firstRow = playground.model()->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(playground.model()->rowCount() > firstRow + 300
                                 || playground.model()->rowCount() == playground.model()->cap(),
                             timeouts::kRoundTrip);
    const int lastRow = playground.model()->rowCount() - 1;
    QSet<QString> passing;
    QSet<QString> failing;
    for (int row = firstRow + 20; row <= lastRow; ++row) { // a margin for the subscription race
        const EventSample &s = playground.model()->sampleAt(row);
        const QString id = summarize(*s.message, s.index).eventId;
        (playground.model()->passes(row) ? passing : failing).insert(id);
        const QString verdict =
            playground.model()->index(row, 0).data().toString(); // the Verdict column
        QCOMPARE(verdict,
                 playground.model()->passes(row) ? QStringLiteral("passes")
                                                 : QStringLiteral("filtered out"));
    }
    QVERIFY2(passing.size() > 5, "the demo stream should pass some events");
    QVERIFY(failing.size() > 5);
    QTRY_VERIFY_WITH_TIMEOUT(received.contains(passing), timeouts::kRoundTrip);
    QVERIFY(!received.intersects(failing));
    QVERIFY(playground.liveSeen() > 0);
    QVERIFY(playground.recentPassed() > 0 && playground.recentPassed() < playground.recentCount());
}

void TestFilterPlayground::accountAndOnlyPassing()
{
    EngineHost host;
    FilterPlayground playground;
    connect(&host, &EngineHost::eventsSampled, &playground,
            [&](const QList<EventSample> &samples) { playground.appendSamples(samples); });
    host.setSampling(true);
    QVERIFY(startHost(host, engineSettings(true, 300)));
    QTRY_VERIFY_WITH_TIMEOUT(playground.model()->rowCount() > 100, timeouts::kRoundTrip);

    playground.setQuery(QString()); // no filters: every event of the account
    QCOMPARE(playground.recentPassed(), playground.recentCount());
    // Another account's client would get none of the demo account's events.
    playground.setAccount(QUuid::fromString(u"11111111-2222-4333-8444-555555555555"));
    QCOMPARE(playground.recentPassed(), 0);
    playground.setAccount(QUuid::fromString(QString::fromLatin1(kDemoAccount)));
    QCOMPARE(playground.recentPassed(), playground.recentCount());

    playground.setQuery(QStringLiteral("liveness=1"));
    playground.onlyPassingBox()->setChecked(true);
    const int shown = playground.proxy()->rowCount();
    QVERIFY(shown > 0 && shown < playground.model()->rowCount());
    for (int row = 0; row < shown; ++row)
        QVERIFY(playground.proxy()->index(row, 0).data(EventStreamModel::VerdictRole).toBool());
}

QTEST_MAIN(TestFilterPlayground)
#include "tst_filterplayground.moc"
