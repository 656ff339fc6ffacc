#pragma once

#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"
#include "gui/models/PictureLoader.h"
#include "snapshots/EngineSnapshot.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QPointer>
#include <QSet>

#include <deque>
#include <optional>
#include <utility>

namespace sender {

// The live event list: a capped window over the sampled events. Batches come in as one
// beginInsertRows; the head beyond the cap goes in one beginRemoveRows, so the model never holds
// more than cap() rows and the view is told twice per batch, not once per event. Summaries are
// made on first display, so events that scroll by unseen cost only their bookkeeping.
//
// While paused the rows stay as they are; new events wait (up to the cap, oldest first out) and
// are added on resume.
//
// The engine's recent history (addHistory) goes among the rows by arrival: each event once (one
// already shown, the same message and index or the same event id of the same account, is
// skipped), the older ones on top. Those rows have no number (0) and are shown muted. With a
// verdict filter (the filter playground) a first column tells whether a client with that filter and
// account would get each event.
class EventStreamModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Verdict,
        Number,
        Face, // the captured face's thumbnail (PictureLoader), when a loader is set
        Time,
        Account,
        Source,
        Handler,
        AgeGender,
        Emotion,
        Mask,
        Liveness,
        TopMatch,
        Similarity,
        Recipients,
        ColumnCount
    };
    enum Role { SearchTextRole = Qt::UserRole + 1, VerdictRole };
    enum class Mode { Stream, Playground };

    explicit EventStreamModel(Mode mode = Mode::Stream, QObject *parent = nullptr);

    void appendSamples(const QList<EventSample> &samples);
    // Recent events from the engine's history, oldest first; returns how many were not shown
    // yet. While paused they wait for the resume too.
    int addHistory(const QList<EventSample> &events);
    void clear();

    void setCap(int cap);
    int cap() const { return m_cap; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int pendingCount() const { return int(m_pending.size()); }
    quint64 receivedCount() const { return m_nextNumber - 1; }
    // The rows that came from the history rather than the live stream.
    int historyCount() const { return m_historyRows; }
    bool isFromHistory(int row) const { return m_rows[size_t(row)].number == 0; }

    // Playground mode: the filter and account a client would subscribe with (no account: any).
    void setVerdictFilter(const std::optional<SubscriptionFilter> &filter,
                          const std::optional<QUuid> &account);
    bool hasVerdictFilter() const { return m_verdictFilter.has_value(); }
    bool passes(const EventSample &sample) const;
    bool passes(int row) const { return passes(m_rows[size_t(row)].sample); }

    // The view's column of a Column (Verdict exists only in playground mode); -1 if absent.
    int columnOf(Column column) const;
    Column columnAt(int section) const { return Column(section + m_firstColumn); }

    // Where the Face column's thumbnails come from; without one the column stays empty. The model
    // only shows what the loader has: what to load is the view's to say (its visible rows).
    void setPictureLoader(PictureLoader *loader);
    PictureLoader *pictureLoader() const { return m_pictures; }
    PictureLoader::Key pictureKey(int row) const;

    const EventSample &sampleAt(int row) const { return m_rows[size_t(row)].sample; }
    const EventSummary &summaryAt(int row) const;
    quint64 numberAt(int row) const { return m_rows[size_t(row)].number; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged();

private:
    struct Row
    {
        EventSample sample;
        quint64 number = 0;
        mutable std::optional<EventSummary> summary;
    };
    void insert(std::deque<Row> &&rows);
    // Removes the first `count` rows (the cap), keeping the history count right.
    void removeHead(int count);
    int mergeHistory(const QList<EventSample> &events);
    // The live samples that the history gave already (they may come in a batch after it).
    QList<EventSample> withoutHistory(const QList<EventSample> &samples);
    QString searchText(const Row &row) const;
    QString displayText(const Row &row, Column column) const;

    Mode m_mode;
    int m_firstColumn;
    int m_cap = 10000;
    bool m_paused = false;
    quint64 m_nextNumber = 1;
    std::deque<Row> m_rows;
    std::deque<Row> m_pending;
    QList<QList<EventSample>> m_pendingHistory; // answers that came while paused
    int m_historyRows = 0;
    // The events of the last history, until the live samples are past its newest: a live sample
    // arrives (receivedAt) no later than the history has it, so later ones cannot be in it.
    QSet<QByteArray> m_historyKeys;
    QSet<std::pair<const EventMessage *, qsizetype>> m_historyMessages;
    QDateTime m_historyNewest;
    std::optional<SubscriptionFilter> m_verdictFilter;
    std::optional<QUuid> m_verdictAccount;
    QPointer<PictureLoader> m_pictures;
};

} // namespace sender
