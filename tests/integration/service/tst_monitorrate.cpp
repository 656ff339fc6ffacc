// events_max_rate on the monitoring stream of the real headless process: a monitor that asks for
// at most n event samples a second gets no more than its token bucket allows (a second's worth,
// then n a second) while many events are published through the real POST /1/publish, and every
// sample it did not get is counted in the batches' "dropped" (sent + dropped = offered after its
// filter, exactly); a monitor on the same stream without the field still gets every sample;
// values that are not an integer from 1 to 100000 are the stream's JSON error, and leave the
// subscription as it was.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "MonitorTestSupport.h"
#include "TestTimeouts.h"

#include <QElapsedTimer>

using namespace sender::test;

namespace {

const QByteArray kPublishToken = "publish-test-token-4c7a";

QByteArray event(int n, int gender)
{
    return "{\"event_id\": \"00000000-0000-4000-8000-"
        + QByteArray::number(n).rightJustified(12, '0')
        + "\", \"source\": \"cam-1\", \"face_attributes\": {\"basic_attributes\": {\"age\": 40, "
          "\"gender\": "
        + QByteArray::number(gender) + "}}}";
}

// One Redis-format message of `count` events through the Sender port's POST /1/publish.
bool publish(quint16 port, int first, int count, int gender)
{
    QList<QByteArray> events;
    for (int i = 0; i < count; ++i)
        events.append(event(first + i, gender));
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/1/publish").arg(port)));
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Authorization", "Bearer " + kPublishToken);
    request.setRawHeader("Luna-Account-Id", kQuietAccount);
    const HttpResult r = httpRequest(nam, "POST", request, redisMessage(events));
    return r.status >= 200 && r.status < 300;
}

struct Tally
{
    qint64 received = 0;
    qint64 dropped = 0;
    qint64 gender1 = 0; // received samples of the events under test
    bool onlyGender1 = true;
};

Tally tally(const Monitor &monitor)
{
    Tally t;
    for (const QJsonObject &m : monitor.messages.value(QStringLiteral("events"))) {
        t.dropped += qint64(m.value(QLatin1StringView("dropped")).toDouble());
        for (const QJsonValue &e : m.value(QLatin1StringView("events")).toArray()) {
            ++t.received;
            const int gender = e.toObject()
                                   .value(QLatin1StringView("event"))
                                   .toObject()
                                   .value(QLatin1StringView("event"))
                                   .toObject()
                                   .value(QLatin1StringView("face_attributes"))
                                   .toObject()
                                   .value(QLatin1StringView("basic_attributes"))
                                   .toObject()
                                   .value(QLatin1StringView("gender"))
                                   .toInt(-1);
            t.gender1 += gender == 1 ? 1 : 0;
            t.onlyGender1 = t.onlyGender1 && gender == 1;
        }
    }
    return t;
}

QJsonObject subscribeEvents(const QJsonValue &rate, const QString &filter = {})
{
    QJsonObject o {{QStringLiteral("subscribe"), QJsonArray {QStringLiteral("events")}}};
    if (!rate.isUndefined())
        o.insert(QStringLiteral("events_max_rate"), rate);
    if (!filter.isEmpty())
        o.insert(QStringLiteral("events_filter"), filter);
    return o;
}

// The stream handles a monitor's messages in order: once the error for a bad message that
// follows has come back, everything sent before it has taken effect.
bool barrier(Monitor &monitor)
{
    const qsizetype errors = monitor.messages.value(QStringLiteral("error")).size();
    if (!monitor.subscribe(subscribeEvents(QStringLiteral("not a rate"))))
        return false;
    return QTest::qWaitFor(
        [&] { return monitor.messages.value(QStringLiteral("error")).size() > errors; },
        timeouts::kRoundTrip);
}

} // namespace

class tst_MonitorRate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { failOnQtWarnings(); }
    void initTestCase();
    void cleanupTestCase() { m_service.reset(); }
    void invalidRatesAreRefused_data();
    void invalidRatesAreRefused();
    void validRatesAreAccepted_data();
    void validRatesAreAccepted();
    void aRateBoundsTheSamplesAndCountsTheRest();

private:
    std::unique_ptr<Service> m_service;
};

void tst_MonitorRate::initTestCase()
{
    m_service = std::make_unique<Service>();
    QVERIFY2(m_service->start("TOKEN = " + kToken + "\n",
                              "[PUBLISH]\nENABLED = 1\nTOKEN = " + kPublishToken + "\n"),
             m_service->process.log().constData());
}

