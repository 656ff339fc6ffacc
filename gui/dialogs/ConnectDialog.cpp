#include "gui/dialogs/ConnectDialog.h"

#include "gui/storage/RecentServices.h"
#include "gui/storage/TokenStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sender {

ConnectDialog::ConnectDialog(QWidget *parent, TokenStore *tokens)
    : QDialog(parent)
    , m_tokens(tokens ? tokens : TokenStore::instance())
    , m_service(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Keep the token in the system keyring"), this))
    , m_note(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to service"));
    m_service->setObjectName(QStringLiteral("serviceField"));
    m_service->setEditable(true);
    m_service->addItems(RecentServices::load());
    m_service->lineEdit()->setPlaceholderText(QStringLiteral("http://127.0.0.1:5081"));
    m_service->setMinimumContentsLength(32);
    m_token->setObjectName(QStringLiteral("tokenField"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("none (a loopback port without a token)"));
    m_remember->setObjectName(QStringLiteral("rememberToken"));
    m_remember->setChecked(true);
    m_note->setObjectName(QStringLiteral("connectNote"));
    m_note->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));

    auto *intro = new QLabel(tr("Attach this console to a running Luna Sender through its "
                                "monitoring port ([MONITOR] in its configuration)."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Service:"), m_service);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(QString(), m_remember);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_service, &QComboBox::currentTextChanged, this, &ConnectDialog::serviceChosen);
    connect(m_token, &QLineEdit::textEdited, this, [this] { m_tokenEdited = true; });
    connect(m_tokens, &TokenStore::loaded, this, [this](const QString &service, const QString &t) {
        // Only the answer for what is still chosen, and never over what the user typed.
        if (TokenStore::serviceKey(service) == TokenStore::serviceKey(m_service->currentText())
            && !m_tokenEdited)
            m_token->setText(t);
        showNote();
    });
    serviceChosen();
}

QUrl ConnectDialog::parseService(const QString &text)
{
    QString trimmed = text.trimmed();
    if (!trimmed.isEmpty() && !trimmed.contains(QStringLiteral("://")))
        trimmed.prepend(QStringLiteral("http://"));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty()
        || (url.scheme() != u"http" && url.scheme() != u"https"))
        return {};
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

void ConnectDialog::setService(const QString &url)
{
    m_service->setCurrentText(url);
}

QUrl ConnectDialog::service() const
{
    return parseService(m_service->currentText());
}

QString ConnectDialog::token() const
{
    return m_token->text().trimmed();
}

void ConnectDialog::serviceChosen()
{
    m_error.clear();
    m_tokenEdited = false;
    m_token->clear();
    const QUrl url = service();
    if (url.isValid())
        m_tokens->load(url.toString());
    showNote();
}

void ConnectDialog::showNote()
{
    QString text = m_error;
    const QString fallback = m_tokens->fallbackNote();
    if (!fallback.isEmpty()) {
        m_remember->setText(tr("Keep the token for this session"));
        text = text.isEmpty() ? fallback : text + u'\n' + fallback;
    }
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void ConnectDialog::accept()
{
    const QUrl url = service();
    if (!url.isValid()) {
        m_error = tr("The service is the monitoring port's address, for example "
                     "http://192.0.2.10:5081.");
        showNote();
        m_service->setFocus();
        return;
    }
    RecentServices::remember(url.toString());
    m_tokens->save(url.toString(), m_remember->isChecked() ? token() : QString());
    QDialog::accept();
}

} // namespace sender
