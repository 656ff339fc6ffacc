#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sender {

class TokenStore;

// "Connect to service…": the address of a running instance's monitoring port (recent ones
// offered) and its token, which is filled in from the keyring and, if the user wants, kept there.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr, TokenStore *tokens = nullptr);

    void setService(const QString &url);
    QUrl service() const;
    QString token() const;

    QComboBox *serviceField() const { return m_service; }
    QLineEdit *tokenField() const { return m_token; }
    QCheckBox *rememberBox() const { return m_remember; }
    QLabel *noteLabel() const { return m_note; }

    void accept() override;

    // An http(s) address with a host, or an empty QUrl.
    static QUrl parseService(const QString &text);

private:
    void serviceChosen();
    void showNote();

    TokenStore *m_tokens;
    QComboBox *m_service;
    QLineEdit *m_token;
    QCheckBox *m_remember;
    QLabel *m_note;
    QDialogButtonBox *m_buttons;
    QString m_error;
    bool m_tokenEdited = false;
};

} // namespace sender
