#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QTreeWidget;

namespace sender {

// The configuration of an attached service, read-only: what its monitoring port's
// /monitor/v1/config says (secrets masked by the service), one branch per section, each key with
// its value and, when this console knows the key, its description. Changing it is the service's
// business (its configuration file and a reload), not a remote console's.
class RemoteConfigDialog : public QDialog
{
    Q_OBJECT
public:
    RemoteConfigDialog(const QString &instance, QWidget *parent = nullptr);

    void setConfig(const QJsonObject &config);
    void setError(const QString &error);

    QTreeWidget *tree() const { return m_tree; }
    // The value shown for "SECTION.KEY", or a null string when the key is not shown.
    QString valueOf(const QString &id) const;

private:
    QTreeWidget *m_tree;
    QLabel *m_note;
};

} // namespace sender
