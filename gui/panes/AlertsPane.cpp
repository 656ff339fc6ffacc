#include "gui/panes/AlertsPane.h"

#include "gui/models/JsonTreeModel.h"
#include "gui/panes/EventPictures.h"

#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace sender {

namespace {

// Light backgrounds that keep black text readable; critical must stand out from across a room.
QColor severityColour(alerts::Severity severity)
{
    switch (severity) {
    case alerts::Severity::Critical:
        return QColor(0xf4, 0x9a, 0x9a);
    case alerts::Severity::Warning:
        return QColor(0xff, 0xdd, 0x88);
    case alerts::Severity::Info:
        return QColor(0xcc, 0xe0, 0xff);
    }
    return {};
}

QString severityText(alerts::Severity severity)
{
    switch (severity) {
    case alerts::Severity::Critical:
        return AlertsPane::tr("critical");
    case alerts::Severity::Warning:
        return AlertsPane::tr("warning");
    case alerts::Severity::Info:
        return AlertsPane::tr("info");
    }
    return {};
}

} // namespace

AlertsPane::AlertsPane(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_jsonView(new QTreeView(this))
    , m_json(new JsonTreeModel(this))
    , m_pictures(new EventPictures(this))
    , m_name(new QLineEdit(this))
    , m_comment(new QLineEdit(this))
    , m_acknowledge(new QPushButton(tr("Acknowledge"), this))
    , m_rules(new QPushButton(tr("Rules…"), this))
    , m_sound(new QCheckBox(tr("Sound on critical alerts"), this))
    , m_error(new QLabel(this))
{
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Severity"), tr("Rule"), tr("Source"),
                                        tr("Match"), tr("Attributes"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_jsonView->setModel(m_json);

    m_name->setPlaceholderText(tr("Your name"));
    m_comment->setPlaceholderText(tr("Comment (optional)"));
    m_acknowledge->setEnabled(false);

    auto *ackRow = new QHBoxLayout;
    ackRow->addWidget(new QLabel(tr("Acknowledge as:"), this));
    ackRow->addWidget(m_name, 1);
    ackRow->addWidget(m_comment, 2);
    ackRow->addWidget(m_acknowledge);
    // Apart from the acknowledge row: in a narrow dock the name and comment keep their room.
    auto *toolRow = new QHBoxLayout;
    toolRow->addWidget(m_sound);
    toolRow->addStretch(1);
    toolRow->addWidget(m_rules);
    m_sound->setChecked(true);
    m_rules->setToolTip(
        tr("Edit the alert rules, with a preview of the recent events each would hit"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("alertsSplitter"));
    auto *details = new QWidget(this);
    auto *detailsRow = new QHBoxLayout(details);
    detailsRow->setContentsMargins(0, 0, 0, 0);
    detailsRow->addWidget(m_pictures);
    detailsRow->addWidget(m_jsonView, 1);
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toolRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);
    layout->addLayout(ackRow);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AlertsPane::showSelected);
    connect(m_acknowledge, &QPushButton::clicked, this, &AlertsPane::requestAcknowledge);
    connect(m_name, &QLineEdit::textChanged, this, &AlertsPane::showSelected);
    connect(m_rules, &QPushButton::clicked, this, &AlertsPane::rulesEditorRequested);
}

void AlertsPane::setPictureLoader(PictureLoader *loader)
{
    m_pictures->setLoader(loader);
    showSelected();
}

void AlertsPane::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void AlertsPane::setAlerts(const QList<AlertSnapshot> &alerts)
{
    showError({});
    m_alerts = alerts;
    m_table->setRowCount(int(m_alerts.size()));
    for (int row = 0; row < m_alerts.size(); ++row)
        fillRow(row, m_alerts.at(row));
    showSelected();
}

void AlertsPane::addAlert(const AlertSnapshot &alert)
{
    // An attached console may read an alert both from the log (on attaching) and the stream.
    if (rowOf(alert.id) >= 0) {
        updateAlert(alert);
        return;
    }
    m_alerts.prepend(alert);
    m_table->insertRow(0);
    fillRow(0, alert);
    if (alert.severity == alerts::Severity::Critical) {
        // Flashes the taskbar entry until the window is activated (no-op when it is active).
        QApplication::alert(window());
        Q_EMIT criticalAlertRaised(alert);
    }
}

void AlertsPane::updateAlert(const AlertSnapshot &alert)
{
    const int row = rowOf(alert.id);
    if (row < 0)
        return;
    m_alerts[row] = alert;
    fillRow(row, alert);
    showError({});
    showSelected();
}

int AlertsPane::rowOf(quint64 id) const
{
    for (int row = 0; row < m_alerts.size(); ++row) {
        if (m_alerts.at(row).id == id)
            return row;
    }
    return -1;
}

void AlertsPane::fillRow(int row, const AlertSnapshot &alert)
{
    const QJsonObject &a = alert.attributes;
    QString match;
    if (a.contains(u"label"))
        match = a.value(u"label").toString();
    if (a.contains(u"similarity"))
        match += QStringLiteral(" %1").arg(a.value(u"similarity").toDouble(), 0, 'f', 3);
    QStringList attributes;
    // An event's attributes, or a lag rule's (issue 25): how far the furthest is behind.
    for (const char *key : {"age", "gender", "liveness", "mask", "emotion", "lag_events",
                            "lag_seconds", "subscribers_behind"}) {
        const QJsonValue v = a.value(QLatin1StringView(key));
        if (!v.isUndefined())
            attributes += QLatin1StringView(key) + u'=' + v.toVariant().toString();
    }
    const QString state = alert.acknowledged ? tr("acknowledged by %1").arg(alert.acknowledgedBy)
            + (alert.comment.isEmpty() ? QString() : QStringLiteral(": ") + alert.comment)
                                             : tr("new");
    const QStringList texts = {alert.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"),
                               severityText(alert.severity),
                               alert.rule,
                               alert.source,
                               match.trimmed(),
                               attributes.join(u", "),
                               state};
    // An acknowledged alert keeps its colour but fades, so what still needs someone stands out.
    QColor background = severityColour(alert.severity);
    if (alert.acknowledged)
        background = background.lighter(115);
    for (int column = 0; column < ColumnCount; ++column) {
        auto *item = new QTableWidgetItem(texts.at(column));
        item->setBackground(background);
        item->setForeground(QColor(Qt::black));
        if (!alert.acknowledged) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        m_table->setItem(row, column, item);
    }
    // A swatch that stays visible when the row is selected (the selection hides the background).
    QPixmap swatch(12, 12);
    swatch.fill(severityColour(alert.severity).darker(130));
    m_table->item(row, Severity)->setIcon(QIcon(swatch));
    m_table->resizeColumnsToContents();
}

quint64 AlertsPane::selectedId() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_alerts.size() && m_table->selectionModel()->hasSelection()
        ? m_alerts.at(row).id
        : 0;
}

void AlertsPane::showSelected()
{
    const int row = rowOf(selectedId());
    if (row < 0) {
        m_json->clear();
        m_pictures->clear();
        m_acknowledge->setEnabled(false);
        return;
    }
    const AlertSnapshot &alert = m_alerts.at(row);
    // A lag alert has no event, and so no pictures.
    if (alert.event.isEmpty())
        m_pictures->clear();
    else
        m_pictures->setEvent(alert.event);
    m_json->setJson(QJsonDocument(alert.event).toJson(QJsonDocument::Compact));
    m_jsonView->expandToDepth(0);
    m_acknowledge->setEnabled(!alert.acknowledged && !m_name->text().trimmed().isEmpty());
}

void AlertsPane::requestAcknowledge()
{
    const quint64 id = selectedId();
    if (id == 0 || m_name->text().trimmed().isEmpty())
        return;
    Q_EMIT acknowledgeRequested(id, m_name->text().trimmed(), m_comment->text().trimmed());
    m_comment->clear();
}

} // namespace sender
