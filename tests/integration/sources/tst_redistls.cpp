// rediss:// (issue 18): the whole server subscribing to a real redis-server over TLS, with the
// server's certificate checked against REDIS.TLS_CA_FILE and, when Redis asks for one, our client
// certificate. The certificates are made here with openssl; Debian's redis-server is built with
// TLS.

#include "FailOnWarnings.h"
#include "RedisProcess.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WsClient.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sender;
using namespace sender::test;

namespace {
const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kMessage =
    R"({"handler_id": "557d54ec-29ad-4f3c-93b4-c9092ef12515", "events": [{"source": "cam1"}]})";
} // namespace

class tst_RedisTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cert; // self-signed for 127.0.0.1: the server's, the client's and the CA at once
    QString m_key;
    QString m_otherCert; // a certificate that signed nothing here

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static bool makeCertificate(const QString &cert, const QString &key)
    {
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
        return openssl.waitForFinished(timeouts::kLongOperation)
            && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
    }

    // A redis-server with a plain port (for the fixture's PUBLISH) and a TLS port.
    std::unique_ptr<RedisServerProcess> startTlsRedis(quint16 *tlsPort, bool requireClientCert)
    {
        *tlsPort = findFreePort();
        RedisServerProcess::Options options;
        options.extraConfig = {QStringLiteral("tls-port %1").arg(*tlsPort),
                               QStringLiteral("tls-cert-file %1").arg(m_cert),
                               QStringLiteral("tls-key-file %1").arg(m_key),
                               QStringLiteral("tls-ca-cert-file %1").arg(m_cert),
                               requireClientCert ? QStringLiteral("tls-auth-clients yes")
                                                 : QStringLiteral("tls-auth-clients no")};
        auto redis = std::make_unique<RedisServerProcess>(options);
        if (!redis->start()) {
            qWarning("redis-server did not start: %s", qPrintable(redis->errorString()));
            return nullptr;
        }
        return redis;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = path(QStringLiteral("cert.pem"));
        m_key = path(QStringLiteral("key.pem"));
        m_otherCert = path(QStringLiteral("other.pem"));
        QVERIFY(makeCertificate(m_cert, m_key));
        QVERIFY(makeCertificate(m_otherCert, path(QStringLiteral("other-key.pem"))));
    }
    void init()
    {
        // Expected here: the Redis source warns when the TLS handshake is refused (each warning
        // ends with the retry delay) and when the source goes down.
        failOnQtWarnings({"(retry in ", "redis source DOWN", "sentinel: "});
    }

    void verifiedConnectionDeliversEvents_data()
    {
        QTest::addColumn<bool>("clientCertificate");
        QTest::newRow("server certificate checked") << false;
        QTest::newRow("and a client certificate") << true;
    }
    void verifiedConnectionDeliversEvents()
    {
        QFETCH(bool, clientCertificate);
        quint16 tlsPort = 0;
        const auto redis = startTlsRedis(&tlsPort, clientCertificate);
        QVERIFY(redis);
        Overrides overrides = {
            {QStringLiteral("REDIS.URL"), QStringLiteral("rediss://127.0.0.1:%1").arg(tlsPort)},
            {QStringLiteral("REDIS.TLS_CA_FILE"), m_cert}};
        if (clientCertificate)
            overrides += {{QStringLiteral("REDIS.TLS_CERTIFICATE"), m_cert},
                          {QStringLiteral("REDIS.TLS_PRIVATE_KEY"), m_key}};
        SenderServer server;
        QVERIFY2(server.start(overrides), qPrintable(server.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(server.engine()->healthProblems().isEmpty(), timeouts::kRoundTrip);
        WsClient client;
        QVERIFY(client.open(server.wsUrl("/2/ws"), kAccount));
        // Healthy means subscribed: the one receiver is us, over TLS.
        QCOMPARE(redis->publish("luna-sender:" + kAccount, kMessage), 1);
        QVERIFY(client.waitForMessages(1));
    }

    void unverifiedServerIsRefused_data()
    {
        QTest::addColumn<QString>("caFile"); // empty: the system's authorities
        QTest::newRow("system authorities") << QString();
        QTest::newRow("another authority") << QStringLiteral("other");
    }
    void unverifiedServerIsRefused()
    {
        QFETCH(QString, caFile);
        quint16 tlsPort = 0;
        const auto redis = startTlsRedis(&tlsPort, false);
        QVERIFY(redis);
        Overrides overrides = {
            {QStringLiteral("REDIS.URL"), QStringLiteral("rediss://127.0.0.1:%1").arg(tlsPort)},
            {QStringLiteral("REDIS.RECONNECT_MIN_MS"), QStringLiteral("1000")}};
        if (!caFile.isEmpty())
            overrides += {{QStringLiteral("REDIS.TLS_CA_FILE"), m_otherCert}};
        SenderServer server;
        QVERIFY2(server.start(overrides), qPrintable(server.errorString()));
        // The handshake fails on the certificate: down, and no subscriber on the Redis side.
        QTRY_VERIFY_WITH_TIMEOUT(
            !server.engine()->healthProblems().isEmpty()
                && server.engine()->healthProblems().constFirst().detail.contains(
                    QLatin1StringView("certificate"), Qt::CaseInsensitive),
            timeouts::kRoundTrip);
        QCOMPARE(redis->publish("luna-sender:" + kAccount, kMessage), 0);
    }

    // With a rediss:// URL the Sentinels are asked over TLS too (their tls-port), with the same
    // certificate checks: a Sentinel whose certificate does not check out is not believed.
    void sentinelsAreAskedOverTls_data()
    {
        QTest::addColumn<bool>("trusted");
        QTest::newRow("certificate checked") << true;
        QTest::newRow("another authority") << false;
    }
    void sentinelsAreAskedOverTls()
    {
        QFETCH(bool, trusted);
        quint16 masterTlsPort = 0;
        const auto master = startTlsRedis(&masterTlsPort, false);
        QVERIFY(master);
        const quint16 sentinelTlsPort = findFreePort();
        SentinelProcess::Options options;
        options.masterPort = masterTlsPort; // announced as the master's address
        options.extraConfig = {QStringLiteral("tls-port %1").arg(sentinelTlsPort),
                               QStringLiteral("tls-cert-file %1").arg(m_cert),
                               QStringLiteral("tls-key-file %1").arg(m_key),
                               QStringLiteral("tls-ca-cert-file %1").arg(m_cert),
                               QStringLiteral("tls-auth-clients no"),
                               QStringLiteral("tls-replication yes")};
        SentinelProcess sentinel(options);
        QVERIFY2(sentinel.start(), qPrintable(sentinel.errorString()));
        const Overrides overrides = {
            {QStringLiteral("REDIS.URL"), QStringLiteral("rediss://127.0.0.1:1")},
            {QStringLiteral("REDIS.SENTINELS"),
             QStringLiteral("127.0.0.1:%1").arg(sentinelTlsPort)},
            {QStringLiteral("REDIS.TLS_CA_FILE"), trusted ? m_cert : m_otherCert},
            {QStringLiteral("REDIS.RECONNECT_MIN_MS"), QStringLiteral("1000")}};
        SenderServer server;
        QVERIFY2(server.start(overrides), qPrintable(server.errorString()));
        if (trusted) {
            QTRY_VERIFY_WITH_TIMEOUT(server.engine()->healthProblems().isEmpty(),
                                     timeouts::kRoundTrip);
            WsClient client;
            QVERIFY(client.open(server.wsUrl("/2/ws"), kAccount));
            QCOMPARE(master->publish("luna-sender:" + kAccount, kMessage), 1);
            QVERIFY(client.waitForMessages(1));
            return;
        }
        // The sentinel's handshake fails on its certificate: no master, no subscription.
        QTRY_VERIFY_WITH_TIMEOUT(
            !server.engine()->healthProblems().isEmpty()
                && server.engine()->healthProblems().constFirst().detail.startsWith(
                    QLatin1StringView("sentinel: no address"))
                && server.engine()->healthProblems().constFirst().detail.contains(
                    QLatin1StringView("certificate"), Qt::CaseInsensitive),
            timeouts::kRoundTrip);
        QCOMPARE(master->publish("luna-sender:" + kAccount, kMessage), 0);
    }

    void tlsKeysNeedARedissUrl()
    {
        QString error;
        QVERIFY(!makeSettings({{QStringLiteral("REDIS.URL"), QStringLiteral("redis://127.0.0.1:1")},
                               {QStringLiteral("REDIS.TLS_CA_FILE"), m_cert}},
                              &error));
        QVERIFY2(error.contains(QStringLiteral("need a rediss:// REDIS.URL")), qPrintable(error));
        QVERIFY(
            !makeSettings({{QStringLiteral("REDIS.URL"), QStringLiteral("rediss://127.0.0.1:1")},
                           {QStringLiteral("REDIS.TLS_CA_FILE"), m_key}},
                          &error));
        QVERIFY2(error.contains(QStringLiteral("holds no PEM certificate")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_RedisTls)
#include "tst_redistls.moc"