void tst_MonitorRate::invalidRatesAreRefused_data()
{
    QTest::addColumn<QJsonValue>("rate");
    QTest::newRow("zero") << QJsonValue(0);
    QTest::newRow("negative") << QJsonValue(-1);
    QTest::newRow("string") << QJsonValue(QStringLiteral("x"));
    QTest::newRow("fraction") << QJsonValue(1.5);
    QTest::newRow("above 100000") << QJsonValue(100001);
    QTest::newRow("boolean") << QJsonValue(true);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("array") << QJsonValue(QJsonArray {5});
}

void tst_MonitorRate::invalidRatesAreRefused()
{
    QFETCH(QJsonValue, rate);
    Monitor monitor(m_service->monitorPort);
    QVERIFY(monitor.subscribe(subscribeEvents(rate)));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.messages.value(QStringLiteral("error")).size(), 1,
                              timeouts::kRoundTrip);
    const QJsonObject error = monitor.messages.value(QStringLiteral("error")).first();
    QCOMPARE(error.value(QLatin1StringView("error_code")).toInt(), 12012);
    QCOMPARE(error.value(QLatin1StringView("desc")).toString(),
             QStringLiteral("Bad query parameters 'events_max_rate'"));
    QVERIFY(error.value(QLatin1StringView("detail")).toString().contains(u"1 to 100000"));
    // Like a bad events_filter, it is an answer, not a close.
    QCOMPARE(monitor.socket.state(), QAbstractSocket::ConnectedState);
}

void tst_MonitorRate::validRatesAreAccepted_data()
{
    QTest::addColumn<QJsonValue>("rate");
    QTest::newRow("1") << QJsonValue(1);
    QTest::newRow("100000") << QJsonValue(100000);
}

void tst_MonitorRate::validRatesAreAccepted()
{
    QFETCH(QJsonValue, rate);
    Monitor monitor(m_service->monitorPort);
    QVERIFY(monitor.subscribe(subscribeEvents(rate)));
    QVERIFY(barrier(monitor));
    // Only the barrier's own error.
    QCOMPARE(monitor.messages.value(QStringLiteral("error")).size(), 1);
}

void tst_MonitorRate::aRateBoundsTheSamplesAndCountsTheRest()
{
    constexpr int kRate = 5;
    constexpr int kMessages = 20;
    constexpr int kPerMessage = 50;
    constexpr qint64 kOffered = kMessages * kPerMessage;
    const quint16 port = m_service->port;

    // Without the field: every sample, as before events_max_rate existed. This monitor also keeps
    // the engine sampling; it has seen a warm-up event (gender 0) once sampling is on.
    Monitor everything(m_service->monitorPort);
    QVERIFY(everything.subscribe(subscribeEvents(QJsonValue::Undefined)));
    int n = 0;
    // (Each publish is a round trip, which paces the warm-up.)
    QVERIFY(
        QTest::qWaitFor([&] { return publish(port, ++n, 1, 0) && tally(everything).received > 0; },
                        timeouts::kLongOperation));

    // Under test: gender=1 only (the warm-up events are filtered out, never offered to it), at
    // most kRate samples a second.
    Monitor limited(m_service->monitorPort);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(limited.subscribe(subscribeEvents(kRate, QStringLiteral("gender=1"))));
    QVERIFY(barrier(limited));
    const Tally before = tally(everything);

    for (int i = 0; i < kMessages; ++i)
        QVERIFY(publish(port, 100000 + i * kPerMessage, kPerMessage, 1));

    // Every event offered is accounted for: sent or counted as dropped, none twice.
    QTRY_VERIFY2_WITH_TIMEOUT(tally(limited).received + tally(limited).dropped >= kOffered,
                              qPrintable(QStringLiteral("%1 received + %2 dropped of %3")
                                             .arg(tally(limited).received)
                                             .arg(tally(limited).dropped)
                                             .arg(kOffered)),
                              timeouts::kLongOperation);
    const double seconds = double(elapsed.elapsed()) / 1000.0;
    const Tally got = tally(limited);
    QCOMPARE(got.received + got.dropped, kOffered);
    QVERIFY(got.onlyGender1);
    // The bucket starts with a second's worth and gains kRate a second: a bound on the limiter's
    // arithmetic over the time this test saw (the service's own interval is inside it).
    QVERIFY2(got.received <= qint64(kRate * (seconds + 1.0)),
             qPrintable(QStringLiteral("%1 samples in %2 s").arg(got.received).arg(seconds)));
    QVERIFY2(got.received >= kRate, qPrintable(QString::number(got.received)));

    // The monitor without the field got every one of them, and nothing was dropped for it.
    QTRY_COMPARE_WITH_TIMEOUT(tally(everything).gender1 - before.gender1, kOffered,
                              timeouts::kLongOperation);
    QCOMPARE(tally(everything).dropped, 0);
}

QTEST_GUILESS_MAIN(tst_MonitorRate)
#include "tst_monitorrate.moc"
