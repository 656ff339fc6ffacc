#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace sender {

// The server side of TLS, built once at start from PEM files: the certificate (followed by its
// chain, if any) and the private key (RSA, EC or DSA; encrypted when a password is given). No
// client certificates are asked for. On failure *error names the file and says what is wrong.
std::optional<QSslConfiguration> loadServerTlsConfiguration(const QString &certificatePath,
                                                            const QString &privateKeyPath,
                                                            const QByteArray &privateKeyPassword,
                                                            QString *error);

} // namespace sender
