#include "gui/models/FleetModel.h"

#include "gui/text/Format.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QHash>

namespace sender {

namespace {

FleetModel::State stateOf(InstanceSnapshot::State state)
{
    switch (state) {
    case InstanceSnapshot::State::Serving:
        return FleetModel::State::Serving;
    case InstanceSnapshot::State::Draining:
        return FleetModel::State::Draining;
    case InstanceSnapshot::State::Gone:
        return FleetModel::State::Gone;
    }
    return FleetModel::State::Gone;
}

qint64 uptimeSeconds(const InstanceSnapshot &i)
{
    // As of its announcement: the hosts' clocks may differ, the announcement is what it said.
    return i.startedAt.isValid() && i.announcedAt.isValid()
        ? qMax<qint64>(0, i.startedAt.secsTo(i.announcedAt))
        : 0;
}

} // namespace

FleetModel::FleetModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString FleetModel::stateName(State state)
{
    switch (state) {
    case State::Serving:
        return tr("serving");
    case State::Draining:
        return tr("draining");
    case State::Gone:
        return tr("gone");
    case State::Stopped:
        return tr("stopped");
    }
    return {};
}

void FleetModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_fleet = FleetSnapshot();
    endResetModel();
}

void FleetModel::setFleet(const FleetSnapshot &fleet)
{
    m_fleet = fleet;
    QHash<QUuid, const InstanceSnapshot *> incoming;
    for (const InstanceSnapshot &i : fleet.instances) {
        if (!i.id.isNull())
            incoming.insert(i.id, &i);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Rows that left the list: a gone one was forgotten (dropped here too), a live one stopped.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        Row &r = m_rows[row];
        if (incoming.contains(r.instance.id))
            continue;
        if (r.state == State::Gone) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        } else if (r.state != State::Stopped) {
            r.state = State::Stopped;
            r.stoppedAt = now;
            r.instance.self = false;
        }
    }
    for (Row &r : m_rows) {
        if (const InstanceSnapshot *i = incoming.take(r.instance.id)) {
            r.instance = *i;
            r.state = stateOf(i->state);
            r.stoppedAt = {};
        }
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    // Newcomers in the engine's order (itself first, then by name).
    QList<Row> added;
    for (const InstanceSnapshot &i : fleet.instances) {
        if (incoming.contains(i.id))
            added.append(Row {i, stateOf(i.state), {}});
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }
    // The stopped ones are bounded: the oldest go first.
    int stopped = 0;
    for (const Row &r : std::as_const(m_rows))
        stopped += r.state == State::Stopped ? 1 : 0;
    while (stopped > kMaxStopped) {
        int oldest = -1;
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows[row].state == State::Stopped
                && (oldest < 0 || m_rows[row].stoppedAt < m_rows[oldest].stoppedAt))
                oldest = row;
        }
        beginRemoveRows({}, oldest, oldest);
        m_rows.removeAt(oldest);
        endRemoveRows();
        --stopped;
    }
}

const FleetModel::Row *FleetModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int FleetModel::rowOf(const QUuid &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].instance.id == id)
            return row;
    }
    return -1;
}

const InstanceSnapshot *FleetModel::attached() const
{
    for (const InstanceSnapshot &i : m_fleet.instances) {
        if (i.self)
            return &i;
    }
    return nullptr;
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetModel::display(const Row &r, int column) const
{
    const InstanceSnapshot &i = r.instance;
    const bool live = r.state == State::Serving || r.state == State::Draining;
    switch (column) {
    case Name:
        return i.self ? tr("%1 (attached)").arg(i.name) : i.name;
    case StateColumn:
        if (r.state == State::Gone && i.goneSince.isValid())
            return tr("gone since %1").arg(format::timeOrDate(i.goneSince));
        if (r.state == State::Stopped)
            return tr("stopped at %1").arg(format::timeOrDate(r.stoppedAt));
        return stateName(r.state);
    case Host:
        return i.host;
    case Listen:
        return i.listen;
    case Monitor:
        return i.monitor.isEmpty() ? tr("none") : i.monitor;
    case Version:
        return i.version;
    case Uptime:
        return live ? format::duration(uptimeSeconds(i)) : QString();
    case Connections:
        return live ? format::count(quint64(i.connections)) : QString();
    case EventsIn:
        return live ? format::rate(i.eventsPerSecond) : QString();
    case Delivered:
        return live ? format::rate(i.deliveriesPerSecond) : QString();
    case Id:
        return i.id.toString(QUuid::WithoutBraces);
    default:
        return {};
    }
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    const Row *r = rowAt(index.row());
    if (!r)
        return {};
    const InstanceSnapshot &i = r->instance;
    switch (role) {
    case IdRole:
        return i.id;
    case StateRole:
        return int(r->state);
    case AttachedRole:
        return i.self;
    case Qt::DisplayRole:
        return display(*r, index.column());
    case SortRole:
        switch (index.column()) {
        case StateColumn:
            return int(r->state);
        case Uptime:
            return uptimeSeconds(i);
        case Connections:
            return i.connections;
        case EventsIn:
            return i.eventsPerSecond;
        case Delivered:
            return i.deliveriesPerSecond;
        default:
            return display(*r, index.column());
        }
    case Qt::TextAlignmentRole:
        if (index.column() >= Uptime && index.column() <= Delivered)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (i.self) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() != StateColumn)
            return r->state == State::Serving || r->state == State::Draining
                ? QVariant()
                : QVariant(QBrush(QColor(0x80, 0x80, 0x80)));
        switch (r->state) {
        case State::Draining:
            return QBrush(QColor(0xb3, 0x6b, 0x00));
        case State::Gone:
            return QBrush(QColor(0xc0, 0x20, 0x20));
        case State::Stopped:
            return QBrush(QColor(0x80, 0x80, 0x80));
        case State::Serving:
            return {};
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Name:
            return i.self ? tr("The instance this console is attached to") : display(*r, Name);
        case StateColumn:
            switch (r->state) {
            case State::Serving:
                return tr("Announced itself at %1").arg(format::dateTime(i.announcedAt));
            case State::Draining:
                return tr("Closing its subscribers so that they move to the other instances");
            case State::Gone:
                return tr("Its announcement expired (it died, or lost its Redis); last heard "
                          "of at %1")
                    .arg(format::dateTime(i.announcedAt));
            case State::Stopped:
                return tr("It stopped cleanly and left the fleet");
            }
            return {};
        case Connections:
            return tr("%1 connections, %2 of them subscribed")
                .arg(format::count(quint64(i.connections)), format::count(quint64(i.subscribers)));
        case Uptime:
            return tr("Started at %1").arg(format::dateTime(i.startedAt));
        default:
            return display(*r, index.column());
        }
    default:
        return {};
    }
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Instance");
    case StateColumn:
        return tr("State");
    case Host:
        return tr("Host");
    case Listen:
        return tr("Sender port");
    case Monitor:
        return tr("Monitoring port");
    case Version:
        return tr("Version");
    case Uptime:
        return tr("Uptime");
    case Connections:
        return tr("Connections");
    case EventsIn:
        return tr("Events in");
    case Delivered:
        return tr("Delivered");
    case Id:
        return tr("Id");
    default:
        return {};
    }
}

} // namespace sender
