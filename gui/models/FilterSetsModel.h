#pragma once

#include "gui/models/LiveTableModel.h"
#include "snapshots/EngineSnapshot.h"

namespace sender {

// The hub's filter groups: clients of one account that share an identical filter set, with the
// readable conditions and how many events the set passed and filtered out. Updated in place.
class FilterSetsModel : public LiveTableModel
{
    Q_OBJECT
public:
    enum Column { Account, Conditions, Clients, Passed, FilteredOut, PassRate, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit FilterSetsModel(QObject *parent = nullptr);

    void setFilterSets(const QList<FilterSetSnapshot> &groups);
    const FilterSetSnapshot *groupAt(int row) const;
    int rowOf(const QUuid &account, const QString &filterQuery) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        FilterSetSnapshot group;
        QString conditions;
    };
    QList<Row> m_rows;
};

} // namespace sender
