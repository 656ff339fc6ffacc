#include "gui/panes/EventDetailView.h"

#include "events/EventMessage.h"
#include "gui/models/JsonTreeModel.h"
#include "gui/panes/EventPictures.h"
#include "gui/text/Format.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace sender {

EventDetailView::EventDetailView(QWidget *parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_pictures(new EventPictures(this))
    , m_summary(new QLabel(this))
    , m_copy(new QToolButton(this))
{
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_copy->setObjectName(QStringLiteral("copyJson"));
    m_copy->setText(tr("Copy as JSON"));
    m_copy->setIcon(QIcon(QStringLiteral(":/icons/copy.png")));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setPopupMode(QToolButton::MenuButtonPopup);
    m_copy->setToolTip(tr("Copy the message as a client receives it"));
    auto *menu = new QMenu(m_copy);
    menu->addAction(tr("Copy as delivered to clients"), this, &EventDetailView::copyDeliveredJson);
    menu->addAction(tr("Copy the event object as published"), this,
                    &EventDetailView::copyEventJson);
    m_copy->setMenu(menu);
    connect(m_copy, &QToolButton::clicked, this, &EventDetailView::copyDeliveredJson);

    auto *expand = new QToolButton(this);
    expand->setText(tr("Expand all"));
    connect(expand, &QToolButton::clicked, m_tree, &QTreeView::expandAll);
    auto *collapse = new QToolButton(this);
    collapse->setText(tr("Collapse all"));
    connect(collapse, &QToolButton::clicked, m_tree, &QTreeView::collapseAll);

    m_tree->setObjectName(QStringLiteral("eventJsonTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    const int em = m_tree->fontMetrics().horizontalAdvance(u'M');
    m_tree->setColumnWidth(JsonTreeModel::Key, 30 * em);
    m_tree->setColumnWidth(JsonTreeModel::Value, 30 * em);
    m_tree->header()->setStretchLastSection(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(expand);
    bar->addWidget(collapse);
    bar->addWidget(m_copy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    auto *body = new QHBoxLayout;
    body->addWidget(m_pictures);
    body->addWidget(m_tree, 1);
    layout->addLayout(body, 1);
    clearSample();
}

void EventDetailView::setPictureLoader(PictureLoader *loader)
{
    m_pictures->setLoader(loader);
    if (m_sample.message)
        m_pictures->setEvent(QJsonDocument::fromJson(eventJson()).object());
}

void EventDetailView::showSample(const EventSample &sample, quint64 number)
{
    m_sample = sample;
    const EventMessage &message = *sample.message;
    m_model->setJson(deliveredJson());
    // Open what matters: the event, and every container on the way to a key attribute.
    m_tree->collapseAll();
    m_tree->expand(m_model->index(0, 0));
    for (const QModelIndex &index : m_model->keyAttributeAncestors())
        m_tree->expand(index);

    m_pictures->setEvent(QJsonDocument::fromJson(eventJson()).object());

    const EventSummary e = summarize(message, sample.index);
    QStringList facts;
    if (!e.source.isEmpty())
        facts += e.source.toHtmlEscaped();
    if (e.age)
        facts += tr("age %1").arg(*e.age);
    if (!e.gender.isEmpty())
        facts += e.gender;
    if (!e.topMatchLabel.isEmpty() || e.topSimilarity)
        facts += tr("top match “%1” %2")
                     .arg(e.topMatchLabel.toHtmlEscaped(),
                          e.topSimilarity ? format::similarity(*e.topSimilarity) : QString());
    // Number 0: an event from the engine's history, which does not keep its recipients.
    if (number)
        facts += tr("%n recipient(s)", nullptr, sample.recipients);
    m_summary->setText(QStringLiteral("<b>%1</b> · %2 · %3")
                           .arg(number ? tr("Event %1").arg(number) : tr("Event from the history"),
                                format::clockTime(sample.receivedAt),
                                facts.join(QStringLiteral(" · "))));
    m_copy->setEnabled(true);
}

void EventDetailView::clearSample()
{
    m_sample = {};
    m_model->clear();
    m_pictures->clear();
    m_summary->setText(
        QStringLiteral("<i>%1</i>").arg(tr("Select an event to see its JSON.").toHtmlEscaped()));
    m_copy->setEnabled(false);
}

QString EventDetailView::summaryText() const
{
    return m_summary->text();
}

QByteArray EventDetailView::eventJson() const
{
    if (!m_sample.message)
        return {};
    return m_sample.message->eventJson(m_sample.index).toByteArray();
}

namespace {

// A JSON string literal, quotes included.
QByteArray quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QByteArray EventDetailView::deliveredJson() const
{
    if (!m_sample.message)
        return {};
    // The layout of the frame a client gets (contract section 4): the event byte-for-byte, then
    // the envelope's fields under their delivered spellings.
    const EventMessage &m = *m_sample.message;
    return "{\"event\": " + eventJson() + ", \"handler_id\": " + quoted(m.handlerIdText())
        + ", \"event-create-time\": " + quoted(m.createTimeText()) + ", \"event-end-time\": "
        + quoted(m.endTimeText()) + ", \"Luna-Request-id\": " + quoted(m.requestIdText()) + '}';
}

void EventDetailView::copyDeliveredJson() const
{
    QApplication::clipboard()->setText(QString::fromUtf8(deliveredJson()));
}

void EventDetailView::copyEventJson() const
{
    QApplication::clipboard()->setText(QString::fromUtf8(eventJson()));
}

} // namespace sender
