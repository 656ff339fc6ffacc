#include "gui/models/EventStreamModel.h"

#include "gui/text/Format.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QSet>

#include <iterator>
#include <utility>
#include <vector>

namespace sender {

namespace {

// A placeholder as high as a thumbnail, wide enough for two short words.
QSize thumbnailSize()
{
    return {PictureLoader::kThumbnailHeight * 3 / 2, PictureLoader::kThumbnailHeight};
}

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

void EventStreamModel::setPictureLoader(PictureLoader *loader)
{
    if (m_pictures)
        disconnect(m_pictures, nullptr, this, nullptr);
    m_pictures = loader;
    const int column = columnOf(Face);
    if (!loader || m_rows.empty())
        return;
    Q_EMIT dataChanged(index(0, column), index(int(m_rows.size()) - 1, column));
}

PictureLoader::Key EventStreamModel::pictureKey(int row) const
{
    const EventSample &s = m_rows[size_t(row)].sample;
    return {QUuid::fromString(QLatin1StringView(s.message->attributes(s.index).eventId)),
            images::ImageSlot::Face};
}

void EventStreamModel::appendSamples(const QList<EventSample> &given)
{
    const QList<EventSample> samples = m_historyNewest.isValid() ? withoutHistory(given) : given;
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
    if (overflow > 0)
        removeHead(qMin(overflow, int(m_rows.size())));
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (Row &row : rows)
        m_rows.push_back(std::move(row));
    endInsertRows();
}

void EventStreamModel::removeHead(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    for (auto it = m_rows.begin(); it != m_rows.begin() + count; ++it)
        m_historyRows -= it->number == 0 ? 1 : 0;
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    endRemoveRows();
}

int EventStreamModel::addHistory(const QList<EventSample> &events)
{
    if (events.isEmpty())
        return 0;
    if (m_paused) {
        m_pendingHistory.append(events);
        return 0;
    }
    const int added = mergeHistory(events);
    Q_EMIT countsChanged();
    return added;
}

namespace {

// What makes two samples the same event: the same message and index (a local engine shares
// them), or the same event id of the same account (an attached console decodes each anew).
QByteArray eventKey(const EventSample &s)
{
    const QByteArrayView id = s.message->attributes(s.index).eventId;
    if (id.isEmpty())
        return {};
    return s.account.toRfc4122() + id.toByteArray();
}

using MessageKey = std::pair<const EventMessage *, qsizetype>;

} // namespace

int EventStreamModel::mergeHistory(const QList<EventSample> &events)
{
    QHash<QByteArray, int> byId;
    QHash<MessageKey, int> byMessage;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        const EventSample &s = m_rows[size_t(row)].sample;
        byMessage.insert({s.message.get(), s.index}, row);
        const QByteArray key = eventKey(s);
        if (!key.isEmpty())
            byId.insert(key, row);
    }
    // Where each history event goes: before the row of the next event the list already shows,
    // in arrival order; the ones after the last such event, before the first row that arrived
    // after them (the live rows the history did not have yet).
    struct Group
    {
        int before = 0; // the row (of m_rows now) the group goes before
        std::deque<Row> rows;
    };
    std::vector<Group> groups;
    std::deque<Row> run;
    QSet<QByteArray> seen;
    int lastShown = -1;
    for (const EventSample &e : events) {
        if (!e.message || e.index < 0 || e.index >= e.message->eventCount())
            continue;
        const QByteArray key = eventKey(e);
        if (!key.isEmpty())
            m_historyKeys.insert(key);
        m_historyMessages.insert({e.message.get(), e.index});
        if (!m_historyNewest.isValid() || m_historyNewest < e.receivedAt)
            m_historyNewest = e.receivedAt;
        int shown = byMessage.value({e.message.get(), e.index}, -1);
        if (shown < 0 && !key.isEmpty())
            shown = byId.value(key, -1);
        if (shown >= 0) {
            if (!run.empty())
                groups.push_back({qMax(shown, lastShown + 1), std::exchange(run, {})});
            lastShown = qMax(lastShown, shown);
            continue;
        }
        if (!key.isEmpty()) {
            if (seen.contains(key))
                continue;
            seen.insert(key);
        }
        run.push_back({e, 0, std::nullopt});
    }
    if (!run.empty()) {
        int before = lastShown + 1;
        const QDateTime oldest = run.front().sample.receivedAt;
        while (before < int(m_rows.size()) && m_rows[size_t(before)].sample.receivedAt < oldest)
            ++before;
        groups.push_back({before, std::move(run)});
    }
    int added = 0;
    for (const Group &g : groups)
        added += int(g.rows.size());
    if (added == 0)
        return 0;

