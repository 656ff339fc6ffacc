#pragma once

#include "engine/EngineSnapshot.h"
#include "events/EventMessage.h"
#include "filters/SubscriptionFilter.h"

#include <QAbstractTableModel>

#include <deque>
#include <optional>

namespace sender {

// The live event list: a capped window over the sampled events. Batches come in as one
// beginInsertRows; the head beyond the cap goes in one beginRemoveRows, so the model never holds
// more than cap() rows and the view is told twice per batch, not once per event. Summaries are
// made on first display, so events that scroll by unseen cost only their bookkeeping.
//
// While paused the rows stay as they are; new events wait (up to the cap, oldest first out) and
// are added on resume. With a verdict filter (the filter playground) a first column tells whether
// a client with that filter and account would get each event.
class EventStreamModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Verdict,
        Number,
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
    void clear();

    void setCap(int cap);
    int cap() const { return m_cap; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int pendingCount() const { return int(m_pending.size()); }
    quint64 receivedCount() const { return m_nextNumber - 1; }

    // Playground mode: the filter and account a client would subscribe with (no account: any).
    void setVerdictFilter(const std::optional<SubscriptionFilter> &filter,
                          const std::optional<QUuid> &account);
    bool hasVerdictFilter() const { return m_verdictFilter.has_value(); }
    bool passes(const EventSample &sample) const;
    bool passes(int row) const { return passes(m_rows[size_t(row)].sample); }

    // The view's column of a Column (Verdict exists only in playground mode); -1 if absent.
    int columnOf(Column column) const;
    Column columnAt(int section) const { return Column(section + m_firstColumn); }

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
    QString searchText(const Row &row) const;
    QString displayText(const Row &row, Column column) const;

    Mode m_mode;
    int m_firstColumn;
    int m_cap = 10000;
    bool m_paused = false;
    quint64 m_nextNumber = 1;
    std::deque<Row> m_rows;
    std::deque<Row> m_pending;
    std::optional<SubscriptionFilter> m_verdictFilter;
    std::optional<QUuid> m_verdictAccount;
};

} // namespace sender
