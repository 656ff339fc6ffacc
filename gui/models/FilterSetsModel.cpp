#include "gui/models/FilterSetsModel.h"

#include "filters/SubscriptionFilter.h"
#include "gui/text/FilterText.h"
#include "gui/text/Format.h"

#include <QHash>
#include <QLocale>

namespace sender {

namespace {

using Key = std::pair<QUuid, QString>;

Key keyOf(const FilterSetSnapshot &g)
{
    return {g.account, g.filterQuery};
}

double passRate(const FilterSetSnapshot &g)
{
    const quint64 seen = g.passed + g.filteredOut;
    return seen ? double(g.passed) / double(seen) : -1;
}

} // namespace

FilterSetsModel::FilterSetsModel(QObject *parent)
    : LiveTableModel(parent)
{ }

void FilterSetsModel::setFilterSets(const QList<FilterSetSnapshot> &groups)
{
    QList<const FilterSetSnapshot *> items;
    items.reserve(groups.size());
    for (const FilterSetSnapshot &g : groups)
        items.append(&g);
    mergeRows(
        m_rows, items, [](const Row &row) { return keyOf(row.group); }, keyOf,
        [](Row &row, const FilterSetSnapshot &g) { row.group = g; },
        [](const FilterSetSnapshot &g) {
            return Row {g, describeQuery(g.filterQuery)};
        },
        [] {});
}

const FilterSetSnapshot *FilterSetsModel::groupAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].group : nullptr;
}

int FilterSetsModel::rowOf(const QUuid &account, const QString &filterQuery) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].group.account == account && m_rows[i].group.filterQuery == filterQuery)
            return i;
    }
    return -1;
}

int FilterSetsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FilterSetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FilterSetsModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    const FilterSetSnapshot &g = r.group;
    if (role == Qt::TextAlignmentRole && index.column() >= Clients)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case Clients:
            return g.members;
        case Passed:
            return g.passed;
        case FilteredOut:
            return g.filteredOut;
        case PassRate:
            return passRate(g);
        default:
            role = Qt::DisplayRole;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Account:
            return format::shortUuid(g.account.toString(QUuid::WithoutBraces));
        case Conditions:
            return r.conditions;
        case Clients:
            return format::count(quint64(g.members));
        case Passed:
            return format::count(g.passed);
        case FilteredOut:
            return format::count(g.filteredOut);
        case PassRate: {
            const double rate = passRate(g);
            return rate < 0 ? QStringLiteral("—")
                            : QLocale().toString(rate * 100, 'f', 1) + QStringLiteral(" %");
        }
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Account)
            return g.account.toString(QUuid::WithoutBraces);
        if (index.column() == Conditions)
            return g.filterQuery.isEmpty() ? tr("No filters: every event of the account")
                                           : tr("Query: %1").arg(g.filterQuery);
        return data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant FilterSetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Account:
        return tr("Account");
    case Conditions:
        return tr("Conditions");
    case Clients:
        return tr("Clients");
    case Passed:
        return tr("Passed");
    case FilteredOut:
        return tr("Filtered out");
    case PassRate:
        return tr("Pass rate");
    default:
        return {};
    }
}

} // namespace sender
