// https and wss on the same port (issue 6, item 6), with a certificate the test makes with the
// openssl CLI: the HTTP contract and an exact event frame through real clients that trust only
// that certificate, the bounded queue and 1001 over TLS, and the failures: plain HTTP to the TLS
// port, a handshake that never completes, unusable certificate or key files (start() refuses and
// names the file), an encrypted key with and without its password.

#include "EventMessages.h"
#include "FailOnWarnings.h"
#include "HttpProbe.h"
#include "SenderServer.h"
#include "TestTimeouts.h"
#include "WireClient.h"
#include "WsClient.h"
#include "net/TlsTransport.h"
#include "publicport/ConnectionServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace sender;
using namespace sender::test;

namespace {

const QByteArray kAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
const QByteArray kOtherAccount = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const QString kPassword = QStringLiteral("s3cret pass");

QString startError(const SenderServer &server)
{
    return QStringLiteral("server did not start: ") + server.errorString();
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_certificate; // EC P-256, CN and SAN 127.0.0.1
    QString m_key;
    QString m_rsaCertificate; // RSA 2048 with an encrypted PKCS#8 key
    QString m_rsaEncryptedKey;
    QSslConfiguration m_client; // trusts m_certificate only
    QNetworkAccessManager m_nam;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool openssl(const QStringList &arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(timeouts::kLongOperation)
            || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            qWarning("openssl %s failed: %s", qPrintable(arguments.join(u' ')),
                     process.readAll().constData());
            return false;
        }
        return true;
    }

    Overrides tls(const QString &certificate, const QString &key,
                  const QString &password = QString()) const
    {
        Overrides o = {{QStringLiteral("SERVER.TLS_CERTIFICATE"), certificate},
                       {QStringLiteral("SERVER.TLS_PRIVATE_KEY"), key}};
        if (!password.isEmpty())
            o.append({QStringLiteral("SERVER.TLS_PRIVATE_KEY_PASSWORD"), password});
        return o;
    }

    // TLS with a send queue bound of the given size per connection.
    Overrides tlsWithQueue(int queueBytes) const
    {
        Overrides overrides = tls();
        overrides.append(
            {QStringLiteral("WEBSOCKET.SEND_QUEUE_BYTES"), QString::number(queueBytes)});
        return overrides;
    }
    Overrides tls() const { return tls(m_certificate, m_key); }

    QUrl httpsUrl(const SenderServer &server, const QByteArray &pathAndQuery) const
    {
        return QUrl::fromEncoded("https://127.0.0.1:" + QByteArray::number(server.port())
                                 + pathAndQuery);
    }
    QUrl wssUrl(const SenderServer &server, const QByteArray &pathAndQuery) const
    {
        return QUrl::fromEncoded("wss://127.0.0.1:" + QByteArray::number(server.port())
                                 + pathAndQuery);
    }

    HttpResult httpsGet(const SenderServer &server, const QByteArray &pathAndQuery,
                        const RawHeaders &headers = {})
    {
        QNetworkRequest request(httpsUrl(server, pathAndQuery));
        request.setSslConfiguration(m_client);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return httpRequest(m_nam, "GET", request);
    }

