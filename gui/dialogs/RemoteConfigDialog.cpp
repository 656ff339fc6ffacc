#include "gui/dialogs/RemoteConfigDialog.h"

#include "config/ConfigSchema.h"
#include "gui/text/TranslatableTexts.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sender {

namespace {

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
    case QJsonValue::Object: {
        const QJsonDocument doc =
            value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace

RemoteConfigDialog::RemoteConfigDialog(const QString &instance, QWidget *parent)
    : QDialog(parent)
    , m_tree(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("remoteConfigDialog"));
    setWindowTitle(tr("Configuration of %1").arg(instance));
    m_note->setObjectName(QStringLiteral("remoteConfigNote"));
    m_note->setWordWrap(true);
    m_note->setText(tr("Read-only: this is the configuration the service at %1 runs with (secrets "
                       "masked). Change it in the service's configuration file.")
                        .arg(instance));
    m_tree->setObjectName(QStringLiteral("remoteConfigTree"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Key"), tr("Value"), tr("Description")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setWordWrap(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(1, 260);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    resize(900, 600);
}

void RemoteConfigDialog::setConfig(const QJsonObject &config)
{
    m_tree->clear();
    // The schema's section order where this console knows the sections, then the others.
    QStringList sections;
    for (const QString &section : ConfigSchema::sections()) {
        if (config.contains(section))
            sections.append(section);
    }
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (!sections.contains(it.key()))
            sections.append(it.key());
    }
    for (const QString &section : std::as_const(sections)) {
        auto *branch = new QTreeWidgetItem(m_tree, {sectionTitle(section)});
        branch->setData(0, Qt::UserRole, section);
        QFont bold = branch->font(0);
        bold.setBold(true);
        branch->setFont(0, bold);
        const QJsonObject keys = config.value(section).toObject();
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            const ConfigKey *known = ConfigSchema::find(section, it.key());
            QString value = valueText(it.value());
            if (known && known->unit[0] != '\0' && !value.isEmpty())
                value = tr("%1 %2").arg(value, translatedUnit(*known));
            auto *item = new QTreeWidgetItem(
                branch, {it.key(), value, known ? translatedDescription(*known) : QString()});
            item->setData(0, Qt::UserRole, QStringLiteral("%1.%2").arg(section, it.key()));
            item->setToolTip(2, item->text(2));
        }
    }
    m_tree->expandAll();
}

void RemoteConfigDialog::setError(const QString &error)
{
    m_note->setText(error);
}

QString RemoteConfigDialog::valueOf(const QString &id) const
{
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *branch = m_tree->topLevelItem(s);
        for (int k = 0; k < branch->childCount(); ++k) {
            if (branch->child(k)->data(0, Qt::UserRole).toString() == id)
                return branch->child(k)->text(1);
        }
    }
    return {};
}

} // namespace sender
