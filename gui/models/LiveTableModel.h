#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <type_traits>

namespace sender {

// A table of the engine's rows that each new list (about twice a second) updates in place: rows
// whose key is gone are removed, one contiguous run at a time from the end, the others are
// refreshed, and newcomers are appended in the list's order. Selections, the scroll position and
// a proxy's sort order survive every update, which a reset would lose.
// (No Q_OBJECT: it adds no signals, slots or properties of its own.)
class LiveTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    // rowKey(const Row &) and itemKey(const Item &) give the same key for one thing; refresh(Row &,
    // const Item &) updates a kept row, make(const Item &) builds a new one; reindexed() runs
    // whenever rows moved, before the views hear of inserted rows (for a model's own id index).
    template<typename Row, typename Item, typename RowKey, typename ItemKey, typename Refresh,
             typename Make, typename Reindexed>
    void mergeRows(QList<Row> &rows, const QList<const Item *> &items, RowKey rowKey,
                   ItemKey itemKey, Refresh refresh, Make make, Reindexed reindexed)
    {
        using Key = std::decay_t<decltype(itemKey(*items.front()))>;
        QHash<Key, const Item *> incoming;
        incoming.reserve(items.size());
        for (const Item *item : items)
            incoming.insert(itemKey(*item), item);

        bool removed = false;
        for (int row = int(rows.size()) - 1; row >= 0;) {
            if (incoming.contains(rowKey(rows[row]))) {
                --row;
                continue;
            }
            int first = row;
            while (first > 0 && !incoming.contains(rowKey(rows[first - 1])))
                --first;
            beginRemoveRows({}, first, row);
            rows.remove(first, row - first + 1);
            endRemoveRows();
            row = first - 1;
            removed = true;
        }
        if (removed)
            reindexed();

        for (Row &row : rows)
            refresh(row, *incoming.take(rowKey(row)));
        if (!rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(rows.size()) - 1, columnCount() - 1));

        if (incoming.isEmpty())
            return;
        QList<const Item *> added;
        added.reserve(incoming.size());
        for (const Item *item : items) {
            if (incoming.remove(itemKey(*item))) // a key listed twice is added once
                added.append(item);
        }
        const int first = int(rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const Item *item : std::as_const(added))
            rows.append(make(*item));
        reindexed();
        endInsertRows();
    }
};

} // namespace sender
