// The limits of resuming, through the real handshake: a history that does not reach back refuses
// with 410/29110 before the upgrade; bad since_event_id / since values get 400/12012 after the
// contract's own checks; eviction by count, by age (the engine's history clock set by the test, no
// waiting) and by bytes; reloaded limits.

#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "ResumeSupport.h"
#include "SenderServer.h"
#include "WsClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace sender::test;
using namespace sender::test::resume;
using namespace Qt::StringLiterals;

class TestResumeLimits : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void init()
    {
        // Expected: the Redis source warns while Redis is not there yet or goes away at the end.
        sender::test::failOnQtWarnings({"(retry in ", "redis source DOWN"});
    }

    void refusedWhenHistoryDoesNotReachBack_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("detail");
        QTest::newRow("evicted by count")
            << "/2/ws?since_event_id=" + eventId(3) << QString::fromLatin1(eventId(3));
        QTest::newRow("never seen")
            << "/1/ws?since_event_id=" + eventId(999) << QStringLiteral("never seen");
        QTest::newRow("before the instance started")
            << QByteArray("/2/ws?since=2020-01-01T00:00:00Z") << QStringLiteral("reaches back to");
        QTest::newRow("with filters") << "/2/ws?sources=cam-1&since_event_id=" + eventId(1)
                                      << QStringLiteral("may have been missed");
    }

    // Refused before the upgrade, in the contract's error format, with its own status and code,
    // so the client knows it missed events.
    void refusedWhenHistoryDoesNotReachBack()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, detail);
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("HISTORY.MAX_EVENTS"), QStringLiteral("5")}}),
                 qPrintable(server.errorString()));
        for (int n = 1; n <= 10; ++n)
            server.publish(kAccount, message(n));
        QTRY_COMPARE(server.snapshot().history.events, 5u);
        QCOMPARE(server.snapshot().history.evictions, 5u);

        RawWebSocket client;
        QVERIFY(!client.openFor(server.port(), target, kAccount));
        const HttpResult r = client.handshake();
        QCOMPARE(r.status, 410);
        QVERIFY2(r.header("Content-Type").startsWith("application/json"), qPrintable(r.describe()));
        QVERIFY2(isGeneratedRequestId(r.header("Luna-Request-Id")), qPrintable(r.describe()));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(u"error_code").toInt(), 29110);
        QCOMPARE(body.value(u"desc").toString(),
                 u"Events are gone. The history does not reach back far enough"_s);
        QVERIFY2(body.value(u"detail").toString().contains(detail), r.body.constData());
        QVERIFY(!body.contains(u"link"));
        QCOMPARE(server.snapshot().subscribers, 0);

        const HttpResult metrics = httpGet(m_nam, server.httpUrl("/metrics"));
        QCOMPARE(metricLine(metrics.body, "luna_sender_handshakes_rejected_total{code=\"29110\"}"),
                 QByteArray("1"));
        QCOMPARE(metricLine(metrics.body, "luna_sender_history_events"), QByteArray("5"));
        QCOMPARE(metricLine(metrics.body, "luna_sender_history_evictions_total{reason=\"count\"}"),
                 QByteArray("5"));
    }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("parameter");
        const QByteArray id = eventId(1);
        auto row = [](const char *name, const QByteArray &target, int status, int code,
                      const char *parameter) {
            QTest::newRow(name) << target << status << code << QString::fromLatin1(parameter);
        };
        row("id not a uuid", "/2/ws?since_event_id=nope", 400, 12012, "since_event_id");
        row("id empty", "/2/ws?since_event_id=", 400, 12012, "since_event_id");
        row("id without value", "/2/ws?since_event_id", 400, 12012, "since_event_id");
        row("id in braces", "/2/ws?since_event_id=%7B" + id + "%7D", 400, 12012, "since_event_id");
        row("id twice", "/2/ws?since_event_id=" + id + "&since_event_id=" + id, 400, 12012,
            "since_event_id");
        row("time not a time", "/1/ws?since=yesterday", 400, 12012, "since");
        row("time without offset", "/1/ws?since=2026-12-04T10:15:30", 400, 12012, "since");
        row("time with a bad month", "/1/ws?since=2026-13-04T10:15:30Z", 400, 12012, "since");
        row("time date only", "/1/ws?since=2026-12-04", 400, 12012, "since");
        row("time broken escape", "/1/ws?since=2026-12-04T10:15:30%2", 400, 12012, "since");
        row("both", "/2/ws?since_event_id=" + id + "&since=2026-12-04T10:15:30Z", 400, 12012,
            "since");
        // The contract's own checks come first, as for any subscription.
        row("bad filter first", "/2/ws?gender=7&since=bad", 400, 12012, "gender");
        row("unknown parameter first", "/2/ws?since=bad&sinse=1", 400, 12012, "sinse");
    }

    void validation()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QString, parameter);
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.publish(kAccount, message(1));
        const HttpResult r = handshake(server, target);
        QCOMPARE(r.status, status);
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(u"error_code").toInt(), code);
        QCOMPARE(body.value(u"desc").toString(), u"Bad query parameters '%1'"_s.arg(parameter));
        QVERIFY2(!body.value(u"detail").toString().isEmpty(), r.body.constData());
        QCOMPARE(server.snapshot().subscribers, 0);
    }

    // Without Luna-Account-Id the contract's 403 comes first.
    void accountHeaderFirst()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RawWebSocket client;
        QVERIFY(!client.open(server.port(), "/2/ws?since_event_id=nope", {}));
        QCOMPARE(client.handshake().status, 403);
        QCOMPARE(
            QJsonDocument::fromJson(client.handshake().body).object().value(u"error_code").toInt(),
            29001);
    }

    // With account tokens the contract's token check comes first; the token travels next to the
    // resume parameter and is not taken for one.
    void accessTokenAndResume()
    {
        SenderServer server;
        QVERIFY2(server.start({{u"ACCESS.ACCOUNT_TOKENS"_s,
                                QString::fromLatin1(kAccount) + u":s3cret-token"_s}}),
                 qPrintable(server.errorString()));
        for (int n = 1; n <= 3; ++n)
            server.publish(kAccount, message(n));
        QCOMPARE(handshake(server, "/2/ws?since_event_id=" + eventId(1)).status, 401);
        QCOMPARE(
            handshake(server, "/2/ws?since_event_id=" + eventId(1) + "&access_token=wrong").status,
            401);
        RawWebSocket client;
        QVERIFY2(client.openFor(server.port(),
                                "/2/ws?since_event_id=" + eventId(1) + "&access_token=s3cret-token",
                                kAccount),
                 qPrintable(client.handshake().describe()));
        QCOMPARE(replayedHeader(client), QByteArray("2"));
        QVERIFY(client.waitForTexts(2));
        QCOMPARE(ids(client.texts()), idRange(2, 3));
    }

    // Age: the engine's history runs on the test's clock; nothing waits.
    void evictionByAge()
    {
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("HISTORY.MAX_SECONDS"), QStringLiteral("300")}}),
                 qPrintable(server.errorString()));
        qint64 now = QDateTime::currentMSecsSinceEpoch();
        server.engine()->history().setClock([&now] { return now; });
        for (int n = 1; n <= 3; ++n)
            server.publish(kAccount, message(n));
        RawWebSocket early;
        QVERIFY(early.openFor(server.port(), "/2/ws?since_event_id=" + eventId(1), kAccount));
        QCOMPARE(replayedHeader(early), QByteArray("2"));

        now += 300 * 1000 + 1;
        const HttpResult late = handshake(server, "/2/ws?since_event_id=" + eventId(1));
        QCOMPARE(late.status, 410);
        const sender::EngineSnapshot s = server.snapshot();
        QCOMPARE(s.history.events, 0u);
        QCOMPARE(s.history.evictions, 3u);
        const HttpResult metrics = httpGet(m_nam, server.httpUrl("/metrics"));
        QCOMPARE(metricLine(metrics.body, "luna_sender_history_evictions_total{reason=\"age\"}"),
                 QByteArray("3"));
    }

    // Bytes: past MAX_BYTES the oldest events of any account go first.
    void evictionByBytes()
    {
        SenderServer server;
        QVERIFY2(server.start({{QStringLiteral("HISTORY.MAX_BYTES"), QStringLiteral("65536")}}),
                 qPrintable(server.errorString()));
        const QByteArray padding(4000, 'x');
        auto padded = [&padding](int n) {
            return redisMessage(
                {"{\"event_id\": \"" + eventId(n) + "\", \"user_data\": \"" + padding + "\"}"});
        };
        server.publish(kAccountB, padded(1000));
        for (int n = 1; n <= 40; ++n)
            server.publish(kAccount, padded(n));
        const sender::EngineSnapshot s = server.snapshot();
        QVERIFY2(s.history.bytes <= 65536, qPrintable(QString::number(s.history.bytes)));
        QVERIFY(s.history.bytes > 65536 - 5000);
        QCOMPARE(s.history.accounts, 1);
        QCOMPARE(handshake(server, "/2/ws?since_event_id=" + eventId(1000), kAccountB).status, 410);
        const int held = int(s.history.events);
        RawWebSocket last;
        QVERIFY(last.openFor(server.port(), "/2/ws?since_event_id=" + eventId(40 - held + 1),
                             kAccount));
        QCOMPARE(replayedHeader(last), QByteArray::number(held - 1));
        QCOMPARE(handshake(server, "/2/ws?since_event_id=" + eventId(40 - held)).status, 410);
    }

    // The limits are reloadable: lowering them drops what is over at once; ENABLED needs a
    // restart (the running value stays, as for every such key).
    void reloadedLimits()
    {
        SenderServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        for (int n = 1; n <= 10; ++n)
            server.publish(kAccount, message(n));
        QCOMPARE(server.snapshot().history.events, 10u);
        QString error;
        const std::optional<sender::Settings> lowered = makeSettings(
            {{u"HISTORY.MAX_EVENTS"_s, u"3"_s}, {u"HISTORY.ENABLED"_s, u"0"_s}}, &error);
        QVERIFY2(lowered, qPrintable(error));
        const QStringList problems = server.engine()->applySettings(*lowered);
        QCOMPARE(problems, QStringList {u"HISTORY.ENABLED takes effect after a restart"_s});
        QCOMPARE(server.snapshot().history.events, 3u);
        QCOMPARE(server.snapshot().history.enabled, true);
        RawWebSocket client;
        QVERIFY(client.openFor(server.port(), "/2/ws?since_event_id=" + eventId(8), kAccount));
        QCOMPARE(replayedHeader(client), QByteArray("2"));
        QCOMPARE(handshake(server, "/2/ws?since_event_id=" + eventId(7)).status, 410);
    }
};

QTEST_GUILESS_MAIN(TestResumeLimits)
#include "tst_resumelimits.moc"
