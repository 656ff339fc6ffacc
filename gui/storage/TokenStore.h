#pragma once

#include <QHash>
#include <QObject>

namespace sender {

// Where the console keeps monitoring tokens: the system keyring (Secret Service, KWallet) through
// QtKeychain, one entry per service address. When no keyring runs, tokens are kept in memory for
// this session only and fallbackNote() says so: they are never written to a file in clear text
// (QtKeychain's "insecure fallback" stays off).
class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    // The console's one store, so that session-only tokens outlive the dialog that asked for them.
    static TokenStore *instance();

    // Asynchronous: emits loaded() for this service (an empty token when none is kept).
    void load(const QString &service);
    // Asynchronous: emits saved(); an empty token forgets the service's entry.
    void save(const QString &service, const QString &token);

    // Empty while the keyring works; else a sentence for the user about the session-only fallback.
    QString fallbackNote() const;
    bool keyringAvailable() const { return m_keyringAvailable; }

    // The key of a service in the keyring: scheme, host and port, without path or credentials.
    static QString serviceKey(const QString &url);

Q_SIGNALS:
    void loaded(const QString &service, const QString &token);
    void saved(const QString &service, bool inKeyring);

private:
    void keyringFailed(const QString &why);

    QHash<QString, QString> m_session; // service -> token, when the keyring is unavailable
    bool m_keyringAvailable = true;
};

} // namespace sender
