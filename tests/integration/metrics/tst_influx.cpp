// [INFLUX] (issue 28): the counters of /metrics pushed to a real influxd (Debian's influxdb 1.6,
// started here on a free port with its own temporary directory and stopped by its pid) and read
// back over its HTTP query API. Outages are retried, the buffer stays bounded and drops are
// counted; credentials come from a file.

#include "FailOnWarnings.h"
#include "RedisProcess.h" // findFreePort
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "metrics/InfluxWriter.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>

using namespace sender;
using namespace sender::test;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QString kDatabase = QStringLiteral("luna_sender");

struct Answer
{
    int status = 0;
    QByteArray body;
};

// One request with the event loop running (the server under test lives on this thread).
Answer request(const QByteArray &verb, const QUrl &url, const QByteArray &authorization = {})
{
    QNetworkAccessManager network;
    QNetworkRequest r(url);
    r.setTransferTimeout(5000);
    if (!authorization.isEmpty())
        r.setRawHeader("Authorization", authorization);
    r.setHeader(QNetworkRequest::ContentTypeHeader,
                QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = verb == "POST" ? network.post(r, QByteArray()) : network.get(r);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Answer a {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    delete reply;
    return a;
}

// A real influxd on 127.0.0.1, its data in a temporary directory.
class InfluxProcess
{
public:
    ~InfluxProcess() { stop(); }

    bool start(bool authEnabled = false)
    {
        m_auth = authEnabled;
        for (int attempt = 0; attempt < 3; ++attempt) {
            if (m_port == 0 || attempt > 0)
                m_port = findFreePort();
            if (launch())
                return true;
        }
        return false;
    }
    // Again on the same port and data.
    bool restart() { return stop() && launch(); }
    bool stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return true;
        ::kill(pid_t(m_process->processId()), SIGTERM);
        return m_process->waitForFinished(timeouts::kProcessExit);
    }
    quint16 port() const { return m_port; }
    QUrl url(const QString &path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }
    Answer query(const QString &q, const QByteArray &authorization = {}) const
    {
        QUrl u = url(QStringLiteral("/query"));
        QUrlQuery items;
        items.addQueryItem(QStringLiteral("db"), kDatabase);
        items.addQueryItem(QStringLiteral("q"), q);
        u.setQuery(items);
        const bool write = q.startsWith(u"CREATE");
        return request(write ? "POST" : "GET", u, authorization);
    }
    QByteArray log() const { return m_process ? m_process->readAllStandardError() : QByteArray(); }

private:
    bool launch()
    {
        const QString d = m_dir.path();
        const QByteArray config = "reporting-disabled = true\n"
                                  "bind-address = \"127.0.0.1:"
            + QByteArray::number(findFreePort()) + "\"\n[meta]\n  dir = \"" + d.toUtf8()
            + "/meta\"\n[data]\n  dir = \"" + d.toUtf8() + "/data\"\n  wal-dir = \"" + d.toUtf8()
            + "/wal\"\n  query-log-enabled = false\n[http]\n  bind-address = \"127.0.0.1:"
            + QByteArray::number(m_port)
            + "\"\n  log-enabled = false\n  auth-enabled = " + (m_auth ? "true" : "false")
            + "\n[monitor]\n  store-enabled = false\n[continuous_queries]\n  enabled = false\n";
        QFile file(d + QStringLiteral("/influxdb.conf"));
        if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
            return false;
        file.close();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral("/usr/bin/influxd"),
                         {QStringLiteral("run"), QStringLiteral("-config"), file.fileName()});
        if (!m_process->waitForStarted(timeouts::kProcessStart))
            return false;
        // Up when /ping answers 204 (it answers before the port is taken by someone else only if
        // it is ours: a process that died on a taken port is no longer running).
        return QTest::qWaitFor(
                   [this] {
                       return m_process->state() == QProcess::Running
                           && request("GET", url(QStringLiteral("/ping"))).status == 204;
                   },
                   timeouts::kLongOperation)
            && m_process->state() == QProcess::Running;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    bool m_auth = false;
};

// The last value InfluxDB holds for a series, or -1.
double lastValue(const InfluxProcess &influx, const QString &measurement, const QString &where,
                 const QByteArray &authorization = {})
{
    const Answer a = influx.query(
        QStringLiteral("SELECT last(\"value\") FROM \"%1\" WHERE %2").arg(measurement, where),
        authorization);
    const QJsonArray values = QJsonDocument::fromJson(a.body)
                                  .object()
                                  .value(u"results")
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(u"series")
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(u"values")
                                  .toArray();
    return values.isEmpty() ? -1 : values.at(0).toArray().at(1).toDouble(-1);
}

QByteArray message(int i)
{
    return R"({"handler_id":"h","events":[{"event_id":"e)" + QByteArray::number(i) + R"("}]})";
}

} // namespace

