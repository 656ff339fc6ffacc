#include "net/TlsConfiguration.h"

#include "net/NetLog.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace sender {

namespace {

std::optional<QByteArray> readFile(const QString &what, const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("cannot read the TLS %1 '%2': %3").arg(what, path, file.errorString());
        return std::nullopt;
    }
    // A PEM certificate chain or key is a few KB; anything huge is not one.
    const QByteArray data = file.read(1024 * 1024 + 1);
    if (data.size() > 1024 * 1024) {
        *error = QStringLiteral("the TLS %1 '%2' is over 1 MB: not a PEM file").arg(what, path);
        return std::nullopt;
    }
    return data;
}

} // namespace

std::optional<QSslConfiguration> loadServerTlsConfiguration(const QString &certificatePath,
                                                            const QString &privateKeyPath,
                                                            const QByteArray &privateKeyPassword,
                                                            QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is configured (SERVER.TLS_CERTIFICATE) but this Qt has no "
                                "working TLS backend (%1)")
                     .arg(QSslSocket::sslLibraryVersionString().isEmpty()
                              ? QStringLiteral("OpenSSL not found")
                              : QSslSocket::sslLibraryVersionString());
        return std::nullopt;
    }

    const std::optional<QByteArray> certificateData =
        readFile(QStringLiteral("certificate"), certificatePath, error);
    if (!certificateData)
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certificateData, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("the TLS certificate '%1' holds no PEM certificate "
                                "(-----BEGIN CERTIFICATE-----)")
                     .arg(certificatePath);
        return std::nullopt;
    }
    const QSslCertificate &certificate = chain.first();

    const std::optional<QByteArray> keyData =
        readFile(QStringLiteral("private key"), privateKeyPath, error);
    if (!keyData)
        return std::nullopt;
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(*keyData, algorithm, QSsl::Pem, QSsl::PrivateKey, privateKeyPassword);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        const bool encrypted = keyData->contains("ENCRYPTED");
        *error = encrypted && privateKeyPassword.isEmpty()
            ? QStringLiteral("the TLS private key '%1' is encrypted: set "
                             "SERVER.TLS_PRIVATE_KEY_PASSWORD")
                  .arg(privateKeyPath)
            : encrypted ? QStringLiteral("cannot decrypt the TLS private key '%1': wrong "
                                         "SERVER.TLS_PRIVATE_KEY_PASSWORD?")
                              .arg(privateKeyPath)
                        : QStringLiteral("the TLS private key '%1' holds no PEM private key "
                                         "(RSA, EC or DSA)")
                              .arg(privateKeyPath);
        return std::nullopt;
    }
    // Without linking OpenSSL ourselves, type and size are what can be compared; a key of the
    // same type and size but another pair fails every handshake (logged per connection).
    const QSslKey publicKey = certificate.publicKey();
    if (key.algorithm() != publicKey.algorithm() || key.length() != publicKey.length()) {
        *error = QStringLiteral("the TLS private key '%1' does not belong to the certificate '%2' "
                                "(different key types or sizes)")
                     .arg(privateKeyPath, certificatePath);
        return std::nullopt;
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (certificate.expiryDate() < now)
        qCWarning(lcNet, "the TLS certificate '%s' expired on %s; clients will refuse it",
                  qUtf8Printable(certificatePath),
                  qUtf8Printable(certificate.expiryDate().toString(Qt::ISODate)));
    else if (certificate.effectiveDate() > now)
        qCWarning(lcNet, "the TLS certificate '%s' is valid only from %s",
                  qUtf8Printable(certificatePath),
                  qUtf8Printable(certificate.effectiveDate().toString(Qt::ISODate)));

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

} // namespace sender
