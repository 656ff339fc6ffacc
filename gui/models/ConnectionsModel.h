#pragma once

#include "gui/models/LiveTableModel.h"
#include "snapshots/EngineSnapshot.h"

#include <QHash>

namespace sender {

// The subscribed WebSocket clients, updated in place from the engine's ~2 Hz lists: rows of
// clients that left are removed, new clients appended, the rest changed, so selections and the
// sort order survive every update.
class ConnectionsModel : public LiveTableModel
{
    Q_OBJECT
public:
    enum Column {
        Peer,
        Account,
        Filters,
        ConnectedAt,
        Delivered,
        Dropped,
        FilteredOut,
        QueueBytes,
        Lag,
        RequestId,
        Instance,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, SortRole, SearchRole };

    explicit ConnectionsModel(QObject *parent = nullptr);

    void setConnections(const QList<ConnectionSnapshot> &connections);
    // The instance these subscribers are on (the attached one, from the fleet): every row is.
    void setInstance(const QString &name, const QUuid &id);
    const ConnectionSnapshot *connectionAt(int row) const;
    // -1 when gone.
    int rowOf(quint64 id) const { return m_rowOfId.value(id, -1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void reindex();

    QList<ConnectionSnapshot> m_rows;
    QHash<quint64, int> m_rowOfId;
    QString m_instanceName;
    QUuid m_instanceId;
    mutable QHash<QString, QString> m_describedQueries; // canonical query -> readable conditions
};

} // namespace sender
