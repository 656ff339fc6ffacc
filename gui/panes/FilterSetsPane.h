#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;

namespace sender {

class FilterConditionsView;
class FilterSetsModel;

// Connections grouped by identical filter set: what each set lets through, how often it passed
// and filtered out, and which clients share it.
class FilterSetsPane : public QWidget
{
    Q_OBJECT
public:
    explicit FilterSetsPane(QWidget *parent = nullptr);

    void setFilterSets(const QList<FilterSetSnapshot> &groups);
    void setConnections(const QList<ConnectionSnapshot> &connections);

    FilterSetsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QListWidget *membersView() const { return m_members; }

private:
    void showDetails();

    FilterSetsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_query;
    FilterConditionsView *m_conditions;
    QListWidget *m_members;
    QList<ConnectionSnapshot> m_connections;
    QString m_shownKey;
};

} // namespace sender
