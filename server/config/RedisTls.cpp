#include "config/RedisTls.h"

#include "config/Settings.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace sender {

namespace {

std::optional<QByteArray> readPem(const QString &key, const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read '%2' (%3)").arg(key, path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

std::optional<QSslConfiguration> redisTlsConfiguration(const Settings &settings, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<QSslConfiguration> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString caFile = settings.string(u"REDIS.TLS_CA_FILE");
    const QString certFile = settings.string(u"REDIS.TLS_CERTIFICATE");
    const QString keyFile = settings.string(u"REDIS.TLS_PRIVATE_KEY");
    const bool verify = settings.boolean(u"REDIS.TLS_VERIFY");
    const std::optional<RedisUrl> url = settings.redisUrl();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!url || !url->tls) {
        if (!caFile.isEmpty() || !certFile.isEmpty() || !keyFile.isEmpty() || !verify)
            return fail(QStringLiteral("REDIS.TLS_CA_FILE, TLS_CERTIFICATE, TLS_PRIVATE_KEY and "
                                       "TLS_VERIFY need a rediss:// REDIS.URL"));
        return tls;
    }
    if (certFile.isEmpty() != keyFile.isEmpty())
        return fail(QStringLiteral("REDIS.TLS_CERTIFICATE and REDIS.TLS_PRIVATE_KEY go together"));
    if (!caFile.isEmpty()) {
        const std::optional<QByteArray> pem =
            readPem(QStringLiteral("REDIS.TLS_CA_FILE"), caFile, error);
        if (!pem)
            return std::nullopt;
        const QList<QSslCertificate> cas = QSslCertificate::fromData(*pem, QSsl::Pem);
        if (cas.isEmpty())
            return fail(
                QStringLiteral("REDIS.TLS_CA_FILE: '%1' holds no PEM certificate").arg(caFile));
        // Only these: a private CA should not be mixed with every public one.
        tls.setCaCertificates(cas);
    }
    if (!certFile.isEmpty()) {
        const std::optional<QByteArray> certPem =
            readPem(QStringLiteral("REDIS.TLS_CERTIFICATE"), certFile, error);
        if (!certPem)
            return std::nullopt;
        const QList<QSslCertificate> chain = QSslCertificate::fromData(*certPem, QSsl::Pem);
        if (chain.isEmpty())
            return fail(QStringLiteral("REDIS.TLS_CERTIFICATE: '%1' holds no PEM certificate")
                            .arg(certFile));
        const std::optional<QByteArray> keyPem =
            readPem(QStringLiteral("REDIS.TLS_PRIVATE_KEY"), keyFile, error);
        if (!keyPem)
            return std::nullopt;
        QSslKey key(*keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(*keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            return fail(QStringLiteral("REDIS.TLS_PRIVATE_KEY: '%1' is not an unencrypted PEM "
                                       "EC or RSA key")
                            .arg(keyFile));
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key);
    }
    tls.setPeerVerifyMode(verify ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    return tls;
}

} // namespace sender