    bool openWss(WsClient &client, const SenderServer &server, const QByteArray &pathAndQuery,
                 const QByteArray &account)
    {
        client.socket().setSslConfiguration(m_client);
        return client.open(wssUrl(server, pathAndQuery), account);
    }

private Q_SLOTS:
    void init()
    {
        // Expected here: a client closed for a slow read is logged as a warning with its error.
        sender::test::failOnQtWarnings({"Failed to publish message to ws"});
    }
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QSslSocket::supportsSsl(), "no TLS backend in this Qt");
        m_certificate = path(QStringLiteral("cert.pem"));
        m_key = path(QStringLiteral("key.pem"));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                         QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), m_key, QStringLiteral("-out"), m_certificate,
                         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                         QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")}));
        m_rsaCertificate = path(QStringLiteral("rsa-cert.pem"));
        m_rsaEncryptedKey = path(QStringLiteral("rsa-key-encrypted.pem"));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                         QStringLiteral("rsa:2048"), QStringLiteral("-keyout"), m_rsaEncryptedKey,
                         QStringLiteral("-passout"), QStringLiteral("pass:") + kPassword,
                         QStringLiteral("-out"), m_rsaCertificate, QStringLiteral("-days"),
                         QStringLiteral("2"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=127.0.0.1")}));
        QFile encrypted(m_rsaEncryptedKey);
        QVERIFY(encrypted.open(QIODevice::ReadOnly));
        QVERIFY(encrypted.readAll().contains("ENCRYPTED"));

        const QList<QSslCertificate> ca = QSslCertificate::fromPath(m_certificate);
        QCOMPARE(ca.size(), 1);
        m_client = QSslConfiguration::defaultConfiguration();
        m_client.setCaCertificates(ca);
    }

    // The HTTP contract over https: /version's JSON, Luna-Request-Id generated or echoed, several
    // requests on one kept-alive TLS connection, and a response far larger than what is handed to
    // QSslSocket at once (the OpenAPI YAML, ~110 KB) arriving byte for byte.
    void httpsResources()
    {
        SenderServer server;
        QVERIFY2(server.start(tls()), qPrintable(startError(server)));
        QVERIFY(server.engine()->connectionServer()->isTls());

        const HttpResult version = httpsGet(server, "/version");
        QVERIFY2(version.status == 200, qPrintable(version.describe()));
        QVERIFY(version.header("Content-Type").startsWith("application/json"));
        const QJsonObject v = jsonObject(version.body).value(u"Version").toObject();
        QCOMPARE(v.value(u"api").toInt(), 1);
        QVERIFY(v.contains(u"major") && v.contains(u"minor") && v.contains(u"patch"));
        QVERIFY2(isGeneratedRequestId(version.header("Luna-Request-Id")),
                 version.header("Luna-Request-Id").constData());

        const QByteArray mine = "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
        const HttpResult echoed = httpsGet(server, "/healthcheck", {{"Luna-Request-Id", mine}});
        QCOMPARE(echoed.status, 200);
        QCOMPARE(echoed.header("Luna-Request-Id"), mine);

        const HttpResult bad = httpsGet(server, "/version", {{"Luna-Request-Id", "nope"}});
        const QString problem = errorBodyProblem(bad, 400, 12012);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        SenderServer plain;
        QVERIFY2(plain.start(), qPrintable(startError(plain)));
        const HttpResult plainSpec =
            httpGet(m_nam, plain.httpUrl("/docs/spec"), {{"Accept", "application/x-yaml"}});
        QCOMPARE(plainSpec.status, 200);
        const HttpResult spec = httpsGet(server, "/docs/spec", {{"Accept", "application/x-yaml"}});
        QCOMPARE(spec.status, 200);
        QVERIFY2(spec.body.size() > TlsTransport::kSocketBufferBytes,
                 qPrintable(QString::number(spec.body.size())));
        QVERIFY(spec.body == plainSpec.body);

        // QNetworkAccessManager kept one TLS connection for all of them.
        QCOMPARE(server.engine()->connectionServer()->counters().accepted, 1u);
    }

    // A wss subscription receives an event of its account as the exact frame of the contract,
    // and nothing of another account.
    void wssSubscription()
    {
        SenderServer server;
        QVERIFY2(server.start(tls()), qPrintable(startError(server)));
        WsClient client;
        QVERIFY2(openWss(client, server, "/2/ws?sources=cam1", kAccount),
                 qPrintable(client.errorString()));
        WsClient other;
        QVERIFY2(openWss(other, server, "/1/ws", kOtherAccount), qPrintable(other.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().subscribers, 2, timeouts::kSignal);

        const QByteArray event = R"({"event_id": "tls-1", "source": "cam1", "tags": ["a"]})";
        const QByteArray filtered = R"({"event_id": "tls-2", "source": "cam2"})";
        const MessageMeta meta;
        server.publish(kAccount, redisMessage({filtered, event}, meta));
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(client.messages.size(), 1);
        const QString problem = frameProblem(client.messages.first(), event, meta);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        server.publish(kOtherAccount, redisMessage({filtered}, meta));
        QVERIFY(other.waitForMessages(1));
        QCOMPARE(eventField(other.messages.first(), QStringLiteral("event_id")),
                 QByteArray("tls-2"));
        QCOMPARE(client.messages.size(), 1);
    }

    // Over TLS too, a client that stops reading fills only its bounded queue (not QSslSocket's
    // buffers, which take anything), is closed with 1008, and a normal wss client of the same
    // account receives every event.
    void slowConsumerOverTls()
    {
        constexpr int kQueueBytes = 65536;
        SenderServer server;
        // The budget of retained frames is what closes a client that stays behind.
        Overrides overrides = tlsWithQueue(kQueueBytes);
        overrides.append(
            {QStringLiteral("WEBSOCKET.RETAINED_BYTES"), QString::number(kQueueBytes)});
        QVERIFY2(server.start(overrides), qPrintable(startError(server)));

        // The slow client: a tiny kernel receive buffer and a QSslSocket that stops reading.
        const int fd = wire::connectTo(server.port(), 1024);
        QVERIFY(fd >= 0);
        QSslSocket slow;
        QVERIFY(slow.setSocketDescriptor(fd));
        slow.setSslConfiguration(m_client);
        slow.setPeerVerifyName(QStringLiteral("127.0.0.1"));
        slow.startClientEncryption();
        QVERIFY2(wire::runEventsUntil([&] { return slow.isEncrypted(); }, 10000),
                 qPrintable(slow.errorString()));
        slow.write(wire::upgradeRequest(server.port(), "/2/ws", kAccount));
        QByteArray head;
        QVERIFY(wire::runEventsUntil(
            [&] {
                head += slow.readAll();
                return head.contains("\r\n\r\n");
            },
            10000));
        QVERIFY2(head.startsWith("HTTP/1.1 101 "), head.constData());
        slow.setReadBufferSize(4096); // from now on it holds at most this much, and reads no more

        WsClient normal;
        QVERIFY2(openWss(normal, server, "/2/ws", kAccount), qPrintable(normal.errorString()));

        const QByteArray pad(1400, 'p');
        int published = 0;
        while (server.snapshot().slowConsumerCloses == 0 && published < 4000) {
            for (int i = 0; i < 25; ++i, ++published)
                server.publish(kAccount,
                               redisMessage({"{\"event_id\": \"e" + QByteArray::number(published)
                                             + "\", \"pad\": \"" + pad + "\"}"}));
            qint64 queued = 0;
            for (const ConnectionSnapshot &c : server.engine()->connections())
                queued = qMax(queued, c.queueBytes);
            QVERIFY2(queued <= kQueueBytes + 2048,
                     qPrintable(QStringLiteral("a queue holds %1 bytes").arg(queued)));
            QVERIFY2(
                wire::runEventsUntil([&] { return normal.messages.size() == published; }, 10000),
                qPrintable(QStringLiteral("the normal client has %1 of %2")
                               .arg(normal.messages.size())
                               .arg(published)));
        }
        QCOMPARE(server.snapshot().slowConsumerCloses, 1u);
        qInfo("slow TLS client closed after %d events of 1.5 KB", published);

        // Reading again, it gets whole frames and then the close 1008.
        slow.setReadBufferSize(0);
        QByteArray stream;
        int closeCode = 0;
        QVERIFY2(wire::runEventsUntil(
                     [&] {
                         stream += slow.readAll();
                         qsizetype at = 0;
                         wire::FrameView frame;
                         for (qsizetype n; (n = wire::parseServerFrame(stream.constData() + at,
                                                                       stream.size() - at, &frame))
                              > 0;
                              at += n) {
                             if (frame.opcode == 0x8)
                                 closeCode = wire::closeCodeOf(frame);
                         }
                         stream.remove(0, at);
                         return closeCode != 0;
                     },
                     10000),
                 "no close frame");
        QCOMPARE(closeCode, 1008);
        QVERIFY(normal.isConnected());
        server.publish(kAccount, redisMessage({R"({"event_id": "after"})"}));
        QVERIFY(normal.waitForMessages(published + 1));
    }

    // One burst four times the queue bound, published before the event loop runs again: a wss
    // client that reads is not closed, because the frames that do not fit are first written
    // through QSslSocket to the kernel (TlsTransport::writeWithoutClosing), and it gets them all.
    void burstLargerThanTheQueueReachesAReadingClient()
    {
        constexpr int kQueueBytes = 65536;
        SenderServer server;
        QVERIFY2(server.start(tlsWithQueue(kQueueBytes)), qPrintable(startError(server)));
        WsClient client;
        QVERIFY2(openWss(client, server, "/2/ws", kAccount), qPrintable(client.errorString()));
        const QByteArray pad(1400, 'p');
        QList<QByteArray> events;
        for (int i = 0; i < 160; ++i) // ~250 KB of frames in one message
            events.append("{\"event_id\": \"b" + QByteArray::number(i) + "\", \"pad\": \"" + pad
                          + "\"}");
        server.publish(kAccount, redisMessage(events));
        QVERIFY2(
            client.waitForMessages(events.size(), timeouts::kRoundTrip),
            qPrintable(
                QStringLiteral("%1 of %2 events").arg(client.messages.size()).arg(events.size())));
        QCOMPARE(server.snapshot().slowConsumerCloses, 0u);
        QVERIFY(client.isConnected());
        QCOMPARE(eventField(client.messages.last(), QStringLiteral("event_id")),
                 QByteArray("b159"));
    }

    void shutdownCloses1001()
    {
        SenderServer server;
        QVERIFY2(server.start(tls()), qPrintable(startError(server)));
        WsClient a;
        QVERIFY2(openWss(a, server, "/1/ws", kAccount), qPrintable(a.errorString()));
        WsClient b;
        QVERIFY2(openWss(b, server, "/2/ws?gender=1", kOtherAccount), qPrintable(b.errorString()));
        QVERIFY2(server.stop(3000), qPrintable(server.errorString()));
        QVERIFY(a.waitForDisconnected());
        QVERIFY(b.waitForDisconnected());
        QCOMPARE(a.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(b.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }

    // Plain HTTP and ws:// to the TLS port: the handshake fails, the connection is closed, nothing
    // is answered in clear text, and the port goes on serving TLS clients.
    void plainTextToTheTlsPort()
    {
        SenderServer server;
        QVERIFY2(server.start(tls()), qPrintable(startError(server)));
        RawHttpConnection http;
        QVERIFY2(http.connectTo(server.port()), qPrintable(http.errorString()));
        http.write(requestBytes("GET", "/version", server.port()));
        QVERIFY2(http.waitForDisconnected(timeouts::kSignal),
                 "a plain HTTP request kept the connection open");
        QVERIFY2(!http.received().contains("HTTP/1.1"), http.received().constData());

        QWebSocket ws;
        QNetworkRequest request(server.wsUrl("/2/ws"));
        request.setRawHeader("Luna-Account-Id", kAccount);
        ws.open(request);
        QTRY_COMPARE_WITH_TIMEOUT(ws.state(), QAbstractSocket::UnconnectedState, timeouts::kSignal);

        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().connections, 0, timeouts::kSignal);
        QCOMPARE(httpsGet(server, "/version").status, 200);
        QCOMPARE(server.snapshot().subscribers, 0);
    }

    // A TLS handshake that never completes (nothing at all, or half a ClientHello) is cut after
    // SERVER.REQUEST_TIMEOUT like an HTTP head that never completes.
    void handshakeThatNeverCompletes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("silent") << QByteArray();
        QTest::newRow("half a ClientHello")
            << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc", 9);
    }
    void handshakeThatNeverCompletes()
    {
        QFETCH(QByteArray, bytes);
        SenderServer server;
        Overrides overrides = tls();
        overrides.append({QStringLiteral("SERVER.REQUEST_TIMEOUT"), QStringLiteral("1")});
        QVERIFY2(server.start(overrides), qPrintable(startError(server)));
        RawHttpConnection stalled;
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(stalled.connectTo(server.port()), qPrintable(stalled.errorString()));
        if (!bytes.isEmpty())
            stalled.write(bytes);
        QVERIFY2(stalled.waitForDisconnected(timeouts::kRoundTrip),
                 "a stalled TLS handshake was not cut");
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(elapsed >= 900, qPrintable(QStringLiteral("cut after %1 ms").arg(elapsed)));
        QTRY_COMPARE_WITH_TIMEOUT(server.snapshot().connections, 0, timeouts::kSignal);
    }

    void encryptedKey()
    {
        SenderServer server;
        QVERIFY2(server.start(tls(m_rsaCertificate, m_rsaEncryptedKey, kPassword)),
                 qPrintable(startError(server)));
        QSslConfiguration trustRsa = m_client;
        trustRsa.setCaCertificates(QSslCertificate::fromPath(m_rsaCertificate));
        QNetworkRequest request(httpsUrl(server, "/version"));
        request.setSslConfiguration(trustRsa);
        const HttpResult version = httpRequest(m_nam, "GET", request);
        QVERIFY2(version.status == 200, qPrintable(version.describe()));
    }

    // Files that cannot be used stop the start with a message that names the file.
    void unusableFiles_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("named"); // the file the message must name
        QTest::addColumn<QString>("says"); // and a word of why
        const QString missing = m_dir.filePath(QStringLiteral("no-such-dir/cert.pem"));
        QTest::newRow("certificate missing")
            << missing << m_key << QString() << missing << QStringLiteral("cannot read");
        const QString missingKey = m_dir.filePath(QStringLiteral("absent-key.pem"));
        QTest::newRow("key missing") << m_certificate << missingKey << QString() << missingKey
                                     << QStringLiteral("cannot read");
        QTest::newRow("key given as certificate")
            << m_key << m_key << QString() << m_key << QStringLiteral("no PEM certificate");
        QTest::newRow("certificate given as key") << m_certificate << m_certificate << QString()
                                                  << m_certificate << QStringLiteral("private key");
        QTest::newRow("key of another certificate")
            << m_rsaCertificate << m_key << QString() << m_key << QStringLiteral("does not belong");
        QTest::newRow("encrypted key without password")
            << m_rsaCertificate << m_rsaEncryptedKey << QString() << m_rsaEncryptedKey
            << QStringLiteral("TLS_PRIVATE_KEY_PASSWORD");
        QTest::newRow("encrypted key, wrong password")
            << m_rsaCertificate << m_rsaEncryptedKey << QStringLiteral("wrong") << m_rsaEncryptedKey
            << QStringLiteral("TLS_PRIVATE_KEY_PASSWORD");
        QTest::newRow("a directory")
            << m_dir.path() << m_key << QString() << m_dir.path() << QStringLiteral("certificate");
    }
    void unusableFiles()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        QFETCH(QString, password);
        QFETCH(QString, named);
        QFETCH(QString, says);
        SenderServer server;
        QVERIFY(!server.start(tls(certificate, key, password)));
        const QString error = server.errorString();
        qInfo("%s", qPrintable(error));
        QVERIFY2(error.contains(named), qPrintable(error));
        QVERIFY2(error.contains(says, Qt::CaseInsensitive), qPrintable(error));
        QVERIFY(!server.engine()->isRunning());
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
