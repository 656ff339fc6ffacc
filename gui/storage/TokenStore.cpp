#include "gui/storage/TokenStore.h"

#include <QLoggingCategory>
#include <QUrl>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcTokens, "sender.console.tokens", QtInfoMsg)

namespace sender {

namespace {

const QString kKeychainService = QStringLiteral("luna-sender monitoring token");

// Errors that mean "there is no keyring here", as opposed to "this entry does not exist".
bool noKeyring(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError || error == QKeychain::AccessDenied;
}

} // namespace

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{ }

TokenStore *TokenStore::instance()
{
    static TokenStore *store = new TokenStore; // lives as long as the process: session tokens
    return store;
}

QString TokenStore::serviceKey(const QString &url)
{
    const QUrl u(url);
    return u
        .adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                  | QUrl::StripTrailingSlash)
        .toString();
}

QString TokenStore::fallbackNote() const
{
    if (m_keyringAvailable)
        return {};
    return tr("No system keyring is running (Secret Service or KWallet): the token is kept for "
              "this session only and asked again next time.");
}

void TokenStore::keyringFailed(const QString &why)
{
    if (m_keyringAvailable)
        qCInfo(lcTokens, "no usable keyring (%s): tokens are kept for this session only",
               qUtf8Printable(why));
    m_keyringAvailable = false;
}

void TokenStore::load(const QString &service)
{
    const QString key = serviceKey(service);
    if (!m_keyringAvailable) {
        Q_EMIT loaded(service, m_session.value(key));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kKeychainService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, service, key, job] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT loaded(service, job->textData());
            return;
        }
        if (noKeyring(job->error()))
            keyringFailed(job->errorString());
        Q_EMIT loaded(service, m_session.value(key));
    });
    job->start();
}

void TokenStore::save(const QString &service, const QString &token)
{
    const QString key = serviceKey(service);
    if (token.isEmpty())
        m_session.remove(key);
    else
        m_session.insert(key, token);
    if (!m_keyringAvailable) {
        Q_EMIT saved(service, false);
        return;
    }
    QKeychain::Job *job = nullptr;
    if (token.isEmpty()) {
        auto *remove = new QKeychain::DeletePasswordJob(kKeychainService, this);
        remove->setKey(key);
        job = remove;
    } else {
        auto *write = new QKeychain::WritePasswordJob(kKeychainService, this);
        write->setKey(key);
        write->setTextData(token);
        job = write;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, service, job] {
        const bool ok =
            job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        if (!ok && noKeyring(job->error()))
            keyringFailed(job->errorString());
        Q_EMIT saved(service, ok);
    });
    job->start();
}

} // namespace sender