class TestInflux : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Expected where a test stops InfluxDB: the writer warns of each failed write (and retries).
    void init() { failOnQtWarnings({"writing to InfluxDB at"}); }
    void lineProtocol();
    void countersArriveAndReadBack();
    void outagesAreRetriedAndTheBufferIsBounded();
    void credentialsComeFromAFile();
    void unusableSettingsAreErrors_data();
    void unusableSettingsAreErrors();
};

void TestInflux::lineProtocol()
{
    const QByteArray text = "# HELP a_total A.\n# TYPE a_total counter\n"
                            "a_total{route=\"/1/ws\",status=\"101\"} 5\n"
                            "b{v=\"x y,z=\\\"q\\\"\",empty=\"\"} 0.5\n"
                            "c NaN\nd +Inf\ne 1e-05\n";
    QCOMPARE(InfluxWriter::lineProtocol(text, 7, ",host=h"),
             QByteArray("a_total,route=/1/ws,status=101,host=h value=5 7\n"
                        "b,v=x\\ y\\,z\\=\"q\",host=h value=0.5 7\n"
                        "e,host=h value=1e-05 7\n"));
}

void TestInflux::countersArriveAndReadBack()
{
    InfluxProcess influx;
    QVERIFY2(influx.start(), influx.log().constData());
    QCOMPARE(influx.query(QStringLiteral("CREATE DATABASE ") + kDatabase).status, 200);

    SenderServer server;
    QVERIFY2(server.start({{QStringLiteral("INFLUX.URL"), influx.url().toString()},
                           {QStringLiteral("INFLUX.INTERVAL"), QStringLiteral("1")}}),
             qPrintable(server.errorString()));
    for (int i = 0; i < 3; ++i)
        server.publish(kAccount, message(i));
    // The same counter /metrics shows, read back from InfluxDB.
    QTRY_COMPARE_WITH_TIMEOUT(lastValue(influx, QStringLiteral("luna_sender_events_received_total"),
                                        QStringLiteral("\"source\" = 'embedded'")),
                              3.0, timeouts::kLongOperation);
    QVERIFY(lastValue(influx, QStringLiteral("luna_sender_build_info"), QStringLiteral("true"))
            == 1.0);
    const QByteArray metrics = server.engine()->metricsText();
    QVERIFY(metrics.contains("luna_sender_influx_points_written_total "));
    QVERIFY(!metrics.contains("luna_sender_influx_points_written_total 0\n"));
    QVERIFY(metrics.contains("luna_sender_influx_points_dropped_total 0\n"));
}

void TestInflux::outagesAreRetriedAndTheBufferIsBounded()
{
    InfluxProcess influx;
    QVERIFY2(influx.start(), influx.log().constData());
    QCOMPARE(influx.query(QStringLiteral("CREATE DATABASE ") + kDatabase).status, 200);
    SenderServer server;
    QVERIFY2(server.start({{QStringLiteral("INFLUX.URL"), influx.url().toString()},
                           {QStringLiteral("INFLUX.INTERVAL"), QStringLiteral("1")},
                           {QStringLiteral("INFLUX.BUFFER_POINTS"), QStringLiteral("100")},
                           {QStringLiteral("INFLUX.BATCH_POINTS"), QStringLiteral("100")}}),
             qPrintable(server.errorString()));
    const auto counter = [&](const char *name) {
        const QByteArray text = server.engine()->metricsText();
        const qsizetype at = text.indexOf(QByteArray(QByteArray("\n") + name + ' '));
        return at < 0 ? -1.0
                      : text.mid(at + qsizetype(qstrlen(name)) + 2, 20).split('\n')[0].toDouble();
    };
    QTRY_VERIFY_WITH_TIMEOUT(counter("luna_sender_influx_points_written_total") > 0,
                             timeouts::kLongOperation);

    QVERIFY(influx.stop());
    QTRY_VERIFY_WITH_TIMEOUT(counter("luna_sender_influx_write_failures_total") >= 1,
                             timeouts::kLongOperation);
    // A scrape is more than half the buffer: two of them while InfluxDB is away overflow it.
    QTRY_VERIFY_WITH_TIMEOUT(counter("luna_sender_influx_points_dropped_total") > 0,
                             timeouts::kLongOperation);
    QVERIFY(counter("luna_sender_influx_points_queued") <= 100);

    server.publish(kAccount, message(1));
    QVERIFY2(influx.restart(), influx.log().constData());
    const double before = counter("luna_sender_influx_points_written_total");
    // The retry (after a back-off of at most a few seconds here) writes what was kept.
    QTRY_VERIFY_WITH_TIMEOUT(counter("luna_sender_influx_points_written_total") > before,
                             timeouts::kLongOperation);
    QTRY_COMPARE_WITH_TIMEOUT(lastValue(influx, QStringLiteral("luna_sender_events_received_total"),
                                        QStringLiteral("\"source\" = 'embedded'")),
                              1.0, timeouts::kLongOperation);
}

