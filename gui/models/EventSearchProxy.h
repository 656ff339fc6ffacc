#pragma once

#include <QSortFilterProxyModel>

namespace sender {

// The quick search over an event list (any shown column, plus the full account, handler and
// event ids), and for the playground optionally only the events its filter passes. Never sorts:
// the stream is in arrival order.
class EventSearchProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setSearchText(const QString &text);
    QString searchText() const { return m_needle; }
    void setOnlyPassing(bool on);
    bool onlyPassing() const { return m_onlyPassing; }
    // Re-evaluates every row (after the verdict filter changed).
    void refilter() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_needle;
    bool m_onlyPassing = false;
};

} // namespace sender
