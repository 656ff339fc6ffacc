#include "gui/models/EventStreamModel.h"

#include "gui/text/Format.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace sender {

namespace {

const QColor kAlarm(0xc0, 0x39, 0x2b);
const QColor kPass(0x2f, 0x8f, 0x4e);

} // namespace

EventStreamModel::EventStreamModel(Mode mode, QObject *parent)
    : QAbstractTableModel(parent)
    , m_mode(mode)
    , m_firstColumn(mode == Mode::Playground ? 0 : 1)
{ }

int EventStreamModel::columnOf(Column column) const
{
    const int section = int(column) - m_firstColumn;
    return section >= 0 ? section : -1;
}

void EventStreamModel::appendSamples(const QList<EventSample> &samples)
{
    if (samples.isEmpty())
        return;
    // Only the newest cap() events of a batch can ever be shown.
    const qsizetype skip = qMax<qsizetype>(0, samples.size() - m_cap);
    m_nextNumber += quint64(skip);
    std::deque<Row> rows;
    for (qsizetype i = skip; i < samples.size(); ++i)
        rows.push_back({samples[i], m_nextNumber++, std::nullopt});
    if (m_paused) {
        for (Row &row : rows)
            m_pending.push_back(std::move(row));
        while (m_pending.size() > size_t(m_cap))
            m_pending.pop_front();
    } else {
        insert(std::move(rows));
    }
    Q_EMIT countsChanged();
}

void EventStreamModel::insert(std::deque<Row> &&rows)
{
    if (rows.empty())
        return;
    const int incoming = int(rows.size());
    const int overflow = int(m_rows.size()) + incoming - m_cap;
    if (overflow > 0) {
        const int removed = qMin(overflow, int(m_rows.size()));
        if (removed > 0) {
            beginRemoveRows({}, 0, removed - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + removed);
            endRemoveRows();
        }
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (Row &row : rows)
        m_rows.push_back(std::move(row));
    endInsertRows();
}

void EventStreamModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    endResetModel();
    Q_EMIT countsChanged();
}

void EventStreamModel::setCap(int cap)
{
    m_cap = qMax(1, cap);
    if (int(m_rows.size()) > m_cap) {
        const int removed = int(m_rows.size()) - m_cap;
        beginRemoveRows({}, 0, removed - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + removed);
        endRemoveRows();
    }
    while (m_pending.size() > size_t(m_cap))
        m_pending.pop_front();
    Q_EMIT countsChanged();
}

void EventStreamModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused) {
        std::deque<Row> pending;
        pending.swap(m_pending);
        insert(std::move(pending));
    }
    Q_EMIT countsChanged();
}

void EventStreamModel::setVerdictFilter(const std::optional<SubscriptionFilter> &filter,
                                        const std::optional<QUuid> &account)
{
    m_verdictFilter = filter;
    m_verdictAccount = account;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
}

bool EventStreamModel::passes(const EventSample &sample) const
{
    if (!m_verdictFilter || !sample.message)
        return false;
    if (m_verdictAccount && *m_verdictAccount != sample.account)
        return false; // events of one account never reach a client of another
    return m_verdictFilter->matches(*sample.message, sample.index);
}

const EventSummary &EventStreamModel::summaryAt(int row) const
{
    const Row &r = m_rows[size_t(row)];
    if (!r.summary)
        r.summary = summarize(*r.sample.message, r.sample.index);
    return *r.summary;
}

int EventStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventStreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount - m_firstColumn;
}

QString EventStreamModel::displayText(const Row &r, Column column) const
{
    const EventSample &s = r.sample;
    switch (column) {
    case Verdict:
        if (!m_verdictFilter)
            return {};
        return passes(s) ? tr("passes") : tr("filtered out");
    case Number:
        return QString::number(r.number);
    case Time:
        return format::clockTime(s.receivedAt);
    case Account:
        return format::shortUuid(s.account.toString(QUuid::WithoutBraces));
    case Handler:
        return format::shortUuid(s.message->handlerIdText());
    case Recipients:
        return QString::number(s.recipients);
    default:
        break;
    }
    if (!r.summary)
        r.summary = summarize(*s.message, s.index);
    const EventSummary &e = *r.summary;
    switch (column) {
    case Source:
        return e.source;
    case AgeGender:
        if (e.age && !e.gender.isEmpty())
            return QStringLiteral("%1 · %2").arg(*e.age).arg(e.gender);
        return e.age ? QString::number(*e.age) : e.gender;
    case Emotion:
        return e.emotion;
    case Mask:
        return e.mask;
    case Liveness:
        return e.liveness;
    case TopMatch:
        return e.topMatchLabel;
    case Similarity:
        return e.topSimilarity ? format::similarity(*e.topSimilarity) : QString();
    default:
        return {};
    }
}

QString EventStreamModel::searchText(const Row &r) const
{
    QStringList parts;
    for (int c = Number; c < ColumnCount; ++c)
        parts += displayText(r, Column(c));
    parts += r.sample.account.toString(QUuid::WithoutBraces);
    parts += r.sample.message->handlerIdText();
    parts += r.summary->eventId;
    return parts.join(u'\n');
}

QVariant EventStreamModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const Column column = columnAt(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(r, column);
    case SearchTextRole:
        return searchText(r);
    case VerdictRole:
        return passes(r.sample);
    case Qt::TextAlignmentRole:
        if (column == Number || column == Similarity || column == Recipients)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (column == Verdict && m_verdictFilter)
            return QBrush(passes(r.sample) ? kPass : QColor(Qt::gray));
        if (column == Liveness && summaryAt(index.row()).liveness.contains(u"spoof"))
            return QBrush(kAlarm);
        if (column == Recipients && r.sample.recipients == 0)
            return QBrush(Qt::gray);
        return {};
    case Qt::FontRole:
        if (column == Verdict && m_verdictFilter && passes(r.sample)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Account:
            return r.sample.account.toString(QUuid::WithoutBraces);
        case Handler:
            return r.sample.message->handlerIdText();
        case Number:
            return tr("Event %1 from %2")
                .arg(summaryAt(index.row()).eventId, sourceKindName(r.sample.kind));
        case Time:
            return format::dateTime(r.sample.receivedAt);
        case Recipients:
            return tr("%n client(s) received this event", nullptr, r.sample.recipients);
        default:
            return displayText(r, column);
        }
    default:
        return {};
    }
}

QVariant EventStreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const Column column = columnAt(section);
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Number:
            return tr("Sequence number of the event since the console started");
        case Time:
            return tr("When the engine received the event");
        case Source:
            return tr("event.source: the camera or stream");
        case Recipients:
            return tr("How many WebSocket clients received the event");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Verdict:
        return tr("Verdict");
    case Number:
        return tr("No.");
    case Time:
        return tr("Time");
    case Account:
        return tr("Account");
    case Source:
        return tr("Source");
    case Handler:
        return tr("Handler");
    case AgeGender:
        return tr("Age / gender");
    case Emotion:
        return tr("Emotion");
    case Mask:
        return tr("Mask");
    case Liveness:
        return tr("Liveness");
    case TopMatch:
        return tr("Top match");
    case Similarity:
        return tr("Similarity");
    case Recipients:
        return tr("Recipients");
    default:
        return {};
    }
}

} // namespace sender