void TestInflux::credentialsComeFromAFile()
{
    InfluxProcess influx;
    QVERIFY2(influx.start(true), influx.log().constData());
    // With authentication on and no user yet, InfluxDB takes only the first admin.
    QCOMPARE(influx
                 .query(QStringLiteral("CREATE USER admin WITH PASSWORD 's3cr3t-pw' WITH ALL "
                                       "PRIVILEGES"))
                 .status,
             200);
    const QByteArray auth = "Basic " + QByteArray("admin:s3cr3t-pw").toBase64();
    QCOMPARE(influx.query(QStringLiteral("CREATE DATABASE ") + kDatabase, auth).status, 200);

    QTemporaryDir dir;
    QFile secret(dir.filePath(QStringLiteral("influx-password")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("s3cr3t-pw\n");
    secret.close();

    SenderServer server;
    QVERIFY2(server.start({{QStringLiteral("INFLUX.URL"), influx.url().toString()},
                           {QStringLiteral("INFLUX.INTERVAL"), QStringLiteral("1")},
                           {QStringLiteral("INFLUX.USERNAME"), QStringLiteral("admin")},
                           {QStringLiteral("INFLUX.PASSWORD_FILE"), secret.fileName()}}),
             qPrintable(server.errorString()));
    server.publish(kAccount, message(1));
    QTRY_COMPARE_WITH_TIMEOUT(lastValue(influx, QStringLiteral("luna_sender_events_received_total"),
                                        QStringLiteral("\"source\" = 'embedded'"), auth),
                              1.0, timeouts::kLongOperation);
    // /config shows where the password is, never what it is.
    QVERIFY(!server.engine()->metricsText().contains("s3cr3t"));
}

void TestInflux::unusableSettingsAreErrors_data()
{
    QTest::addColumn<Overrides>("overrides");
    QTest::addColumn<QString>("error");
    const QString url = QStringLiteral("INFLUX.URL");
    QTest::newRow("not http") << Overrides {{url, QStringLiteral("udp://127.0.0.1:8089")}}
                              << QStringLiteral("INFLUX.URL must be an http:// or https:// URL");
    QTest::newRow("a query") << Overrides {{url, QStringLiteral("http://127.0.0.1:8086/?db=x")}}
                             << QStringLiteral("INFLUX.URL must be an http:// or https:// URL");
    QTest::newRow("credentials in the URL")
        << Overrides {{url, QStringLiteral("http://u:p@127.0.0.1:8086")}}
        << QStringLiteral("INFLUX.URL must not hold credentials");
    QTest::newRow("no database") << Overrides {{url, QStringLiteral("http://127.0.0.1:8086")},
                                               {QStringLiteral("INFLUX.DATABASE"), QString()}}
                                 << QStringLiteral("INFLUX.DATABASE must be set");
    QTest::newRow("user without password")
        << Overrides {{url, QStringLiteral("http://127.0.0.1:8086")},
                      {QStringLiteral("INFLUX.USERNAME"), QStringLiteral("admin")}}
        << QStringLiteral("INFLUX.USERNAME and INFLUX.PASSWORD_FILE go together");
    QTest::newRow("missing password file")
        << Overrides {{url, QStringLiteral("http://127.0.0.1:8086")},
                      {QStringLiteral("INFLUX.USERNAME"), QStringLiteral("admin")},
                      {QStringLiteral("INFLUX.PASSWORD_FILE"), QStringLiteral("/nonexistent/pw")}}
        << QStringLiteral("INFLUX.PASSWORD_FILE: cannot read '/nonexistent/pw'");
    QTest::newRow("credentials without a URL")
        << Overrides {{QStringLiteral("INFLUX.USERNAME"), QStringLiteral("admin")}}
        << QStringLiteral("INFLUX.USERNAME and INFLUX.PASSWORD_FILE need INFLUX.URL");
    QTest::newRow("batch over the buffer")
        << Overrides {{url, QStringLiteral("http://127.0.0.1:8086")},
                      {QStringLiteral("INFLUX.BATCH_POINTS"), QStringLiteral("200")},
                      {QStringLiteral("INFLUX.BUFFER_POINTS"), QStringLiteral("100")}}
        << QStringLiteral("INFLUX.BATCH_POINTS must not be larger than INFLUX.BUFFER_POINTS");
}

void TestInflux::unusableSettingsAreErrors()
{
    QFETCH(Overrides, overrides);
    QFETCH(QString, error);
    QString why;
    // Refused as the command line and the configuration file refuse it
    // (SettingsLoader::crossCheck).
    QVERIFY(!makeSettings(overrides, &why));
    QVERIFY2(why.contains(error), qPrintable(why));
}

QTEST_MAIN(TestInflux)
#include "tst_influx.moc"