    // The cap keeps the newest rows: drop the head of the merged list, history or not.
    int overflow = int(m_rows.size()) + added - m_cap;
    int dropShown = 0; // rows shown now that go too
    size_t next = 0;
    while (overflow > 0) {
        if (next < groups.size() && groups[next].before <= dropShown) {
            std::deque<Row> &rows = groups[next].rows;
            const int n = qMin(overflow, int(rows.size()));
            rows.erase(rows.begin(), rows.begin() + n);
            overflow -= n;
            added -= n;
            if (rows.empty())
                ++next;
        } else {
            ++dropShown;
            --overflow;
        }
    }
    removeHead(dropShown);
    // From the last group back, so that the rows of the groups before stay where they are.
    for (size_t i = groups.size(); i-- > next;) {
        Group &g = groups[i];
        if (g.rows.empty())
            continue;
        const int first = g.before - dropShown;
        beginInsertRows({}, first, first + int(g.rows.size()) - 1);
        m_rows.insert(m_rows.begin() + first, std::make_move_iterator(g.rows.begin()),
                      std::make_move_iterator(g.rows.end()));
        m_historyRows += int(g.rows.size());
        endInsertRows();
    }
    return added;
}

QList<EventSample> EventStreamModel::withoutHistory(const QList<EventSample> &samples)
{
    QList<EventSample> fresh;
    fresh.reserve(samples.size());
    for (const EventSample &s : samples) {
        if (s.receivedAt <= m_historyNewest
            && (m_historyMessages.contains({s.message.get(), s.index})
                || m_historyKeys.contains(eventKey(s))))
            continue;
        fresh.append(s);
    }
    if (!samples.isEmpty() && samples.last().receivedAt > m_historyNewest) {
        m_historyKeys.clear();
        m_historyMessages.clear();
        m_historyNewest = QDateTime();
    }
    return fresh;
}

void EventStreamModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_pendingHistory.clear();
    m_historyRows = 0;
    m_historyKeys.clear();
    m_historyMessages.clear();
    m_historyNewest = QDateTime();
    endResetModel();
    Q_EMIT countsChanged();
}

void EventStreamModel::setCap(int cap)
{
    m_cap = qMax(1, cap);
    if (int(m_rows.size()) > m_cap)
        removeHead(int(m_rows.size()) - m_cap);
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
        const QList<QList<EventSample>> history = std::exchange(m_pendingHistory, {});
        for (const QList<EventSample> &events : history)
            mergeHistory(events);
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
        return r.number ? QString::number(r.number) : QString();
    case Face:
        return {};
    case Time:
        return format::clockTime(s.receivedAt);
    case Account:
        return format::shortUuid(s.account.toString(QUuid::WithoutBraces));
    case Handler:
        return format::shortUuid(s.message->handlerIdText());
    case Recipients:
        // The history does not keep how many clients got an event.
        return r.number ? QString::number(s.recipients) : QString();
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
    if (column == Face && m_pictures && (role == Qt::DecorationRole || role == Qt::ToolTipRole)) {
        // Only what the loader has: asking is the view's part (the rows it shows).
        const PictureLoader::Picture picture = m_pictures->touch(pictureKey(index.row()));
        if (role == Qt::ToolTipRole)
            return picture.detail.isEmpty() ? PictureLoader::reason(picture) : picture.detail;
        if (picture.state == PictureLoader::State::Ready)
            return picture.thumbnail;
        return m_pictures->placeholder(thumbnailSize(), PictureLoader::reason(picture));
    }
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
        if (r.number == 0)
            return QBrush(Qt::gray); // from the history, before the live stream
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
            if (r.number == 0)
                return tr("Event %1 from %2, kept in the engine's history (it arrived before this "
                          "list began)")
                    .arg(summaryAt(index.row()).eventId, sourceKindName(r.sample.kind));
            return tr("Event %1 from %2")
                .arg(summaryAt(index.row()).eventId, sourceKindName(r.sample.kind));
        case Time:
            return format::dateTime(r.sample.receivedAt);
        case Recipients:
            if (r.number == 0)
                return tr("The history does not keep how many clients received this event");
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
        case Face:
            return tr("The captured face, fetched through the service while its row is shown");
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
    case Face:
        return tr("Face");
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
