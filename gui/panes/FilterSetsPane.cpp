#include "gui/panes/FilterSetsPane.h"

#include "gui/models/FilterSetsModel.h"
#include "gui/panes/FilterConditionsView.h"
#include "gui/text/Format.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace sender {

FilterSetsPane::FilterSetsPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new FilterSetsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_query(new QLabel(this))
    , m_conditions(new FilterConditionsView(this))
    , m_members(new QListWidget(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FilterSetsModel::SortRole);
    m_view->setObjectName(QStringLiteral("filterSetsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FilterSetsModel::Clients, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    format::fitColumns(m_view,
                       {QStringLiteral("8b8b5937…"),
                        QStringLiteral("sources ∈ {cam-01-main-entrance, cam-02-lobby}"),
                        QStringLiteral("9 999"), QStringLiteral("99 999 999"),
                        QStringLiteral("99 999 999"), QStringLiteral("100.0 %")});
    m_view->horizontalHeader()->setSectionResizeMode(FilterSetsModel::Conditions,
                                                     QHeaderView::Stretch);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FilterSetsPane::showDetails);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &FilterSetsPane::showDetails);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FilterSetsPane::showDetails);

    m_summary->setWordWrap(true);
    m_query->setWordWrap(true);
    m_query->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_members->setObjectName(QStringLiteral("filterSetMembers"));

    auto *conditionsBox = new QGroupBox(tr("Conditions"), this);
    auto *conditionsLayout = new QVBoxLayout(conditionsBox);
    conditionsLayout->addWidget(m_query);
    conditionsLayout->addWidget(m_conditions, 1);
    auto *membersBox = new QGroupBox(tr("Clients sharing this filter set"), this);
    auto *membersLayout = new QVBoxLayout(membersBox);
    membersLayout->addWidget(m_members);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(conditionsBox, 3);
    detailsLayout->addWidget(membersBox, 2);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    setFilterSets({});
}

void FilterSetsPane::setFilterSets(const QList<FilterSetSnapshot> &groups)
{
    m_model->setFilterSets(groups);
    int clients = 0;
    for (const FilterSetSnapshot &g : groups)
        clients += g.members;
    m_summary->setText(tr("%n filter set(s)", nullptr, int(groups.size())) + QStringLiteral(" · ")
                       + tr("%n client(s)", nullptr, clients) + QStringLiteral(" · ")
                       + tr("each set's filter runs once per event for all its clients"));
}

void FilterSetsPane::setConnections(const QList<ConnectionSnapshot> &connections)
{
    m_connections = connections;
    m_shownKey.clear(); // members may have changed
    showDetails();
}

void FilterSetsPane::showDetails()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const FilterSetSnapshot *g =
        rows.isEmpty() ? nullptr : m_model->groupAt(m_proxy->mapToSource(rows.first()).row());
    if (!g) {
        m_query->setText(tr("Select a filter set to see its conditions and clients."));
        m_conditions->clearFilter();
        m_members->clear();
        m_shownKey.clear();
        return;
    }
    const QString account = g->account.toString(QUuid::WithoutBraces);
    const QString key = account + u'?' + g->filterQuery;
    if (key == m_shownKey)
        return;
    m_shownKey = key;
    m_query->setText(g->filterQuery.isEmpty()
                         ? tr("No query: every event of account %1").arg(account)
                         : tr("Query: %1").arg(g->filterQuery));
    m_conditions->showQuery(g->filterQuery);
    m_members->clear();
    for (const ConnectionSnapshot &c : std::as_const(m_connections)) {
        if (c.subscribed && c.account == account && c.filterQuery == g->filterQuery)
            m_members->addItem(
                tr("%1 · since %2 · %3 delivered")
                    .arg(c.peer, format::dateTime(c.connectedAt), format::count(c.delivered)));
    }
}

} // namespace sender
