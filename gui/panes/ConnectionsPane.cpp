#include "gui/panes/ConnectionsPane.h"

#include "gui/models/ConnectionsModel.h"
#include "gui/panes/FilterConditionsView.h"
#include "gui/text/Format.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace sender {

namespace {

QString row(const QString &name, const QString &value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

ConnectionsPane::ConnectionsPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new ConnectionsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_disconnect(new QPushButton(tr("Disconnect…"), this))
    , m_facts(new QLabel(this))
    , m_conditions(new FilterConditionsView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ConnectionsModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(ConnectionsModel::SearchRole);

    m_search->setPlaceholderText(tr("Search peer, account, filters, request id…"));
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("connectionSearch"));
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_search, &QLineEdit::textChanged, this, &ConnectionsPane::updateCount);

    m_disconnect->setObjectName(QStringLiteral("disconnectButton"));
    m_disconnect->setIcon(QIcon(QStringLiteral(":/icons/disconnect.png")));
    m_disconnect->setToolTip(tr("Close the selected client's WebSocket (it is asked to confirm)"));
    m_disconnect->setEnabled(false);
    connect(m_disconnect, &QPushButton::clicked, this, &ConnectionsPane::disconnectSelected);

    m_view->setObjectName(QStringLiteral("connectionsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ConnectionsModel::ConnectedAt, Qt::AscendingOrder);
    format::setUpRowTable(m_view);
    format::fitColumns(m_view,
                       {QStringLiteral("[::ffff:127.0.0.1]:65535"),
                        QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"),
                        QStringLiteral("sources ∈ {cam-01-main-entrance, cam-02-lobby}"),
                        QStringLiteral("00:00:00"), QStringLiteral("99 999 999"),
                        QStringLiteral("99 999"), QStringLiteral("99 999 999"),
                        QStringLiteral("999.9 KiB"),
                        QStringLiteral("1700000000,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a")});
    const int em = m_view->fontMetrics().horizontalAdvance(u'M');
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const ConnectionSnapshot *c = m_model->connectionAt(m_model->rowOf(selectedId()));
        if (!c)
            return;
        QMenu menu(this);
        menu.addAction(m_disconnect->icon(), tr("Disconnect…"), this,
                       &ConnectionsPane::disconnectSelected);
        const QString query = c->filterQuery;
        const QString account = c->account;
        menu.addAction(tr("Copy filter query"), this,
                       [query] { QApplication::clipboard()->setText(query); });
        menu.addAction(tr("Copy account"), this,
                       [account] { QApplication::clipboard()->setText(account); });
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConnectionsPane::showDetails);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ConnectionsPane::showDetails);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConnectionsPane::showDetails);

    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_facts->setMinimumWidth(28 * em);
    m_facts->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_count);
    top->addWidget(m_disconnect);

    // Details beside the table: the pane is wide and short when docked under the stream.
    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_facts);
    detailsLayout->addWidget(m_conditions, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    updateCount();
    showDetails();
}

void ConnectionsPane::setConnections(const QList<ConnectionSnapshot> &connections)
{
    m_model->setConnections(connections);
    updateCount();
}

void ConnectionsPane::clearConnections()
{
    setConnections({});
}

quint64 ConnectionsPane::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(ConnectionsModel::IdRole).toULongLong();
}

void ConnectionsPane::selectId(quint64 id)
{
    const int sourceRow = m_model->rowOf(id);
    if (sourceRow < 0)
        return;
    const QModelIndex at = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    m_view->selectionModel()->select(
        at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(at);
}

void ConnectionsPane::updateCount()
{
    const int all = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == all ? tr("%n client(s)", nullptr, all)
                                  : tr("%1 of %n client(s)", nullptr, all).arg(shown));
}

void ConnectionsPane::showDetails()
{
    const ConnectionSnapshot *c = m_model->connectionAt(m_model->rowOf(selectedId()));
    m_disconnect->setEnabled(c != nullptr);
    if (!c) {
        m_facts->setText(
            QStringLiteral("<i>%1</i>")
                .arg(tr("Select a client to see its details and filters.").toHtmlEscaped()));
        m_conditions->clearFilter();
        m_shownQuery.clear();
        return;
    }
    const qint64 age = c->connectedAt.secsTo(QDateTime::currentDateTimeUtc());
    QString html = QStringLiteral("<table>");
    html += row(tr("Peer"), c->peer);
    html += row(tr("Account"), c->account);
    html += row(tr("Request id"), c->requestId);
    html += row(tr("API"), QStringLiteral("/%1/ws").arg(c->apiVersion));
    html += row(tr("Connected"),
                tr("%1 (%2 ago)").arg(format::dateTime(c->connectedAt), format::duration(age)));
    html += row(tr("Delivered"), format::count(c->delivered));
    html += row(tr("Filtered out"), format::count(c->filteredOut));
    html += row(tr("Dropped"), format::count(c->dropped));
    html += row(tr("Send queue"), format::bytes(c->queueBytes));
    html += row(tr("Bytes sent"), format::bytes(qint64(c->bytesSent)));
    html += row(tr("Query"), c->filterQuery.isEmpty() ? tr("(none)") : c->filterQuery);
    html += QStringLiteral("</table>");
    m_facts->setText(html);
    if (m_shownQuery != c->filterQuery || m_conditions->topLevelItemCount() == 0) {
        m_shownQuery = c->filterQuery;
        m_conditions->showQuery(c->filterQuery);
    }
}

void ConnectionsPane::disconnectSelected()
{
    const ConnectionSnapshot *selected = m_model->connectionAt(m_model->rowOf(selectedId()));
    if (!selected)
        return;
    const ConnectionSnapshot c = *selected; // the model may change while the box is open
    QMessageBox box(QMessageBox::Warning, tr("Disconnect client"), tr("Disconnect %1?").arg(c.peer),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("disconnectConfirmation"));
    box.setInformativeText(
        tr("Account %1\nFilters: %2\n\nThe client's WebSocket is closed "
           "(code 1000). A client that reconnects is accepted again.")
            .arg(c.account,
                 m_model->data(m_model->index(m_model->rowOf(c.id), ConnectionsModel::Filters))
                     .toString()));
    QPushButton *yes = box.addButton(tr("Disconnect"), QMessageBox::DestructiveRole);
    QPushButton *no = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(no);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    // The reason travels in the close frame to the client: it is protocol text, not UI.
    Q_EMIT disconnectRequested(c.id, QStringLiteral("disconnected by the operator"));
}

} // namespace sender
