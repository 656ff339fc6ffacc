#include "gui/models/ConnectionsModel.h"

#include "gui/text/FilterText.h"
#include "gui/text/Format.h"

#include <QSet>

namespace sender {

ConnectionsModel::ConnectionsModel(QObject *parent)
    : LiveTableModel(parent)
{ }

void ConnectionsModel::setConnections(const QList<ConnectionSnapshot> &all)
{
    QList<const ConnectionSnapshot *> subscribers;
    for (const ConnectionSnapshot &c : all) {
        if (c.subscribed) // plain HTTP requests come and go; the console is about subscribers
            subscribers.append(&c);
    }
    // Newcomers in the engine's order (by connection id), whatever order the list came in.
    std::sort(
        subscribers.begin(), subscribers.end(),
        [](const ConnectionSnapshot *a, const ConnectionSnapshot *b) { return a->id < b->id; });
    const auto idOf = [](const ConnectionSnapshot &c) {
        return c.id;
    };
    mergeRows(
        m_rows, subscribers, idOf, idOf,
        [](ConnectionSnapshot &row, const ConnectionSnapshot &c) { row = c; },
        [](const ConnectionSnapshot &c) { return c; }, [this] { reindex(); });
}

void ConnectionsModel::setInstance(const QString &name, const QUuid &id)
{
    if (name == m_instanceName && id == m_instanceId)
        return;
    m_instanceName = name;
    m_instanceId = id;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Instance), index(int(m_rows.size()) - 1, Instance));
}

void ConnectionsModel::reindex()
{
    m_rowOfId.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOfId.insert(m_rows[i].id, i);
}

const ConnectionSnapshot *ConnectionsModel::connectionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    const ConnectionSnapshot *c = connectionAt(index.row());
    if (!c)
        return {};
    if (role == IdRole)
        return c->id;
    if (role == SearchRole) {
        // What a search matches: the shown text and the full texts behind shortened ones.
        if (index.column() == Account)
            return c->account;
        if (index.column() == Filters)
            return QString(data(index, Qt::DisplayRole).toString() + u' ' + c->filterQuery);
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Delivered:
        case Dropped:
        case FilteredOut:
        case QueueBytes:
        case Lag:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case ConnectedAt:
            return c->connectedAt;
        case Delivered:
            return c->delivered;
        case Dropped:
            return c->dropped;
        case FilteredOut:
            return c->filteredOut;
        case QueueBytes:
            return c->queueBytes;
        case Lag:
            return c->lag.ms;
        default:
            role = Qt::DisplayRole;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Peer:
            return c->peer;
        case Account:
            return format::shortUuid(c->account);
        case Filters: {
            // Parsing once per distinct query: a thousand clients usually share a few.
            auto it = m_describedQueries.constFind(c->filterQuery);
            if (it == m_describedQueries.constEnd()) {
                if (m_describedQueries.size() > 4096)
                    m_describedQueries.clear();
                it = m_describedQueries.insert(c->filterQuery, describeQuery(c->filterQuery));
            }
            return *it;
        }
        case ConnectedAt:
            return format::timeOrDate(c->connectedAt);
        case Delivered:
            return format::count(c->delivered);
        case Dropped:
            return format::count(c->dropped);
        case FilteredOut:
            return format::count(c->filteredOut);
        case QueueBytes:
            return format::bytes(c->queueBytes);
        case Lag:
            // Empty while it keeps up, so that who is behind stands out.
            return c->lag.events == 0 ? QString()
                                      : tr("%1 events, %2 s")
                                            .arg(format::count(c->lag.events))
                                            .arg(double(c->lag.ms) / 1000.0, 0, 'f', 1);
        case RequestId:
            return c->requestId;
        case Instance:
            return m_instanceName;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Filters:
            return c->filterQuery.isEmpty()
                ? tr("No filters: the client receives every event of its account")
                : tr("Query: %1").arg(c->filterQuery);
        case ConnectedAt:
            return tr("Connected %1 ago (API version %2)")
                .arg(format::duration(c->connectedAt.secsTo(QDateTime::currentDateTimeUtc())))
                .arg(c->apiVersion);
        case Account:
            return c->account;
        case Dropped:
            return tr("Frames dropped for this client");
        case QueueBytes:
            return tr("Bytes waiting in this client's send queue");
        case Lag:
            return tr("Events that passed this client's filters and are not yet handed to its "
                      "socket, and how long ago the oldest of them arrived");
        case Instance:
            return m_instanceId.isNull()
                ? QString()
                : tr("Instance %1").arg(m_instanceId.toString(QUuid::WithoutBraces));
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Peer:
        return tr("Peer");
    case Account:
        return tr("Account");
    case Filters:
        return tr("Filters");
    case ConnectedAt:
        return tr("Connected since");
    case Delivered:
        return tr("Delivered");
    case Dropped:
        return tr("Dropped");
    case FilteredOut:
        return tr("Filtered out");
    case QueueBytes:
        return tr("Queue");
    case Lag:
        return tr("Behind");
    case RequestId:
        return tr("Request id");
    case Instance:
        return tr("Instance");
    default:
        return {};
    }
}

} // namespace sender
