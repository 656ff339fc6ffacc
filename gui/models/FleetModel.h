#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace sender {

// The fleet (every instance on the attached engine's Redis) as the engine last read it, one row
// per instance, updated in place by instance id so selections and the sort order survive. The
// engine drops an instance that stopped cleanly from its list at once; a user who saw it serving
// expects to see that it stopped rather than a row that silently vanishes, so a row that leaves
// the list while serving or draining stays here as Stopped (at most kMaxStopped of them, the
// oldest forgotten first). A row that leaves while gone was forgotten by the engine
// (FLEET.GONE_KEEP_SECONDS) and goes here too. Display only, like the snapshot it shows.
class FleetModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Serving, Draining and Gone as the engine says; Stopped: it left the list cleanly.
    enum class State : quint8 { Serving, Draining, Gone, Stopped };
    enum Column {
        Name,
        StateColumn,
        Host,
        Listen,
        Monitor,
        Version,
        Uptime,
        Connections,
        EventsIn,
        Delivered,
        Id,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, SortRole, StateRole, AttachedRole };
    static constexpr int kMaxStopped = 100;

    struct Row
    {
        InstanceSnapshot instance;
        State state = State::Serving;
        QDateTime stoppedAt; // Stopped: when it left the list
    };

    explicit FleetModel(QObject *parent = nullptr);

    void setFleet(const FleetSnapshot &fleet);
    void clear();
    const FleetSnapshot &fleet() const { return m_fleet; }
    const Row *rowAt(int row) const;
    int rowOf(const QUuid &id) const;
    // The attached instance (the engine the console watches), or nullptr before the first fleet.
    const InstanceSnapshot *attached() const;
    static QString stateName(State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Row &row, int column) const;

    FleetSnapshot m_fleet;
    QList<Row> m_rows;
};

} // namespace sender
